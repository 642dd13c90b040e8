
// ---- loyalty-badge start-up, appended to wasm-bindgen's output by `make embed`. ----
// Importing this module starts loading loyalty-badge_bg.wasm from beside it; once it is ready,
// <loyalty-badge> is defined (once, however many times and from however many copies the module is
// imported), and elements already in the page upgrade.
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
      loyaltyBadgeStart(loaderStop);
      loaderDefineElement();
    } finally {
      loaderRunQueue();
      loaderState = "ready";
    }
  },
  (cause) => {
    loaderFailure = new Error(
      `loyalty-badge: could not load the WebAssembly module ${new URL("loyalty-badge_bg.wasm", import.meta.url)}: ${cause?.message ?? cause}`,
      { cause },
    );
    loaderState = "failed";
    loaderQueue.length = 0;
    for (const finish of loaderWaiting) finish(loaderFailure);
    loaderWaiting.clear();
    throw loaderFailure;
  },
);

function loaderDefineElement() {
  if (customElements.get("loyalty-badge")) return;
  class LoyaltyBadgeElement extends HTMLElement {
    static get observedAttributes() {
      return loyaltyBadgeObservedAttributes();
    }

    #binding = loaderStop.stopped ? null : new LoyaltyBadgeElementBinding(this);

    /** The binding, unless the instance stopped. */
    get #live() {
      return loaderStop.stopped ? null : this.#binding;
    }

    connectedCallback() {
      if (this.#live) this.#live.connected();
      else loaderShowStopped(this);
    }

    disconnectedCallback() {
      this.#live?.disconnected();
    }

    attributeChangedCallback() {
      this.#live?.attributesChanged();
    }

    /** Fetches the points again, keeping the shown figures until the new ones arrive. */
    refresh() {
      this.#live?.refresh();
    }
  }
  customElements.define("loyalty-badge", LoyaltyBadgeElement);
}

/** After a panic: an element connected since says so itself (the hook did it for the others). */
function loaderShowStopped(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
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
      this.#ready.catch(() => {});
      this.#state = "failed";
      this.#error = failure;
    }
    if (this.#error) this.#settle.reject(this.#error);
    else this.#settle.resolve();
  };
}
