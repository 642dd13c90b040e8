// Accessibility in every state: axe-core inside the badges' shadow roots for each state x theme x
// variant x locale; forced colours; reduced motion; the focus ring's contrast; right to left.
import { test, expect } from "@playwright/test";
import { STATES, THEMES, VARIANTS, LOCALES, combinations, openBadges, settle, axeByBadge, badgeState } from "./states.mjs";
import { watchConsole } from "./pages.mjs";

test("axe-core finds nothing in any state, theme, variant or locale", async ({ page }) => {
  test.setTimeout(240_000);
  const console = watchConsole(page);
  let checked = 0;
  const found = [];
  // One page per state: its 12 badges (themes x variants x locales) checked by one axe run.
  for (const state of STATES) {
    const combos = combinations({ states: [state] });
    await test.step(state.name, async () => {
      await openBadges(page, combos, { title: `loyalty-badge: ${state.name}` });
      await settle(page, combos);
      const { violations, checkedInside } = await axeByBadge(page);
      for (const combo of combos) {
        expect(checkedInside, `axe checked inside ${combo.id}'s shadow root`).toContain(combo.id);
        const shown = await badgeState(page, combo.id);
        expect(shown.dir, combo.id).toBe(combo.locale === "ar-EG" ? "rtl" : "ltr");
        expect(shown.lang, combo.id).toBe(combo.locale === "ar-EG" ? "ar" : "en");
      }
      checked += combos.length;
      found.push(...violations);
    });
  }
  const expected = STATES.length * THEMES.length * VARIANTS.length * LOCALES.length;
  console.problems.length = 0; // the HTTP errors the states provoke are the browser's own lines
  // eslint-disable-next-line no-console
  globalThis.console.log(
    `axe matrix: ${checked} combinations checked (${STATES.length} states x ${THEMES.length} themes x ` +
      `${VARIANTS.length} variants x ${LOCALES.length} locales), ${found.length} violations`,
  );
  expect(checked).toBe(expected);
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});

/** The system colour `name` as the browser computes it (`rgb(...)`). */
async function systemColor(page, name) {
  return page.evaluate((name) => {
    const probe = document.createElement("span");
    probe.style.color = name;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, name);
}

test("forced colours (Windows high contrast): system colours, visible skeletons and focus", async ({ page }) => {
  await page.emulateMedia({ forcedColors: "active" });
  const badges = [
    { id: "loaded", attributes: { "user-id": "ada@example.com", "id-type": "email", theme: "dark", "page-size": "3" } },
    { id: "compact", attributes: { "user-id": "ada@example.com", "id-type": "email", variant: "compact", theme: "light" } },
    { id: "loading", attributes: { "user-id": "slow@example.com", "id-type": "email", timeout: "120000" } },
    { id: "error", attributes: { "user-id": "broken@example.com", "id-type": "email", theme: "dark" } },
  ];
  await openBadges(page, badges);
  await expect.poll(() => badgeState(page, "loaded").then((s) => s?.state)).toBe("loaded");
  await expect.poll(() => badgeState(page, "error").then((s) => s?.state)).toBe("error");
  const [canvasText, canvas, buttonText, highlight] = await Promise.all(
    ["CanvasText", "Canvas", "ButtonText", "Highlight"].map((name) => systemColor(page, name)),
  );
  const styles = await page.evaluate(() => {
    const inside = (id, selector) => document.getElementById(id).shadowRoot.querySelector(selector);
    const style = (id, selector) => getComputedStyle(inside(id, selector));
    return {
      text: ["[part~=total]", "[part~=fan-level]", ".lb-activity-points", ".lb-activity-date", ".lb-heading"].map((s) => style("loaded", s).color),
      background: style("loaded", ".lb").backgroundColor,
      border: style("loaded", ".lb").borderTopColor,
      more: style("loaded", "[part~=more]").color,
      toggle: style("compact", "[part~=toggle]").color,
      error: style("error", ".lb-error-message").color,
      skeleton: style("loading", ".lb-skeleton").backgroundColor,
    };
  });
  for (const color of styles.text) expect(color).toBe(canvasText);
  expect(styles.background).toBe(canvas);
  expect(styles.border).toBe(canvasText);
  expect(styles.more).toBe(buttonText);
  expect(styles.toggle).toBe(buttonText);
  expect(styles.error).toBe(canvasText);
  expect(styles.skeleton, "a skeleton stays visible").not.toBe(canvas);
  expect(styles.skeleton).not.toBe("rgba(0, 0, 0, 0)");

  // Keyboard focus shows in the system's highlight colour.
  await page.locator("#compact [part~=toggle]").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById("compact").shadowRoot.querySelector("[part~=toggle]"));
    return { style: s.outlineStyle, color: s.outlineColor, width: s.outlineWidth };
  });
  expect(outline).toEqual({ style: "solid", color: highlight, width: "2px" });
  await page.screenshot({ path: "../../target/e2e/gallery/forced-colors.png", fullPage: true });
});

