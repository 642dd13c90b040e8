// The harness of the engine checks: one browser engine (ENGINE=chromium, firefox or webkit)
// driven through its own WebDriver server by selenium-webdriver, against a real loyalty-server
// serving a copy of the release build (`make build`) with this folder's test pages beside it.
//
// A check file (`*.test.mjs` here) calls `useSite()` once; every test then opens a page with
// `site.open(path)` and reads it with `site.run(fn, ...args)`. Every page served here loads
// `engines/recorder.js` before anything else: uncaught errors, unhandled rejections, CSP
// violations and console errors land in `window.__problems` (WebKit's driver has no console log),
// and `site.problems()` reads them. Never `import()` the bundle in `site.run`: in Firefox that
// loads a second instance in the WebDriver sandbox; use the page's (`window.__bundle`).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { Builder } from "selenium-webdriver";
import chrome from "selenium-webdriver/chrome.js";
import firefox from "selenium-webdriver/firefox.js";
import remote from "selenium-webdriver/remote/index.js";
import portprober from "selenium-webdriver/net/portprober.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

/** The engine under test, and where its pieces are (each overridable from the environment). */
export const ENGINE = process.env.ENGINE ?? "chromium";
const env = (name, fallback) => process.env[name] || fallback;
const PATHS = {
  dist: env("DIST", join(root, "dist")),
  panicBundle: env("PANIC_BUNDLE", join(root, "target/embed-panic/bundle")),
  server: env("LOYALTY_SERVER", join(root, "target/debug/loyalty-server")),
  chromium: env("CHROMIUM", "/usr/bin/chromium"),
  chromedriver: env("CHROMEDRIVER", "/usr/bin/chromedriver"),
  firefox: env("FIREFOX", "/usr/bin/firefox-esr"),
  geckodriver: env("GECKODRIVER", join(process.env.CARGO_HOME ?? join(process.env.HOME, ".cargo"), "bin/geckodriver")),
  webkitDriver: env("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver"),
  miniBrowser: env("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"),
};

/** Dates and numbers in the checks are for en-US in UTC. */
const BROWSER_ENV = { ...process.env, TZ: "UTC", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" };

/**
 * A copy of the build with the test pages: `engines/` holds this folder's `site/`, and
 * `embed-example.engines.html` is the embed example with the recorder loaded first and
 * `engines/expose.js` last (the page's bundle as `window.__bundle`, and `window.__import`).
 */
function prepareSite() {
  const dir = mkdtempSync(join(tmpdir(), `loyalty-engines-${ENGINE}-`));
  try {
    cpSync(PATHS.dist, dir, { recursive: true });
  } catch (error) {
    throw new Error(`cannot copy the build from ${PATHS.dist} (run \`make build\` first): ${error.message}`);
  }
  cpSync(join(here, "site"), join(dir, "engines"), { recursive: true });
  // A bundle without its wasm beside it, for the failed-load check.
  cpSync(join(dir, "embed/loyalty-badge.js"), join(dir, "engines/nowasm/loyalty-badge.js"));
  // The bundle built with an export that panics (`make embed-panic`), for the panic check, when
  // it has been built (panic.test.mjs says so when it has not).
  if (existsSync(PATHS.panicBundle)) cpSync(PATHS.panicBundle, join(dir, "engines/panic"), { recursive: true });
  const example = readFileSync(join(dir, "embed-example.html"), "utf8");
  const first = example.indexOf("<script");
  const end = example.indexOf("</head>");
  if (first < 0 || end < first) throw new Error("embed-example.html has no script in its head");
  writeFileSync(
    join(dir, "embed-example.engines.html"),
    `${example.slice(0, first)}<script src="engines/recorder.js"></script>\n  ${example.slice(first, end)}` +
      `  <script type="module" src="engines/expose.js"></script>\n${example.slice(end)}`,
  );
  return dir;
}

/** Starts `loyalty-server --port 0 --static dir`; resolves with its origin and its log lines. */
function startServer(dir) {
  const child = spawn(PATHS.server, ["--port", "0", "--static", dir], { stdio: ["ignore", "pipe", "inherit"] });
  const log = [];
  return new Promise((resolvePromise, reject) => {
    let buffered = "";
    child.on("error", (error) => reject(new Error(`cannot start ${PATHS.server}: ${error.message}`)));
    child.on("exit", (code) => reject(new Error(`loyalty-server exited with ${code} before listening`)));
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) {
        log.push(line);
        const listening = line.match(/ on (http:\/\/[\d.]+:\d+)$/);
        if (listening) resolvePromise({ origin: listening[1], log, stop: () => child.kill() });
      }
    });
  });
}

