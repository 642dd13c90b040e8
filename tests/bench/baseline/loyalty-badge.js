// <loyalty-badge> in plain JavaScript: the yardstick `make bench` measures the Rust bundle against.
// It asks for the same URL with the same headers, decodes as tolerantly, retries as the widget
// does (DESIGN.md, "Retries"), and renders the same markup (shadow root, parts, classes, states,
// the one live region, the retry status, "Show more" paging, the compact badge's disclosure, Intl
// numbers and dates, relative dates with the full date as title) with the Rust widget's own
// stylesheet, which the bench build inlines (esbuild's text loader), so that the two differ only
// in how they are made. tests/bench/baseline.test.mjs checks the markup.
//
// Kept lean on purpose, yet honest: it defines the element at once, renders the same loading
// placeholder, times out, aborts on removal, classifies errors like the widget (automatic retries
// after `Retry-After` or a short random wait, then Retry), dispatches `loyalty-badge:load`,
// `loyalty-badge:error` and `loyalty-badge:toggle`, and supports the attributes the bench and the
// markup check use (user-id, id-type, api-base, locale, time-zone, page-size, variant, theme,
// timeout, member-token, open). Its words are English only (`lang="en"`, as the Rust badge for a
// language without a catalog; `dir` follows the locale); numbers and dates follow the locale.
// Not here: the six other catalogs, api-key, environment/client-id, refresh-interval, the
// sharing of one request between identical badges, and the JavaScript mount() API.
import CSS from "../../../src/ui/styles.css";

const ID_TYPES = ["id", "email", "username", "third_party_id", "facebook_user_id", "twitter_user_id", "mobile_phone_number"];
const ATTRIBUTES = ["user-id", "id-type", "api-base", "locale", "time-zone", "page-size", "variant", "theme", "timeout", "member-token", "open"];
// The request changes with these; the others only re-render.
const REQUEST = ["user-id", "id-type", "api-base", "timeout", "member-token"];
const MAX_SECONDS = 8.64e12;
const BACKOFF_MS = [500, 1000]; // the longest random wait before automatic retry 1 and 2
const MAX_RETRY_AFTER_S = 30;
const RELATIVE_DAYS = 6;
const DAY_MS = 86_400_000;
const RTL_LETTERS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

let sheet;
let panels = 0; // numbers the compact badges' panel ids, as the Rust badge does
const formatters = new Map();
const warned = new Set();

/** Warns once per page about an attribute that does not parse (the default is used). */
function warn(message) {
  if (!warned.has(message)) console.warn(`loyalty-badge: ${message} The default is used.`);
  warned.add(message);
}

/** An element; strings among the children become text nodes (API strings are never parsed). */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const name in attributes) if (attributes[name] != null) element.setAttribute(name, attributes[name]);
  element.append(...children.flat().filter((child) => child != null));
  return element;
}

/** An API string inside a sentence, isolated when it holds right-to-left letters. */
const isolate = (text) => (RTL_LETTERS.test(text) ? `\u2068${text}\u2069` : text);
const plural = (n, one, other) => (n === 1 ? one : other);

/** Whether a BCP 47 tag is written right to left (its script subtag, else its language). */
function rightToLeft(tag) {
  const [language, ...rest] = tag.trim().toLowerCase().split(/[-_]/);
  const script = rest.find((s) => /^[a-z]{4}$/.test(s));
  return script
    ? ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"].includes(script)
    : ["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi"].includes(language);
}

