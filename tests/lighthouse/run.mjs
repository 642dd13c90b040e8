// `make lighthouse`: Lighthouse's performance category for the embed example page
// (static/embed-example.html, from `make build`'s dist/, served by a real loyalty-server in sample
// mode), as a phone (Lighthouse's default: simulated slow 4G, 4x CPU) and as a desktop (its
// desktop preset), in Debian's Chromium (chrome-launcher, CHROME_PATH), headless with the flags
// the Playwright config uses. Prints the performance score, CLS and the other metrics, medians of
// LH_RUNS runs (default 3), and each run's score and CLS (they vary from run to run). Figures only.
// The mobile figures are Lighthouse's simulation (lantern) from a trace taken at full speed: on a
// busy machine its CPU times, and so TBT and the score, come out too high.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../bench/chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const RUNS = Number(process.env.LH_RUNS ?? 3);
const PAGE = process.env.LH_PAGE ?? "/embed-example.html";

const server = spawn(process.env.LOYALTY_SERVER ?? join(root, "target/debug/loyalty-server"),
  ["--port", "0", "--static", join(root, "dist")], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((done, fail) => {
  let seen = "";
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const match = /on (http:\/\/\S+)/.exec(seen);
    if (match) done(match[1]);
  });
  server.on("exit", (code) => fail(new Error(`loyalty-server exited (${code})`)));
});

const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless", ...CHROMIUM_ARGS] });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
try {
  for (const [name, config] of [["mobile", undefined], ["desktop", desktopConfig]]) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const { lhr } = await lighthouse(`${base}${PAGE}`,
        { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" }, config);
      const audit = (id) => lhr.audits[id].numericValue;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      runs.push({
        score: lhr.categories.performance.score * 100,
        cls: audit("cumulative-layout-shift"),
        fcp: audit("first-contentful-paint"),
        lcp: audit("largest-contentful-paint"),
        tbt: audit("total-blocking-time"),
        si: audit("speed-index"),
        longest: lhr.audits["long-tasks"].details?.items?.[0]?.duration ?? 0,
      });
      console.error(`${name} run ${run + 1}/${RUNS}: performance ${runs.at(-1).score}, CLS ${runs.at(-1).cls.toFixed(3)}`);
    }
    const m = (key) => median(runs.map((r) => r[key]));
    const ms = (key) => `${Math.round(m(key)).toLocaleString("en-US")} ms`;
    const each = runs.map((r) => `${r.score} / ${r.cls.toFixed(3)}`).join(", ");
    rows.push(`| ${name} | ${m("score")} | ${m("cls").toFixed(3)} | ${ms("fcp")} | ${ms("lcp")} | ${ms("tbt")} | ${ms("longest")} | ${ms("si")} | ${each} |`);
  }
} finally {
  await chrome.kill();
  server.kill();
}
const { version } = JSON.parse(readFileSync(join(here, "node_modules/lighthouse/package.json"), "utf8"));
console.log(`\n# make lighthouse: ${PAGE}, medians of ${RUNS} runs (Lighthouse ${version}, load average ${loadavg()[0].toFixed(1)})\n`);
console.log("| form factor | performance | CLS | FCP | LCP | TBT | longest task | Speed Index | each run: performance / CLS |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
for (const row of rows) console.log(row);