test("reduced motion stops the skeleton's pulse and the chevron's turn", async ({ page }) => {
  const badges = [
    { id: "loading", attributes: { "user-id": "slow@example.com", "id-type": "email", timeout: "120000" } },
    { id: "compact", attributes: { "user-id": "ada@example.com", "id-type": "email", variant: "compact" } },
  ];
  const motion = () =>
    page.evaluate(() => ({
      pulse: getComputedStyle(document.getElementById("loading").shadowRoot.querySelector(".lb-skeleton")).animationName,
      turn: getComputedStyle(document.getElementById("compact").shadowRoot.querySelector(".lb-chevron")).transitionDuration,
    }));
  await openBadges(page, badges);
  await expect.poll(() => badgeState(page, "compact").then((s) => s?.state)).toBe("loaded");
  expect(await motion()).toEqual({ pulse: "lb-pulse", turn: "0.15s" });
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await motion()).toEqual({ pulse: "none", turn: "0s" });
});

/** WCAG's contrast ratio of two `rgb(...)` colours. */
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test("the focus ring stands out in both themes (at least 3:1 against the badge)", async ({ page }) => {
  const badges = THEMES.map((theme) => ({
    id: theme,
    attributes: { "user-id": "ada@example.com", "id-type": "email", theme, "page-size": "3" },
  }));
  await openBadges(page, badges);
  for (const theme of THEMES) {
    await expect.poll(() => badgeState(page, theme).then((s) => s?.state)).toBe("loaded");
    await page.locator(`#${theme} [part~=more]`).focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const ring = await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      const more = getComputedStyle(root.querySelector("[part~=more]"));
      return { style: more.outlineStyle, color: more.outlineColor, background: getComputedStyle(root.querySelector(".lb")).backgroundColor };
    }, theme);
    expect(ring.style, theme).toBe("solid");
    const ratio = contrast(ring.color, ring.background);
    expect(ratio, `${theme}: ${ring.color} on ${ring.background}`).toBeGreaterThanOrEqual(3);
  }
});

// What the automatic retries add to the matrix above: the badge says that it will try again
// (Message::RetryWaiting) in its language, in its one live region, and a member that fails once
// loads by itself.
test("retrying: the badge says when it tries again, in its language, then loads by itself", async ({ page }) => {
  const member = (userId, locale) => ({ "user-id": userId, "id-type": "email", locale });
  await openBadges(page, [
    { id: "en", attributes: member("retrying@example.com", "en-US") },
    { id: "ar", attributes: member("retrying@example.com", "ar-EG") },
    { id: "soon", attributes: member("retry-soon@example.com", "en-US") },
  ]);
  await expect(page.locator("#en .lb")).toHaveAttribute("data-retry", "waiting");
  await expect(page.locator("#en .lb")).toContainText(/Trying again in \d+ s…/);
  await expect(page.locator("#ar .lb")).toContainText(/إعادة المحاولة بعد [٠-٩]+ (ثانية|ثانيتين|ثوانٍ)…/);
  for (const id of ["en", "ar"]) {
    await expect(page.locator(`#${id} [role=status], #${id} [aria-live]`), "one live region").toHaveCount(1);
  }
  await expect(page.locator("#soon .lb")).toHaveAttribute("data-state", "loaded", { timeout: 5_000 });
  await expect(page.locator("#soon [part~=total]")).toHaveText("300");
});
