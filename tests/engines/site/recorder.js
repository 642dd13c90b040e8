// Loaded before anything else on every page of the engine checks (a classic script from the same
// origin, so that a strict CSP allows it): records what would otherwise only reach a console that
// WebKit's driver cannot read. The harness reads window.__problems and window.__warnings.
(() => {
  const problems = (window.__problems = []);
  const warnings = (window.__warnings = []);
  const text = (value) => (value instanceof Error ? `${value.name}: ${value.message}` : String(value));
  window.addEventListener("error", (event) => {
    // Resource load failures are plain Events that reach window only when captured; not these.
    if (event instanceof ErrorEvent) {
      problems.push(`uncaught: ${event.message} (${event.filename}:${event.lineno})`);
    }
  });
  window.addEventListener("unhandledrejection", (event) => {
    problems.push(`unhandled rejection: ${text(event.reason)}`);
  });
  document.addEventListener("securitypolicyviolation", (event) => {
    problems.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  });
  const original = { error: console.error, warn: console.warn };
  console.error = function (...args) {
    problems.push(`console.error: ${args.map(text).join(" ")}`);
    return original.error.apply(this, args);
  };
  console.warn = function (...args) {
    warnings.push(args.map(text).join(" "));
    return original.warn.apply(this, args);
  };
})();
