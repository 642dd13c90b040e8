// Before the wasm is ready (loader.html holds its download back): <loyalty-badge> is defined, each
// badge (elements and mount()) shows a skeleton of its loaded size, and the points requests are
// made at once, one per member; once the wasm is ready it takes over the same shadow roots and
// the same requests: nothing on the page moves and no request is made twice (loyalty-server's
// log counts them).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import { ENGINE, useSite } from "./harness.mjs";

const site = useSite();
const BADGES = ["#full", "#empty", "#compact", "#mounted"];

/** Points requests in the server's log from line `from` on. */
const pointsRequests = (from) => site.serverLog.slice(from).filter((line) => /^GET \/v2\/users\/[^/ ]+\/points /.test(line));

/** Runs in the page: each badge's box, what its shadow root holds, and where the content below is. */
function layout(selectors) {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, height: r.height, width: r.width };
  };
  return {
    defined: customElements.get("loyalty-badge") !== undefined,
    wasmAsked: window.__wasmAsked,
    intlBeforeWasm: window.__intlBeforeWasm,
    below: document.getElementById("below").getBoundingClientRect().top,
    badges: Object.fromEntries(selectors.map((s) => {
      const e = document.querySelector(s);
      const lb = e.shadowRoot?.querySelector(".lb");
      return [s, {
        ...box(e),
        skeleton: !!e.shadowRoot?.querySelector("[data-lb-skeleton]"),
        state: lb?.dataset.state ?? null,
        variant: lb?.dataset.variant ?? null,
        rows: e.shadowRoot?.querySelector(".lb-history")?.dataset.rows ?? null,
      }];
    })),
  };
}

describe(`before the wasm is ready and at the handover, in ${ENGINE}`, () => {
  let from;
  let waiting;
  let loaded;
  let requestsBeforeWasm;
  before(async () => {
    from = site.serverLog.length;
    await site.open("/engines/loader.html");
    // Every member's request is answered while the wasm is still held back.
    await site.until(() => pointsRequests(from).length >= 3, () => window.__wasmAsked, [], { message: "the requests started before the wasm" });
    await new Promise((r) => setTimeout(r, 300));
    // The Intl warm-up's four steps (a task each; slow under load).
    await site.until((made) => made >= 4, () => window.__intlBeforeWasm.length, [], { timeout: 5_000, message: "the Intl warm-up" });
    waiting = await site.run(layout, BADGES);
    requestsBeforeWasm = pointsRequests(from);
    await site.run(() => window.__releaseWasm());
    for (const id of BADGES) await site.settled(id, ["loaded"]);
    loaded = await site.run(layout, BADGES);
  });

  test("the element is defined and each badge shows a skeleton of its variant", () => {
    assert.equal(waiting.defined, true);
    assert.equal(waiting.wasmAsked, true, "the wasm was asked for and held back");
    for (const id of BADGES) {
      const badge = waiting.badges[id];
      assert.equal(badge.skeleton, true, `${id} shows the skeleton`);
      assert.equal(badge.state, "loading", id);
      assert.ok(badge.height > 20, `${id} takes room (${badge.height} px)`);
    }
    assert.equal(waiting.badges["#compact"].variant, "compact");
    assert.equal(waiting.badges["#full"].variant, "full");
    // The room of a page of rows: 10 by default, the page size when smaller.
    assert.equal(waiting.badges["#full"].rows, "10");
    assert.equal(waiting.badges["#mounted"].rows, "2");
  });

  test("the points requests start before the wasm, one per member (the mounted badge shares #full's)", () => {
    assert.equal(requestsBeforeWasm.length, 3, requestsBeforeWasm.join("\n"));
    for (const line of requestsBeforeWasm) assert.match(line, / 200 /);
  });

  test("the browser's locale data is loaded while the wasm downloads, in steps of a task each", () => {
    // Whatever else the page makes meanwhile (nothing, on this page), the four steps come in
    // order, each in a task of its own.
    const steps = ["Locale", "supportedValuesOf", "NumberFormat", "DateTimeFormat"];
    const made = waiting.intlBeforeWasm.filter(([name]) => steps.includes(name));
    assert.deepEqual(made.map(([name]) => name), steps, JSON.stringify(waiting.intlBeforeWasm));
    const tasks = made.map(([, task]) => task);
    assert.equal(new Set(tasks).size, steps.length, `one task each: ${JSON.stringify(made)}`);
  });

  test("the wasm takes over the requests: none is made again", async () => {
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(pointsRequests(from), requestsBeforeWasm);
  });

  test("the loaded badges are as tall as their skeletons: nothing below moves", () => {
    for (const id of ["#full", "#empty", "#mounted"]) {
      assert.equal(loaded.badges[id].skeleton, false, `${id}: the skeleton is gone`);
      assert.ok(Math.abs(loaded.badges[id].height - waiting.badges[id].height) < 0.5,
        `${id}: ${waiting.badges[id].height} px before the wasm, ${loaded.badges[id].height} px loaded`);
      assert.ok(Math.abs(loaded.badges[id].top - waiting.badges[id].top) < 0.5, `${id} did not move: ${JSON.stringify([waiting.badges, loaded.badges])}`);
    }
    assert.ok(Math.abs(loaded.badges["#compact"].height - waiting.badges["#compact"].height) < 0.5, "the compact line keeps its height");
    assert.ok(Math.abs(loaded.below - waiting.below) < 0.5, `the content below: ${waiting.below} then ${loaded.below}`);
  });

  test("no layout shift (where the engine reports them) and nothing went wrong", async () => {
    const shifts = await site.run(() => window.__shifts);
    const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
    assert.ok(total <= 0.02, `layout shifts ${JSON.stringify(shifts)}`);
    assert.deepEqual(await site.problems(), []);
  });

  test("the element hears the attributes the wasm reads", async () => {
    const [heard, read] = await site.run(() => [
      customElements.get("loyalty-badge").observedAttributes,
      window.__bundle.loyaltyBadgeObservedAttributes(),
    ]);
    assert.deepEqual([...heard].sort(), [...read].sort());
  });
});