/** A WebDriver session in the engine under test; `stop()` also stops its driver server. */
async function openBrowser() {
  switch (ENGINE) {
    case "chromium": {
      const options = new chrome.Options()
        .setChromeBinaryPath(PATHS.chromium)
        .addArguments(
          "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-first-run", "--disable-quic", "--lang=en-US", "--window-size=1280,1024",
        );
      const service = new chrome.ServiceBuilder(PATHS.chromedriver).setEnvironment(BROWSER_ENV);
      const driver = await new Builder().forBrowser("chrome").setChromeOptions(options).setChromeService(service).build();
      return { driver, stop: () => driver.quit() };
    }
    case "firefox": {
      const options = new firefox.Options()
        .setBinary(PATHS.firefox)
        .addArguments("-headless", "--width=1280", "--height=1024")
        .setPreference("intl.accept_languages", "en-US");
      const service = new firefox.ServiceBuilder(PATHS.geckodriver).setEnvironment(BROWSER_ENV);
      const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
      return { driver, stop: () => driver.quit() };
    }
    case "webkit": {
      if (!process.env.DISPLAY) throw new Error("WebKitGTK needs a display: run under `xvfb-run -a`");
      const port = portprober.findFreePort();
      const service = new remote.DriverService(PATHS.webkitDriver, {
        loopback: true,
        port,
        args: port.then((p) => [`--port=${p}`]),
        env: BROWSER_ENV,
      });
      const url = await service.start();
      try {
        const driver = await new Builder()
          .usingServer(url)
          .withCapabilities({
            browserName: "MiniBrowser",
            "webkitgtk:browserOptions": { binary: PATHS.miniBrowser, args: ["--automation"] },
          })
          .build();
        return { driver, stop: async () => { try { await driver.quit(); } finally { await service.kill(); } } };
      } catch (error) {
        await service.kill();
        throw error;
      }
    }
    default:
      throw new Error(`ENGINE must be chromium, firefox or webkit, not "${ENGINE}"`);
  }
}

/**
 * Sets up, for the calling test file, one server and one browser session shared by its tests,
 * and returns the helpers they use. Everything is torn down after the file's tests.
 */
export function useSite() {
  const site = new Site();
  before(() => site.start(), { timeout: 120_000 });
  after(() => site.stop(), { timeout: 60_000 });
  return site;
}

class Site {
  #dir = null;
  #server = null;
  #browser = null;

  async start() {
    this.#dir = prepareSite();
    this.#server = await startServer(this.#dir);
    this.#browser = await openBrowser();
    await this.driver.manage().setTimeouts({ script: 30_000, pageLoad: 60_000 });
  }

