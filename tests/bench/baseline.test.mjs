// The yardstick must render what the Rust badge renders: the same shadow DOM (tags, attributes,
// text) and the same widget stylesheet for every badge of the check page (tests/bench/site.mjs,
// CHECKS), in each state both reach: loading (the skeleton, full and compact), an automatic retry
// waiting out the busy member's `Retry-After: 30` ("Trying again in 30 s…", data-retry, the live
// region), loaded (summary sentences, British and Hebrew locales, a time zone, relative dates with
// their titles, unreadable entries, no activity, compact closed and open), and the errors (not
// found, 502 and malformed JSON after their automatic retries, 429 with `Retry-After: 1` after its
// two retries with its Retry button enabled again, refused inputs); the same after "Show more"
// (focus included), and after opening and closing the compact badge with its toggle (Escape
// closes it, focus back on the toggle). Run by `make bench` before it measures (node --test;
// needs `node tests/bench/site.mjs` first).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { CHECKS, CHROMIUM, CHROMIUM_ARGS, startServer } from "./site.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

/** Every badge's shadow DOM as plain data: [tag, sorted attributes, ...children]; text merged. */
function snapshot() {
  const node = (n) => {
    if (n.nodeType === Node.TEXT_NODE) return n.data;
    const attributes = [...n.attributes].map((a) => `${a.name}=${a.value}`).sort();
    const children = [];
    for (const child of n.childNodes) {
      const value = node(child);
      if (typeof value === "string" && typeof children.at(-1) === "string") children[children.length - 1] += value;
      else if (value !== "") children.push(value);
    }
    return [n.localName, attributes, ...children];
  };
  return Object.fromEntries([...document.querySelectorAll("loyalty-badge")].map((badge) => {
    const root = badge.shadowRoot;
    // Each sheet's rules, those inside @media flattened with their condition in front. A value
    // with var() keeps its source text, and the wasm carries styles.css minified (no space after
    // a comma) where the baseline imports it as written: whitespace after a comma, never
    // significant in CSS, is left out on both sides.
    const rules = (list, within = "") => [...list].flatMap((r) =>
      r instanceof CSSMediaRule
        ? rules(r.cssRules, `${within}@media ${r.conditionText} `)
        : [`${within}${r.cssText}`.replace(/,\s+/g, ",")]);
    const css = root?.adoptedStyleSheets.map((s) => rules(s.cssRules));
    return [badge.id, { css, dom: root ? [...root.childNodes].map(node) : null }];
  }));
}

/**
 * The same styles: the baseline adopts the widget's stylesheet alone; the Rust badge adopts the
 * loader's skeleton sheet (the wasm's CSS has not arrived when the skeleton is drawn) and then the
 * widget's. The widget's sheets must be equal, and every rule of the loader's must be one of the
 * widget's, so that the cascade is the same.
 */
function sameCss(rust, js, id) {
  assert.equal(js.length, 1, `badge ${id}: the baseline adopts one sheet`);
  const widget = rust.at(-1);
  assert.ok(widget.join("\n") === js[0].join("\n"), `badge ${id}: the same widget stylesheet`);
  for (const rule of rust.slice(0, -1).flat()) {
    assert.ok(widget.includes(rule), `badge ${id}: the loader's rule is the widget's: ${rule.slice(0, 80)}`);
  }
}

