
// ---- loyalty-badge start-up, appended to wasm-bindgen's output by `make embed`. ----
// Importing this module defines <loyalty-badge> at once (once, however many times and from however
// many copies the module is imported) and starts loading loyalty-badge_bg.wasm from beside it.
// Until the wasm is ready, each badge (an element, or a `mount()`) shows a skeleton of its loaded
// size in its shadow root, and the points request it will make is started at once, one per
// identical badge: the wasm's download and compilation and the API call overlap. Once ready, the
// wasm renders into the same shadow root (its loading state is the same picture, so nothing
// moves) and takes over the started requests (`claim`), so none is made twice.
//
// There is deliberately no top-level `await`: it would hold up every module that imports this one
// until the wasm has downloaded, and WebKit runs an importer before such an await has finished
// anyway (WebKit bug 242740). So `mount()` works at any time, queueing what it is asked until the
// wasm is ready, and `ready` says when that is.

/** Calls made before the wasm was ready, run in order once it is. */
const loaderQueue = [];
/** How to settle the `ready` of each badge mounted before the wasm was ready. */
const loaderWaiting = new Set();
/** Elements with a mount queued: a second mount into one fails at once, as it would later. */
const loaderReserved = new WeakSet();
let loaderState = "loading"; // then "ready" or "failed"
let loaderFailure = null;
/**
 * Set by the wasm's panic hook (`stopped`, and `message`: the notice's words). A panic traps the
 * instance every badge shares, so from then on nothing here calls into it again.
 */
const loaderStop = { stopped: false, message: "" };

/**
 * Settles once the wasm is loaded and `<loyalty-badge>` is defined (and every `mount()` made before
 * has been carried out); rejects with an `Error` saying why if the wasm cannot be loaded.
 */
export const ready = __wbg_init({ module_or_path: new URL("loyalty-badge_bg.wasm", import.meta.url) }).then(
  () => {
    try {
      loaderStop.claim = loaderClaim;
      loyaltyBadgeStart(loaderStop);
    } finally {
      loaderState = "ready";
      loaderTakeOver();
      loaderRunQueue();
      // The badges claim their requests as they first render (Yew's scheduler may yield to the
      // browser meanwhile); what none claimed (a badge the wasm refuses, say) is not wanted, and
      // is aborted when the default time limit would have.
      setTimeout(loaderAbortStarted, 10_000);
    }
  },
  (cause) => {
    loaderFailure = new Error(
      `loyalty-badge: could not load the WebAssembly module ${new URL("loyalty-badge_bg.wasm", import.meta.url)}: ${cause?.message ?? cause}`,
      { cause },
    );
    loaderState = "failed";
    loaderAbortStarted();
    for (const element of loaderConnected) loaderRemoveSkeleton(element);
    loaderConnected.clear();
    loaderQueue.length = 0;
    for (const finish of loaderWaiting) finish(loaderFailure);
    loaderWaiting.clear();
    throw loaderFailure;
  },
);

function loaderDefineElement() {
  // Outside a browser (Node.js importing the package, server-side rendering) there is nothing to
  // define: the module still loads, and `ready` says the wasm could not.
  if (typeof customElements === "undefined" || typeof HTMLElement === "undefined") return;
  if (customElements.get("loyalty-badge")) return;
  class LoyaltyBadgeElement extends HTMLElement {
    static get observedAttributes() {
      return LOADER_ATTRIBUTES;
    }

    #binding = null;

    /** The binding, once the wasm is ready, unless the instance stopped. */
    get #live() {
      if (loaderState !== "ready" || loaderStop.stopped) return null;
      this.#binding ??= new LoyaltyBadgeElementBinding(this);
      return this.#binding;
    }

    connectedCallback() {
      if (loaderStop.stopped) loaderShowStopped(this);
      else if (loaderState === "loading") loaderWaitForWasm(this);
      else this.#live?.connected();
    }

    disconnectedCallback() {
      if (loaderState === "loading") loaderStopWaiting(this);
      else this.#live?.disconnected();
    }

    attributeChangedCallback() {
      if (loaderState === "loading") {
        if (loaderConnected.has(this)) loaderWaitForWasm(this);
      } else {
        this.#live?.attributesChanged();
      }
    }

    /** Fetches the points again, keeping the shown figures until the new ones arrive. */
    refresh() {
      this.#live?.refresh();
    }
  }
  customElements.define("loyalty-badge", LoyaltyBadgeElement);
  loaderKeepName(LoyaltyBadgeElement, "LoyaltyBadgeElement");
}

