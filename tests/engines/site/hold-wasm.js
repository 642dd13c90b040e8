// Loaded before the bundle on loader.html: holds back the download of the wasm (any fetch of a
// `.wasm` URL) until the test calls window.__releaseWasm(), so that the page can be looked at as it
// is before the wasm is ready. Every other fetch (the points requests) goes through at once.
(() => {
  const fetch = window.fetch;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  window.__releaseWasm = () => release();
  window.__wasmAsked = false;
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith(".wasm")) return fetch.call(this, input, init);
    window.__wasmAsked = true;
    return released.then(() => fetch.call(this, input, init));
  };
})();
