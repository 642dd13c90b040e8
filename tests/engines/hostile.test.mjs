// Hostile answers and faults, each served by a real HTTP server on loopback
// (hostile-server.mjs), against the embed bundle in one engine (ENGINE=chromium, firefox or
// webkit): every badge ends in a clear state, nothing it is sent becomes markup or runs, it
// retries what may help and honours Retry-After, and the page never sees an uncaught error.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ENGINE, useSite } from "./harness.mjs";
import { BIDI, MARKUP, closedPort, startHostileServer } from "./hostile-server.mjs";

const site = useSite();
let hostile;
before(async () => {
  hostile = await startHostileServer();
});
after(() => hostile?.stop());

const PAGE = "/engines/hostile.html";

/** Runs in the page: adds a <loyalty-badge> with these attributes to the page. */
function addBadge(id, attributes) {
  const badge = document.createElement("loyalty-badge");
  badge.id = id;
  for (const [name, value] of Object.entries(attributes)) badge.setAttribute(name, value);
  window.__events ??= [];
  for (const type of ["loyalty-badge:load", "loyalty-badge:error"]) {
    badge.addEventListener(type, (e) => window.__events.push({ target: id, type, detail: e.detail }));
  }
  document.getElementById("badges").append(badge);
}

/** Runs in the page: what a badge shows. */
function look(id) {
  const root = document.getElementById(id)?.shadowRoot?.querySelector(".lb");
  if (!root) return null;
  const part = (name) => root.querySelector(`[part~="${name}"]`);
  const text = (name) => part(name)?.textContent ?? null;
  return {
    state: root.getAttribute("data-state"),
    busy: root.getAttribute("aria-busy"),
    retry: root.getAttribute("data-retry"),
    outdated: root.getAttribute("data-outdated"),
    status: root.querySelector(".lb-retry-status-text")?.textContent ?? "",
    message: root.querySelector(".lb-error-message")?.textContent ?? null,
    kind: part("error")?.getAttribute("data-kind") ?? null,
    retryButton: Boolean(part("retry")),
    total: text("total")?.trim() ?? null,
    fanLevel: text("fan-level"),
    name: text("activity-name"),
    notes: text("activity-notes"),
    activities: root.querySelectorAll('[part~="activity"]').length,
    more: text("more")?.trim() ?? null,
    elements: [...root.querySelectorAll("img, script, svg, iframe, h1")].map((e) => e.localName),
  };
}

/** Waits until the badge `id` has settled (not loading, not retrying, not busy). */
function settled(id, timeout = 30_000) {
  return site.until((b) => b && b.state !== "loading" && !b.retry && b.busy === "false", look, [id], {
    timeout,
    message: `${id} to settle`,
  });
}

function events(id) {
  return site.run((id) => (window.__events ?? []).filter((e) => e.target === id), id);
}

const unreadable = (detail) => `The loyalty service sent an answer that could not be read (${detail}).`;

