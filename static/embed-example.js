// The example page's own script (a module from this site, as its CSP requires): it mounts one
// badge with the JavaScript API and wires the "Refresh every badge" button.
import { mount, ready } from "./embed/loyalty-badge.js";

// mount() works at once, even before the wasm has loaded: the badge appears as soon as it has.
const mounted = mount(document.getElementById("mounted-badge"), {
  userId: "whale@example.com",
  idType: "email",
  pageSize: 2,
});

document.getElementById("refresh-all").addEventListener("click", async () => {
  // <loyalty-badge> elements get their refresh() method once the element is defined.
  await ready;
  for (const badge of document.querySelectorAll("loyalty-badge")) badge.refresh();
  mounted.refresh();
});
