// Load benchmark: how long a page takes to show its badges, and how much main-thread time they
// cost, in headless Chromium against a real loyalty-server serving `dist/` (`make bench`).
// Prints figures (median of several runs); it never fails on a number.
//   node tests/bench/load.mjs [runs]
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const require = createRequire(resolve("tests/e2e/package.json"));
const { chromium } = require("playwright-core");

const runs = Number(process.argv[2] ?? 7);
const server = spawn("target/debug/loyalty-server", ["--port", "0", "--static", "dist"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const base = await new Promise((done, fail) => {
  server.stdout.on("data", (chunk) => {
    const match = /on (http:\/\/[^\s]+)/.exec(chunk.toString());
    if (match) done(match[1]);
  });
  server.on("exit", (code) => fail(new Error(`loyalty-server exited (${code})`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});

/** One cold load of `path` (fresh context, empty cache) until `count` badges are loaded. */
async function measure(path, count, setup) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(`${base}${path}`);
  if (setup) await page.evaluate(setup);
  await page.waitForFunction(
    (count) => {
      const roots = [...document.querySelectorAll("loyalty-badge, #mounted-badge, #demo")]
        .map((e) => (e.shadowRoot ?? e).querySelector(".lb"))
        .filter((r) => r && r.dataset.state === "loaded" && r.getAttribute("aria-busy") === "false");
      return roots.length >= count;
    },
    count,
    { polling: 5, timeout: 30_000 },
  );
  const shown = await page.evaluate(() => performance.now());
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name) => metrics.find((m) => m.name === name).value * 1000;
  await context.close();
  return { shown, script: metric("ScriptDuration"), tasks: metric("TaskDuration") };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const twenty = () => {
  const members = ["alice", "ben_long", "newbie", "whale", "zoë", "mixed"];
  for (let i = 0; i < 20; i++) {
    const badge = document.createElement("loyalty-badge");
    badge.setAttribute("user-id", members[i % members.length]);
    badge.setAttribute("id-type", "username");
    document.querySelector("main").append(badge);
  }
};

const scenarios = [
  ["demo page (Yew app), 1 badge", "/", 1],
  ["embed example page, 6 badges", "/embed-example.html", 6],
  ["embed example page + 20 more badges", "/embed-example.html", 26, twenty],
];

console.log(`${runs} cold loads each, median; Chromium ${browser.version()}, loyalty-server on loopback`);
console.log("scenario                                  all loaded (ms)  script (ms)  main-thread tasks (ms)");
for (const [name, path, count, setup] of scenarios) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure(path, count, setup));
  const cell = (key, width) => median(results.map((r) => r[key])).toFixed(0).padStart(width);
  console.log(`${name.padEnd(40)}  ${cell("shown", 15)}  ${cell("script", 11)}  ${cell("tasks", 22)}`);
}
await browser.close();
server.kill();
