// The embed bundle (make embed) on a third-party page: plain HTML, strict CSP, hostile CSS.
import { test, expect } from "@playwright/test";
import { EmbedPage, accessibilityViolations, watchConsole } from "./pages.mjs";

const EXAMPLE_BADGES = ["#header-badge", "#main-badge", "#themed-badge", "#dark-badge", "#new-badge", "#mounted-badge"];

/** Computed styles of a few parts of a badge, inside its shadow root. */
async function looks(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector).shadowRoot;
    const pick = (part) => {
      const element = root.querySelector(`[part~="${part}"]`);
      const style = getComputedStyle(element);
      return [
        "font-family", "font-size", "font-weight", "font-style", "color", "background-color",
        "padding-top", "margin-top", "border-top-style", "border-top-width", "letter-spacing",
        "text-transform", "line-height", "text-align", "list-style-type",
      ].map((p) => `${part} ${p}: ${style.getPropertyValue(p)}`);
    };
    return ["total", "summary", "timeline", "activity", "activity-name", "activity-date"].flatMap(pick);
  }, selector);
}

test("the example page renders every badge, with no console error and no CSP violation", async ({ page }) => {
  const console = watchConsole(page);
  const example = new EmbedPage(page);
  await example.watchCsp();
  await example.goto();
  for (const selector of EXAMPLE_BADGES) {
    await expect(example.root(selector)).toHaveAttribute("data-state", "loaded");
  }
  await expect(example.part("#main-badge", "total")).toHaveText("1,000");
  await expect(example.part("#header-badge", "fan-level")).toHaveText("New Fan");
  await expect(example.part("#header-badge", "redeemable")).toHaveText("1,000");
  await expect(example.part("#header-badge", "timeline")).toHaveCount(0);
  await expect(example.part("#themed-badge", "activity")).toHaveCount(5);
  await expect(example.part("#dark-badge", "total")).toHaveText("4.321");
  await expect(example.part("#new-badge", "empty")).toBeVisible();
  await expect(example.part("#mounted-badge", "total")).toHaveText("48,213,977");
  expect(await example.violations()).toEqual([]);
  await page.screenshot({ path: "../../target/e2e/embed-example.png", fullPage: true });
  console.assertClean();
});

test("the host page's CSS does not change the badge, and the badge's CSS stays inside", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  await expect(example.root("#main-badge")).toHaveAttribute("data-state", "loaded");
  const styled = await looks(page, "#main-badge");
  const probe = () => page.evaluate(() => {
    const s = getComputedStyle(document.getElementById("host-probe"));
    return [s.borderTopWidth, s.borderRadius, s.backgroundColor, s.fontFamily];
  });
  // The host's own .lb rule applies to its element; the widget's .lb rule does not.
  expect(await probe()).toEqual(["5px", "0px", "rgb(201, 211, 211)", "Georgia, \"Times New Roman\", serif"]);
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);

  await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').remove());
  await expect.poll(() => page.evaluate(() => document.styleSheets.length)).toBe(0);
  expect(await looks(page, "#main-badge")).toEqual(styled);
});

test("::part() and custom properties restyle the themed badge", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  await expect(example.root("#themed-badge")).toHaveAttribute("data-state", "loaded");
  await expect(example.part("#themed-badge", "total")).toHaveCSS("color", "rgb(10, 125, 90)");
  await expect(example.root("#themed-badge")).toHaveCSS("border-top-left-radius", "2px");
  await expect(example.part("#main-badge", "total")).not.toHaveCSS("color", "rgb(10, 125, 90)");
});

test("changing user-id refetches; changing the look does not", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  await expect(example.root("#main-badge")).toHaveAttribute("data-state", "loaded");
  const requests = [];
  page.on("request", (r) => r.url().includes("/v2/users/") && requests.push(r.url()));

  await page.evaluate(() => {
    const badge = document.getElementById("main-badge");
    badge.setAttribute("theme", "dark");
    badge.setAttribute("locale", "de-DE");
    badge.setAttribute("page-size", "3");
  });
  await expect(example.root("#main-badge")).toHaveAttribute("data-theme", "dark");
  await expect(example.part("#main-badge", "activity-date")).toHaveText("16. Apr. 2016");
  expect(requests).toEqual([]);

  await page.evaluate(() => document.getElementById("main-badge").setAttribute("user-id", "whale@example.com"));
  await expect(example.part("#main-badge", "total")).toHaveText("48.213.977");
  expect(requests).toHaveLength(1);
  expect(requests[0]).toContain("/v2/users/whale@example.com/points?id_type=email");
});

