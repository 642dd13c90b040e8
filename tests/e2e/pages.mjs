// Page objects for the end-to-end tests.
import { createRequire } from "node:module";
import { expect } from "@playwright/test";

const require = createRequire(import.meta.url);

/** Collects console errors and uncaught exceptions; `assertClean()` fails on any. */
export function watchConsole(page) {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  return {
    problems,
    /** Nothing at all went to the console as an error. */
    assertClean() {
      expect(problems, problems.join("\n")).toEqual([]);
    },
    /** No exception and no Rust panic; the browser's own "Failed to load resource" lines for
     *  the HTTP errors a test provokes are expected. */
    assertNoCrash() {
      const crashes = problems.filter((p) => !p.includes("Failed to load resource"));
      expect(crashes, crashes.join("\n")).toEqual([]);
    },
  };
}

/** Runs axe-core on the page; returns its violations. */
export async function accessibilityViolations(page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const results = await page.evaluate(() => globalThis.axe.run());
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
}

/** The demo page: the member form, the sample list, and the badge. */
export class DemoPage {
  constructor(page) {
    this.page = page;
    this.badge = page.locator(".lb");
    this.memberId = page.getByLabel("Member id");
    this.idType = page.getByLabel("Id type");
  }

  async goto(search = "") {
    await this.page.goto(`/${search}`);
  }

  /** The element with this shadow-part name. */
  part(name) {
    return this.page.locator(`[part~="${name}"]`);
  }

  /** Waits for the badge's data-state to be one of `states`; returns it. */
  async settled(states = ["loaded", "error", "not-found"]) {
    await expect
      .poll(async () => this.badge.getAttribute("data-state"), { timeout: 20_000 })
      .toMatch(new RegExp(`^(${states.join("|")})$`));
    return this.badge.getAttribute("data-state");
  }

  async showMember(userId, idType) {
    await this.memberId.fill(userId);
    await this.idType.selectOption(idType);
    await this.page.getByRole("button", { name: "Show points" }).click();
  }

  async chooseSample(label) {
    await this.page.getByRole("link", { name: label, exact: true }).click();
  }

  async errorMessage() {
    return (await this.page.locator(".lb-error-message").textContent()).trim();
  }
}

/** The embed example page: plain HTML, strict CSP, aggressive host CSS, several badges. */
export class EmbedPage {
  constructor(page) {
    this.page = page;
  }

  /** Records CSP violations from the first script on, into window.__violations. */
  async watchCsp() {
    await this.page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
      );
    });
  }

  async goto() {
    await this.page.goto("/embed-example.html");
  }

  async violations() {
    return this.page.evaluate(() => window.__violations);
  }

  /** The badge root (inside the shadow root) of the element matching `selector`. */
  root(selector) {
    return this.page.locator(`${selector} .lb`);
  }

  part(selector, name) {
    return this.page.locator(`${selector} [part~="${name}"]`);
  }

  /** Adds a <loyalty-badge> with these attributes to <main>; returns its selector. */
  async addBadge(id, attributes) {
    await this.page.evaluate(
      ([id, attributes]) => {
        const badge = document.createElement("loyalty-badge");
        badge.id = id;
        for (const [name, value] of Object.entries(attributes)) badge.setAttribute(name, value);
        document.querySelector("main").append(badge);
      },
      [id, attributes],
    );
    return `#${id}`;
  }

  /** Collects the element's loyalty-badge:* events into window.__events[id]. */
  async recordEvents(id) {
    await this.page.evaluate((id) => {
      window.__events ??= {};
      const events = (window.__events[id] = []);
      for (const type of ["loyalty-badge:load", "loyalty-badge:error"]) {
        // Listening on the document proves the events bubble out of the shadow root.
        document.addEventListener(type, (e) => {
          if (e.target.id === id) events.push({ type: e.type, detail: e.detail, composed: e.composed, bubbles: e.bubbles });
        });
      }
    }, id);
  }

  async events(id) {
    return this.page.evaluate((id) => window.__events[id], id);
  }
}