/** `Intl` for a locale and zone, falling back to the browser's locale, then to no zone. */
function formatter(locale, timeZone) {
  const key = `${locale}\n${timeZone}`;
  let f = formatters.get(key);
  if (f) return f;
  const make = (Format, options) => {
    for (const tag of [locale, undefined]) {
      try {
        return new Format(tag, options);
      } catch {}
    }
  };
  const zoned = (options, zone) => (zone && make(Intl.DateTimeFormat, { ...options, timeZone: zone })) || make(Intl.DateTimeFormat, options);
  const short = { year: "numeric", month: "short", day: "numeric" };
  const lazy = (build) => {
    let value;
    return () => (value ??= build());
  };
  const whole = make(Intl.NumberFormat, { maximumFractionDigits: 0 });
  const signed = make(Intl.NumberFormat, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const date = zoned(short, timeZone);
  const calendar = zoned(short, "UTC");
  const dateTime = lazy(() => zoned({ dateStyle: "long", timeStyle: "short" }, timeZone));
  const calendarLong = lazy(() => zoned({ dateStyle: "long" }, "UTC"));
  const dayParts = lazy(() => {
    const options = { year: "numeric", month: "numeric", day: "numeric", calendar: "gregory", numberingSystem: "latn" };
    try {
      return new Intl.DateTimeFormat("en-US", timeZone ? { ...options, timeZone } : options);
    } catch {
      return new Intl.DateTimeFormat("en-US", options);
    }
  });
  const relative = lazy(() => make(Intl.RelativeTimeFormat, { numeric: "auto" }));
  const day = (ms) => {
    const part = (type) => Number(dayParts().formatToParts(ms).find((p) => p.type === type)?.value);
    return Math.floor((Date.UTC(part("year"), part("month") - 1) + (part("day") - 1) * DAY_MS) / DAY_MS);
  };
  const number = (n) => whole?.format(n) ?? String(n);
  f = {
    dir: locale && rightToLeft(locale) ? "rtl" : "ltr",
    number,
    signed: (n) => signed?.format(n) ?? (n > 0 ? `+${n}` : String(n)),
    date: ({ seconds, dateOnly }) => (dateOnly ? calendar : date)?.format(seconds * 1000) ?? iso({ seconds, dateOnly }),
    dateTime: ({ seconds, dateOnly }) => (dateOnly ? calendarLong() : dateTime())?.format(seconds * 1000) ?? iso({ seconds, dateOnly }),
    /** "today", "yesterday", "3 days ago" for a date at most RELATIVE_DAYS calendar days old. */
    relative({ seconds, dateOnly }, now) {
      const age = now - seconds * 1000;
      if (age < -DAY_MS || age > (RELATIVE_DAYS + 2) * DAY_MS) return null;
      const ago = day(now) - (dateOnly ? Math.floor(seconds / 86_400) : day(seconds * 1000));
      return ago >= 0 && ago <= RELATIVE_DAYS ? (relative()?.format(-ago, "day") ?? null) : null;
    },
    summary: (p) =>
      `${number(p.redeemable)} ${plural(p.redeemable, "redeemable point", "redeemable points")} of ${number(p.total)} total. ` +
      `Fan level: ${isolate(p.fanLevel ?? "None yet")}.`,
  };
  formatters.set(key, f);
  return f;
}

/** The `datetime` of a date: the UTC instant, or the calendar day of a date sent without a time. */
function iso({ seconds, dateOnly }) {
  const text = new Date(seconds * 1000).toISOString();
  return dateOnly ? text.slice(0, text.indexOf("T")) : text.replace(/\.\d{3}Z$/, "Z");
}

/** A whole number (`1000` or `1000.0`), else undefined. */
const whole = (value) => (Number.isInteger(value) ? value : undefined);

/** `date_created`: null for no date, `{ seconds, dateOnly }`, or undefined when malformed. */
function readDate(value) {
  if (value == null) return null;
  let seconds;
  let dateOnly = false;
  if (typeof value === "number") seconds = whole(value);
  else if (typeof value === "string") {
    const text = value.trim();
    if (!text) return null;
    if (/^[+-]?\d+$/.test(text)) seconds = Number(text);
    else {
      const m = /^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?(Z|z|([+-])(\d\d):?(\d\d)?)?)?$/.exec(text);
      if (!m) return undefined;
      const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((n) => Number(n ?? 0));
      const date = new Date(0);
      date.setUTCFullYear(year, month - 1, day);
      if (date.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 60 || m[10] > 59 || m[9] > 23) return undefined;
      dateOnly = m[4] === undefined;
      const offset = m[8] ? (m[8] === "-" ? -1 : 1) * (m[9] * 3600 + (m[10] ?? 0) * 60) : 0;
      seconds = date / 1000 + hour * 3600 + minute * 60 + Math.min(second, 59) - offset;
    }
  }
  return Math.abs(seconds) <= MAX_SECONDS ? { seconds, dateOnly } : undefined;
}