describe(`hostile answers in ${ENGINE}`, () => {
  // Each case: its member id, and what the badge must end up showing.
  const CASES = [
    ["empty-body", { state: "error", kind: "decode", message: unreadable("the answer was empty"), requests: 3 }],
    ["null", { state: "error", kind: "decode", message: unreadable("expected a JSON object, found null"), requests: 3 }],
    ["empty-array", { state: "error", kind: "decode", message: unreadable("expected a JSON object, found an array"), requests: 3 }],
    ["five-megabytes-junk", { state: "error", kind: "decode", message: unreadable("the answer was not valid JSON"), requests: 3 }],
    ["truncated", { state: "error", kind: "decode", message: unreadable("the answer was not valid JSON"), requests: 3 }],
    ["html-200", { state: "error", kind: "decode", message: unreadable("the answer was an HTML page, not JSON"), requests: 3 }],
    ["fractional-points", { state: "error", kind: "decode", requests: 3 }],
    ["five-megabytes", { state: "loaded", total: "5,000,000", activities: 10, more: "Show 10 more", requests: 1 }],
    ["wrong-content-type", { state: "loaded", total: "4,242", requests: 1 }],
    ["no-content-type", { state: "loaded", total: "4,343", requests: 1 }],
    ["negative-points", { state: "loaded", total: "-500", requests: 1 }],
    ["long-strings", { state: "loaded", requests: 1 }],
    ["markup", { state: "loaded", fanLevel: MARKUP.fanLevel, name: MARKUP.name, notes: MARKUP.notes, requests: 1 }],
    ["bidi", { state: "loaded", fanLevel: BIDI.fanLevel, name: BIDI.name, notes: BIDI.notes, requests: 1 }],
    ["never-finishes", {
      state: "error", kind: "timeout", message: "The loyalty service took too long to answer (over 1 second).", requests: 3, aborted: true,
    }],
  ];

  before(async () => {
    await site.open(PAGE);
    await site.bundleReady();
    // All at once: they are independent, and run side by side. Only the one that never
    // finishes has a short time limit (the others may queue for one of the browser's six
    // connections to the server).
    for (const [id, expected] of CASES) {
      const timeout = expected.kind === "timeout" ? "1000" : "10000";
      await site.run(addBadge, id, { "user-id": id, "api-base": hostile.origin, timeout });
    }
  });

  for (const [id, expected] of CASES) {
    test(`${id}: ${expected.state}${expected.kind ? ` (${expected.kind})` : ""}`, async (t) => {
      const badge = await settled(id);
      assert.equal(badge.state, expected.state, JSON.stringify(badge));
      if (expected.kind) assert.equal(badge.kind, expected.kind);
      if (expected.message) assert.equal(badge.message, expected.message);
      if (expected.state === "error") {
        assert.equal(badge.retryButton, true, "what may help offers Retry");
        const errors = (await events(id)).filter((e) => e.type === "loyalty-badge:error");
        assert.equal(errors.length, 1, "one error event, after the automatic retries");
        assert.equal(errors[0].detail.kind, expected.kind);
        assert.equal(errors[0].detail.retryable, true);
      }
      for (const key of ["total", "activities", "more", "fanLevel", "name", "notes"]) {
        if (key in expected) assert.equal(badge[key], expected[key], key);
      }
      assert.deepEqual(badge.elements, [], "nothing from the answer became an element");
      const requests = hostile.requests(id);
      assert.equal(requests.length, expected.requests, "requests");
      if (expected.aborted) {
        // The server hears the last abort a moment after the badge shows its error.
        const deadline = Date.now() + 2_000;
        while (!hostile.requests(id).every((r) => r.aborted) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const aborted = hostile.requests(id).filter((r) => r.aborted).length;
        if (ENGINE === "webkit") {
          // WebKitGTK, with fifteen requests sharing its six connections to this server, does
          // not always close a stalled connection when its fetch is aborted (seen in 2 runs of
          // 5). That the badge aborts at its time limit is asserted in WebKit too, by the faults
          // suite's stalled server below; here the count is reported.
          t.diagnostic(`webkit: ${aborted} of ${expected.requests} stalled requests seen aborted by the server`);
        } else {
          assert.equal(aborted, expected.requests, "each stalled request was aborted");
        }
      }
    });
  }

  test("100,000-character strings are shown whole, within the badge's width", async () => {
    const badge = await settled("long-strings");
    assert.equal(badge.fanLevel.length, 100_000);
    assert.equal(badge.name.length, 100_000);
    assert.equal(badge.notes.length, 100_000);
    const page = await site.run(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(page.scroll <= page.width, `the page does not scroll sideways (${JSON.stringify(page)})`);
  });

  test("markup in names runs nothing, and nothing went wrong on the page", async () => {
    await settled("markup");
    await settled("html-200");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await site.run(() => typeof window.__pwned), "undefined");
    assert.deepEqual(await site.problems(), []);
  });
});

describe(`faults in ${ENGINE}`, () => {
  before(async () => {
    await site.open(PAGE);
    await site.bundleReady();
  });

  test("connection refused: a network error, after two automatic retries", async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    await site.run(addBadge, "refused", { "user-id": "anyone", "api-base": origin });
    const badge = await settled("refused");
    assert.equal(badge.kind, "network");
    assert.equal(badge.message, "The loyalty service could not be reached. Check your connection and try again.");
    assert.equal(badge.retryButton, true);
  });

  test("a connection reset mid-body: a network error, retried twice", async () => {
    await site.run(addBadge, "reset", { "user-id": "reset-mid-body", "api-base": hostile.origin });
    const badge = await settled("reset");
    assert.equal(badge.kind, "network");
    assert.equal(hostile.requests("reset-mid-body").length, 3);
  });

  test("a stalled server: the time limit fires and the request is aborted", async () => {
    await site.run(addBadge, "stalled", { "user-id": "stalled", "api-base": hostile.origin, timeout: "800" });
    const badge = await settled("stalled");
    assert.equal(badge.kind, "timeout");
    assert.equal(badge.message, "The loyalty service took too long to answer (over 1 second).");
    // The server sees a request when its event loop reads it and an abort when the browser closes
    // the connection; on a loaded machine either can come well after the badge gave up (WebKitGTK:
    // aborts over 200 ms late; a CI run with three engines side by side failed at 3 s): wait up to
    // 10 s for three requests, every one aborted.
    const requests = hostile.requests("stalled");
    const done = () => requests.length === 3 && requests.every((r) => r.aborted);
    for (let waited = 0; waited < 10_000 && !done(); waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(requests.length, 3, JSON.stringify(requests));
    assert.ok(requests.every((r) => r.aborted), JSON.stringify(requests));
  });

  test("429 with Retry-After in seconds: the badge says it waits, then retries by itself", async () => {
    await site.run(addBadge, "throttled", { "user-id": "throttled-seconds", "api-base": hostile.origin });
    const waiting = await site.until((b) => b?.retry === "waiting", look, ["throttled"], { message: "the waiting status" });
    assert.equal(waiting.status, "Trying again in 1 s…");
    const badge = await settled("throttled");
    assert.equal(badge.state, "loaded");
    assert.equal(badge.total, "429");
    // The status is a child component: Yew may render it in the scheduler's next pass.
    await site.until((b) => b?.status === "", look, ["throttled"], { timeout: 2_000, message: "the status to clear" });
    const [first, second] = hostile.requests("throttled-seconds");
    assert.ok(second.at - first.at >= 950, `waited ${second.at - first.at} ms`);
    assert.deepEqual((await events("throttled")).map((e) => e.type), ["loyalty-badge:load"]);
  });

  test("503 with Retry-After as an HTTP date: honoured", async () => {
    await site.run(addBadge, "unavailable", { "user-id": "unavailable-date", "api-base": hostile.origin });
    const waiting = await site.until((b) => b?.retry === "waiting", look, ["unavailable"], { message: "the waiting status" });
    assert.match(waiting.status, /^Trying again in [12] s…$/);
    const badge = await settled("unavailable");
    assert.equal(badge.total, "503");
    const [first, second] = hostile.requests("unavailable-date");
    assert.ok(second.at - first.at >= 1900, `waited ${second.at - first.at} ms`);
  });

  test("rapid changes of member: only the last shows, the earlier requests are aborted", async (t) => {
    await site.run(addBadge, "rapid", { "user-id": "rapid-1", "api-base": hostile.origin });
    for (let n = 2; n <= 5; n++) {
      await new Promise((r) => setTimeout(r, 40));
      await site.run((n) => document.getElementById("rapid").setAttribute("user-id", `rapid-${n}`), n);
    }
    const badge = await settled("rapid");
    assert.equal(badge.total, "5");
    assert.equal(badge.fanLevel, "Rapid 5");
    await new Promise((r) => setTimeout(r, 1700)); // past the earlier answers, had they come
    assert.equal((await site.run(look, "rapid")).total, "5");
    // The page aborted each earlier request it made (recorder.js), in every engine; the last
    // one stands.
    const fetched = await site.run(() => window.__fetches.filter((f) => /\/users\/rapid-\d\/points$/.test(f.path)));
    assert.ok(fetched.some((f) => f.path.endsWith("/rapid-5/points")), `the page's fetches: ${JSON.stringify(fetched)}`);
    for (const fetch of fetched) {
      assert.equal(fetch.aborted, !fetch.path.endsWith("/rapid-5/points"), `the page's fetches: ${JSON.stringify(fetched)}`);
    }
    for (let n = 1; n <= 4; n++) {
      const requests = hostile.requests(`rapid-${n}`);
      assert.ok(requests.length <= 1, `rapid-${n}: ${JSON.stringify(requests)}`);
      if (ENGINE === "webkit" && !requests.every((r) => r.aborted)) {
        // WebKitGTK does not always close the connection of an aborted fetch (see the hostile
        // suite above; seen once in 3 loaded runs here): the server then finishes the answer,
        // which the badge no longer reads (only rapid-5 shows, asserted above), and the page's
        // abort is asserted above. Reported.
        t.diagnostic(`webkit: rapid-${n}'s request was not seen aborted by the server: ${JSON.stringify(requests)}`);
      } else {
        assert.ok(requests.every((r) => r.aborted), `rapid-${n}: ${JSON.stringify(requests)}`);
      }
    }
    assert.deepEqual(hostile.requests("rapid-5").map((r) => r.finished), [true]);
    const loads = (await events("rapid")).filter((e) => e.type === "loyalty-badge:load");
    assert.deepEqual(loads.map((e) => e.detail.totalPoints), [5]);
  });

  test("a refresh that fails keeps the figures, marked possibly out of date", async () => {
    await site.run(addBadge, "refreshing", { "user-id": "refresh-fails", "api-base": hostile.origin });
    assert.equal((await settled("refreshing")).total, "777");
    await site.run(() => document.getElementById("refreshing").refresh());
    const badge = await site.until((b) => b?.outdated === "true", look, ["refreshing"], { message: "the out-of-date marker" });
    assert.equal(badge.state, "loaded");
    assert.equal(badge.total, "777");
    assert.equal(badge.status, "These figures may be out of date.");
    assert.equal(badge.retryButton, true);
    assert.equal(hostile.requests("refresh-fails").length, 4, "the load, the refresh, two retries");
    const errors = (await events("refreshing")).filter((e) => e.type === "loyalty-badge:error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0].detail.status, 500);
  });

  test("nothing went wrong on the page", async () => {
    assert.deepEqual(await site.problems(), []);
  });
});