/** Opens a variant's check page; resolves once every badge but the slow ones has settled. */
async function open(variant) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${server.base}/check-${variant}.html`);
  return { context, page, problems };
}

/** Every badge of `ids` settled: not loading, not busy, no Retry button still disabled. */
const settled = (page, ids) =>
  page.waitForFunction((ids) => ids.every((id) => {
    const root = document.getElementById(id).shadowRoot?.querySelector(".lb");
    return root && root.dataset.state !== "loading" && root.getAttribute("aria-busy") === "false" && !root.querySelector("[disabled]");
  }), ids, { polling: 20, timeout: 30_000 });

// The slow member answers after 3 s; the busy member waits 30 s before each of its two retries.
const LOADING = ["slow", "slow-compact", "busy"];
const FAST = CHECKS.map(([id]) => id).filter((id) => !LOADING.includes(id));

test("the loading placeholder and the retry wait are the same (full and compact)", async () => {
  const views = [];
  for (const variant of ["rust", "js"]) {
    const view = await open(variant);
    await view.page.waitForFunction(() =>
      ["slow", "slow-compact"].every((id) => document.getElementById(id).shadowRoot?.querySelector('.lb[data-state="loading"][aria-busy="true"]')) &&
      document.getElementById("busy").shadowRoot?.querySelector('.lb[data-retry="waiting"]'), null, { polling: 20 });
    const all = await view.page.evaluate(snapshot);
    views.push(Object.fromEntries(LOADING.map((id) => [id, all[id]])));
    await view.context.close();
  }
  const [rust, js] = views;
  assert.ok(JSON.stringify(rust.slow).includes("lb-skeleton"));
  assert.ok(JSON.stringify(rust.busy).includes("Trying again in 30 s…"));
  for (const id of LOADING) {
    sameCss(rust[id].css, js[id].css, id);
    assert.deepEqual(js[id].dom, rust[id].dom, `badge ${id}`);
  }
});

test("every state renders the same markup and CSS, and again after Show more and the compact toggle", async () => {
  const views = {};
  for (const variant of ["rust", "js"]) {
    const view = await open(variant);
    await settled(view.page, FAST);
    const first = await view.page.evaluate(snapshot);
    // Two presses of "Show more" on the 300-entry member (5 a page), then where focus went.
    const focus = [];
    for (let press = 0; press < 2; press++) {
      await view.page.evaluate(() => document.getElementById("long").shadowRoot.querySelector('[part="more"]').click());
      await view.page.waitForFunction((n) => document.getElementById("long").shadowRoot.querySelectorAll("li").length === n, 5 * (press + 2));
      focus.push(await view.page.evaluate(() => {
        const root = document.getElementById("long").shadowRoot;
        return [...root.querySelectorAll("li")].indexOf(root.activeElement);
      }));
    }
    const paged = (await view.page.evaluate(snapshot)).long;
    // The compact badge: its toggle opens it; Escape (from a history entry) closes it again.
    const toggled = [];
    await view.page.locator("#compact").locator('[part="toggle"]').click();
    await view.page.waitForFunction(() => document.getElementById("compact").shadowRoot.querySelector(".lb-details li"));
    toggled.push((await view.page.evaluate(snapshot)).compact);
    await view.page.evaluate(() => document.getElementById("compact").shadowRoot.querySelector(".lb-details li").focus());
    await view.page.keyboard.press("Escape");
    await view.page.waitForFunction(() => !document.getElementById("compact").shadowRoot.querySelector(".lb-details"));
    toggled.push((await view.page.evaluate(snapshot)).compact);
    const toggleFocused = await view.page.evaluate(() => document.getElementById("compact").shadowRoot.activeElement?.getAttribute("part"));
    views[variant] = { first, paged, focus, toggled, toggleFocused, problems: view.problems };
    await view.context.close();
  }
  const { rust, js } = views;
  assert.deepEqual(rust.problems, []);
  assert.deepEqual(js.problems, []);
  assert.ok(JSON.stringify(rust.first.seed.dom).includes("data-state=loaded"), "the Rust seed badge loaded");
  assert.ok(JSON.stringify(rust.first["busy-briefly"].dom).includes("Try again in 1 s."), "the Rust busy-briefly badge settled on its error");
  assert.ok(JSON.stringify(rust.first.recent.dom).includes("yesterday"), "the Rust badge shows relative dates");
  for (const id of FAST) {
    sameCss(rust.first[id].css, js.first[id].css, id);
    assert.deepEqual(js.first[id].dom, rust.first[id].dom, `badge ${id}`);
  }
  assert.deepEqual(js.paged.dom, rust.paged.dom, "after Show more");
  assert.deepEqual(rust.focus, [5, 10], "focus on the first revealed entry (Rust)");
  assert.deepEqual(js.focus, rust.focus, "focus after Show more");
  assert.ok(JSON.stringify(rust.toggled[0].dom).includes("aria-expanded=true"), "the Rust compact badge opened");
  assert.deepEqual(js.toggled[0].dom, rust.toggled[0].dom, "the compact badge, opened");
  assert.deepEqual(js.toggled[1].dom, rust.toggled[1].dom, "the compact badge, closed with Escape");
  assert.equal(rust.toggleFocused, "toggle", "focus back on the toggle (Rust)");
  assert.equal(js.toggleFocused, rust.toggleFocused, "focus after Escape");
});