/**
 * `make embed` minifies the bundle, which renames classes: the names the console and the
 * manifest show stay the documented ones.
 */
function loaderKeepName(type, name) {
  Object.defineProperty(type, "name", { value: name });
}
loaderKeepName(Badge, "Badge");
loaderKeepName(LoyaltyBadgeElementBinding, "LoyaltyBadgeElementBinding");

/**
 * The attributes the element hears (the wasm's `loyaltyBadgeObservedAttributes()`, which the
 * engine checks compare with this): the element is defined before the wasm is ready.
 */
const LOADER_ATTRIBUTES = [
  "user-id", "id-type", "api-base", "environment", "client-id", "api-key", "locale", "time-zone",
  "page-size", "variant", "theme", "timeout", "refresh-interval", "member-token", "open",
];

/** `<loyalty-badge>` elements connected before the wasm was ready, in the order they were. */
const loaderConnected = new Set();

/** The wasm is ready: the elements connected meanwhile start (replacing their skeletons). */
function loaderTakeOver() {
  const waiting = [...loaderConnected];
  loaderConnected.clear();
  for (const element of waiting) {
    if (element.isConnected) element.connectedCallback();
  }
}

/** Until the wasm is ready: the skeleton, and the request started, for the element as it is now. */
function loaderWaitForWasm(element) {
  loaderConnected.add(element);
  const settings = loaderSettings((attribute) => element.getAttribute(attribute) ?? undefined, false);
  loaderShowSkeleton(element, settings);
  loaderStartRequest(element, settings);
}

function loaderStopWaiting(element) {
  loaderConnected.delete(element);
  loaderRelease(element);
}

// ---- Before the wasm: the skeleton. ----

/**
 * The skeleton's sheet: the rules of src/ui/styles.css with these selectors, one a line (a rule
 * inside an `@media` block as `@media (...) { selector }`). `make embed` puts the rules themselves
 * here, copied from styles.css and minified (src/embed/skeleton-css.mjs), so they have one source;
 * the engine checks compare the skeleton's sheet with styles.css, and its size with the loaded
 * badge's. The wasm's sheet, adopted next to this one, has the same rules.
 */
const LOADER_CSS = `
:host
:host([variant="compact"])
:host([hidden])
.lb
.lb[data-theme="dark"]
@media (prefers-color-scheme: dark) { .lb[data-theme="auto"] }
.lb *, .lb *::before, .lb *::after
.lb-summary
.lb-figure
.lb-figure dt
.lb-figure dd
.lb-heading
.lb-history
.lb-history[data-rows="1"]
.lb-history[data-rows="2"]
.lb-history[data-rows="3"]
.lb-history[data-rows="4"]
.lb-history[data-rows="5"]
.lb-history[data-rows="6"]
.lb-history[data-rows="7"]
.lb-history[data-rows="8"]
.lb-history[data-rows="9"]
.lb-timeline
.lb-activity
.lb-skeleton
.lb-skeleton--figure
.lb-skeleton--label
.lb-skeleton--name
.lb-skeleton--points
.lb-skeleton--date
@keyframes lb-pulse
.lb[data-variant="compact"]
.lb-compact
.lb-skeleton--compact
.lb-skeleton--compact + .lb-skeleton--compact
.lb-loading.lb-compact
@media (prefers-reduced-motion: reduce) { .lb-skeleton, .lb-chevron }
@media (forced-colors: active) { .lb-skeleton }
@media (max-width: 28rem) { .lb-summary }
`;

/** The skeleton's sheet, shared by every shadow root (a constructable sheet: no inline style). */
let loaderSheet;

