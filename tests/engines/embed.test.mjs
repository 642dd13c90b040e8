// The embed bundle in one engine (ENGINE=chromium, firefox or webkit): the embed example page,
// mount() before, during and after the wasm's start-up, `ready`, the JavaScript API, the events,
// a wasm that cannot load; and never an uncaught error.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ENGINE, useSite } from "./harness.mjs";

const site = useSite();

const EXAMPLE = "/embed-example.engines.html";
const EXAMPLE_BADGES = ["#header-badge", "#main-badge", "#themed-badge", "#dark-badge", "#new-badge", "#mounted-badge"];
/** WebKit ran the page's module before the bundle had loaded its wasm on 33 of 33 reloads. */
const RELOADS = Number(process.env.RELOADS ?? (ENGINE === "webkit" ? 40 : 10));

/** Runs in the page: the state of every example badge (null where none rendered). */
function exampleStates(selectors) {
  return selectors.map((s) => document.querySelector(s)?.shadowRoot?.querySelector(".lb")?.getAttribute("data-state") ?? null);
}

async function openExample() {
  await site.open(EXAMPLE);
  await site.until((states) => states.every((s) => s === "loaded"), exampleStates, [EXAMPLE_BADGES], {
    message: "every example badge to load",
  });
}

/** Requests for one member's points in the server's log. */
const requestsFor = (userId) => site.requestsFor(userId);

