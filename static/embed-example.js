// The example page's own script (a module from this site, as its CSP requires): it mounts one
// badge with the JavaScript API and wires the "Refresh every badge" button.
import { mount } from "./embed/loyalty-badge.js";

const mounted = mount(document.getElementById("mounted-badge"), {
  userId: "whale@example.com",
  idType: "email",
  pageSize: 2,
});

document.getElementById("refresh-all").addEventListener("click", () => {
  for (const badge of document.querySelectorAll("loyalty-badge")) badge.refresh();
  mounted.refresh();
});
