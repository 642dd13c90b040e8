// `make bench`: the Rust bundle against its plain-JavaScript baseline, in one run, in headless
// Chromium against a real loyalty-server on loopback. Prints figures, never fails on one.
//
// For each page (the seed member; 10, 1,000 and 10,000 activities; 20 badges of the seed member)
// and each CPU speed (as is, and 4x slower through CDP's Emulation.setCPUThrottlingRate), every
// run loads the page cold (a fresh context, the cache disabled) once per variant: the Rust
// bundle, the baseline, and the baseline again (its self-ratio shows the noise). The variants are
// interleaved, their order rotating from run to run, so that drift in the machine's load hits
// them alike. Per load:
//   - rendered: when the last badge shows its points, in ms from navigation start. An init script
//     wraps attachShadow and watches each shadow root with a MutationObserver; the time is taken
//     in the observer's callback, in the task that put the points in the DOM;
//   - the longest main-thread task and the total blocking time (sum of each long task's time over
//     50 ms) from navigation until two frames after "rendered" (PerformanceObserver `longtask`:
//     only tasks over 50 ms are reported, so "<50" means none was);
//   - CLS: `layout-shift` entries without recent input, largest session window (as web-vitals);
//   - on the 10,000-activity page, "Show more", the first press and the twentieth (200 entries
//     shown): from the click until the new entries are in the DOM and until the end of the next
//     frame (a timer set in the next animation frame's callback), and the longest task meanwhile.
// Then, for the 10,000-activity and 20-badge pages, TRACE_RUNS further loads per variant and CPU
// speed with Chromium's tracing on, for the badge's own work per task (see `attribute`).
//   RUNS=15 TRACE_RUNS=5 THROTTLES=1,4 node tests/bench/bench.mjs   (after node tests/bench/site.mjs)
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, PAGES, root, site, startServer } from "./site.mjs";
import { assets, bytes, kib, table, total } from "./size.mjs";

const RUNS = Number(process.env.RUNS ?? 15);
const THROTTLES = (process.env.THROTTLES ?? "1,4").split(",").map(Number);
// Two variants load the same baseline pages: the second only measures the noise.
const MEASURED = [
  { key: "rust", pages: "rust" },
  { key: "js", pages: "js" },
  { key: "js again", pages: "js" },
];
const TIMEOUT_MS = 60_000;
// Traced loads (the badge's own work per task) per page, variant and CPU speed.
const TRACE_RUNS = Number(process.env.TRACE_RUNS ?? 5);

