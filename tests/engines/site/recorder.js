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
  // Each fetch the page makes (the badges' included): its path, and whether its signal aborted it.
  // The server's log cannot tell an abort from a connection the engine kept open after one.
  const fetches = (window.__fetches = []);
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const request = input instanceof Request ? input : null;
    const record = { path: new URL(request ? request.url : String(input), location.href).pathname, aborted: false };
    fetches.push(record);
    (init?.signal ?? request?.signal)?.addEventListener("abort", () => (record.aborted = true), { once: true });
    return fetch.apply(this, arguments);
  };
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