test("removing a badge mid-request aborts the request and logs nothing", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  await expect(example.root("#main-badge")).toHaveAttribute("data-state", "loaded");
  const messages = [];
  page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
  const started = page.waitForRequest((r) => r.url().includes("/v2/users/slow@example.com/"));
  const failed = page.waitForEvent("requestfailed", (r) => r.url().includes("/v2/users/slow@example.com/"));
  const selector = await example.addBadge("doomed", { "user-id": "slow@example.com", "id-type": "email" });
  await started;
  await page.evaluate(() => document.getElementById("doomed").remove());
  const request = await failed;
  expect(request.failure().errorText).toBe("net::ERR_ABORTED");
  await page.waitForTimeout(3500); // past the slow member's answer
  expect(messages).toEqual([]);

  // Put back, it renders again.
  await page.evaluate(() => {
    const badge = document.createElement("loyalty-badge");
    badge.id = "doomed";
    badge.setAttribute("user-id", "alice");
    badge.setAttribute("id-type", "username");
    document.querySelector("main").append(badge);
  });
  await expect(example.part(selector, "total")).toHaveText("1,000");
});

test("a badge moved elsewhere in the page renders again", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  await expect(example.root("#new-badge")).toHaveAttribute("data-state", "loaded");
  await page.evaluate(() => document.querySelector("header").append(document.getElementById("new-badge")));
  await expect(example.part("header #new-badge", "empty")).toHaveText("No points activity yet.");
});

test("events carry the documented details", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  for (const id of ["ev-load", "ev-missing", "ev-invalid", "ev-gateway"]) await example.recordEvents(id);
  await example.addBadge("ev-load", { "user-id": "alice@crowdtwist.com", "id-type": "email" });
  await example.addBadge("ev-missing", { "user-id": "nobody@example.com", "id-type": "email" });
  await example.addBadge("ev-invalid", { "user-id": "alice", "id-type": "login_name" });
  await example.addBadge("ev-gateway", { "user-id": "gateway", "id-type": "username" });
  await expect.poll(async () => (await example.events("ev-gateway")).length).toBe(1);

  expect(await example.events("ev-load")).toEqual([{
    type: "loyalty-badge:load", bubbles: true, composed: true,
    detail: { id: "16", totalPoints: 1000, redeemablePoints: 1000, numPointsPurchased: 0, fanLevel: "New Fan", activityCount: 1 },
  }]);
  expect(await example.events("ev-missing")).toEqual([{
    type: "loyalty-badge:error", bubbles: true, composed: true,
    detail: { kind: "not-found", code: "param_error", status: 404, message: "No loyalty account was found for this member.", retryable: false },
  }]);
  const invalid = await example.events("ev-invalid");
  expect(invalid).toHaveLength(1);
  expect(invalid[0].detail).toMatchObject({ kind: "invalid-input", code: null, status: null, retryable: false });
  expect(invalid[0].detail.message).toContain("“login_name” is not a known id type");
  expect(await example.events("ev-gateway")).toEqual([{
    type: "loyalty-badge:error", bubbles: true, composed: true,
    detail: { kind: "http", code: null, status: 502, message: "The loyalty service is unavailable right now (HTTP 502).", retryable: true },
  }]);
});

test("attributes that do not parse fall back to their defaults, with one warning each", async ({ page }) => {
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const example = new EmbedPage(page);
  await example.goto();
  const selector = await example.addBadge("lenient", {
    "user-id": "ben_long", "id-type": "username", "page-size": "lots", variant: "huge", theme: "neon",
  });
  await expect(example.root(selector)).toHaveAttribute("data-state", "loaded");
  await expect(example.part(selector, "activity")).toHaveCount(10);
  await expect(example.root(selector)).toHaveAttribute("data-variant", "full");
  await expect(example.root(selector)).toHaveAttribute("data-theme", "auto");
  // Another attribute change re-reads them all; the warnings are not repeated.
  await page.evaluate(() => document.getElementById("lenient").setAttribute("locale", "de-DE"));
  await expect(example.part(selector, "total")).toHaveText("52.755");
  expect(warnings).toEqual([
    "loyalty-badge: page-size: “lots” is not a whole number. The default is used.",
    "loyalty-badge: variant: “huge” is not a known variant. Use one of: full, compact. The default is used.",
    "loyalty-badge: theme: “neon” is not a known theme. Use one of: light, dark, auto. The default is used.",
  ]);
});