/** A 2xx body as points, or a string saying what is wrong with it. */
function decode(json) {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return "expected a JSON object";
  const total = whole(json.total_points);
  const redeemable = whole(json.redeemable_points);
  if (total === undefined || redeemable === undefined) return "total_points and redeemable_points must be whole numbers";
  const activities = [];
  let unreadable = 0;
  for (const entry of Array.isArray(json.activities) ? json.activities : []) {
    const points = whole(entry?.num_points);
    const date = readDate(entry?.date_created);
    const notes = entry?.notes;
    if (typeof entry?.name !== "string" || points === undefined || date === undefined || (notes != null && typeof notes !== "string")) {
      unreadable++;
      continue;
    }
    activities.push({ name: entry.name, points, notes: notes?.trim() ? notes : null, date });
  }
  // Newest first, undated last; a stable sort keeps the API's order for equal dates.
  const key = (activity) => activity.date?.seconds ?? -Infinity;
  activities.sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? 1 : -1));
  const fanLevel = typeof json.fan_level === "string" && json.fan_level.trim() ? json.fan_level : null;
  const id = typeof json.id === "string" || Number.isInteger(json.id) ? String(json.id) : null;
  const purchased = whole(json.num_points_purchased) ?? null;
  return { id, total, redeemable, purchased, fanLevel, activities, unreadable };
}

/** The error the Rust widget reports for an answer (or no answer). */
function failure(kind, message, { code = null, status = null, retryAfter = null } = {}) {
  const retryable = ["network", "timeout", "decode"].includes(kind) ||
    ((kind === "api" || kind === "http") && (code === "internal_error" || status === 408 || status === 429 || status >= 500));
  return { kind, code, status, message, retryable, retryAfter };
}

/** `Retry-After` in whole seconds (a number or an HTTP date), capped at 30; null when absent. */
function retryAfter(value) {
  const text = value?.trim() ?? "";
  const seconds = /^\d+$/.test(text) ? Number(text) : text && Date.parse(text) ? Math.max(0, Math.floor(Date.parse(text) / 1000) - Math.floor(Date.now() / 1000)) : null;
  return seconds === null ? null : Math.min(seconds, MAX_RETRY_AFTER_S);
}

function classify(status, retryAfterHeader, body) {
  let json;
  try {
    json = JSON.parse(body);
  } catch {}
  const wait = retryAfter(retryAfterHeader);
  const code = json?.error;
  if (typeof code === "string") {
    const text = typeof json.message === "string" ? json.message : "";
    if (code.startsWith("token_")) {
      return failure("forbidden", code === "token_expired"
        ? "Your sign-in has expired. Reload the page to see these points."
        : "You are not allowed to see these points. Reload the page and sign in again.", { code, status });
    }
    if (code === "page_not_found" || status === 404 || /user does not exist/i.test(text)) {
      return failure("not-found", "No loyalty account was found for this member.", { code, status });
    }
    const what = isolate(text.trim() ? text : code);
    return failure("api", status === 429 && wait !== null
      ? `The loyalty service is busy (${what}). Try again in ${wait} s.`
      : `The loyalty service refused the request: ${what}`, { code, status, retryAfter: wait });
  }
  if (status < 200 || status > 299) {
    return failure("http", status === 429
      ? `The loyalty service is busy (HTTP 429). Try again ${wait === null ? "shortly" : `in ${wait} s`}.`
      : status >= 500 && status <= 599
        ? `The loyalty service is unavailable right now (HTTP ${status}).`
        : `The loyalty service answered with an error (HTTP ${status}).`, { status, retryAfter: wait });
  }
  const detail = json === undefined
    ? !body.trim() ? "the answer was empty" : body.trimStart().startsWith("<") ? "the answer was an HTML page, not JSON" : "the answer was not valid JSON"
    : decode(json);
  if (typeof detail === "object") return detail;
  return failure("decode", `The loyalty service sent an answer that could not be read (${detail}).`, { status });
}

