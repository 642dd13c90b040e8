// The JavaScript API: mount(), its options, the badge's handle and the module's ready.
import { mount, ready } from "loyalty-badge";
import type {
  Badge,
  LoyaltyBadgeIdType,
  LoyaltyBadgeTheme,
  LoyaltyBadgeVariant,
  MountOptions,
  UpdateOptions,
} from "loyalty-badge";

const host = document.createElement("div");
const variant: LoyaltyBadgeVariant = "compact";
const theme: LoyaltyBadgeTheme = "dark";
const idType: LoyaltyBadgeIdType = "third_party_id";

const options: MountOptions = {
  userId: "alice@crowdtwist.com",
  idType: "email",
  apiBase: "/loyalty",
  locale: "de-DE",
  timeZone: "Europe/Berlin",
  pageSize: 5,
  variant,
  theme,
  timeout: 5000,
  refreshInterval: 60,
  memberToken: "1700000000.c2ln",
};
const badge: Badge = mount(host, options);
mount(document.createElement("span"), {
  userId: "16",
  environment: "sb",
  clientId: "123",
  idType,
});

// null resets an option; options left out stay.
const changes: UpdateOptions = { userId: "bob@example.com", pageSize: null, variant: "full" };
badge.update(changes);
badge.update({ theme: null, idType: null, memberToken: undefined });
badge.refresh();

async function settle(): Promise<void> {
  await ready;
  await badge.ready;
  badge.destroy();
}
void settle();
