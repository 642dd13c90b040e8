// The badge from the keyboard, with the real <loyalty-badge> element: Tab order, visible focus,
// the compact badge's disclosure (Enter, Space, Escape; the `open` attribute and the
// `loyalty-badge:toggle` event), and "Show more" moving focus to the first new entry.
import { test, expect } from "@playwright/test";
import { openBadges, badgeState } from "./states.mjs";

const ADA = { "user-id": "ada@example.com", "id-type": "email", "page-size": "3" };

async function openPage(page) {
  await openBadges(
    page,
    [
      { id: "compact", attributes: { ...ADA, variant: "compact" } },
      { id: "full", attributes: { ...ADA } },
    ],
    { before: '<button id="before" type="button">Before</button>', after: '<button id="after" type="button">After</button>' },
  );
  await page.evaluate(() => {
    window.__toggles = [];
    document.addEventListener("loyalty-badge:toggle", (e) =>
      window.__toggles.push({ id: e.target.id, open: e.detail.open, bubbles: e.bubbles, composed: e.composed }),
    );
  });
  for (const id of ["compact", "full"]) {
    await expect.poll(() => badgeState(page, id).then((s) => s?.state)).toBe("loaded");
  }
}

/** Where focus is: `before`, `compact:toggle`, `full:more`, `full:activity 3`, ... */
function focusedAt(page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.shadowRoot?.activeElement;
    if (!inner) return active?.id ?? null;
    const part = inner.getAttribute("part") ?? inner.className;
    if (part === "activity") {
      const entries = [...active.shadowRoot.querySelectorAll("[part~=activity]")];
      return `${active.id}:activity ${entries.indexOf(inner)}`;
    }
    return `${active.id}:${part}`;
  });
}

const toggles = (page) => page.evaluate(() => window.__toggles);
const expanded = (page) => page.locator("#compact [part~=toggle]").getAttribute("aria-expanded");

test("Tab reaches every control in order, and back", async ({ page }) => {
  await openPage(page);
  await page.locator("#before").focus();
  const forward = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    forward.push(await focusedAt(page));
  }
  expect(forward).toEqual(["compact:toggle", "full:more", "after"]);
  const back = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Shift+Tab");
    back.push(await focusedAt(page));
  }
  expect(back).toEqual(["full:more", "compact:toggle", "before"]);

  // Opened, the compact badge's details join the order right after its button.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const opened = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    opened.push(await focusedAt(page));
  }
  expect(opened).toEqual(["compact:more", "full:more", "after"]);
});

test("the compact badge opens with Enter or Space and closes with Escape, focus on its button", async ({ page }) => {
  await openPage(page);
  const element = page.locator("#compact");
  const toggle = page.locator("#compact [part~=toggle]");
  await page.locator("#before").focus();
  await page.keyboard.press("Tab");
  expect(await focusedAt(page)).toBe("compact:toggle");
  const ring = await toggle.evaluate((t) => getComputedStyle(t).outlineStyle);
  expect(ring, "keyboard focus is visible").toBe("solid");
  await expect(toggle).toHaveAttribute("aria-controls", /.+/);

  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(element).toHaveAttribute("open", "");
  const controls = await toggle.getAttribute("aria-controls");
  await expect(page.locator(`#compact #${controls} [part~=total]`)).toHaveText("1,840");
  expect(await focusedAt(page)).toBe("compact:toggle");

  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(element).not.toHaveAttribute("open");
  expect(await focusedAt(page)).toBe("compact:toggle");

  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  expect(await focusedAt(page)).toBe("compact:toggle");

  // Escape from inside the details closes them and brings focus back to the button.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await focusedAt(page)).toBe("compact:more");
  await page.keyboard.press("Escape");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  expect(await focusedAt(page)).toBe("compact:toggle");

  // Escape on a closed badge changes nothing.
  await page.keyboard.press("Escape");
  expect(await expanded(page)).toBe("false");

  const events = await toggles(page);
  expect(events.map((e) => e.open)).toEqual([true, false, true, false, true, false]);
  expect(events.every((e) => e.id === "compact" && e.bubbles && e.composed)).toBe(true);
});

test("the open attribute sets the state, and each change is a toggle event", async ({ page }) => {
  await openPage(page);
  const element = page.locator("#compact");
  await element.evaluate((e) => e.setAttribute("open", ""));
  await expect(page.locator("#compact [part~=toggle]")).toHaveAttribute("aria-expanded", "true");
  await element.evaluate((e) => e.removeAttribute("open"));
  await expect(page.locator("#compact [part~=toggle]")).toHaveAttribute("aria-expanded", "false");
  // The member's toggle is reflected, and one event per change: no echo from the reflection.
  await page.locator("#compact [part~=toggle]").click();
  await expect(element).toHaveAttribute("open", "");
  await page.waitForTimeout(100);
  expect((await toggles(page)).map((e) => e.open)).toEqual([true, false, true]);
});

test("Show more moves focus to the first new entry", async ({ page }) => {
  await openPage(page);
  const entries = page.locator("#full [part~=activity]");
  await expect(entries).toHaveCount(3);
  await page.locator("#full [part~=more]").focus();
  await page.keyboard.press("Enter");
  await expect(entries).toHaveCount(6);
  expect(await focusedAt(page)).toBe("full:activity 3");
  const ring = await entries.nth(3).evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(ring, "the entry shows its focus").toBe("solid");
  await page.keyboard.press("Tab");
  expect(await focusedAt(page)).toBe("full:more");
  await page.keyboard.press("Space");
  await expect(entries).toHaveCount(9);
  expect(await focusedAt(page)).toBe("full:activity 6");
});
