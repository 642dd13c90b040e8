import "loyalty-badge";

export const Huge = () => (
  <>
    {/* expect-error TS2322: Type '"huge"' is not assignable to type 'LoyaltyBadgeVariant | undefined'. */}
    <loyalty-badge user-id="alice@crowdtwist.com" variant="huge" />
    {/* expect-error TS2322: Type '"midnight"' is not assignable to type 'LoyaltyBadgeTheme | undefined'. */}
    <loyalty-badge user-id="alice@crowdtwist.com" theme="midnight" />
  </>
);
