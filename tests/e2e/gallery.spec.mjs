// The gallery: a screenshot of each state x theme x variant (en-US), and of the loaded badge in
// en-US, de-DE, ja-JP and ar-EG, in target/e2e/gallery/, with an index.html to look at them.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { test, expect } from "@playwright/test";
import { STATES, VARIANTS, combinations, openBadges, settle } from "./states.mjs";

const GALLERY = "../../target/e2e/gallery";
const GALLERY_LOCALES = ["en-US", "de-DE", "ja-JP", "ar-EG"];

test.beforeAll(() => mkdirSync(GALLERY, { recursive: true }));

test("a screenshot of each state, theme and variant", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 720, height: 900 });
  for (const state of STATES) {
    const combos = combinations({ states: [state], locales: ["en-US"] });
    await openBadges(page, combos, { title: `loyalty-badge: ${state.name}` });
    await settle(page, combos);
    for (const combo of combos) {
      const file = `${GALLERY}/${combo.state.name}-${combo.theme}-${combo.variant.name}.png`;
      // The figure: the badge on its theme's page background.
      await page.locator(`figure:has(#${combo.id})`).screenshot({ path: file, animations: "disabled" });
    }
  }
});

test("a screenshot of the loaded badge in en-US, de-DE, ja-JP and ar-EG", async ({ page }) => {
  await page.setViewportSize({ width: 720, height: 900 });
  const loaded = STATES.find((s) => s.name === "loaded");
  const combos = combinations({
    states: [loaded],
    themes: ["light"],
    variants: VARIANTS.filter((v) => v.name !== "compact"),
    locales: GALLERY_LOCALES,
  }).map((combo) => ({ ...combo, attributes: { ...combo.attributes, "page-size": "5" } }));
  await openBadges(page, combos, { title: "loyalty-badge: four languages" });
  await settle(page, combos);
  for (const combo of combos) {
    await expect(page.locator(`#${combo.id} [part~=total]`).first()).toBeVisible();
    const file = `${GALLERY}/locale-${combo.locale}-${combo.variant.name}.png`;
    await page.locator(`#${combo.id}`).screenshot({ path: file, animations: "disabled" });
  }
});

test.afterAll(() => {
  const shots = readdirSync(GALLERY).filter((f) => f.endsWith(".png")).sort();
  const figure = (file) =>
    `<figure><a href="${file}"><img src="${file}" alt="${file.replace(/\.png$/, "").replaceAll("-", " ")}" loading="lazy"></a><figcaption>${file}</figcaption></figure>`;
  const section = (title, files) => (files.length ? `<h2>${title}</h2><div class="grid">${files.map(figure).join("\n")}</div>` : "");
  const locales = shots.filter((f) => f.startsWith("locale-"));
  const states = STATES.map((s) => section(s.name, shots.filter((f) => f.startsWith(`${s.name}-`))));
  const others = shots.filter((f) => !f.startsWith("locale-") && !STATES.some((s) => f.startsWith(`${s.name}-`)));
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>loyalty-badge gallery</title>
<style>
  body { margin: 24px; font: 15px/1.5 system-ui, sans-serif; background: #fafafc; color: #1d1d28; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; align-items: start; }
  figure { margin: 0; } img { max-inline-size: 100%; border: 1px solid #dcdce6; } figcaption { font-size: 12px; color: #5b5b6e; }
</style></head>
<body><h1>loyalty-badge gallery</h1>
<p>Written by the end-to-end run (tests/e2e/gallery.spec.mjs), against states-program.json with the clock at 2026-04-20T12:00Z.</p>
${section("Languages", locales)}
${states.join("\n")}
${section("Other", others)}
</body></html>
`;
  writeFileSync(`${GALLERY}/index.html`, html);
});
