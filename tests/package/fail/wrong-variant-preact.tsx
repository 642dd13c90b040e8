/** @jsxImportSource preact */
import "loyalty-badge";

export const Huge = () => (
  <div>
    {/* expect-error TS2322: Type '"huge"' is not assignable to type 'LoyaltyBadgeVariant | undefined'. */}
    <loyalty-badge user-id="alice@crowdtwist.com" variant="huge" />
    {/* expect-error TS2322: Type '"login_name"' is not assignable to type 'LoyaltyBadgeIdType | undefined'. */}
    <loyalty-badge user-id="alice@crowdtwist.com" id-type="login_name" />
  </div>
);
