// The bundle is copied to nowasm/ without its wasm: `ready` must reject with a clear error (left
// unobserved here, so it must show as an unhandled rejection), and so must every badge's `ready`.
import { mount } from "./nowasm/loyalty-badge.js";

const record = (window.__nowasm = {});
const badge = mount(document.getElementById("before"), { userId: "alice", idType: "username" });
badge.ready.then(
  () => (record.before = "resolved"),
  (error) => {
    record.before = `rejected: ${error.message}`;
    for (const [name, call] of [
      ["update", () => badge.update({ userId: "bob" })],
      ["mount", () => mount(document.getElementById("after"), { userId: "alice" })],
    ]) {
      try {
        call();
        record[name] = null;
      } catch (error) {
        record[name] = `thrown: ${error.message}`;
      }
    }
    record.skeletons = document.getElementById("in-html").shadowRoot?.childElementCount ?? 0;
    record.defined = customElements.get("loyalty-badge") !== undefined;
  },
);