test("twenty badges render from one module, one request per member", async ({ page }) => {
  const loads = [];
  page.on("request", (r) => /loyalty-badge(_bg\.wasm|\.js)$/.test(r.url()) && loads.push(r.url()));
  const example = new EmbedPage(page);
  await example.goto();
  const asked = [];
  page.on("request", (r) => {
    const member = r.url().match(/\/v2\/users\/([^/]+)\/points\?id_type=username$/);
    if (member) asked.push(decodeURIComponent(member[1]));
  });
  const members = ["alice", "ben_long", "newbie", "whale", "zoë", "mixed", "flaky", "gateway", "broken", "busy"];
  await page.evaluate((members) => {
    const section = document.createElement("section");
    section.id = "twenty";
    for (let i = 0; i < 20; i++) {
      const badge = document.createElement("loyalty-badge");
      badge.setAttribute("user-id", members[i % members.length]);
      badge.setAttribute("id-type", "username");
      badge.setAttribute("variant", i % 2 ? "compact" : "full");
      section.append(badge);
    }
    document.querySelector("main").append(section);
  }, members);
  const roots = page.locator("#twenty loyalty-badge .lb");
  await expect(roots).toHaveCount(20);
  for (let i = 0; i < 20; i++) {
    if (members[i % members.length] === "busy") {
      // 429 with Retry-After: 30: waiting, saying so.
      await expect(roots.nth(i)).toHaveAttribute("data-retry", "waiting");
    } else {
      await expect(roots.nth(i)).toHaveAttribute("data-state", /^(loaded|error)$/);
    }
  }
  // Each member is shown by two identical badges, which share one request. Seven members load
  // (the flaky one perhaps after an automatic retry); gateway and broken fail after two retries.
  await expect(page.locator("#twenty loyalty-badge .lb[data-state=loaded]")).toHaveCount(14);
  await expect(page.locator("#twenty loyalty-badge .lb[data-state=error]")).toHaveCount(4);
  const count = (member) => asked.filter((m) => m === member).length;
  // At most one: a badge of the example page still loading the same member shares its request
  // (the loader starts the page's requests before the wasm is ready).
  for (const member of ["alice", "ben_long", "newbie", "whale", "zoë", "mixed", "busy"]) expect(count(member), member).toBeLessThanOrEqual(1);
  expect([1, 2]).toContain(count("flaky"));
  expect(count("gateway")).toBe(3);
  expect(count("broken")).toBe(3);
  expect(loads.filter((u) => u.endsWith(".js"))).toHaveLength(1);
  expect(loads.filter((u) => u.endsWith(".wasm"))).toHaveLength(1);
  // Importing again (another URL, another copy) does not define the element twice.
  const again = await page.evaluate(async () => {
    await import("/embed/loyalty-badge.js?copy=2");
    return customElements.get("loyalty-badge") !== undefined;
  });
  expect(again).toBe(true);
});

test("an api-key warns once and never shows up in the DOM, an event or the console", async ({ page }) => {
  const KEY = "SECRET-KEY-8f3a";
  const messages = [];
  page.on("console", (m) => messages.push({ type: m.type(), text: m.text() }));
  const example = new EmbedPage(page);
  await example.goto();
  await example.recordEvents("keyed-1");
  await example.recordEvents("keyed-2");
  await example.addBadge("keyed-1", { "user-id": "alice", "id-type": "username", "api-key": KEY });
  await example.addBadge("keyed-2", { "user-id": "nobody", "id-type": "username", "api-key": KEY });
  await expect(example.root("#keyed-1")).toHaveAttribute("data-state", "loaded");
  await expect(example.root("#keyed-2")).toHaveAttribute("data-state", "not-found");

  const warnings = messages.filter((m) => m.type === "warning" && m.text.includes("api-key"));
  expect(warnings).toHaveLength(1);
  const dom = await page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const element of document.querySelectorAll("loyalty-badge, #mounted-badge")) {
      parts.push(element.shadowRoot?.innerHTML ?? "");
    }
    return parts.join("\n");
  });
  expect(dom).not.toContain(KEY);
  expect(JSON.stringify(await example.events("keyed-1"))).not.toContain(KEY);
  expect(JSON.stringify(await example.events("keyed-2"))).not.toContain(KEY);
  expect(JSON.stringify(messages.filter((m) => !m.text.startsWith("Failed to load resource")))).not.toContain(KEY);
  // The key still goes where it is needed: the request.
  const url = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).find((n) => n.includes("/v2/users/alice/")));
  expect(url).toContain(`api_key=${KEY}`);
});