/** What the attributes ask for: `{ url, token, timeout }`, or an invalid-input error. */
function request(element) {
  const id = element.getAttribute("user-id") ?? "";
  const idType = element.getAttribute("id-type");
  const refuse = (message) => ({ error: failure("invalid-input", message) });
  if (!id.trim()) return refuse("No member id was given.");
  if (id === "." || id === "..") return refuse(`“${isolate(id)}” cannot be used as a member id.`);
  if (/\p{Cc}/u.test(id)) return refuse("The member id contains a control character.");
  const bytes = new TextEncoder().encode(id).length;
  if (bytes > 512) return refuse(`The member id is too long (${bytes.toLocaleString("en-US")} bytes; at most 512).`);
  if (idType !== null && !ID_TYPES.includes(idType)) {
    const shown = [...idType].slice(0, 40).join("").replace(/\p{Cc}/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    return refuse(`“${isolate(shown + ([...idType].length > 40 ? "…" : ""))}” is not a known id type. Use one of: ${ID_TYPES.join(", ")}.`);
  }
  // One path segment: everything but RFC 3986's unreserved characters and `@` is encoded.
  const segment = encodeURIComponent(id).replace(/%40/g, "@").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const base = (element.getAttribute("api-base") ?? "").replace(/\/+$/, "");
  return {
    url: `${base}/v2/users/${segment}/points${idType ? `?id_type=${idType}` : ""}`,
    token: element.getAttribute("member-token"),
    timeout: number(element, "timeout", 1, 10000),
  };
}

function number(element, name, min, fallback) {
  const raw = element.getAttribute(name);
  if (raw === null) return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (value >= min && value <= 0xffffffff) return value;
  warn(`${name}: “${raw}” is not a whole number ≥ ${min}.`);
  return fallback;
}

function oneOf(element, name, names, fallback) {
  const value = element.getAttribute(name);
  if (value === null || names.includes(value)) return value ?? fallback;
  warn(`${name}: “${value}” is not a known ${name}. Use one of: ${names.join(", ")}.`);
  return fallback;
}

const sleep = (ms, signal) => new Promise((done) => {
  const timer = setTimeout(done, ms);
  signal.addEventListener("abort", () => clearTimeout(timer) || done(), { once: true });
});

class LoyaltyBadge extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #root; // the mount point in the shadow root
  // { loading: true, previous, retry } | { points, outdated } | { error }; retry is
  // { seconds } (waiting) or { seconds: null } (the retry's request under way).
  #state = { loading: true };
  #key; // the request the state belongs to
  #controller;
  #pages = 0;
  #open = false;
  #panel; // the compact badge's panel id

  connectedCallback() {
    if (!this.#root) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      this.#root = shadow.appendChild(h("div", { "data-lb-mount": "" }));
      this.#panel = `lb-details-${panels++}`;
      this.#open = this.hasAttribute("open");
    }
    this.#fetch(false);
  }

  disconnectedCallback() {
    this.#controller?.abort();
    this.#controller = null;
    this.#key = null;
  }

  attributeChangedCallback(name) {
    if (!this.#root || !this.isConnected) return;
    if (REQUEST.includes(name)) this.#fetch(false);
    else if (name === "open") this.#toggle(this.hasAttribute("open"));
    else this.#render();
  }

  /** Fetches the points again, keeping the shown figures until the new ones arrive. */
  refresh() {
    if (this.isConnected) this.#fetch(true);
  }

  async #fetch(again) {
    const asked = request(this);
    const key = JSON.stringify(asked);
    if (!again && key === this.#key) return; // nothing the request depends on changed
    const same = key === this.#key;
    this.#key = key;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    if (asked.error) return this.#settle(controller, { error: asked.error });
    const previous = same ? (this.#state.points ?? this.#state.previous) : null;
    if (!previous) this.#pages = 0;
    this.#state = { loading: true, previous };
    this.#render();
    let outcome;
    for (let retries = 0; ; retries++) {
      outcome = await this.#attempt(asked, controller);
      if (controller !== this.#controller || controller.signal.aborted) return; // moved on, or removed
      if (!outcome.kind || !outcome.retryable || retries === BACKOFF_MS.length) break;
      const wait = outcome.retryAfter !== null ? outcome.retryAfter * 1000 : Math.round(BACKOFF_MS[retries] * Math.random());
      this.#state = { loading: true, previous, retry: { seconds: Math.ceil(wait / 1000) } };
      this.#render();
      await sleep(wait, controller.signal);
      if (controller.signal.aborted) return;
      this.#state = { loading: true, previous, retry: { seconds: null } };
      this.#render();
    }
    this.#settle(controller, outcome.kind ? (previous ? { points: previous, outdated: outcome } : { error: outcome }) : { points: outcome });
  }

  /** One request, with its own time limit: the points, or an error. */
  async #attempt(asked, controller) {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    controller.signal.addEventListener("abort", stop, { once: true });
    const timer = setTimeout(stop, asked.timeout);
    try {
      const response = await fetch(asked.url, {
        headers: { Accept: "application/json", ...(asked.token && { "X-Member-Token": asked.token }) },
        signal: attempt.signal,
      });
      const body = await response.text();
      return classify(response.status, response.headers.get("retry-after"), body);
    } catch {
      return controller.signal.aborted || !attempt.signal.aborted
        ? failure("network", "The loyalty service could not be reached. Check your connection and try again.")
        : failure("timeout", `The loyalty service took too long to answer (over ${Math.ceil(asked.timeout / 1000)} ${plural(Math.ceil(asked.timeout / 1000), "second", "seconds")}).`);
    } finally {
      clearTimeout(timer);
      controller.signal.removeEventListener("abort", stop);
    }
  }

  #settle(controller, state) {
    this.#state = state;
    this.#controller = controller === this.#controller ? null : this.#controller;
    this.#render();
    const error = state.error ?? state.outdated;
    const p = state.points;
    const detail = error
      ? { kind: error.kind, code: error.code, status: error.status, message: error.message, retryable: error.retryable }
      : { id: p.id, totalPoints: p.total, redeemablePoints: p.redeemable, numPointsPurchased: p.purchased, fanLevel: p.fanLevel, activityCount: p.activities.length };
    this.dispatchEvent(new CustomEvent(`loyalty-badge:${error ? "error" : "load"}`, { bubbles: true, composed: true, detail }));
  }

  #render() {
    const variant = oneOf(this, "variant", ["full", "compact"], "full");
    const { loading, previous, retry, outdated, points = previous, error } = this.#state;
    const locale = this.getAttribute("locale")?.trim() || document.documentElement.getAttribute("lang")?.trim() || navigator.language;
    const format = formatter(locale, this.getAttribute("time-zone") ?? undefined);
    const state = points ? "loaded" : error ? (error.kind === "not-found" ? "not-found" : "error") : "loading";
    const compactOpen = variant === "compact" && this.#open;
    const waiting = retry ? (retry.seconds === null ? "Trying again…" : `Trying again in ${format.number(retry.seconds)} s…`) : null;
    const words = waiting ?? (outdated ? "These figures may be out of date." : null);
    const said = points ? format.summary(points) : error ? error.message : (waiting ?? "Loading points…");
    const root = h("div", {
      role: "group", class: "lb", "data-state": state, "data-variant": variant,
      "data-theme": oneOf(this, "theme", ["light", "dark", "auto"], "auto"),
      "data-retry": retry ? (retry.seconds === null ? "retrying" : "waiting") : null, "data-outdated": outdated ? "true" : null,
      "data-open": compactOpen ? "" : null, lang: "en", dir: format.dir, "aria-busy": String(!!loading && !retry),
      "aria-label": "Loyalty points", tabindex: "-1",
    });
    const onretry = () => {
      root.focus();
      this.#fetch(true);
    };
    root.onkeydown = (event) => {
      if (variant === "compact" && this.#open && event.key === "Escape") {
        event.stopPropagation();
        this.#toggle(false);
      }
    };
    root.append(h("p", { class: "lb-visually-hidden", role: "status" }, points && words ? `${said} ${words}` : said));
    if (points) root.append(...this.#loaded(points, variant, format, loading && !retry));
    else if (error) root.append(errorNotice(error, onretry));
    else root.append(placeholder(variant, rows(this)));
    root.append(h("div", { class: "lb-retry-status", part: "retry-status" },
      h("p", { class: "lb-retry-status-text", "aria-hidden": "true" }, words),
      outdated?.retryable ? retryButton(outdated, onretry) : null));
    this.#root.replaceChildren(root);
  }

  #loaded(points, variant, format, updating) {
    if (variant !== "compact") return this.#full(points, format, updating);
    const count = format.number(points.redeemable);
    const button = h("button", {
      type: "button", class: "lb-toggle", part: "toggle", "aria-expanded": String(this.#open), "aria-controls": this.#panel,
    },
    h("span", { class: "lb-compact", part: "summary" },
      h("span", { part: "fan-level", dir: "auto" }, points.fanLevel ?? "None yet"),
      h("span", { class: "lb-compact-separator", "aria-hidden": "true" }, "·"),
      h("span", null, h("span", { part: "redeemable" }, count), plural(points.redeemable, " redeemable point", " redeemable points"))),
    h("span", { class: "lb-chevron", "aria-hidden": "true" }));
    button.onclick = () => this.#toggle(!this.#open);
    const details = () => h("div", { id: this.#panel, class: "lb-details" }, this.#full(points, format, updating));
    this.#details = details;
    return this.#open ? [button, details()] : [button];
  }

  #details = null; // draws the compact badge's panel

  /** Opens or closes the compact badge's panel in place (the button keeps focus). */
  #toggle(open) {
    if (open === this.#open) return;
    this.#open = open;
    const root = this.#root.firstChild;
    const button = root?.querySelector(".lb-toggle");
    if (button && this.#details) {
      const panel = root.querySelector(".lb-details");
      const refocus = !open && panel?.contains(this.shadowRoot.activeElement);
      button.setAttribute("aria-expanded", String(open));
      root.toggleAttribute("data-open", open);
      if (open) button.after(this.#details());
      else panel?.remove();
      if (refocus) button.focus();
    }
    this.dispatchEvent(new CustomEvent("loyalty-badge:toggle", { bubbles: true, composed: true, detail: { open } }));
  }

  /** The summary and the history (the full badge; the compact badge's panel). */
  #full(points, format, updating) {
    const fanLevel = points.fanLevel ?? "None yet";
    const figure = (label, part, value, dir) => h("div", { class: "lb-figure" }, h("dt", null, label), h("dd", { part, dir }, value));
    const out = [
      h("dl", { class: "lb-summary", part: "summary", "aria-hidden": "true" },
        figure("Total points", "total", format.number(points.total)),
        figure("Redeemable points", "redeemable", format.number(points.redeemable)),
        figure("Fan level", "fan-level", fanLevel, "auto")),
      updating ? h("p", { class: "lb-updating" }, "Updating…") : null,
      h("p", { class: "lb-heading", "aria-hidden": "true" }, "Points history"),
    ];
    const { activities, unreadable } = points;
    const history = h("div", { class: "lb-history", "data-rows": String(rows(this)) });
    const note = unreadable ? h("p", { class: "lb-note", role: "note" }, `${unreadable} ${plural(unreadable, "entry", "entries")} could not be shown.`) : null;
    if (!activities.length) {
      history.append(...[unreadable ? null : h("p", { class: "lb-empty", part: "empty" }, "No points activity yet."), note].filter(Boolean));
      return [...out, history].filter(Boolean);
    }
    const size = Math.max(number(this, "page-size", 1, 10), 1);
    const list = h("ol", { class: "lb-timeline", part: "timeline", "aria-label": "Points history" });
    const more = h("button", { type: "button", class: "lb-more", part: "more" });
    const now = Date.now();
    let shown = 0;
    // Shows the next page, and the button while anything is left.
    const page = () => {
      const first = shown;
      shown = Math.min(activities.length, shown + size);
      list.append(...activities.slice(first, shown).map((a) => entry(a, format, now)));
      const next = Math.min(activities.length - shown, size);
      if (next) more.textContent = `Show ${format.number(next)} more`;
      else more.remove();
      return list.children[first];
    };
    for (let i = 0; i <= this.#pages; i++) page();
    more.onclick = () => {
      this.#pages++;
      page()?.focus();
    };
    history.append(...[list, note, shown < activities.length ? more : null].filter(Boolean));
    return [...out, history].filter(Boolean);
  }
}

/** Rows the history keeps room for: the page size, up to 10. */
const rows = (element) => Math.min(Math.max(number(element, "page-size", 1, 10), 1), 10);

function retryButton(error, onretry) {
  const button = h("button", { type: "button", class: "lb-retry", part: "retry" }, "Try again");
  if (error.retryAfter) {
    button.setAttribute("disabled", ""); // as Yew writes it
    setTimeout(() => button.removeAttribute("disabled"), error.retryAfter * 1000);
  }
  button.onclick = onretry;
  return button;
}

function errorNotice(error, onretry) {
  return h("div", { class: "lb-error", part: "error", "data-kind": error.kind },
    h("p", { class: "lb-error-message", "aria-hidden": "true" }, error.message),
    error.retryable ? retryButton(error, onretry) : null);
}

function entry(activity, format, now) {
  const { name, points, notes, date } = activity;
  const sign = points > 0 ? "positive" : points < 0 ? "negative" : "zero";
  const amount = format.number(Math.abs(points));
  const words = points < 0 ? `spent ${amount} ${plural(-points, "point", "points")}` : `earned ${amount} ${plural(points, "point", "points")}`;
  let when;
  if (date) {
    const relative = format.relative(date, now);
    when = h("time", { class: "lb-activity-date", part: "activity-date", datetime: iso(date), title: relative ? format.dateTime(date) : null },
      relative ?? format.date(date));
  } else {
    when = h("span", { class: "lb-activity-date lb-activity-date--unknown", part: "activity-date" }, "Date unknown");
  }
  return h("li", { class: "lb-activity", part: "activity", tabindex: "-1" },
    h("span", { class: "lb-activity-name", part: "activity-name", dir: "auto" }, name),
    h("span", { class: "lb-activity-points", part: "activity-points", "data-sign": sign, dir: "ltr", "aria-hidden": "true" }, format.signed(points)),
    h("span", { class: "lb-visually-hidden" }, words),
    when,
    notes ? h("p", { class: "lb-activity-notes", part: "activity-notes", dir: "auto" }, notes) : null);
}

/** The loading state: the loaded layout's size, blank bars for labels and figures. */
function placeholder(variant, rows) {
  const bar = (kind) => h("span", { class: `lb-skeleton lb-skeleton--${kind}` });
  if (variant === "compact") {
    return h("p", { class: "lb-compact lb-loading", part: "loading", "aria-hidden": "true" }, bar("compact"), bar("compact"), "\u200b");
  }
  const figure = () => h("div", { class: "lb-figure" }, h("dt", null, bar("label")), h("dd", null, bar("figure")));
  const row = () => h("li", { class: "lb-activity" }, bar("name"), bar("points"), bar("date"));
  return h("div", { class: "lb-loading", part: "loading", "aria-hidden": "true" },
    h("dl", { class: "lb-summary" }, figure(), figure(), figure()),
    h("p", { class: "lb-heading" }, bar("label")),
    h("div", { class: "lb-history", "data-rows": String(rows) }, h("ul", { class: "lb-timeline" }, ...Array.from({ length: Math.min(rows, 3) }, row))));
}

if (!customElements.get("loyalty-badge")) customElements.define("loyalty-badge", LoyaltyBadge);
