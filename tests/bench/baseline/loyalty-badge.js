// <loyalty-badge> in plain JavaScript: the yardstick `make bench` measures the Rust bundle against.
// It asks for the same URL with the same headers, decodes as tolerantly, and renders the same
// markup (shadow root, parts, classes, states, "Show more" paging, Intl numbers and dates) with
// the Rust widget's own stylesheet, which the bench build inlines (esbuild's text loader), so that
// the two differ only in how they are made. tests/bench/baseline.test.mjs checks the markup.
//
// Kept lean on purpose, yet honest: it defines the element at once, renders the same loading
// placeholder, times out, aborts on removal, classifies errors like the widget (with Retry and
// `Retry-After`), dispatches `loyalty-badge:load` and `loyalty-badge:error`, and supports the
// attributes the bench and the markup check use (user-id, id-type, api-base, locale, time-zone,
// page-size, variant, theme, timeout, member-token). Not here: api-key, environment/client-id,
// refresh-interval and the JavaScript mount() API.
import CSS from "../../../src/ui/styles.css";

const ID_TYPES = ["id", "email", "username", "third_party_id", "facebook_user_id", "twitter_user_id", "mobile_phone_number"];
const ATTRIBUTES = ["user-id", "id-type", "api-base", "locale", "time-zone", "page-size", "variant", "theme", "timeout", "member-token"];
// The request changes with these; the others only re-render.
const REQUEST = ATTRIBUTES.filter((a) => !["locale", "time-zone", "page-size", "variant", "theme"].includes(a));
const MAX_SECONDS = 8.64e12;

let sheet;
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