function loaderSkeletonSheet() {
  if (loaderSheet === undefined) {
    try {
      loaderSheet = new CSSStyleSheet();
      loaderSheet.replaceSync(LOADER_CSS);
    } catch {
      loaderSheet = null;
    }
  }
  return loaderSheet;
}

/**
 * What the skeleton and the request depend on, from attributes (`read(attribute)`) or from
 * `mount()`'s options (`read(property)`, `fromOptions`), read as the wasm reads them.
 */
function loaderSettings(read, fromOptions) {
  const name = (attribute, property) => (fromOptions ? property : attribute);
  const text = (attribute, property) => {
    const value = read(name(attribute, property));
    return typeof value === "string" ? value : undefined;
  };
  const pageSize = read(name("page-size", "pageSize"));
  const whole = fromOptions
    ? (Number.isSafeInteger(pageSize) ? pageSize : 0)
    : (/^[0-9]{1,9}$/.test(pageSize ?? "") ? Number(pageSize) : 0);
  return {
    userId: text("user-id", "userId"),
    idType: text("id-type", "idType"),
    apiBase: text("api-base", "apiBase"),
    other: ["environment", "clientId", "apiKey"].some((p) => read(name(p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), p)) != null),
    memberToken: text("member-token", "memberToken"),
    compact: text("variant", "variant") === "compact",
    theme: ["light", "dark", "auto"].includes(text("theme", "theme")) ? text("theme", "theme") : "auto",
    rows: Math.min(Math.max(whole > 0 ? whole : 10, 1), 10),
  };
}

/** Draws the skeleton into `element`'s shadow root: the wasm's loading state, element for element. */
function loaderShowSkeleton(element, settings) {
  const sheet = loaderSkeletonSheet();
  if (!sheet) return;
  let root = element.shadowRoot;
  if (!root) {
    try {
      root = element.attachShadow({ mode: "open" });
    } catch {
      return;
    }
  }
  const skeleton = loaderSkeleton(settings);
  const old = [...root.children];
  if (old.some((child) => !child.hasAttribute("data-lb-skeleton"))) return;
  for (const child of old) child.remove();
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  root.append(skeleton);
}

function loaderRemoveSkeleton(element) {
  for (const child of [...(element.shadowRoot?.children ?? [])]) {
    if (child.hasAttribute("data-lb-skeleton")) child.remove();
  }
}

function loaderSkeleton({ compact, theme, rows }) {
  const node = (tag, attributes, ...children) => {
    const created = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) created.setAttribute(key, value);
    created.append(...children);
    return created;
  };
  const bar = (kind) => node("span", { class: `lb-skeleton lb-skeleton--${kind}` });
  const body = compact
    ? node("p", { class: "lb-compact lb-loading", part: "loading", "aria-hidden": "true" }, bar("compact"), bar("compact"), "\u200b")
    : node("div", { class: "lb-loading", part: "loading", "aria-hidden": "true" },
      node("dl", { class: "lb-summary" },
        ...[0, 1, 2].map(() => node("div", { class: "lb-figure" }, node("dt", {}, bar("label")), node("dd", {}, bar("figure"))))),
      node("p", { class: "lb-heading" }, bar("label")),
      node("div", { class: "lb-history", "data-rows": String(rows) },
        node("ul", { class: "lb-timeline" },
          ...Array.from({ length: Math.min(rows, 3) }, () => node("li", { class: "lb-activity" }, bar("name"), bar("points"), bar("date"))))));
  const badge = node("div", {
    class: "lb", "data-state": "loading", "data-variant": compact ? "compact" : "full", "data-theme": theme,
    "aria-busy": "true",
  }, body);
  return node("div", { "data-lb-skeleton": "" }, badge);
}

// ---- Before the wasm: the points request. ----

/**
 * Requests started before the wasm was ready, by URL and member token: `{ pending, controller,
 * startedAt, users }`. Identical badges share one, as the wasm's badges share a request.
 */
const loaderStarted = new Map();
/** The key of the request each waiting badge (element or handle) uses. */
const loaderUsing = new Map();

