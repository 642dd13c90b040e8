// Chromium's flags for the bench and Lighthouse, as tests/e2e/playwright.config.mjs has them:
// without them its background connections fail against this closed network.
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic",
];

export const CHROMIUM = process.env.CHROMIUM ?? process.env.CHROME_PATH ?? "/usr/bin/chromium";