describe(`the embed example page in ${ENGINE}`, () => {
  test("every badge renders, with no uncaught error and no CSP violation", async () => {
    await openExample();
    const main = await site.badge("#main-badge");
    assert.equal(main.total, "1,000");
    assert.equal(main.firstDate, "Apr 16, 2016");
    const header = await site.badge("#header-badge");
    assert.deepEqual([header.variant, header.fanLevel, header.redeemable, header.activities], ["compact", "New Fan", "1,000", 0]);
    assert.equal((await site.badge("#themed-badge")).activities, 5);
    const dark = await site.badge("#dark-badge");
    assert.deepEqual([dark.theme, dark.total], ["dark", "4.321"]);
    assert.equal((await site.badge("#new-badge")).empty, "No points activity yet.");
    assert.equal((await site.badge("#mounted-badge")).total, "48,213,977");
    assert.deepEqual(await site.problems(), []);
    assert.deepEqual(await site.warnings(), []);
  });

  test(`every badge renders on each of ${RELOADS} reloads`, async (t) => {
    let rendered = 0;
    const failures = [];
    for (let i = 0; i < RELOADS; i++) {
      await site.open(`${EXAMPLE}?reload=${i}`);
      let failure = null;
      try {
        await site.until((states) => states.every((s) => s === "loaded"), exampleStates, [EXAMPLE_BADGES], {
          timeout: 15_000,
          message: "every example badge to load",
        });
      } catch (error) {
        failure = error.message;
      }
      const problems = await site.problems();
      if (problems.length > 0) failure = `${failure ?? ""} ${problems.join("; ")}`;
      if (failure) failures.push(`reload ${i}: ${failure}`);
      else rendered++;
    }
    t.diagnostic(`${ENGINE}: every badge rendered, with no error, on ${rendered} of ${RELOADS} reloads`);
    assert.deepEqual(failures, []);
  });

  test("the Refresh button refetches every badge, the mounted one included", async () => {
    await openExample();
    // Badges showing the same member may share a request: every member is asked for again.
    const members = ["alice@crowdtwist.com", "ben_long", "zoe@example.com", "new.member@example.com", "whale@example.com"];
    const paths = new Map();
    for (const member of members) paths.set(await site.memberPath(member), member);
    const before = site.serverLog.length;
    await site.driver.findElement({ id: "refresh-all" }).click();
    const refetched = () =>
      new Set(site.serverLog.slice(before).map((l) => l.match(/^GET (\/v2\/users\/~[0-9a-f]+)\/points /)?.[1]).filter(Boolean).map((p) => paths.get(p) ?? p));
    const deadline = Date.now() + 10_000;
    while (refetched().size < members.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual([...refetched()].sort(), [...members].sort());
    await site.until((states) => states.every((s) => s === "loaded"), exampleStates, [EXAMPLE_BADGES]);
    assert.equal((await site.badge("#mounted-badge")).total, "48,213,977");
    assert.deepEqual(await site.problems(), []);
  });

  test("events carry the documented details", async () => {
    await openExample();
    await site.run(() => {
      window.__events = [];
      for (const type of ["loyalty-badge:load", "loyalty-badge:error"]) {
        document.addEventListener(type, (e) =>
          window.__events.push({ target: e.target.id, type: e.type, bubbles: e.bubbles, composed: e.composed, detail: e.detail }),
        );
      }
      const add = (id, attributes) => {
        const badge = document.createElement("loyalty-badge");
        badge.id = id;
        for (const [name, value] of Object.entries(attributes)) badge.setAttribute(name, value);
        document.querySelector("main").append(badge);
      };
      add("ev-load", { "user-id": "alice@crowdtwist.com", "id-type": "email" });
      add("ev-missing", { "user-id": "nobody@example.com", "id-type": "email" });
      add("ev-invalid", { "user-id": "alice", "id-type": "login_name" });
      add("ev-gateway", { "user-id": "gateway", "id-type": "username" });
    });
    const ids = ["ev-load", "ev-missing", "ev-invalid", "ev-gateway"];
    const events = await site.until(
      (events) => ids.every((id) => events.some((e) => e.target === id)),
      () => window.__events,
      [],
      { timeout: 30_000, message: "an event from each badge" },
    );
    const of = (id) => events.filter((e) => e.target === id);
    assert.deepEqual(of("ev-load"), [{
      target: "ev-load", type: "loyalty-badge:load", bubbles: true, composed: true,
      detail: { id: "16", totalPoints: 1000, redeemablePoints: 1000, numPointsPurchased: 0, fanLevel: "New Fan", activityCount: 1 },
    }]);
    assert.deepEqual(of("ev-missing"), [{
      target: "ev-missing", type: "loyalty-badge:error", bubbles: true, composed: true,
      detail: { kind: "not-found", code: "param_error", status: 404, message: "No loyalty account was found for this member.", retryable: false },
    }]);
    const [invalid] = of("ev-invalid");
    assert.equal(invalid.type, "loyalty-badge:error");
    assert.deepEqual({ ...invalid.detail, message: undefined }, { kind: "invalid-input", code: null, status: null, message: undefined, retryable: false });
    assert.match(invalid.detail.message, /“login_name” is not a known id type/);
    const gateway = of("ev-gateway").at(-1);
    assert.equal(gateway.type, "loyalty-badge:error");
    assert.deepEqual(gateway.detail, {
      kind: "http", code: null, status: 502, message: "The loyalty service is unavailable right now (HTTP 502).", retryable: true,
    });
    assert.deepEqual(await site.problems(), []);
  });

  test("importing the module again defines <loyalty-badge> once, and the copy mounts too", async () => {
    await openExample();
    const outcome = await site.run(async () => {
      const first = customElements.get("loyalty-badge");
      const copy = await window.__import("/embed/loyalty-badge.js?copy=2");
      await copy.ready;
      const host = document.createElement("div");
      host.id = "from-copy";
      document.querySelector("main").append(host);
      await copy.mount(host, { userId: "newbie", idType: "username" }).ready;
      return {
        anotherCopy: copy.mount !== window.__bundle.mount,
        sameElement: customElements.get("loyalty-badge") === first,
        exports: Object.keys(copy).filter((k) => k === "mount" || k === "ready"),
      };
    });
    assert.deepEqual(outcome, { anotherCopy: true, sameElement: true, exports: ["mount", "ready"] });
    assert.equal((await site.settled("#from-copy")).empty, "No points activity yet.");
    assert.deepEqual(await site.problems(), []);
  });

  test("the JavaScript API once ready: mount, update, refresh, destroy, and errors thrown at once", async () => {
    await openExample();
    const thrown = await site.run(async () => {
      const { mount, ready } = window.__bundle;
      await ready;
      const errors = [];
      const attempt = (f) => {
        try {
          f();
          errors.push(null);
        } catch (e) {
          errors.push(`${e.constructor.name}: ${e.message}`);
        }
      };
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
    assert.match(thrown[0], /^Error: loyalty-badge: option pageSize: invalid type: string "ten", expected u32/);
    assert.match(thrown[1], /option idType: “login_name” is not a known id type/);
    assert.match(thrown[2], /unknown option “colour”; the options are userId, idType/);
    assert.equal(thrown[3], "Error: loyalty-badge: options must be an object");
    assert.equal(thrown[4], "Error: loyalty-badge: mount(element, options) needs an HTML element");
    assert.equal(thrown[5], "Error: loyalty-badge: <img> cannot hold a shadow root; use a <div> or a <span>");
    assert.equal(thrown[6], "Error: loyalty-badge: the element already holds a badge or other shadow content");
    assert.equal((await site.settled("#api-host")).total, "1,000");

    await site.run(() => window.__apiBadge.update({ userId: "whale", variant: "compact" }));
    await site.until((b) => b?.redeemable === "31,000,450", () => {
      const root = document.querySelector("#api-host").shadowRoot.querySelector(".lb");
      return { redeemable: root.querySelector('[part~="redeemable"]')?.textContent.trim(), variant: root.getAttribute("data-variant") };
    }, [], { message: "the update to show" });
    assert.equal((await site.badge("#api-host")).variant, "compact");
    const updateError = await site.run(() => {
      try {
        window.__apiBadge.update({ timeout: -5 });
      } catch (e) {
        return e.message;
      }
    });
    assert.match(updateError, /option timeout/);

    const whaleBefore = (await requestsFor("whale")).length;
    await site.run(() => window.__apiBadge.refresh());
    await site.until((b) => b?.busy === "false", () => document.querySelector("#api-host").shadowRoot.querySelector(".lb") && { busy: document.querySelector("#api-host").shadowRoot.querySelector(".lb").getAttribute("aria-busy") });
    assert.equal((await requestsFor("whale")).length, whaleBefore + 1);

    const afterDestroy = await site.run(() => {
      window.__apiBadge.destroy();
      window.__apiBadge.destroy();
      try {
        window.__apiBadge.refresh();
      } catch (e) {
        return { message: e.message, left: document.querySelector("#api-host").shadowRoot.childElementCount };
      }
    });
    assert.deepEqual(afterDestroy, { message: "loyalty-badge: this badge was destroyed", left: 0 });
    // The emptied element takes a new badge.
    await site.run(async () => {
      const { mount } = window.__bundle;
      mount(document.getElementById("api-host"), { userId: "newbie", idType: "username" });
    });
    assert.equal((await site.settled("#api-host")).empty, "No points activity yet.");
    assert.deepEqual(await site.problems(), []);
  });

  test("destroy() aborts the request in flight", async () => {
    await openExample();
    await site.run(async () => {
      const { mount } = window.__bundle;
      const host = document.createElement("div");
      host.id = "doomed";
      document.querySelector("main").append(host);
      window.__doomed = mount(host, { userId: "slow", idType: "username" });
    });
    // The slow member answers after 3 s: destroyed after 0.5 s, the request is still in flight,
    // and the server logs a request the client gave up as cancelled.
    await new Promise((r) => setTimeout(r, 500));
    await site.run(() => window.__doomed.destroy());
    const deadline = Date.now() + 10_000;
    while ((await requestsFor("slow")).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.match((await requestsFor("slow")).join("\n"), /^GET \/v2\/users\/~[0-9a-f]+\/points cancelled/);
    assert.equal(await site.run(() => document.getElementById("doomed").shadowRoot.childElementCount), 0);
    assert.deepEqual(await site.problems(), []);
  });
});

describe(`mount() before, during and after the wasm's start-up in ${ENGINE}`, () => {
  let timing;
  before(async () => {
    await site.open("/engines/timing.html");
    timing = await site.until(
      (t) => t?.optionErrorsAfter && t.optionErrorsBefore && ["before", "compile-start", "compile-end", "after"].every((n) => t.settled[n]),
      () => window.__timing,
      [],
      { message: "every mount on timing.html to settle" },
    );
    for (const id of ["#before", "#compile-start", "#compile-end", "#after"]) await site.settled(id);
    timing = await site.run(() => window.__timing);
  });

  test("the element is defined at once, before ready; mount() was called before, during and after", () => {
    assert.deepEqual(timing.ready, { outcome: "resolved", defined: true });
    assert.deepEqual(timing.moments, {
      before: { readySettled: false, defined: true },
      "before-destroyed": { readySettled: false, defined: true },
      "compile-start": { readySettled: false, defined: true },
      "compile-end": { readySettled: false, defined: true },
      after: { readySettled: true, defined: true },
    });
  });

  test("every badge mounted at any moment renders, with what was asked of it meanwhile", async () => {
    assert.deepEqual(timing.settled, {
      before: "resolved", "before-destroyed": "resolved", "compile-start": "resolved", "compile-end": "resolved", after: "resolved",
    });
    // Mounted for alice, then updated to the whale, before the wasm was ready.
    assert.equal((await site.settled("#before")).total, "48,213,977");
    assert.equal((await site.settled("#compile-start")).activities, 5);
    assert.equal((await site.settled("#compile-end")).empty, "No points activity yet.");
    assert.equal((await site.settled("#after")).total, "2,000");
  });

  test("a badge destroyed before the wasm was ready never renders nor fetches", async () => {
    assert.equal(await site.badge("#before-destroyed"), null);
    assert.deepEqual(await requestsFor("ct-alice-0016"), []);
  });

  test("each badge dispatches its events, whenever it was mounted", () => {
    const loads = (id) => timing.events.filter((e) => e.target === id && e.type === "loyalty-badge:load").map((e) => e.detail.id);
    assert.deepEqual(loads("before").at(-1), "19");
    assert.deepEqual(loads("compile-start"), ["17"]);
    assert.deepEqual(loads("compile-end"), ["18"]);
    assert.deepEqual(loads("after"), ["23"]);
    for (const e of timing.events) assert.deepEqual([e.bubbles, e.composed], [true, true]);
  });

  test("wrong arguments throw the same errors at once, before and after ready", () => {
    assert.deepEqual(timing.argumentErrorsBefore, timing.argumentErrorsAfter);
    assert.deepEqual(timing.argumentErrorsBefore, {
      "a selector for an element": "Error: loyalty-badge: mount(element, options) needs an HTML element",
      "options a string": "Error: loyalty-badge: options must be an object",
      "options an array": "Error: loyalty-badge: options must be an object",
      "an <img>": "Error: loyalty-badge: <img> cannot hold a shadow root; use a <div> or a <span>",
      "an element already holding a badge": "Error: loyalty-badge: the element already holds a badge or other shadow content",
      "update with a number": "Error: loyalty-badge: options must be an object",
      "destroy again": null,
      "refresh after destroy": "Error: loyalty-badge: this badge was destroyed",
      "update after destroy": "Error: loyalty-badge: this badge was destroyed",
    });
  });

  test("an option error throws once ready, and rejects the badge's ready before", async () => {
    const after = timing.optionErrorsAfter;
    const before = timing.optionErrorsBefore;
    for (const name of ["pageSize", "idType", "colour", "timeout"]) {
      assert.match(after[name], /^thrown: Error: loyalty-badge: /, name);
      assert.equal(before[name], after[name].replace(/^thrown/, "rejected"), name);
      assert.equal(before[`${name}, refresh after`], after[name].replace(/^thrown: Error: /, ""), name);
      assert.equal(before[`${name}, shadow content`], 0, name);
    }
    assert.match(after.pageSize, /option pageSize: invalid type: string "ten", expected u32/);
    assert.match(after.colour, /unknown option “colour”/);
    // The one left unobserved shows like an uncaught error; nothing else went wrong.
    const problems = await site.problems();
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^unhandled rejection: Error: loyalty-badge: option pageSize: invalid type: string "many"/);
  });
});

describe(`a wasm that cannot load, in ${ENGINE}`, () => {
  test("ready and every badge's ready reject with a clear error, reported once", async () => {
    await site.open("/engines/nowasm.html");
    const outcome = await site.until((r) => r && "defined" in r, () => window.__nowasm, [], { message: "the failure" });
    const reason = /loyalty-badge: could not load the WebAssembly module http:\/\/[\d.:]+\/engines\/nowasm\/loyalty-badge_bg\.wasm: .*404.*/;
    assert.match(outcome.before, new RegExp(`^rejected: ${reason.source}$`));
    assert.match(outcome.update, new RegExp(`^thrown: ${reason.source}$`));
    assert.match(outcome.mount, new RegExp(`^thrown: ${reason.source}$`));
    // Defined before the wasm, the element stays (empty: its skeleton is removed).
    assert.equal(outcome.defined, true);
    assert.equal(outcome.skeletons, 0);
    const problems = await site.until((p) => p.length > 0, () => window.__problems, [], { message: "the unhandled rejection" });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual((await site.problems()).map((p) => p.replace(reason, "<reason>")), ["unhandled rejection: Error: <reason>"], problems.join("\n"));
  });
});
