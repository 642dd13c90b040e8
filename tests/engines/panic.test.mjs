// If the widget panics anyway, in one engine (ENGINE=chromium, firefox or webkit), with a bundle
// built with the `test-panic` feature (`make embed-panic`: an export that panics on purpose; no
// shipped bundle has it): every badge turns into the plain "stopped" notice, one line is logged,
// each element gets an `internal` error event, new badges say they stopped without entering the
// stopped instance, and the host page keeps working.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ENGINE, useSite } from "./harness.mjs";

const site = useSite();
const STOPPED = "The points widget stopped; reload the page.";
const BADGES = ["first", "second", "mounted"];

/** Runs in the page: what each badge's shadow root shows. */
function shown(ids) {
  return ids.map((id) => {
    const shadow = document.getElementById(id)?.shadowRoot;
    const root = shadow?.querySelector(".lb");
    const notice = shadow?.querySelector('[data-state="stopped"]');
    return {
      id,
      state: root?.getAttribute("data-state") ?? null,
      rootShown: root ? getComputedStyle(root).display !== "none" : false,
      notice: notice?.textContent ?? null,
      noticeShown: notice ? getComputedStyle(notice).display !== "none" : false,
      role: notice?.getAttribute("role") ?? null,
      kind: notice?.getAttribute("data-kind") ?? null,
      theme: notice?.getAttribute("data-theme") ?? null,
    };
  });
}

describe(`a panic, in ${ENGINE}`, () => {
  before(async () => {
    if (!site.hasPanicBundle) throw new Error("no test bundle with a panicking export: run `make embed-panic` first");
    await site.open("/engines/panic.html");
    await site.until((s) => s.every((b) => b.state === "loaded"), shown, [BADGES], { message: "the badges to load" });
  });

  test("every badge shows the stopped notice instead of a frozen view, and logs once", async () => {
    const outcome = await site.run(() => {
      try {
        window.__bundle.loyaltyBadgeTestPanic();
        return "returned";
      } catch (error) {
        return `trapped: ${error.name}`;
      }
    });
    assert.match(outcome, /^trapped: RuntimeError$/);
    const badges = await site.run(shown, BADGES);
    for (const badge of badges) {
      assert.deepEqual(
        { ...badge, theme: undefined },
        { id: badge.id, state: badge.state, rootShown: false, notice: STOPPED, noticeShown: true, role: "alert", kind: "internal", theme: undefined },
      );
    }
    assert.equal(badges.find((b) => b.id === "second").theme, "dark", "the notice keeps the badge's theme");
    const problems = await site.problems();
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^console\.error: loyalty-badge: the points widget stopped after an internal error at src\/embed\/element\.rs:\d+: deliberate test panic\./);
  });

  test("each badge's element gets one error event, of kind internal", async () => {
    const events = await site.until((e) => e.length >= 3, () => window.__events, [], { message: "the events" });
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      (await site.run(() => window.__events)).map((e) => e.target).sort(),
      [...BADGES].sort(),
    );
    for (const event of events) {
      assert.deepEqual(event.detail, { kind: "internal", code: null, status: null, message: STOPPED, retryable: false });
      assert.equal(event.composed, true);
    }
  });

  test("afterwards, badges say they stopped without entering the instance, and the page works", async () => {
    const after = await site.run(() => {
      const outcome = {};
      const added = document.createElement("loyalty-badge");
      added.id = "added";
      added.setAttribute("user-id", "alice");
      document.querySelector("main").append(added);
      outcome.added = added.shadowRoot?.querySelector('[data-state="stopped"]')?.textContent ?? null;
      try {
        window.__bundle.mount(document.createElement("div"), { userId: "alice" });
        outcome.mount = "returned";
      } catch (error) {
        outcome.mount = error.message;
      }
      // Nothing here throws: the stopped instance is left alone.
      document.getElementById("first").setAttribute("user-id", "whale");
      document.getElementById("first").refresh();
      document.getElementById("second").remove();
      window.__mounted.update({ userId: "whale" });
      window.__mounted.refresh();
      window.__mounted.destroy();
      document.getElementById("host-button").click();
      document.getElementById("host-button").click();
      outcome.button = document.getElementById("host-button").textContent;
      return outcome;
    });
    assert.deepEqual(after, { added: STOPPED, mount: `loyalty-badge: ${STOPPED}`, button: "Clicked 2 times" });
    await new Promise((r) => setTimeout(r, 300));
    const problems = await site.problems();
    assert.equal(problems.length, 1, `still only the one line: ${problems.join("\n")}`);
  });
});
