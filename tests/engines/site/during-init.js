// Loaded before the bundle on timing.html: calls window.__duringInit(phase) when the wasm starts
// to compile ("compile-start") and once it has compiled, just before the bundle's own code goes
// on ("compile-end"): two moments in the middle of the wasm's start-up.
(() => {
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      window.__duringInit?.("compile-start");
      return original.apply(this, args).then((result) => {
        window.__duringInit?.("compile-end");
        return result;
      });
    };
  }
})();
