import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium';

/**
 * End-to-end tests run against the production build (`vite preview`), in Chromium (Debian's when
 * present: see scripts/chromium.ts).
 */
// E2E_PORT and E2E_DIST let two checkouts (or two people) run the suite side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_DIST === undefined ? 'test-results' : `test-results-${dist}`,
  fullyParallel: false,
  // Every page trains a GAN; on a 2-core machine parallel pages only slow each other down.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.E2E_DIST === undefined
            ? 'reports/playwright.json'
            : `reports/playwright-${dist}.json`,
      },
    ],
  ],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  // `vite preview` sends the production Content-Security-Policy as a header (vite.config.ts), so
  // the suite runs under it; the fixture fails a test on any violation.
  webServer: {
    command: `npx vite preview --outDir ${dist} --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