/** The request's URL, exactly as the wasm builds it (PointsRequest::url), or null when unsure. */
function loaderUrl({ userId, idType, apiBase, other }) {
  // An api_key, or CrowdTwist's own host, is left to the wasm.
  if (other || userId === undefined) return null;
  if (userId.trim() === "" || userId === "." || userId === "..") return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(userId) || new TextEncoder().encode(userId).length > 512) return null;
  const idTypes = ["id", "email", "username", "third_party_id", "facebook_user_id", "twitter_user_id", "mobile_phone_number"];
  if (idType !== undefined && !idTypes.includes(idType)) return null;
  const base = apiBase ?? "";
  if (!/^(\/[A-Za-z0-9._~-]+)*\/*$/.test(base)) return null;
  let segment;
  try {
    segment = encodeURIComponent(userId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replaceAll("%40", "@");
  } catch {
    return null; // a lone surrogate
  }
  const query = idType === undefined ? "" : `?id_type=${idType}`;
  return `${base.replace(/\/+$/, "")}/v2/users/${segment}/points${query}`;
}

/** What each badge will fetch, started together at the end of the task (see below). */
const loaderWanted = new Map();

/**
 * Starts `user`'s request (or joins the identical one started), leaving the one it used, once
 * the current task's script is done: a badge removed or changed at once fetches nothing.
 */
function loaderStartRequest(user, settings) {
  if (loaderWanted.size === 0) {
    queueMicrotask(() => {
      const wanted = [...loaderWanted];
      loaderWanted.clear();
      if (loaderState === "loading") for (const [who, what] of wanted) loaderJoin(who, what);
      if (wanted.length > 0) loaderWarmIntl();
    });
  }
  loaderWanted.set(user, settings);
}

let loaderIntlWarm = false;

/**
 * The first `Intl` object a page makes loads the browser's locale data: about 30 ms of one task
 * in Chromium on this project's machine (the first date format 5 ms more), and several times
 * that on a slow phone. A badge waiting for the wasm has that data loaded now, while the wasm
 * downloads and compiles, instead of in the task that first renders it. (Once the wasm is ready,
 * there is nothing left to overlap.) It is loaded in four steps, each in a task of its own, so
 * that no one task holds much of it: the likely subtags (a locale maximized, 5 to 12 ms), the
 * numbering systems (10 to 19 ms), then a number format (3 to 9 ms after those; 15 to 35 ms as
 * the first step) and a date format (3 to 5 ms).
 */
function loaderWarmIntl() {
  if (loaderIntlWarm || typeof Intl !== "object" || typeof setTimeout !== "function") return;
  loaderIntlWarm = true;
  const steps = [
    () => new Intl.Locale("en").maximize(),
    () => Intl.supportedValuesOf("numberingSystem"),
    () => new Intl.NumberFormat().format(0),
    () => new Intl.DateTimeFormat().format(0),
  ];
  const next = () => {
    if (loaderState !== "loading") return;
    try {
      steps.shift()();
    } catch {
      // An engine without that part of Intl, or a page that replaced it: the next step, and the
      // wasm's formatters fall back on their own.
    }
    if (steps.length > 0) setTimeout(next);
  };
  setTimeout(next);
}

function loaderJoin(user, settings) {
  const url = loaderUrl(settings);
  const token = settings.memberToken ?? null;
  const key = url === null || token === "" ? null : JSON.stringify([url, token]);
  if (loaderUsing.get(user) === key) return;
  loaderRelease(user);
  if (key === null || typeof fetch !== "function" || typeof AbortController !== "function") return;
  let started = loaderStarted.get(key);
  if (!started) {
    const controller = new AbortController();
    const headers = { Accept: "application/json" };
    if (token !== null) headers["X-Member-Token"] = token;
    let pending;
    try {
      pending = Promise.resolve(fetch(url, { headers, signal: controller.signal }));
    } catch (error) {
      pending = Promise.reject(error);
    }
    // Whoever takes it over reads the outcome; an abort meanwhile is not an error to report.
    pending.catch(() => {});
    started = { pending, controller, startedAt: performance.now(), users: new Set() };
    loaderStarted.set(key, started);
  }
  started.users.add(user);
  loaderUsing.set(user, key);
}

/** `user` no longer waits for its request: aborted when nobody else does. */
function loaderRelease(user) {
  loaderWanted.delete(user);
  const key = loaderUsing.get(user);
  if (key === undefined) return;
  loaderUsing.delete(user);
  const started = loaderStarted.get(key);
  if (!started) return;
  started.users.delete(user);
  if (started.users.size === 0) {
    loaderStarted.delete(key);
    started.controller.abort();
  }
}

/**
 * The wasm's badges take over a started request (once) by the URL they would fetch and their
 * member token: what `fetch` returned, its controller, and the milliseconds since it started
 * (they count against the badge's time limit).
 */
function loaderClaim(url, token) {
  const key = JSON.stringify([url, token ?? null]);
  const started = loaderStarted.get(key);
  if (!started) return undefined;
  loaderStarted.delete(key);
  return { pending: started.pending, controller: started.controller, elapsed: performance.now() - started.startedAt };
}

function loaderAbortStarted() {
  for (const started of loaderStarted.values()) started.controller.abort();
  loaderStarted.clear();
  loaderUsing.clear();
}

loaderDefineElement();

/** After a panic: an element connected since says so itself (the hook did it for the others). */
function loaderShowStopped(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  loaderRemoveSkeleton(element);
  if (root.querySelector('[data-state="stopped"]')) return;
  const notice = document.createElement("div");
  notice.setAttribute("role", "alert");
  notice.setAttribute("part", "error");
  notice.dataset.state = "stopped";
  notice.dataset.kind = "internal";
  notice.textContent = loaderStop.message;
  root.append(notice);
}

function loaderRunQueue() {
  // A call made while the queue runs (from an event listener, say) joins its end.
  while (loaderQueue.length > 0) loaderQueue.shift()();
  for (const finish of loaderWaiting) finish();
  loaderWaiting.clear();
}

/**
 * Renders a badge into `element`'s open shadow root, and returns its handle (`update`, `refresh`,
 * `destroy`, `ready`). Works before the wasm is ready: the badge then appears once it is, and
 * what is asked of the handle meanwhile is done in order.
 *
 * An element that cannot take a badge, or options that are not an object, always throw an `Error`
 * at once. Options that do not parse throw at once when the wasm is ready; before, the badge's
 * `ready` rejects with that same `Error`.
 */
export function mount(element, options) {
  if (loaderStop.stopped) throw new Error(`loyalty-badge: ${loaderStop.message}`);
  if (loaderState === "ready") return new LoyaltyBadgeHandle(loyaltyBadgeMount(element, options));
  if (loaderState === "failed") throw loaderFailure;
  loaderCheckElement(element);
  const given = loaderCopyOptions(options);
  loaderCheckShadowHost(element);
  return new LoyaltyBadgeHandle(null, element, given);
}

// The checks below need no wasm; their messages are the ones the wasm gives.

function loaderCheckElement(element) {
  if (!(element instanceof HTMLElement)) {
    throw new Error("loyalty-badge: mount(element, options) needs an HTML element");
  }
}

/** The options as `Object.entries` sees them now (later changes to the object do not count). */
function loaderCopyOptions(options) {
  if (options === undefined || options === null) return options;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new Error("loyalty-badge: options must be an object");
  }
  return Object.fromEntries(Object.entries(options));
}