test("the skeleton's rules are styles.css's, copied as they are", async () => {
  // `make embed` copies them in (src/embed/skeleton-css.mjs); this reads what the bundle really
  // adopts, before the wasm (held back), and styles.css as the same engine reads it.
  const styles = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../src/ui/styles.css"), "utf8");
  await site.open("/engines/loader.html");
  await site.until((n) => n > 0, () => document.querySelector("#full")?.shadowRoot?.adoptedStyleSheets.length ?? 0, [], { message: "the skeleton's sheet" });
  const { sheets, skeleton, source } = await site.run((stylesText) => {
    // A rule as the engine serialises it; an @media block as its condition and its rules. Custom
    // properties keep their values' whitespace, which the copy (as the wasm's) leaves out after
    // commas: `var(--x, #fff)` is `var(--x,#fff)` there.
    const text = (rule) => rule.cssText.replace(/,\s+/g, ",");
    const rules = (sheet) => [...sheet.cssRules].map((rule) => (rule.media && rule.cssRules
      ? { media: rule.media.mediaText, rules: [...rule.cssRules].map(text) }
      : text(rule)));
    const adopted = document.querySelector("#full").shadowRoot.adoptedStyleSheets;
    const parsed = new CSSStyleSheet();
    parsed.replaceSync(stylesText);
    return { sheets: adopted.length, skeleton: rules(adopted[0]), source: rules(parsed) };
  }, styles);
  assert.equal(sheets, 1, "before the wasm, the skeleton's sheet alone");
  assert.ok(skeleton.length > 20, `${skeleton.length} rules`);
  const at = (rule) => source.findIndex((r) => (typeof rule === "string"
    ? r === rule
    : r.media === rule.media && rule.rules.every((inner) => r.rules.includes(inner))));
  let last = -1;
  for (const rule of skeleton) {
    const index = at(rule);
    assert.ok(index >= 0, `styles.css has ${JSON.stringify(rule).slice(0, 400)}`);
    assert.ok(index > last, `in styles.css's order (the cascade): ${JSON.stringify(rule).slice(0, 400)}`);
    last = index;
  }
  for (let rows = 1; rows <= 9; rows++) assert.ok(skeleton.some((r) => r === source.find((s) => typeof s === "string" && s.startsWith(`.lb-history[data-rows="${rows}"]`))), `rows ${rows}`);
});
