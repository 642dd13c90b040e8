// The badge's languages with the real element and server: relative dates against a fixed clock,
// right to left, and the demo page's language picker.
import { test, expect } from "@playwright/test";
import { openBadges, badgeState } from "./states.mjs";
import { DemoPage } from "./pages.mjs";

const ada = (locale) => ({ "user-id": "ada@example.com", "id-type": "email", locale, "page-size": "5" });

test("recent activities say how long ago, with the date and time in full as their title", async ({ page }) => {
  await openBadges(page, [
    { id: "en", attributes: ada("en-US") },
    { id: "de", attributes: ada("de-DE") },
    { id: "ar", attributes: ada("ar-EG") },
  ]);
  for (const id of ["en", "de", "ar"]) {
    await expect.poll(() => badgeState(page, id).then((s) => s?.state)).toBe("loaded");
  }
  const dates = (id) => page.locator(`#${id} [part~=activity-date]`).allTextContents();
  expect((await dates("en")).map((d) => d.trim())).toEqual(["today", "yesterday", "3 days ago", "6 days ago", "Apr 9, 2026"]);
  expect((await dates("de")).map((d) => d.trim())).toEqual(["heute", "gestern", "vor 3 Tagen", "vor 6 Tagen", "9. Apr. 2026"]);
  const recent = page.locator("#en [part~=activity-date]").nth(2);
  await expect(recent).toHaveAttribute("datetime", "2026-04-17T12:00:00Z");
  await expect(recent).toHaveAttribute("title", "April 17, 2026 at 12:00 PM");
  await expect(page.locator("#en [part~=activity-date]").nth(4)).not.toHaveAttribute("title");

  const arabic = await badgeState(page, "ar");
  expect(arabic.dir).toBe("rtl");
  expect(arabic.lang).toBe("ar");
  await expect(page.locator("#ar [part~=total]")).toHaveText("١٬٨٤٠");
});

test("the demo page's language picker shows the badge in the language picked, kept in the link", async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.goto();
  await expect(demo.part("total")).toHaveText("1,000");
  const picker = page.getByLabel("Language");
  await expect(picker.locator("option")).toHaveText([/^Browser default/, "English", "Español", "Français", "Deutsch", "Português (Brasil)", "日本語", "العربية"]);
  await picker.selectOption("de");
  await expect(demo.part("activity-date")).toHaveText("16. Apr. 2016");
  await expect(demo.badge).toHaveAttribute("aria-label", "Treuepunkte");
  expect(new URL(page.url()).searchParams.get("locale")).toBe("de");

  await demo.chooseSample("No activity yet");
  await expect(demo.part("empty")).toHaveText("Noch keine Punkteaktivität.");
  expect(new URL(page.url()).searchParams.get("locale")).toBe("de");

  await picker.selectOption("ar");
  await expect(demo.badge).toHaveAttribute("dir", "rtl");
  await page.goBack();
  await expect(demo.part("empty")).toHaveText("Noch keine Punkteaktivität.");
  await expect(picker).toHaveValue("de");

  await picker.selectOption("");
  await expect(demo.part("empty")).toHaveText("No points activity yet.");
  expect(new URL(page.url()).searchParams.has("locale")).toBe(false);
});
