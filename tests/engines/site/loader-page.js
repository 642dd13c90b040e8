// loader.html's module: the bundle (as window.__bundle), a badge mounted with the JavaScript API
// for the same member as #full (so the two share one request), and the layout shifts the engine
// reports (window.__shifts: value, when, the ids of what moved; Chromium's layout-shift entries, none elsewhere).
import * as bundle from "../embed/loyalty-badge.js";

window.__bundle = bundle;
window.__shifts = [];
if (PerformanceObserver.supportedEntryTypes?.includes("layout-shift")) {
  const describe = (e) => ({
    value: e.value,
    at: Math.round(e.startTime),
    moved: e.sources.map((s) => `${s.node?.id || s.node?.nodeName || "?"} ${s.previousRect.y},${s.previousRect.height} -> ${s.currentRect.y},${s.currentRect.height}`).join("; "),
  });
  new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map(describe)))
    .observe({ type: "layout-shift", buffered: true });
}
bundle.mount(document.getElementById("mounted"), { userId: "alice@crowdtwist.com", idType: "email", pageSize: 2 });
