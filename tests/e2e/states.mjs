// The badge in each of its states, for the accessibility matrix, the gallery and the keyboard
// tests: <loyalty-badge> elements on a page of the second loyalty-server, which serves
// states-program.json (one member per state) beside the same build.
import { createRequire } from "node:module";
import { expect } from "@playwright/test";

const require = createRequire(import.meta.url);

export const STATES_BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? "8797") + 1}`;

/** The suite's "now": states-program.json's recent activities are days before it. */
export const FIXED_NOW = new Date("2026-04-20T12:00:00Z");

/** Each state: the member that shows it, extra attributes, and when the badge shows it. */
export const STATES = [
  { name: "loading", userId: "slow@example.com", attributes: { timeout: "120000" }, states: ["loading"] },
  { name: "loaded", userId: "ada@example.com", states: ["loaded"] },
  { name: "empty", userId: "empty@example.com", states: ["loaded"] },
  { name: "not-found", userId: "nobody@example.com", states: ["not-found"] },
  { name: "error", userId: "broken@example.com", states: ["error"] },
  // 503 with Retry-After: 30. Without automatic retries the badge shows the error with its Retry
  // button disabled for the wait; with them, it says it waits to try again (`data-retry`).
  { name: "retrying", userId: "retrying@example.com", states: ["error", "loading"], retrying: true },
  { name: "forbidden", userId: "forbidden@example.com", states: ["error"], kind: "forbidden" },
];

export const THEMES = ["light", "dark"];

export const VARIANTS = [
  { name: "full", attributes: {} },
  { name: "compact", attributes: { variant: "compact" } },
  { name: "compact-open", attributes: { variant: "compact", open: "" } },
];

export const LOCALES = ["en-US", "ar-EG"];

/** One badge per combination of `states`, `themes`, `variants` and `locales`. */
export function combinations({ states = STATES, themes = THEMES, variants = VARIANTS, locales = LOCALES }) {
  const all = [];
  for (const state of states) {
    for (const theme of themes) {
      for (const variant of variants) {
        for (const locale of locales) {
          all.push({
            id: `${state.name}-${theme}-${variant.name}-${locale}`,
            state,
            theme,
            variant,
            locale,
            attributes: { "user-id": state.userId, "id-type": "email", theme, locale, ...state.attributes, ...variant.attributes },
          });
        }
      }
    }
  }
  return all;
}

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/**
 * Opens a page of the states server holding one <loyalty-badge> per entry of `badges`
 * (`{ id, attributes }`), with the clock fixed at FIXED_NOW, and waits for the module.
 */
export async function openBadges(page, badges, { title = "loyalty-badge states", before = "", after = "" } = {}) {
  const figures = badges
    .map(({ id, attributes, caption }) => {
      const attrs = Object.entries(attributes)
        .map(([name, value]) => (value === "" ? name : `${name}="${escapeHtml(value)}"`))
        .join(" ");
      const label = caption ?? id;
      return `<figure class="${escapeHtml(attributes.theme ?? "")}"><figcaption>${escapeHtml(label)}</figcaption><loyalty-badge id="${id}" ${attrs}></loyalty-badge></figure>`;
    })
    .join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script type="module" src="/embed/loyalty-badge.js"></script>
<style>
  body { margin: 16px; background: #f5f5fa; color: #1d1d28; font: 16px/1.5 system-ui, sans-serif; }
  figure { margin: 0 0 12px; padding: 8px; }
  figure.dark { background: #0d0d12; color: #ececf4; }
  figcaption { font-size: 12px; margin-block-end: 4px; }
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${before}${figures}${after}</main></body></html>`;
  const path = `/states-${Math.random().toString(36).slice(2)}.html`;
  await page.route(`${STATES_BASE}${path}`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
  await page.clock.setFixedTime(FIXED_NOW);
  await page.goto(`${STATES_BASE}${path}`);
  await page.evaluate(() => import("/embed/loyalty-badge.js").then((m) => m.ready));
}

/** What one badge shows now (inside its shadow root). */
export async function badgeState(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id)?.shadowRoot?.querySelector(".lb");
    if (!root) return null;
    return {
      state: root.getAttribute("data-state"),
      kind: root.querySelector("[part~=error]")?.getAttribute("data-kind") ?? null,
      waiting: Boolean(root.querySelector("[part~=retry][disabled]")) || root.hasAttribute("data-retry"),
      text: root.textContent,
      dir: getComputedStyle(root).direction,
      lang: root.getAttribute("lang"),
    };
  }, id);
}

/** Waits until every badge of `combos` shows its state. */
export async function settle(page, combos) {
  for (const combo of combos) {
    await expect
      .poll(async () => {
        const shown = await badgeState(page, combo.id);
        if (!shown || !combo.state.states.includes(shown.state)) return `${combo.id}: ${shown?.state}`;
        if (combo.state.kind && shown.kind !== combo.state.kind) return `${combo.id}: kind ${shown.kind}`;
        if (combo.state.retrying && !shown.waiting) return `${combo.id}: not waiting`;
        return "shown";
      }, { timeout: 20_000 })
      .toBe("shown");
  }
}

/**
 * Runs axe-core on the whole page, into the badges' open shadow roots. Returns the violations by
 * badge id (the first step of a shadow target is the host) and the ids of the badges whose
 * shadow content axe checked.
 */
export async function axeByBadge(page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const results = await globalThis.axe.run(document);
    // A target in a shadow root is a list of selectors, the host's first: [["#host", ".lb"]].
    const host = (node) => {
      const path = Array.isArray(node.target[0]) ? node.target[0] : null;
      return path && path.length > 1 ? path[0].replace(/^#/, "") : null;
    };
    const violations = [];
    for (const violation of results.violations) {
      for (const node of violation.nodes) {
        violations.push({ badge: host(node), rule: violation.id, help: violation.help, target: JSON.stringify(node.target), summary: node.failureSummary });
      }
    }
    const checkedInside = new Set();
    for (const pass of results.passes) {
      for (const node of pass.nodes) {
        const badge = host(node);
        if (badge) checkedInside.add(badge);
      }
    }
    return { violations, checkedInside: [...checkedInside] };
  });
}
