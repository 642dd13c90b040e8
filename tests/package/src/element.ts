// <loyalty-badge> in plain TypeScript: the element, its attributes, refresh() and its events.
import "loyalty-badge";
import type {
  LoyaltyBadgeElement,
  LoyaltyBadgeErrorDetail,
  LoyaltyBadgeErrorKind,
  LoyaltyBadgeLoadDetail,
} from "loyalty-badge";

const found: LoyaltyBadgeElement | null = document.querySelector("loyalty-badge");
const made: LoyaltyBadgeElement = document.createElement("loyalty-badge");
made.setAttribute("user-id", "alice@crowdtwist.com");
made.setAttribute("variant", "compact");
document.body.append(made);
made.refresh();
found?.refresh();

made.addEventListener("loyalty-badge:load", (event) => {
  const detail: LoyaltyBadgeLoadDetail = event.detail;
  const points: number = detail.redeemablePoints + detail.totalPoints + detail.activityCount;
  const level: string = detail.fanLevel ?? "none";
  const purchased: number | null = detail.numPointsPurchased;
  const id: string | null = detail.id;
  console.log(points, level, purchased, id, event.target);
});

// The events bubble out of the element: the document and the window hear them, typed.
document.addEventListener("loyalty-badge:error", (event) => {
  const detail: LoyaltyBadgeErrorDetail = event.detail;
  const kind: LoyaltyBadgeErrorKind = detail.kind;
  if (kind === "forbidden" && detail.code === "token_expired") {
    made.setAttribute("member-token", "fresh");
  }
  const status: number | null = detail.status;
  const retry: boolean = detail.retryable;
  console.log(detail.message.length, status, retry);
});
window.addEventListener("loyalty-badge:load", (event) => console.log(event.detail.fanLevel));

// A plain listener still works, and the event is a CustomEvent.
made.addEventListener("click", (event: MouseEvent) => console.log(event.button));
const listener = (event: CustomEvent<LoyaltyBadgeLoadDetail>) => console.log(event.detail.id);
made.addEventListener("loyalty-badge:load", listener);
made.removeEventListener("loyalty-badge:load", listener);

export { found };