/** The init script: runs in the page before any of its scripts. */
function hook() {
  const shown = new Map();
  const longtasks = [];
  const shifts = [];
  const watch = (type, into) => {
    const observer = new PerformanceObserver((list) => into.push(...list.getEntries()));
    observer.observe({ type, buffered: true });
    return () => into.push(...observer.takeRecords());
  };
  const flushTasks = watch("longtask", longtasks);
  const flushShifts = watch("layout-shift", shifts);
  let wake = () => {};
  const loaded = (host) => {
    const lb = host.shadowRoot.querySelector(".lb");
    return lb?.dataset.state === "loaded" && lb.getAttribute("aria-busy") === "false" &&
      !!lb.querySelector('[part="total"], [part="redeemable"]')?.textContent;
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    const host = this;
    const observer = new MutationObserver(() => {
      if (!shown.has(host) && loaded(host)) {
        shown.set(host, performance.now());
        observer.disconnect();
        wake();
      }
    });
    observer.observe(shadow, { childList: true, subtree: true, attributes: true, characterData: true });
    return shadow;
  };
  const frames = (n) => new Promise((done) => {
    const step = () => (--n > 0 ? requestAnimationFrame(step) : done());
    requestAnimationFrame(step);
  });
  // Waits until `condition` holds (checked on each wake-up, and every 250 ms) or the deadline.
  const until = (condition, deadline) => new Promise((done) => {
    const ticker = setInterval(() => wake(), 250);
    const check = () => {
      if (condition() || performance.now() > deadline) {
        clearInterval(ticker);
        done();
      } else {
        wake = check;
      }
    };
    check();
  });
  const longest = (from, to) => Math.max(0, ...longtasks.filter((t) => t.startTime >= from && t.startTime < to).map((t) => t.duration));

  window.__bench = async (count, showMore, timeoutMs) => {
    await until(() => shown.size >= count, performance.now() + timeoutMs);
    if (shown.size < count) return { error: `${shown.size} of ${count} badges rendered` };
    const rendered = Math.max(...shown.values());
    await frames(2);
    await new Promise((done) => setTimeout(done)); // the frame's task has ended
    flushTasks();
    flushShifts();
    const end = performance.now();
    let cls = 0;
    let session = { value: 0, first: 0, last: -Infinity };
    for (const shift of shifts) {
      if (shift.hadRecentInput) continue;
      const joins = shift.startTime - session.last < 1000 && shift.startTime - session.first < 5000;
      session = joins
        ? { ...session, value: session.value + shift.value, last: shift.startTime }
        : { value: shift.value, first: shift.startTime, last: shift.startTime };
      cls = Math.max(cls, session.value);
    }
    const tbt = longtasks.filter((t) => t.startTime < end).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    const result = { rendered, longest: longest(0, end), tbt, cls };
    if (showMore) {
      const badge = [...shown.keys()][0].shadowRoot;
      // One press: click to the new entries in the DOM, to the end of the next frame, and the
      // longest task meanwhile.
      const press = async () => {
        const before = badge.querySelectorAll("li").length;
        const observer = new MutationObserver(() => wake());
        observer.observe(badge, { childList: true, subtree: true });
        const start = performance.now();
        badge.querySelector('[part="more"]').click();
        let revealed;
        await until(() => (revealed ??= badge.querySelectorAll("li").length > before ? performance.now() : undefined), start + timeoutMs);
        observer.disconnect();
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
        const painted = performance.now() - start;
        await frames(2);
        await new Promise((done) => setTimeout(done, 50));
        flushTasks();
        return { time: revealed === undefined ? null : revealed - start, painted, longest: longest(start, performance.now()) };
      };
      const first = await press();
      result.showMore = first.time;
      result.showMorePainted = first.painted;
      result.showMoreLongest = first.longest;
      // The twentieth press, with 200 entries shown: does it cost what the first did?
      for (let i = 2; i < 20; i++) await press();
      const twentieth = await press();
      result.showMore20 = twentieth.time;
      result.showMore20Painted = twentieth.painted;
      result.showMore20Longest = twentieth.longest;
    }
    return result;
  };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const server = await startServer();
const chromiumVersion = browser.version();

/** A tab for a cold load: the bench hook, no HTTP cache, the CPU slowed `throttle` times. */
async function coldTab(context, throttle) {
  await context.addInitScript(hook);
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttle !== 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  return tab;
}

/**
 * Runs the hook's `__bench(count, showMore, timeoutMs)` in the loading page, as soon as the
 * navigation has committed. No `waitForFunction`: it evaluates Playwright's injected script in
 * the page (20 to 80 ms of script in one task, traced), which counted as the badge's own work.
 * One plain `evaluate` instead, retried while the blank document before the page is still the
 * one evaluated in (the hook runs in every document).
 */
async function bench(tab, args) {
  const url = tab.url();
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const result = await tab.evaluate(([url, args]) =>
        location.href === url && typeof window.__bench === "function" ? window.__bench(...args) : null, [url, args]);
      if (result !== null) return result;
    } catch (error) {
      if (!/context was destroyed|navigat/i.test(error.message)) throw error;
    }
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error("the page never ran the bench hook");
}

/** One cold load of a variant's page at a CPU slowdown. */
async function measure(variant, page, throttle) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC", viewport: { width: 1280, height: 800 } });
  try {
    const tab = await coldTab(context, throttle);
    await tab.goto(`${server.base}/${variant.pages}-${page.name}.html`, { waitUntil: "commit" });
    return await bench(tab, [page.members.length, page.name === "h10000", TIMEOUT_MS]);
  } catch (error) {
    return { error: error.message.split("\n")[0] };
  } finally {
    await context.close();
  }
}

