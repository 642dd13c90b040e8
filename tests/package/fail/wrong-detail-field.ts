import "loyalty-badge";

document.addEventListener("loyalty-badge:load", (event) => {
  // expect-error TS2551: Property 'totalPoint' does not exist on type 'LoyaltyBadgeLoadDetail'. Did you mean 'totalPoints'?
  console.log(event.detail.totalPoint);
});

document.querySelector("loyalty-badge")?.addEventListener("loyalty-badge:error", (event) => {
  // expect-error TS2367: types 'LoyaltyBadgeErrorKind' and '"forbiden"' have no overlap
  if (event.detail.kind === "forbiden") console.log(event.detail.message);
  // expect-error TS2339: Property 'apiKey' does not exist on type 'LoyaltyBadgeErrorDetail'.
  console.log(event.detail.apiKey);
});
