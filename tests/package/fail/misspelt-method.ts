import { mount } from "loyalty-badge";

const badge = mount(document.body, { userId: "alice@crowdtwist.com" });
// expect-error TS2551: Property 'refesh' does not exist on type 'Badge'. Did you mean 'refresh'?
badge.refesh();

const element = document.querySelector("loyalty-badge");
// expect-error TS2551: Property 'refersh' does not exist on type 'LoyaltyBadgeElement'. Did you mean 'refresh'?
element?.refersh();