/** Elements that can have a shadow root attached (DOM Standard, `attachShadow`). */
const LOADER_SHADOW_HOSTS = new Set([
  "article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "main", "nav", "p", "section", "span",
]);

function loaderCheckShadowHost(element) {
  const root = element.shadowRoot;
  if (loaderReserved.has(element) || (root && root.childElementCount > 0)) {
    throw new Error("loyalty-badge: the element already holds a badge or other shadow content");
  }
  const name = element.localName;
  const mayHold = LOADER_SHADOW_HOSTS.has(name) || name.includes("-") || element.hasAttribute("is");
  if (!root && !mayHold) {
    throw new Error(`loyalty-badge: <${name}> cannot hold a shadow root; use a <div> or a <span>`);
  }
}

/** What `mount()` returns. */
class LoyaltyBadgeHandle {
  #badge = null; // the wasm's Badge, once mounted
  #state = "waiting"; // then "mounted", "destroyed" or "failed"
  #element = null; // while waiting, with the options to mount it with
  #options = null;
  #error = null;
  #ready;
  #settle = null;

  /** Wraps a mounted badge, or (with `badge` null) queues a mount of `element` with `options`. */
  constructor(badge, element, options) {
    if (badge) {
      this.#badge = badge;
      this.#state = "mounted";
      this.#ready = Promise.resolve();
      return;
    }
    this.#ready = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#element = element;
    this.#options = options;
    loaderReserved.add(element);
    loaderWaiting.add(this.#finish);
    loaderQueue.push(() => this.#mount());
    // Options the wasm will refuse draw no skeleton and start no request.
    if (this.#plausible(options)) {
      const settings = loaderSettings((property) => options?.[property], true);
      loaderShowSkeleton(element, settings);
      loaderStartRequest(this, settings);
    }
  }

  /** Whether `options` name only known options (the wasm checks them when it is ready). */
  #plausible(options) {
    return Object.keys(options ?? {}).every((key) =>
      LOADER_ATTRIBUTES.some((attribute) => attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase()) === key));
  }

