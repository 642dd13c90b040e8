// Loaded before the bundle on loader.html: holds back the download of the wasm (any fetch of a
// `.wasm` URL) until the test calls window.__releaseWasm(), so that the page can be looked at as it
// is before the wasm is ready. Every other fetch (the points requests) goes through at once.
// Also records the Intl formats made before (window.__intlBeforeWasm).
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
  // The Intl formats made while the wasm is held back: the loader has the browser load its
  // locale data meanwhile, not in the task that first renders.
  window.__intlBeforeWasm = [];
  for (const name of ["NumberFormat", "DateTimeFormat"]) {
    Intl[name] = new Proxy(Intl[name], {
      construct(target, args, newTarget) {
        if (held) window.__intlBeforeWasm.push(name);
        return Reflect.construct(target, args, newTarget);
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
