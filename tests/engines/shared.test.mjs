// One request for identical badges, against a real loyalty-server (its access log counts the
// requests), in one engine (ENGINE=chromium, firefox or webkit): twenty identical badges, made
// in HTML or with mount(), cost one request and all render, each with its own events; removing
// nineteen keeps the request, removing the last aborts it; different member tokens never share.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ENGINE, useSite } from "./harness.mjs";

const site = useSite();

/** Points requests in the server's log from line `from` on: `[path, outcome]`. */
function pointsRequests(from) {
  return site.serverLog
    .slice(from)
    .map((line) => line.match(/^GET (\/v2\/users\/[^/ ]+\/points) (\S+)/))
    .filter(Boolean)
    .map(([, path, outcome]) => [path, outcome]);
}

/** Runs in the page: `count` badges for `attributes`, half elements, half mount(), at once. */
function addIdentical(prefix, count, attributes, tokens = [null]) {
  window.__loads ??= {};
  const main = document.getElementById("badges");
  const { mount } = window.__bundle;
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    const token = tokens[i % tokens.length];
    let host;
    if (i % 2 === 0) {
      host = document.createElement("loyalty-badge");
      for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
      if (token) host.setAttribute("member-token", token);
    } else {
      host = document.createElement("div");
      const options = { userId: attributes["user-id"], idType: attributes["id-type"] };
      if (token) options.memberToken = token;
      window.__handles ??= {};
      queueMicrotask(() => (window.__handles[id] = mount(host, options)));
    }
    host.id = id;
    host.className = prefix;
    host.addEventListener("loyalty-badge:load", () => (window.__loads[id] = (window.__loads[id] ?? 0) + 1));
    main.append(host);
  }
}

/** Runs in the page: removes the badges with class `prefix` but the first `keep` (an element is
 * removed from the page; a badge made with mount() is destroyed). */
function removeBadges(prefix, keep) {
  for (const host of [...document.querySelectorAll(`.${prefix}`)].slice(keep)) {
    window.__handles?.[host.id]?.destroy();
    host.remove();
  }
}

/** Runs in the page: the states of the badges with class `prefix`. */
function states(prefix) {
  return [...document.querySelectorAll(`.${prefix}`)].map(
    (e) => e.shadowRoot?.querySelector(".lb")?.getAttribute("data-state") ?? null,
  );
}

async function waitForLog(accept, message) {
  const deadline = Date.now() + 15_000;
  while (!accept()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}; log: ${site.serverLog.slice(-10).join(" | ")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`identical badges in ${ENGINE}`, () => {
  before(async () => {
    await site.open("/engines/twenty.html");
    await site.bundleReady();
  });

  test("twenty identical badges cost one request, and all render with their own events", async (t) => {
    const from = site.serverLog.length;
    await site.run(addIdentical, "twenty", 20, { "user-id": "whale", "id-type": "username" });
    const shown = await site.until((s) => s.length === 20 && s.every((x) => x === "loaded"), states, ["twenty"], {
      message: "twenty badges to load",
    });
    assert.equal(shown.length, 20);
    for (const id of ["#twenty-0", "#twenty-1", "#twenty-19"]) {
      assert.equal((await site.badge(id)).total, "48,213,977");
    }
    assert.deepEqual(pointsRequests(from), [[`${await site.memberPath("whale")}/points`, "200"]], "twenty badges, one request");
    t.diagnostic(`${ENGINE}: 20 identical badges (10 elements, 10 mount()), ${pointsRequests(from).length} request in loyalty-server's log`);
    const loads = await site.run(() => window.__loads);
    assert.equal(Object.keys(loads).filter((id) => id.startsWith("twenty-")).length, 20);
    assert.ok(Object.values(loads).every((n) => n === 1), JSON.stringify(loads));
    assert.deepEqual(await site.problems(), []);
  });

  test("removing nineteen keeps the request; removing the last aborts it", async (t) => {
    // The slow member answers after 3 s.
    let from = site.serverLog.length;
    await site.run(addIdentical, "kept", 20, { "user-id": "slow", "id-type": "username" });
    await new Promise((r) => setTimeout(r, 500));
    await site.run(removeBadges, "kept", 1);
    await site.until((s) => s.length === 1 && s[0] === "loaded", states, ["kept"], { message: "the last badge to load" });
    await waitForLog(() => pointsRequests(from).length > 0, "the request in the log");
    assert.deepEqual(pointsRequests(from), [[`${await site.memberPath("slow")}/points`, "200"]], "one request, answered");

    from = site.serverLog.length;
    await site.run(addIdentical, "gone", 20, { "user-id": "slow", "id-type": "username" });
    await new Promise((r) => setTimeout(r, 500));
    await site.run(removeBadges, "gone", 0);
    await waitForLog(() => pointsRequests(from).length > 0, "the request in the log");
    const logged = pointsRequests(from);
    const path = `${await site.memberPath("slow")}/points`;
    // The page aborted its one request for the "gone" badges (the last "slow" fetch it made).
    const fetched = (await site.run(() => window.__fetches)).filter((f) => f.path.endsWith("/users/slow/points"));
    assert.equal(fetched.at(-1)?.aborted, true, `the page aborted the request: ${JSON.stringify(fetched)}`);
    if (ENGINE === "webkit" && logged.length === 1 && logged[0][1] === "200") {
      // WebKitGTK does not always close an aborted fetch's connection (see hostile.test.mjs): the
      // server then finishes the answer, which nothing reads. The abort is asserted above.
      t.diagnostic("webkit: the aborted request's connection stayed open; the server finished it");
      assert.deepEqual(logged, [[path, "200"]], "one request");
    } else {
      assert.deepEqual(logged, [[path, "cancelled"]], "one request, aborted");
    }
    assert.deepEqual(await site.problems(), []);
  });

  test("badges with different member tokens never share a request", async () => {
    const from = site.serverLog.length;
    // The slow member (3 s): every badge renders while its token's request is still under way,
    // so a second request for one token would be a share refused, not a request already over.
    await site.run(addIdentical, "tokens", 12, { "user-id": "slow", "id-type": "username" }, ["1.token-a", "1.token-b", "1.token-c"]);
    await site.until((s) => s.length === 12 && s.every((x) => x === "loaded"), states, ["tokens"], { message: "the badges to load" });
    assert.equal(pointsRequests(from).length, 3, "one request per token");
  });
});
