// <loyalty-badge> in React's JSX, after `import "loyalty-badge"`.
import "loyalty-badge";
import type { LoyaltyBadgeElement, LoyaltyBadgeLoadDetail } from "loyalty-badge";
import { useEffect, useRef } from "react";

export function Points({ email, onPoints }: { email: string; onPoints: (points: number) => void }) {
  const badge = useRef<LoyaltyBadgeElement>(null);
  useEffect(() => {
    const element = badge.current;
    if (!element) return;
    const listener = (event: CustomEvent<LoyaltyBadgeLoadDetail>) => onPoints(event.detail.redeemablePoints);
    element.addEventListener("loyalty-badge:load", listener);
    return () => element.removeEventListener("loyalty-badge:load", listener);
  }, [onPoints]);
  return (
    <section>
      <loyalty-badge
        ref={badge}
        user-id={email}
        id-type="email"
        api-base="/loyalty"
        variant="compact"
        theme="auto"
        page-size={5}
        refresh-interval="60"
        className="points"
        style={{ marginTop: 8 }}
        onClick={() => badge.current?.refresh()}
      />
      {["a", "b"].map((id) => (
        <loyalty-badge key={id} user-id={id} class="small" ref={(element) => element?.refresh()} />
      ))}
    </section>
  );
}
