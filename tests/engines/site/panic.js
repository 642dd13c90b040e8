// The panic check's page script: the test bundle (with loyaltyBadgeTestPanic), one badge made
// with mount(), the events recorded, and a button of the host page's own.
import * as bundle from "./panic/loyalty-badge.js";

window.__bundle = bundle;
window.__events = [];
document.addEventListener("loyalty-badge:error", (event) => {
  window.__events.push({ target: event.target.id, composed: event.composed, detail: event.detail });
});
let clicks = 0;
const button = document.getElementById("host-button");
button.addEventListener("click", () => {
  clicks += 1;
  button.textContent = `Clicked ${clicks} times`;
});
window.__mounted = bundle.mount(document.getElementById("mounted"), { userId: "ben_long", idType: "username" });
