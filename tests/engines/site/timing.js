// Mounts badges before, during and after the wasm's start-up, and records in window.__timing when
// each call was made, how each badge's `ready` settled, what the bad calls threw, and the events.
import { mount, ready } from "../embed/loyalty-badge.js";

const $ = (id) => document.getElementById(id);
const record = (window.__timing = { moments: {}, settled: {}, events: [] });
const defined = () => customElements.get("loyalty-badge") !== undefined;
let readySettled = false;
ready.then(
  () => {
    readySettled = true;
    record.ready = { outcome: "resolved", defined: defined() };
  },
  (error) => {
    readySettled = true;
    record.ready = { outcome: `rejected: ${error.message}` };
  },
);
for (const type of ["loyalty-badge:load", "loyalty-badge:error"]) {
  document.addEventListener(type, (e) =>
    record.events.push({ target: e.target.id, type: e.type, detail: e.detail, bubbles: e.bubbles, composed: e.composed }),
  );
}

/** Notes the moment of a mount (was `ready` settled? the element defined?) and how its badge's
 *  `ready` settles. */
function track(name, badge) {
  record.moments[name] = { readySettled, defined: defined() };
  badge.ready.then(
    () => (record.settled[name] = "resolved"),
    (error) => (record.settled[name] = `rejected: ${error.constructor.name}: ${error.message}`),
  );
  return badge;
}

function scratch(id) {
  const host = document.createElement("div");
  host.id = id;
  $("scratch").append(host);
  return host;
}

/** Calls that need no wasm to be found wrong: what each throws at once (null: nothing). */
function argumentErrors(prefix) {
  const thrown = {};
  const attempt = (name, call) => {
    try {
      call();
      thrown[name] = null;
    } catch (error) {
      thrown[name] = `${error.constructor.name}: ${error.message}`;
    }
  };
  const host = scratch(`${prefix}-host`);
  attempt("a selector for an element", () => mount(`#${prefix}-host`, { userId: "alice" }));
  attempt("options a string", () => mount(host, "alice"));
  attempt("options an array", () => mount(host, ["alice"]));
  attempt("an <img>", () => mount(document.createElement("img"), { userId: "alice" }));
  const badge = mount(host, { userId: "alice", idType: "username" });
  attempt("an element already holding a badge", () => mount(host, { userId: "alice" }));
  attempt("update with a number", () => badge.update(42));
  badge.destroy();
  attempt("destroy again", () => badge.destroy());
  attempt("refresh after destroy", () => badge.refresh());
  attempt("update after destroy", () => badge.update({ userId: "bob" }));
  return thrown;
}

/** Options only the wasm can find wrong: "thrown: ..." at once, or how the badge's ready settled
 *  (all mounted at once, then awaited). */
async function optionErrors(prefix) {
  const cases = {
    pageSize: { userId: "alice", pageSize: "ten" },
    idType: { userId: "alice", idType: "login_name" },
    colour: { userId: "alice", colour: "red" },
    timeout: { userId: "alice", timeout: -5 },
  };
  const outcome = {};
  const mounted = [];
  for (const [name, options] of Object.entries(cases)) {
    const host = scratch(`${prefix}-${name}`);
    try {
      mounted.push([name, host, mount(host, options)]);
    } catch (error) {
      outcome[name] = `thrown: ${error.constructor.name}: ${error.message}`;
    }
  }
  for (const [name, host, badge] of mounted) {
    outcome[name] = await badge.ready.then(
      () => "mounted",
      (error) => `rejected: ${error.constructor.name}: ${error.message}`,
    );
    // A badge that could not mount says why to every later call, and shows nothing.
    try {
      badge.refresh();
      outcome[`${name}, refresh after`] = null;
    } catch (error) {
      outcome[`${name}, refresh after`] = error.message;
    }
    outcome[`${name}, shadow content`] = host.shadowRoot?.childElementCount ?? 0;
  }
  return outcome;
}

// Before: a module's top level runs before the wasm can have loaded.
const before = track("before", mount($("before"), { userId: "alice", idType: "username" }));
before.update({ userId: "whale" });
before.refresh();
track("before-destroyed", mount($("before-destroyed"), { userId: "ct-alice-0016", idType: "third_party_id" })).destroy();
// Not observed: the option error must still show, as an unhandled rejection.
mount($("before-unobserved"), { userId: "alice", pageSize: "many" });
record.argumentErrorsBefore = argumentErrors("before");
optionErrors("before").then((outcome) => (record.optionErrorsBefore = outcome));

// During: the moments during-init.js reports.
const DURING = {
  "compile-start": { userId: "ben_long", idType: "username", pageSize: 5 },
  "compile-end": { userId: "new.member@example.com", idType: "email" },
};
window.__duringInit = (phase) => {
  if (!record.moments[phase]) track(phase, mount($(phase), DURING[phase]));
};

// After.
ready.then(async () => {
  track("after", mount($("after"), { userId: "mixed@example.com", idType: "email" }));
  record.argumentErrorsAfter = argumentErrors("after");
  record.optionErrorsAfter = await optionErrors("after");
});
