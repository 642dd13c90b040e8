import { mount } from "loyalty-badge";

// expect-error TS2322: Type '"huge"' is not assignable to type 'LoyaltyBadgeVariant | undefined'.
mount(document.body, { userId: "alice@crowdtwist.com", variant: "huge" });

const badge = mount(document.body, { userId: "alice@crowdtwist.com" });
// expect-error TS2322: Type '"login_name"' is not assignable to type 'LoyaltyBadgeIdType | null | undefined'.
badge.update({ idType: "login_name" });
