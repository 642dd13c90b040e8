// Loaded before the bundle on loader.html: holds back the download of the wasm (any fetch of a
// `.wasm` URL) until the test calls window.__releaseWasm(), so that the page can be looked at as it
// is before the wasm is ready. Every other fetch (the points requests) goes through at once.
// Also records the Intl objects made before, and in which task (window.__intlBeforeWasm).
(() => {
  const fetch = window.fetch;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let held = true;
  window.__releaseWasm = () => {
    held = false;
    release();
  };
  window.__wasmAsked = false;
  // The Intl objects made while the wasm is held back: the loader has the browser load its
  // locale data meanwhile, not in the task that first renders, and in steps, each in a task of
  // its own. Each record is [what, task]: the task count goes up in the first call of a task (a
  // microtask checkpoint ends every task).
  window.__intlBeforeWasm = [];
  let task = 0;
  let inTask = false;
  const record = (name) => {
    if (!held) return;
    if (!inTask) {
      inTask = true;
      task += 1;
      queueMicrotask(() => (inTask = false));
    }
    window.__intlBeforeWasm.push([name, task]);
  };
  for (const name of ["Locale", "NumberFormat", "DateTimeFormat"]) {
    if (typeof Intl[name] !== "function") continue;
    Intl[name] = new Proxy(Intl[name], {
      construct(target, args, newTarget) {
        record(name);
        return Reflect.construct(target, args, newTarget);
      },
    });
  }
  if (typeof Intl.supportedValuesOf === "function") {
    Intl.supportedValuesOf = new Proxy(Intl.supportedValuesOf, {
      apply(target, self, args) {
        record("supportedValuesOf");
        return Reflect.apply(target, self, args);
      },
    });
  }
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith(".wasm")) return fetch.call(this, input, init);
    window.__wasmAsked = true;
    return released.then(() => fetch.call(this, input, init));
  };
})();