test("refresh() keeps the figures visible until the new ones arrive", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  const selector = await example.addBadge("refreshing", { "user-id": "slow", "id-type": "username" });
  await expect(example.root(selector)).toHaveAttribute("data-state", "loaded", { timeout: 10_000 });
  await page.evaluate(() => document.getElementById("refreshing").refresh());
  await expect(example.root(selector)).toHaveAttribute("aria-busy", "true");
  await expect(example.part(selector, "total")).toHaveText("750");
  await expect(example.root(selector)).toHaveAttribute("data-state", "loaded");
  await expect(example.root(selector)).toHaveAttribute("aria-busy", "false", { timeout: 10_000 });
  await expect(example.part(selector, "total")).toHaveText("750");
});

test("the JavaScript API: mount, update, refresh, destroy, and clear errors", async ({ page }) => {
  const example = new EmbedPage(page);
  await example.goto();
  await expect(example.root("#mounted-badge")).toHaveAttribute("data-state", "loaded");
  const result = await page.evaluate(async () => {
    const { mount } = await import("/embed/loyalty-badge.js");
    const errors = [];
    const attempt = (f) => { try { f(); errors.push(null); } catch (e) { errors.push(`${e.constructor.name}: ${e.message}`); } };
    const host = document.createElement("div");
    host.id = "api-host";
    document.querySelector("main").append(host);
    attempt(() => mount(host, { userId: "alice", idType: "username", pageSize: "ten" }));
    attempt(() => mount(host, { userId: "alice", idType: "login_name" }));
    attempt(() => mount(host, { userId: "alice", colour: "red" }));
    attempt(() => mount(host, "alice"));
    attempt(() => mount("#api-host", { userId: "alice" }));
    attempt(() => mount(document.createElement("img"), { userId: "alice" }));
    const badge = mount(host, { userId: "alice", idType: "username" });
    attempt(() => mount(host, { userId: "alice" }));
    window.__apiBadge = badge;
    return errors;
  });
  expect(result[0]).toMatch(/^Error: loyalty-badge: option pageSize: invalid type: string "ten", expected u32/);
  expect(result[1]).toContain("option idType: “login_name” is not a known id type");
  expect(result[2]).toContain("unknown option “colour”; the options are userId, idType");
  expect(result[3]).toBe("Error: loyalty-badge: options must be an object");
  expect(result[4]).toBe("Error: loyalty-badge: mount(element, options) needs an HTML element");
  expect(result[5]).toBe("Error: loyalty-badge: <img> cannot hold a shadow root; use a <div> or a <span>");
  expect(result[6]).toBe("Error: loyalty-badge: the element already holds a badge or other shadow content");
  await expect(example.part("#api-host", "total")).toHaveText("1,000");

  await page.evaluate(() => window.__apiBadge.update({ userId: "whale", variant: "compact" }));
  await expect(example.part("#api-host", "redeemable")).toHaveText("31,000,450");
  await expect(example.root("#api-host")).toHaveAttribute("data-variant", "compact");
  const updateError = await page.evaluate(() => { try { window.__apiBadge.update({ timeout: -5 }); } catch (e) { return e.message; } });
  expect(updateError).toContain("option timeout");

  const requests = [];
  page.on("request", (r) => r.url().includes("/v2/users/whale/") && requests.push(r.url()));
  await page.evaluate(() => window.__apiBadge.refresh());
  await expect.poll(() => requests.length).toBe(1);

  await page.evaluate(() => { window.__apiBadge.destroy(); window.__apiBadge.destroy(); });
  await expect(page.locator("#api-host .lb")).toHaveCount(0);
  const afterDestroy = await page.evaluate(() => { try { window.__apiBadge.refresh(); } catch (e) { return e.message; } });
  expect(afterDestroy).toBe("loyalty-badge: this badge was destroyed");
  // The emptied element takes a new badge.
  await page.evaluate(async () => {
    const { mount } = await import("/embed/loyalty-badge.js");
    mount(document.getElementById("api-host"), { userId: "newbie", idType: "username" });
  });
  await expect(example.part("#api-host", "empty")).toBeVisible();
});

test.describe("accessibility", () => {
  // axe-core is injected as an inline script, which the page's own CSP rightly refuses.
  test.use({ bypassCSP: true });

  test("the embed example page has no accessibility violations", async ({ page }) => {
    const example = new EmbedPage(page);
    await example.goto();
    for (const selector of EXAMPLE_BADGES) {
      await expect(example.root(selector)).toHaveAttribute("data-state", "loaded");
    }
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
