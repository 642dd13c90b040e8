// End-to-end tests: Playwright drives Debian's Chromium against `trunk build --release` output
// (../../dist) served, with the API, by a real loyalty-server. `make test-e2e` builds both first.
// A second loyalty-server (port + 1) serves the same build with states-program.json, a program
// with one member per state of the badge (the accessibility matrix, the gallery, the keyboard).
import { defineConfig } from "@playwright/test";

const port = process.env.E2E_PORT ?? "8797";
const statesPort = String(Number(port) + 1);
const server = process.env.LOYALTY_SERVER ?? "../../target/debug/loyalty-server";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: "list",
  outputDir: "../../target/e2e/test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    locale: "en-US",
    timezoneId: "UTC",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      // Without these, Chromium's background connections fail against this closed network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: `${server} --port ${port} --static ../../dist`,
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      stdout: "ignore",
      timeout: 30_000,
    },
    {
      command: `${server} --port ${statesPort} --static ../../dist --data states-program.json`,
      url: `http://127.0.0.1:${statesPort}/healthz`,
      reuseExistingServer: false,
      stdout: "ignore",
      timeout: 30_000,
    },
  ],
});
