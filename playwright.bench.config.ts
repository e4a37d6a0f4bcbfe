import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run bench`: the same browser, flags and production server as the e2e suite, but running
 * the measurements in bench/ (never part of `npm test`: timings are not assertions).
 */
export default defineConfig({
  ...base,
  testDir: 'bench',
  testMatch: '*.bench.ts',
  timeout: 30 * 60_000,
  retries: 0,
  reporter: [['list']],
  use: { ...base.use, trace: 'off' },
});