  /**
   * Settles once the badge is mounted and what was asked of it meanwhile is done; rejects with
   * the first option error among those calls, or with the error that kept the wasm from loading.
   */
  get ready() {
    return this.#ready;
  }

  /** Changes some options (`null` resets one); refetches only if the request changed. */
  update(options) {
    if (this.#state === "mounted") return loaderStop.stopped ? undefined : this.#badge.update(options);
    this.#checkUsable();
    const given = loaderCopyOptions(options);
    loaderQueue.push(() => {
      if (this.#state !== "mounted") return;
      try {
        this.#badge.update(given);
      } catch (error) {
        this.#error ??= error;
      }
    });
  }

  /**
   * Refetches, keeping the shown figures until the new ones arrive. Before the badge is mounted
   * there is nothing to refetch: its first fetch is as fresh.
   */
  refresh() {
    if (this.#state === "mounted") return loaderStop.stopped ? undefined : this.#badge.refresh();
    this.#checkUsable();
  }

  /** Aborts the request in flight and removes the badge. Calling it again does nothing. */
  destroy() {
    if (this.#state === "mounted") {
      if (!loaderStop.stopped) this.#badge.destroy();
    } else if (this.#state === "waiting") {
      loaderRelease(this);
      loaderRemoveSkeleton(this.#element);
      loaderReserved.delete(this.#element);
      loaderWaiting.delete(this.#finish);
      this.#element = null;
      this.#options = null;
      this.#settle.resolve();
    } else {
      return;
    }
    this.#state = "destroyed";
  }

  #checkUsable() {
    if (this.#state === "destroyed") throw new Error("loyalty-badge: this badge was destroyed");
    if (this.#state === "failed") throw this.#error;
  }

  #mount() {
    if (this.#state !== "waiting") return;
    loaderReserved.delete(this.#element);
    try {
      if (loaderStop.stopped) throw new Error(`loyalty-badge: ${loaderStop.message}`);
      this.#badge = loyaltyBadgeMount(this.#element, this.#options);
      this.#state = "mounted";
    } catch (error) {
      this.#state = "failed";
      this.#error = error;
      loaderRemoveSkeleton(this.#element);
    }
    this.#element = null;
    this.#options = null;
  }

  /**
   * Settles `ready` once the queue has run, or the wasm failed to load (`failure`). An option
   * error is left unhandled unless the page uses `ready`, so that it shows in the console as a
   * thrown one would; a failed load is reported once, by the module's `ready`.
   */
  #finish = (failure) => {
    if (failure) {
      if (this.#element) loaderRemoveSkeleton(this.#element);
      this.#ready.catch(() => {});
      this.#state = "failed";
      this.#error = failure;
    }
    if (this.#error) this.#settle.reject(this.#error);
    else this.#settle.resolve();
  };
}
