/** @jsxImportSource preact */
// <loyalty-badge> in Preact's JSX, after `import "loyalty-badge"`.
import "loyalty-badge";
import type { LoyaltyBadgeElement } from "loyalty-badge";
import { useRef } from "preact/hooks";

export function Points({ email }: { email: string }) {
  const badge = useRef<LoyaltyBadgeElement>(null);
  return (
    <div>
      <loyalty-badge ref={badge} user-id={email} variant="compact" class="points" style="margin: 0" page-size="5" />
      <loyalty-badge user-id={email} id-type="username" key={2} onClick={() => badge.current?.refresh()} />
    </div>
  );
}