// ---- The badge's own work, from a Chromium trace. ----
// Long tasks say how long a task ran, not whose work it was. A traced load (a separate pass: the
// tracing costs time, so these loads are not among the timed ones) gives each main-thread task
// (`RunTask`) and the script that ran inside it (`EvaluateScript`, `FunctionCall`, module
// evaluation, microtasks, timers and events: the union of their intervals, so nesting counts
// once). The bench pages run no script but the badge's (the loader and the wasm, or the
// baseline) and the bench's (its hook's observers, and one `evaluate`; see `bench`), so the script
// time inside a task is the badge's own work there: what is left of the task is the browser's
// (HTML parsing, style, layout, paint), which the badge's DOM causes too.
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8"];
const SCRIPT_EVENTS = new Set([
  "EvaluateScript", "FunctionCall", "v8.evaluateModule", "v8.run", "RunMicrotasks", "TimerFire",
  "EventDispatch", "FireAnimationFrame", "v8.callFunction", "v8.compile", "v8.compileModule",
  "v8.wasm.compiledModule", "v8.wasm.streamFromResponseCallback", "MajorGC", "MinorGC", "V8.GC_SCAVENGER",
]);

/** `{ longest, script }` of a trace: the longest task and the most script time in one task (ms). */
function attribute(trace) {
  const events = JSON.parse(trace.toString("utf8")).traceEvents ?? trace.traceEvents;
  const names = new Map(events.filter((e) => e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  // The page's main thread: the renderer main thread that ran the most script.
  const byThread = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (names.get(thread) !== "CrRendererMain" || e.ph !== "X") continue;
    if (!byThread.has(thread)) byThread.set(thread, { tasks: [], script: [], total: 0 });
    const t = byThread.get(thread);
    if (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") t.tasks.push([e.ts, e.ts + e.dur]);
    else if (SCRIPT_EVENTS.has(e.name)) {
      t.script.push([e.ts, e.ts + e.dur]);
      t.total += e.dur;
    }
  }
  const main = [...byThread.values()].sort((a, b) => b.total - a.total)[0];
  if (!main) return { error: "no renderer main thread in the trace" };
  // Top-level tasks only (a task inside another counts in the outer one).
  const tasks = main.tasks.sort((a, b) => a[0] - b[0] || b[1] - a[1]).filter((task, i, all) => !all.slice(0, i).some((o) => o[0] <= task[0] && task[1] <= o[1]));
  const script = main.script.sort((a, b) => a[0] - b[0]);
  let longest = 0;
  let most = 0;
  for (const [start, end] of tasks) {
    longest = Math.max(longest, end - start);
    let sum = 0;
    let reach = start;
    for (const [s, e] of script) {
      if (e <= start) continue;
      if (s >= end) break;
      const from = Math.max(s, reach);
      const to = Math.min(e, end);
      if (to > from) {
        sum += to - from;
        reach = to;
      }
    }
    most = Math.max(most, sum);
  }
  return { longest: longest / 1000, script: most / 1000 };
}

/** One traced cold load: the load as `measure` does it, with Chromium's tracing on. */
async function traced(variant, page, throttle) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC", viewport: { width: 1280, height: 800 } });
  try {
    const tab = await coldTab(context, throttle);
    await browser.startTracing(tab, { categories: TRACE_CATEGORIES });
    let result;
    try {
      await tab.goto(`${server.base}/${variant.pages}-${page.name}.html`, { waitUntil: "commit" });
      result = await bench(tab, [page.members.length, false, TIMEOUT_MS]);
    } finally {
      const trace = await browser.stopTracing();
      if (process.env.TRACE_DIR) writeFileSync(join(process.env.TRACE_DIR, `${variant.pages}-${page.name}-x${throttle}-${Date.now()}.json`), trace);
      result = result?.error ? result : { ...result, ...attribute(trace) };
    }
    return result;
  } catch (error) {
    return { error: error.message.split("\n")[0] };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const started = Date.now();
const loadAtStart = loadavg();
const results = new Map(); // `${page}|${throttle}|${variant}` -> [result]
const configs = PAGES.flatMap((page) => THROTTLES.map((throttle) => ({ page, throttle })));
console.error(`${RUNS} runs x ${configs.length} page/CPU pairs x ${MEASURED.length} variants = ${RUNS * configs.length * MEASURED.length} cold loads`);
for (let run = 0; run < RUNS; run++) {
  for (const [index, { page, throttle }] of configs.entries()) {
    // Rotate the order each run (and differently per page), so no variant always goes first.
    const shift = (run + index) % MEASURED.length;
    const order = [...MEASURED.slice(shift), ...MEASURED.slice(0, shift)];
    for (const variant of order) {
      const key = `${page.name}|${throttle}|${variant.key}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(await measure(variant, page, throttle));
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  console.error(`run ${run + 1}/${RUNS} done, ${elapsed.toFixed(0)} s, load average ${loadavg()[0].toFixed(1)}`);
}
// The traced pass: the pages of the issue's task targets (10,000 activities, 20 badges).
const TRACED = PAGES.filter((p) => ["h10000", "twenty"].includes(p.name));
const traces = new Map(); // `${page}|${throttle}|${variant}` -> [result]
for (let run = 0; run < TRACE_RUNS; run++) {
  for (const page of TRACED) {
    for (const throttle of THROTTLES) {
      for (const variant of run % 2 ? [...MEASURED].reverse() : MEASURED) {
        if (variant.key === "js again") continue;
        const key = `${page.name}|${throttle}|${variant.key}`;
        if (!traces.has(key)) traces.set(key, []);
        traces.get(key).push(await traced(variant, page, throttle));
      }
    }
  }
}
if (TRACE_RUNS) console.error(`${TRACE_RUNS} traced loads per page, variant and CPU speed done, ${((Date.now() - started) / 1000).toFixed(0)} s`);
const seconds = (Date.now() - started) / 1000;
const loadAtEnd = loadavg();
await browser.close();
server.stop();

// ---- The report. ----
const ms = (v) => (v == null ? "n/a" : `${Math.round(v).toLocaleString("en-US")} ms`);
const task = (v) => (v == null ? "n/a" : v === 0 ? "<50 ms" : ms(v));
const ratio = (a, b) => (a == null || b == null || b === 0 ? "n/a" : `${(a / b).toFixed(2)}x`);
const stat = (page, throttle, variant, field) => {
  const runs = results.get(`${page.name}|${throttle}|${variant}`).filter((r) => !r.error);
  return median(runs.map((r) => r[field]));
};
const failures = [...results].flatMap(([key, runs]) => runs.filter((r) => r.error).map((r) => `${key}: ${r.error}`));

const rustRows = assets(join(site, "embed")).map(bytes);
const rustTotal = total("**Rust bundle** (.js + .wasm + .css)", rustRows);
const jsRows = assets(join(site, "baseline")).map(bytes);
const jsTotal = total("**plain JS baseline**", jsRows);
const relative = (row) => ({ ...row, file: row.file.startsWith(root) ? row.file.slice(root.length + 1) : row.file });

console.log(`\n# make bench: ${RUNS} cold loads per page, variant and CPU speed, medians`);
console.log(`\nChromium ${chromiumVersion}, loyalty-server (debug build, sample mode) on loopback; viewport 1280x800.`);
console.log(`Load average (1 min) ${loadAtStart[0].toFixed(1)} at the start, ${loadAtEnd[0].toFixed(1)} at the end (5 min: ${loadAtEnd[1].toFixed(1)}); ${seconds.toFixed(0)} s of measuring.`);
console.log(`Pages: the variant's script in <head>, the badges, then the same host content below them.`);

console.log(`\n## Bytes a host page downloads for one badge\n`);
console.log(table([...rustRows.map(relative), rustTotal, ...jsRows.map(relative), jsTotal]));
console.log(`\nRust/JS, brotli: ${ratio(rustTotal.brotli, jsTotal.brotli)}`);

for (const throttle of THROTTLES) {
  console.log(`\n## ${throttle === 1 ? "CPU as is" : `CPU ${throttle}x slower (CDP throttling)`}\n`);
  console.log("| page | rendered: Rust | plain JS | **Rust/JS** | JS again | JS/JS again (noise) | longest task: Rust | plain JS | TBT: Rust | plain JS | CLS: Rust | plain JS |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const page of PAGES) {
    const get = (variant, field) => stat(page, throttle, variant, field);
    const [rust, js, again] = ["rust", "js", "js again"].map((v) => get(v, "rendered"));
    console.log(`| ${page.label} | ${ms(rust)} | ${ms(js)} | **${ratio(rust, js)}** | ${ms(again)} | ${ratio(js, again)} | ` +
      `${task(get("rust", "longest"))} | ${task(get("js", "longest"))} | ${ms(get("rust", "tbt"))} | ${ms(get("js", "tbt"))} | ` +
      `${get("rust", "cls")?.toFixed(3)} | ${get("js", "cls")?.toFixed(3)} |`);
  }
  const tenThousand = PAGES.find((p) => p.name === "h10000");
  if (tenThousand) {
    const get = (variant, field) => stat(tenThousand, throttle, variant, field);
    const press = (v, n) => `${ms(get(v, `showMore${n}`))}, ${ms(get(v, `showMore${n}Painted`))} (${task(get(v, `showMore${n}Longest`))})`;
    console.log(`\n"Show more" on 10,000 activities (click to the new entries in the DOM, click to the end of the next frame; ` +
      `longest task meanwhile): first press: Rust ${press("rust", "")}, plain JS ${press("js", "")}; ` +
      `twentieth press (200 entries shown): Rust ${press("rust", "20")}, plain JS ${press("js", "20")}.`);
  }
}

// The issue's summary rows, from the figures above.
const seed = PAGES.find((p) => p.name === "seed");
const twenty = PAGES.find((p) => p.name === "twenty");
const big = PAGES.find((p) => p.name === "h10000");
const rendered = (page, v, t = 1) => stat(page, t, v, "rendered");
console.log(`\n## Summary (CPU as is; 4x slower in brackets)\n`);
console.log("| | Rust | plain JS | ratio (noise: JS/JS again) |\n|---|---:|---:|---:|");
console.log(`| bytes (.js + .wasm + .css), brotli -q 11 | ${kib(rustTotal.brotli)} | ${kib(jsTotal.brotli)} | ${ratio(rustTotal.brotli, jsTotal.brotli)} |`);
for (const [label, page] of [["navigation to points rendered, seed member", seed], ["20 badges: navigation to all rendered", twenty], ["10,000 activities: navigation to rendered", big]]) {
  const cells = THROTTLES.map((t) => [rendered(page, "rust", t), rendered(page, "js", t), rendered(page, "js again", t)]);
  const fmt = (i) => cells.map((c, n) => (n ? ` [${ms(c[i])}]` : ms(c[i]))).join("");
  const ratios = cells.map((c, n) => `${n ? " [" : ""}${ratio(c[0], c[1])} (${ratio(c[1], c[2])})${n ? "]" : ""}`).join("");
  console.log(`| ${label} | ${fmt(0)} | ${fmt(1)} | ${ratios} |`);
}
for (const [label, page] of [["10,000 activities: longest task", big], ["20 badges: longest task", twenty]]) {
  const fmt = (v) => THROTTLES.map((t, n) => (n ? ` [${task(stat(page, t, v, "longest"))}]` : task(stat(page, t, v, "longest")))).join("");
  console.log(`| ${label} | ${fmt("rust")} | ${fmt("js")} | |`);
}
const clsCell = (v) => THROTTLES.map((t, n) => {
  const worst = Math.max(...PAGES.map((p) => stat(p, t, v, "cls") ?? 0)).toFixed(3);
  return n ? ` [${worst}]` : worst;
}).join("");
console.log(`| CLS, worst page's median | ${clsCell("rust")} | ${clsCell("js")} | |`);

if (TRACE_RUNS) {
  const traced = (page, throttle, variant, field) => median((traces.get(`${page.name}|${throttle}|${variant}`) ?? []).filter((r) => !r.error).map((r) => r[field]));
  console.log(`\n## The badge's own work per task (${TRACE_RUNS} traced loads each, medians)\n`);
  console.log("Traced separately (tracing slows a load). \"Longest task\": the longest main-thread task (trace `RunTask`)\n" +
    "from navigation until two frames after all badges rendered. \"Badge's script in one task\": the most script time (the badge's: the\n" +
    "page runs no other script) inside one task; the rest of a task is the browser's parsing, style and layout.\n");
  console.log("| page | CPU | longest task: Rust | plain JS | badge's script in one task: Rust | plain JS |\n|---|---|---:|---:|---:|---:|");
  for (const page of TRACED) {
    for (const throttle of THROTTLES) {
      const get = (v, f) => ms(traced(page, throttle, v, f));
      console.log(`| ${page.label} | ${throttle === 1 ? "as is" : `${throttle}x slower`} | ${get("rust", "longest")} | ${get("js", "longest")} | ${get("rust", "script")} | ${get("js", "script")} |`);
    }
  }
  for (const [key, runs] of traces) for (const r of runs.filter((r) => r.error)) failures.push(`traced ${key}: ${r.error}`);
}

if (failures.length) {
  console.log(`\n${failures.length} loads failed and are left out of the medians:`);
  for (const failure of failures.slice(0, 20)) console.log(`- ${failure}`);
}