  async stop() {
    try {
      await this.#browser?.stop();
    } finally {
      this.#server?.stop();
      if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  /** The selenium-webdriver session. */
  get driver() {
    return this.#browser.driver;
  }

  get origin() {
    return this.#server.origin;
  }

  /** Whether the site has the bundle with a panicking export (`engines/panic/`). */
  get hasPanicBundle() {
    return existsSync(join(this.#dir, "engines/panic/loyalty-badge.js"));
  }

  /**
   * loyalty-server's log so far: one line per request (`GET /v2/users/~3fa9c1d2/points 200
   * 1.2ms`). The server never logs a member id: it writes a keyed hash of it, random per process
   * (see `requestsFor`).
   */
  get serverLog() {
    return this.#server.log;
  }

  #memberPaths = new Map();

  /**
   * How the server's log writes `userId`'s path (`/v2/users/~3fa9c1d2`): learnt by asking the
   * server for a path it does not serve under that member (404, never a points request) and
   * reading the line it logs.
   */
  async memberPath(userId) {
    const known = this.#memberPaths.get(userId);
    if (known) return known;
    const probe = `log-probe-${this.#memberPaths.size}`;
    await fetch(`${this.origin}/v2/users/${encodeURIComponent(userId)}/${probe}`);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const line = this.serverLog.find((l) => l.includes(`/${probe} `));
      const path = line?.match(/^GET (\/v2\/users\/~[0-9a-f]+)\//)?.[1];
      if (path) {
        this.#memberPaths.set(userId, path);
        return path;
      }
      if (Date.now() > deadline) throw new Error(`the server logged no line for ${probe}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The log's lines for requests of `userId`'s points (`GET /v2/users/~.../points ...`). */
  async requestsFor(userId) {
    const prefix = `GET ${await this.memberPath(userId)}/points `;
    return this.serverLog.filter((line) => line.startsWith(prefix));
  }

  /** Loads `path` (e.g. `/embed-example.engines.html`) and waits for the document to be parsed. */
  async open(path) {
    await this.driver.get(`${this.origin}${path}`);
  }

  /** Runs `fn(...args)` in the page (it may return a promise); resolves with its result. */
  async run(fn, ...args) {
    // executeAsyncScript so that fn may be async in every engine; a throw becomes a rejection.
    const outcome = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve().then(() => (${fn}).apply(null, Array.from(arguments).slice(0, -1)))
         .then((value) => done({ value }), (error) => done({ error: error instanceof Error ? error.name + ": " + error.message + " at " + error.stack : String(error) }));`,
      ...args,
    );
    if (outcome.error) throw new Error(`in the page: ${outcome.error}`);
    return outcome.value;
  }

  /**
   * Waits for the page's instance of the bundle (`window.__bundle`, set by a module script that
   * WebKit may run a moment after the load event) and its `ready`.
   */
  async bundleReady() {
    await this.until((defined) => defined, () => Boolean(window.__bundle), [], { message: "the page's bundle" });
    await this.run(() => window.__bundle.ready);
  }

  /** Polls `fn(...args)` in the page until `accept(result)` holds; resolves with that result. */
  async until(accept, fn, args = [], { timeout = 20_000, message = "condition" } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await this.run(fn, ...args);
      if (accept(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${message}; last: ${JSON.stringify(last)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The badge in the element matching `selector` (its shadow root's `.lb`), summarised. */
  badge(selector) {
    return this.run(badgeSummary, selector);
  }

  /** Waits until the badge matching `selector` has settled in one of `states`; returns it. */
  settled(selector, states = ["loaded"], timeout = 20_000) {
    return this.until((b) => b && states.includes(b.state) && b.busy !== "true", badgeSummary, [selector], {
      timeout,
      message: `${selector} to be ${states.join(" or ")}`,
    });
  }

  /** What the recorder caught on the current page: uncaught errors, unhandled rejections, ... */
  problems() {
    return this.run(() => window.__problems ?? ["the recorder did not run"]);
  }

  /** The console warnings on the current page. */
  warnings() {
    return this.run(() => window.__warnings ?? ["the recorder did not run"]);
  }
}

/** Runs in the page. */
function badgeSummary(selector) {
  const element = document.querySelector(selector);
  const root = element?.shadowRoot?.querySelector(".lb");
  if (!root) return null;
  const text = (part) => root.querySelector(`[part~="${part}"]`)?.textContent.trim() ?? null;
  return {
    state: root.getAttribute("data-state"),
    busy: root.getAttribute("aria-busy"),
    variant: root.getAttribute("data-variant"),
    theme: root.getAttribute("data-theme"),
    total: text("total"),
    redeemable: text("redeemable"),
    fanLevel: text("fan-level"),
    activities: root.querySelectorAll('[part~="activity"]').length,
    firstDate: text("activity-date"),
    empty: text("empty"),
  };
}