/** `Intl` for a locale and zone, falling back to the browser's locale, then to no zone. */
function formatter(locale, timeZone) {
  const key = `${locale}\n${timeZone}`;
  let cached = formatters.get(key);
  if (!cached) {
    const make = (Format, options) => {
      for (const tag of [locale, undefined]) {
        try {
          return new Format(tag, options);
        } catch {}
      }
    };
    const day = (zone) => make(Intl.DateTimeFormat, { year: "numeric", month: "short", day: "numeric", ...(zone && { timeZone: zone }) });
    cached = {
      whole: make(Intl.NumberFormat, { maximumFractionDigits: 0 }),
      signed: make(Intl.NumberFormat, { maximumFractionDigits: 0, signDisplay: "exceptZero" }),
      date: day(timeZone) ?? day(),
      calendar: day("UTC"),
    };
    formatters.set(key, cached);
  }
  return cached;
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

function classify(status, retryAfter, body) {
  let json;
  try {
    json = JSON.parse(body);
  } catch {}
  const wait = /^\s*\d+\s*$/.test(retryAfter ?? "") ? Number(retryAfter) : null;
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
    const what = text.trim() ? text : code;
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
  if (id === "." || id === "..") return refuse(`“${id}” cannot be used as a member id.`);
  if (/\p{Cc}/u.test(id)) return refuse("The member id contains a control character.");
  const bytes = new TextEncoder().encode(id).length;
  if (bytes > 512) return refuse(`The member id is too long (${bytes} bytes; at most 512).`);
  if (idType !== null && !ID_TYPES.includes(idType)) {
    const shown = [...idType].slice(0, 40).join("").replace(/\p{Cc}/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    return refuse(`“${shown}${[...idType].length > 40 ? "…" : ""}” is not a known id type. Use one of: ${ID_TYPES.join(", ")}.`);
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

class LoyaltyBadge extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #root; // the mount point in the shadow root
  #state = { loading: true }; // { loading, previous } | { points } | { error }
  #key; // the request the state belongs to
  #controller;
  #pages = 0;

  connectedCallback() {
    if (!this.#root) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      this.#root = shadow.appendChild(h("div"));
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
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, asked.timeout);
    let outcome;
    try {
      const response = await fetch(asked.url, {
        headers: { Accept: "application/json", ...(asked.token && { "X-Member-Token": asked.token }) },
        signal: controller.signal,
      });
      const body = await response.text();
      outcome = classify(response.status, response.headers.get("retry-after"), body);
    } catch {
      outcome = timedOut
        ? failure("timeout", `The loyalty service took too long to answer (over ${Math.ceil(asked.timeout / 1000)} seconds).`)
        : failure("network", "The loyalty service could not be reached. Check your connection and try again.");
    }
    clearTimeout(timer);
    if (controller === this.#controller && (timedOut || !controller.signal.aborted)) {
      this.#settle(controller, outcome.kind ? { error: outcome } : { points: outcome });
    }
  }

  #settle(controller, state) {
    this.#state = state;
    this.#controller = controller === this.#controller ? null : this.#controller;
    this.#render();
    const p = state.points;
    const detail = p
      ? { id: p.id, totalPoints: p.total, redeemablePoints: p.redeemable, numPointsPurchased: p.purchased, fanLevel: p.fanLevel, activityCount: p.activities.length }
      : { kind: state.error.kind, code: state.error.code, status: state.error.status, message: state.error.message, retryable: state.error.retryable };
    this.dispatchEvent(new CustomEvent(`loyalty-badge:${p ? "load" : "error"}`, { bubbles: true, composed: true, detail }));
  }

  #render() {
    const variant = oneOf(this, "variant", ["full", "compact"], "full");
    const { loading, previous, points = previous, error } = this.#state;
    const locale = this.getAttribute("locale")?.trim() || document.documentElement.getAttribute("lang")?.trim() || undefined;
    const format = formatter(locale, this.getAttribute("time-zone") ?? undefined);
    const state = points ? "loaded" : error ? (error.kind === "not-found" ? "not-found" : "error") : "loading";
    const root = h("div", {
      role: "group", class: "lb", "data-state": state, "data-variant": variant,
      "data-theme": oneOf(this, "theme", ["light", "dark", "auto"], "auto"), "aria-busy": String(!!loading),
      "aria-label": "Loyalty points", tabindex: "-1",
    });
    if (points) root.append(...this.#loaded(points, variant, format, loading).filter((node) => node));
    else if (error) root.append(this.#error(error, root));
    else root.append(placeholder(variant));
    this.#root.replaceChildren(root);
  }

  #loaded(points, variant, format, updating) {
    const fanLevel = points.fanLevel ?? "None yet";
    const whole = (n) => format.whole?.format(n) ?? String(n);
    if (variant === "compact") {
      return [h("p", { class: "lb-compact", part: "summary" },
        h("span", { part: "fan-level", dir: "auto" }, fanLevel),
        h("span", { class: "lb-compact-separator", "aria-hidden": "true" }, "·"),
        h("span", null, h("span", { part: "redeemable" }, whole(points.redeemable)), " ", "redeemable points"),
        updating ? h("span", { class: "lb-visually-hidden", role: "status" }, "Updating…") : null)];
    }
    const figure = (label, part, value, dir) => h("div", { class: "lb-figure" }, h("dt", null, label), h("dd", { part, dir }, value));
    const out = [
      h("dl", { class: "lb-summary", part: "summary" },
        figure("Total points", "total", whole(points.total)),
        figure("Redeemable points", "redeemable", whole(points.redeemable)),
        figure("Fan level", "fan-level", fanLevel, "auto")),
      updating ? h("p", { class: "lb-updating", role: "status" }, "Updating…") : null,
    ];
    const { activities, unreadable } = points;
    const note = unreadable ? h("p", { class: "lb-note", role: "note" }, unreadable === 1 ? "1 entry could not be shown." : `${unreadable} entries could not be shown.`) : null;
    if (!activities.length) {
      return [...out, unreadable ? null : h("p", { class: "lb-empty", part: "empty" }, "No points activity yet."), note];
    }
    const size = number(this, "page-size", 1, 10);
    const list = h("ol", { class: "lb-timeline", part: "timeline", "aria-label": "Points history" });
    let shown = 0;
    const more = h("button", { type: "button", class: "lb-more", part: "more" });
    // Shows the next page, and the button while anything is left.
    const page = () => {
      const first = shown;
      shown = Math.min(activities.length, shown + size);
      list.append(...activities.slice(first, shown).map((a) => entry(a, format)));
      const next = Math.min(activities.length - shown, size);
      if (next) more.textContent = `Show ${next} more`;
      else more.remove();
      return list.children[first];
    };
    for (let i = 0; i <= this.#pages; i++) page();
    more.onclick = () => {
      this.#pages++;
      page()?.focus();
    };
    return [...out, h("p", { class: "lb-heading", "aria-hidden": "true" }, "Points history"), list, note,
      shown < activities.length ? more : null];
  }

  #error(error, root) {
    const retry = error.retryable ? h("button", { type: "button", class: "lb-retry", part: "retry" }, "Try again") : null;
    if (retry) {
      if (error.retryAfter) {
        retry.setAttribute("disabled", "disabled"); // as Yew writes it
        setTimeout(() => retry.removeAttribute("disabled"), error.retryAfter * 1000);
      }
      retry.onclick = () => {
        root.focus();
        this.#fetch(true);
      };
    }
    return h("div", { class: "lb-error", part: "error", role: error.kind === "not-found" ? "status" : "alert", "data-kind": error.kind },
      h("p", { class: "lb-error-message" }, error.message), retry);
  }
}

function entry(activity, format) {
  const { name, points, notes, date } = activity;
  const sign = points > 0 ? "positive" : points < 0 ? "negative" : "zero";
  let when;
  if (date) {
    const iso = new Date(date.seconds * 1000).toISOString();
    const text = (date.dateOnly ? format.calendar : format.date)?.format(date.seconds * 1000);
    const datetime = date.dateOnly ? iso.slice(0, iso.indexOf("T")) : iso.replace(".000Z", "Z");
    when = h("time", { class: "lb-activity-date", part: "activity-date", datetime }, text ?? datetime);
  } else {
    when = h("span", { class: "lb-activity-date lb-activity-date--unknown", part: "activity-date" }, "Date unknown");
  }
  return h("li", { class: "lb-activity", part: "activity", tabindex: "-1" },
    h("span", { class: "lb-activity-name", part: "activity-name", dir: "auto" }, name),
    h("span", { class: "lb-activity-points", part: "activity-points", "data-sign": sign },
      format.signed?.format(points) ?? (points > 0 ? `+${points}` : String(points))),
    when,
    notes ? h("p", { class: "lb-activity-notes", part: "activity-notes", dir: "auto" }, notes) : null);
}

/** The loading state: the loaded layout's shape, with the summary's real labels. */
function placeholder(variant) {
  const hidden = h("span", { class: "lb-visually-hidden" }, "Loading points…");
  if (variant === "compact") {
    return h("p", { class: "lb-compact lb-loading", part: "loading", role: "status" }, hidden,
      h("span", { class: "lb-skeleton lb-skeleton--compact", "aria-hidden": "true" }));
  }
  const skeleton = (kind) => h("span", { class: `lb-skeleton lb-skeleton--${kind}` });
  const figure = (label) => h("div", { class: "lb-figure" }, h("dt", null, label), h("dd", null, skeleton("figure")));
  const row = () => h("li", { class: "lb-activity" }, skeleton("name"), skeleton("points"), skeleton("date"));
  return h("div", { class: "lb-loading", part: "loading", role: "status" }, hidden,
    h("dl", { class: "lb-summary", "aria-hidden": "true" }, figure("Total points"), figure("Redeemable points"), figure("Fan level")),
    h("p", { class: "lb-heading", "aria-hidden": "true" }, "Points history"),
    h("ul", { class: "lb-timeline", "aria-hidden": "true" }, row(), row(), row()));
}

if (!customElements.get("loyalty-badge")) customElements.define("loyalty-badge", LoyaltyBadge);
