// The yardstick must render what the Rust badge renders: the same shadow DOM (tags, attributes,
// text, adopted CSS) for every badge of the check page, in each state both reach (loading,
// loaded, empty, compact, errors), and the same after "Show more" (focus included). Run by
// `make bench` before it measures (node --test; needs `node tests/bench/site.mjs` first).
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
    const css = root?.adoptedStyleSheets.map((s) => [...s.cssRules].map((r) => r.cssText).join("\n"));
    return [badge.id, { css, dom: root ? [...root.childNodes].map(node) : null }];
  }));
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

const settled = (page, ids) =>
  page.waitForFunction((ids) => ids.every((id) => {
    const root = document.getElementById(id).shadowRoot?.querySelector(".lb");
    return root && root.dataset.state !== "loading" && root.getAttribute("aria-busy") === "false";
  }), ids, { polling: 20, timeout: 30_000 });

const SLOW = ["slow", "slow-compact"];
const FAST = CHECKS.map(([id]) => id).filter((id) => !SLOW.includes(id));

test("the loading placeholder is the same (full and compact)", async () => {
  const views = [];
  for (const variant of ["rust", "js"]) {
    const view = await open(variant);
    // The slow member answers after 3 s: both show their placeholders meanwhile.
    await view.page.waitForFunction((ids) => ids.every((id) =>
      document.getElementById(id).shadowRoot?.querySelector('.lb[data-state="loading"]')), SLOW, { polling: 20 });
    const all = await view.page.evaluate(snapshot);
    views.push(Object.fromEntries(SLOW.map((id) => [id, all[id]])));
    await view.context.close();
  }
  assert.ok(JSON.stringify(views[0]).includes("lb-skeleton"));
  for (const id of SLOW) {
    assert.ok(views[1][id].css.join() === views[0][id].css.join(), `badge ${id}: the same adopted CSS`);
    assert.deepEqual(views[1][id].dom, views[0][id].dom, `badge ${id}`);
  }
});

test("every state renders the same markup and CSS, and again after Show more", async () => {
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
    views[variant] = { first, paged, focus, problems: view.problems };
    await view.context.close();
  }
  const { rust, js } = views;
  assert.deepEqual(rust.problems, []);
  assert.deepEqual(js.problems, []);
  assert.equal(rust.first.seed.dom[0][2][1].includes("data-state=loaded"), true, "the Rust seed badge loaded");
  for (const id of FAST) {
    assert.ok(js.first[id].css.join() === rust.first[id].css.join(), `badge ${id}: the same adopted CSS`);
    assert.deepEqual(js.first[id].dom, rust.first[id].dom, `badge ${id}`);
  }
  assert.deepEqual(js.paged.dom, rust.paged.dom, "after Show more");
  assert.deepEqual(rust.focus, [5, 10], "focus on the first revealed entry (Rust)");
  assert.deepEqual(js.focus, rust.focus, "focus after Show more");
});
