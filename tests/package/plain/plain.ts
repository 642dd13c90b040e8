// A TypeScript project with neither React nor Preact installed: the package's JSX declarations
// must not break it (skipLibCheck is off).
import { mount, ready, type MountOptions } from "loyalty-badge";

const options: MountOptions = { userId: "alice@crowdtwist.com", variant: "compact" };
const badge = mount(document.createElement("div"), options);
document.querySelector("loyalty-badge")?.addEventListener("loyalty-badge:load", (event) => {
  console.log(event.detail.redeemablePoints);
});
await ready;
badge.destroy();
