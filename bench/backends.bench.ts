import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Training iterations per second in the worker, per backend, at one config, in headless
 * Chromium against the production build. Environment: BENCH_SECONDS (measured time per backend,
 * default 20), BENCH_HASH (extra config, e.g. "g=10&d=10&batch=150"), BENCH_BACKENDS.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const extraHash = process.env.BENCH_HASH ?? '';
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgl,cpu,webgpu').split(',');

interface Result {
  requested: string;
  backend: string;
  iterationsPerSecond: number;
}

test('iterations per second on each backend', async ({ browser }) => {
  const results: Result[] = [];
  for (const requested of backends) {
    const page = await browser.newPage();
    const hash = [`backend=${requested}`, extraHash].filter(Boolean).join('&');
    await page.goto(`/#${hash}`);
    const backendLabel = page.getByTestId('backend');
    await expect(backendLabel).not.toHaveAttribute('data-backend', '', { timeout: 60_000 });
    const backend = (await backendLabel.getAttribute('data-backend')) ?? '?';
    const iteration = async (): Promise<number> =>
      Number(((await page.getByTestId('iteration').textContent()) ?? '0').replace(/,/g, ''));
    await page.getByRole('button', { name: 'Play' }).click({ timeout: 60_000 });
    // Warm-up: shader compilation, JIT, and the loop's turn-length adaptation.
    await page.waitForTimeout(Math.min(5000, seconds * 250));
    const startIteration = await iteration();
    const started = Date.now();
    await page.waitForTimeout(seconds * 1000);
    const rate = (await iteration()) - startIteration;
    const iterationsPerSecond = Number((rate / ((Date.now() - started) / 1000)).toFixed(1));
    results.push({ requested, backend, iterationsPerSecond });
    console.log(
      `${requested.padEnd(7)} ran on ${backend.padEnd(7)} ${iterationsPerSecond} iterations/s`,
    );
    await page.close();
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/backends.json',
    JSON.stringify({ hash: extraHash, seconds, results }, null, 2),
  );
  console.log(`\nconfig: ${extraHash || 'defaults'}; ${seconds} s per backend after warm-up`);
  console.log('| backend | iterations/s |\n| --- | --- |');
  for (const r of results) console.log(`| ${r.backend} | ${r.iterationsPerSecond} |`);
  expect(results.length).toBe(backends.length);
});
