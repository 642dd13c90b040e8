// The demo page, end to end: trunk's release build, a real loyalty-server, headless Chromium.
import { mkdirSync } from "node:fs";
import { test, expect } from "@playwright/test";
import { DemoPage, accessibilityViolations, watchConsole } from "./pages.mjs";

const SHOTS = "../../target/e2e";

test("shows the API documentation's sample member exactly", async ({ page }) => {
  const console = watchConsole(page);
  const demo = new DemoPage(page);
  await demo.goto();
  await expect(demo.memberId).toHaveValue("alice@crowdtwist.com");
  await expect(demo.idType).toHaveValue("email");
  await expect(demo.badge).toHaveAttribute("data-state", "loaded");
  await expect(demo.part("total")).toHaveText("1,000");
  await expect(demo.part("redeemable")).toHaveText("1,000");
  await expect(demo.part("fan-level")).toHaveText("New Fan");
  await expect(demo.part("activity")).toHaveCount(1);
  await expect(demo.part("activity-name")).toHaveText("user registration");
  await expect(demo.part("activity-points")).toHaveText("+1,000");
  await expect(demo.part("activity-date")).toHaveText("Apr 16, 2016");
  await expect(demo.part("activity-date")).toHaveAttribute("datetime", "2016-04-16T08:00:00Z");
  await expect(demo.badge).toHaveAttribute("aria-busy", "false");
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/demo-loaded.png`, fullPage: true });
  console.assertClean();
});

test("the loaded demo page has no accessibility violations", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("?user_id=ben_long&id_type=username");
  await expect(demo.badge).toHaveAttribute("data-state", "loaded");
  expect(await accessibilityViolations(page)).toEqual([]);
});

const TOUR = [
  ["The API documentation's sample member", "loaded", async (d) => expect(d.part("total")).toHaveText("1,000")],
  ["300 entries over five years", "loaded", async (d) => {
    await expect(d.part("activity")).toHaveCount(10);
    await expect(d.part("more")).toHaveText("Show 10 more");
  }],
  ["A phone number as the id", "loaded", async (d) => expect(d.part("fan-level")).toHaveText("Gold Fan")],
  ["No activity yet", "loaded", async (d) => expect(d.part("empty")).toHaveText("No points activity yet.")],
  ["Tens of millions of points", "loaded", async (d) => {
    await expect(d.part("total")).toHaveText("48,213,977");
    await expect(d.part("redeemable")).toHaveText("31,000,450");
  }],
  ["Several scripts, and strings that look like HTML", "loaded", async (d) => {
    await expect(d.part("fan-level")).toHaveText("Superfan ⭐ 超级粉丝");
    await expect(d.part("activity-name").filter({ hasText: "<img src=x onerror=alert(1)>" })).toHaveCount(1);
    await expect(d.badge.locator("img, script")).toHaveCount(0);
  }],
  ["Tolerated variations and one malformed entry", "loaded", async (d) => {
    await expect(d.badge).toContainText("1 entry could not be shown.");
    await expect(d.part("activity-date").filter({ hasText: "Date unknown" })).toHaveCount(1);
    await expect(d.part("activity")).toHaveCount(5);
  }],
  ["Malformed JSON", "error", async (d) => {
    expect(await d.errorMessage()).toContain("could not be read");
    await expect(d.part("retry")).toBeVisible();
  }],
  ["A gateway's HTML 502 page", "error", async (d) => {
    expect(await d.errorMessage()).toBe("The loyalty service is unavailable right now (HTTP 502).");
  }],
  // It answers 429 with Retry-After: 30, so the badge waits 30 s before it asks again, and says so.
  ["Throttled (429, Retry-After)", "loading", async (d) => {
    await expect(d.badge).toHaveAttribute("data-retry", "waiting");
    await expect(d.part("retry-status")).toHaveText("Trying again in 30 s…");
    await expect(d.part("loading")).toBeVisible();
  }],
  ["Not a member", "not-found", async (d) => {
    expect(await d.errorMessage()).toBe("No loyalty account was found for this member.");
    await expect(d.part("retry")).toHaveCount(0);
  }],
  ["An id the widget refuses", "error", async (d) => {
    expect(await d.errorMessage()).toBe("“..” cannot be used as a member id.");
    await expect(d.part("retry")).toHaveCount(0);
  }],
];

test("each sample member shows its state", async ({ page }) => {
  const console = watchConsole(page);
  const demo = new DemoPage(page);
  await demo.goto();
  await demo.settled();
  for (const [label, state, check] of TOUR) {
    await test.step(label, async () => {
      await demo.chooseSample(label);
      await expect(demo.badge).toHaveAttribute("data-state", state);
      await check(demo);
    });
  }
  console.assertNoCrash();
});

test("the slow member shows the loading placeholder, then its points", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("?user_id=slow%40example.com&id_type=email");
  await expect(demo.badge).toHaveAttribute("data-state", "loading");
  await expect(demo.badge).toHaveAttribute("aria-busy", "true");
  await expect(demo.part("loading")).toBeVisible();
  await expect(demo.badge).toHaveAttribute("data-state", "loaded", { timeout: 10_000 });
  await expect(demo.part("fan-level")).toHaveText("Patient Fan");
});

test("a member that never answers times out, after two automatic retries", async ({ page }) => {
  const requests = [];
  page.on("request", (r) => r.url().includes("/v2/users/stalled@example.com/") && requests.push(r.url()));
  const demo = new DemoPage(page);
  await demo.goto("?user_id=stalled%40example.com&id_type=email");
  // After the first 10 s limit: the backoff (under a second) may be over before a poll sees it.
  await expect(demo.badge).toHaveAttribute("data-retry", /^(waiting|retrying)$/, { timeout: 15_000 });
  // Three times the 10 s limit, and the waits between.
  await expect(demo.badge).toHaveAttribute("data-state", "error", { timeout: 45_000 });
  expect(requests).toHaveLength(3);
  expect(await demo.errorMessage()).toBe("The loyalty service took too long to answer (over 10 seconds).");
  await expect(demo.part("retry")).toBeEnabled();
});

test("an automatic retry recovers the flaky member", async ({ page }) => {
  const console = watchConsole(page);
  const demo = new DemoPage(page);
  // It fails every other request (other tests may have asked already): within two page loads,
  // one starts with a failure, which the badge retries by itself.
  const perLoad = [];
  for (let load = 0; load < 2; load++) {
    const requests = [];
    const listener = (r) => r.url().includes("/v2/users/flaky@example.com/") && requests.push(r.url());
    page.on("request", listener);
    await demo.goto(`?user_id=flaky%40example.com&id_type=email&load=${load}`);
    await expect(demo.badge).toHaveAttribute("data-state", "loaded");
    await expect(demo.part("total")).toHaveText("3,300");
    page.off("request", listener);
    perLoad.push(requests.length);
  }
  expect(perLoad).toContain(2);
  expect(perLoad.every((n) => n === 1 || n === 2)).toBe(true);
  console.assertNoCrash();
});

test("Retry asks again after the automatic retries, keeping focus in the widget", async ({ page }) => {
  const console = watchConsole(page);
  const requests = [];
  page.on("request", (r) => r.url().includes("/v2/users/broken@example.com/") && requests.push(r.url()));
  const demo = new DemoPage(page);
  await demo.goto("?user_id=broken%40example.com&id_type=email");
  await expect(demo.badge).toHaveAttribute("data-state", "error");
  expect(await demo.errorMessage()).toContain("could not be read");
  expect(requests).toHaveLength(3);
  await demo.part("retry").click();
  await expect(demo.badge).toBeFocused();
  await expect.poll(() => requests.length).toBe(6);
  await expect(demo.badge).toHaveAttribute("data-state", "error");
  console.assertNoCrash();
});

test("the form and the query string keep the member, Back restores the previous", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto();
  await expect(demo.part("total")).toHaveText("1,000");
  await demo.showMember("Zoë/東京#7 ?x", "third_party_id");
  await expect(demo.part("fan-level")).toHaveText("Superfan ⭐ 超级粉丝");
  const url = new URL(page.url());
  expect(url.searchParams.get("user_id")).toBe("Zoë/東京#7 ?x");
  expect(url.searchParams.get("id_type")).toBe("third_party_id");

  // A shared link opens the same view.
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  await expect(new DemoPage(shared).part("fan-level")).toHaveText("Superfan ⭐ 超级粉丝");
  await shared.close();

  await page.goBack();
  await expect(demo.part("total")).toHaveText("1,000");
  await expect(demo.memberId).toHaveValue("alice@crowdtwist.com");
  await expect(demo.idType).toHaveValue("email");
});

test("Show more works from the keyboard", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto("?user_id=ben_long&id_type=username");
  await expect(demo.part("activity")).toHaveCount(10);
  await demo.part("more").focus();
  await page.keyboard.press("Enter");
  await expect(demo.part("activity")).toHaveCount(20);
  await expect(demo.part("activity").nth(10)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(demo.part("more")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(demo.part("activity")).toHaveCount(30);
});
