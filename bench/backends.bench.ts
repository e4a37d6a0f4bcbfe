import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

/**
 * Training speed and page smoothness, per backend and model size, in headless Chromium against
 * the production build. For each pair it reports the worker's iterations/s after a warm-up, the
 * page's frames/s and its longest main-thread task while training (all views on), and the time
 * from "Play" to the first drawn update. Environment: BENCH_SECONDS (measured seconds per pair,
 * default 20), BENCH_BACKENDS (default wasm,webgl,cpu,webgpu), BENCH_SIZES (default,small,wide),
 * BENCH_HASH (extra config appended to every run).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const extraHash = process.env.BENCH_HASH ?? '';
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgl,cpu,webgpu').split(',');

/** Model sizes of issue #4: the default, a GAN-Lab-sized net, and a wide one. */
const SIZES: Record<string, string> = {
  default: '',
  small: 'g=10&d=10&batch=150',
  wide: 'g=256,256&d=256,256&batch=1024',
};
const sizes = (process.env.BENCH_SIZES ?? 'default').split(',');

interface Result {
  size: string;
  requested: string;
  backend: string;
  iterationsPerSecond: number;
  framesPerSecond: number;
  longestTaskMs: number;
  firstUpdateMs: number;
}

async function iteration(page: Page): Promise<number> {
  return Number(((await page.getByTestId('iteration').textContent()) ?? '0').replace(/,/g, ''));
}

/** Counts animation frames and records long main-thread tasks from now on. */
async function startPageProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { frames: 0, longest: 0, running: true };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    const tick = (): void => {
      probe.frames += 1;
      if (probe.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        probe.longest = Math.max(probe.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function stopPageProbe(page: Page): Promise<{ frames: number; longest: number }> {
  return page.evaluate(() => {
    const probe = (
      window as unknown as { __probe: { frames: number; longest: number; running: boolean } }
    ).__probe;
    probe.running = false;
    return { frames: probe.frames, longest: probe.longest };
  });
}

test('training speed and page smoothness per backend and model size', async ({ browser }) => {
  const results: Result[] = [];
  for (const size of sizes) {
    for (const requested of backends) {
      const page = await browser.newPage();
      const hash = [`backend=${requested}`, SIZES[size] ?? '', extraHash].filter(Boolean).join('&');
      await page.goto(`/#${hash}`);
      const backendLabel = page.getByTestId('backend');
      await expect(backendLabel).not.toHaveAttribute('data-backend', '', { timeout: 60_000 });
      const backend = (await backendLabel.getAttribute('data-backend')) ?? '?';
      const play = page.getByRole('button', { name: 'Play' });
      await expect(play).toBeEnabled({ timeout: 60_000 });
      const digest = page.getByTestId('distribution-plot');
      const before = await digest.getAttribute('data-generated-digest');
      const clicked = Date.now();
      await play.click();
      await expect(digest).not.toHaveAttribute('data-generated-digest', before ?? '', {
        timeout: 120_000,
      });
      const firstUpdateMs = Date.now() - clicked;
      // Warm-up: shader compilation, JIT, and the loop's turn-length adaptation.
      await page.waitForTimeout(Math.min(5000, seconds * 250));
      await startPageProbe(page);
      const startIteration = await iteration(page);
      const started = Date.now();
      await page.waitForTimeout(seconds * 1000);
      const elapsed = (Date.now() - started) / 1000;
      const iterations = (await iteration(page)) - startIteration;
      const probe = await stopPageProbe(page);
      const result: Result = {
        size,
        requested,
        backend,
        iterationsPerSecond: Number((iterations / elapsed).toFixed(1)),
        framesPerSecond: Number((probe.frames / elapsed).toFixed(1)),
        longestTaskMs: Math.round(probe.longest),
        firstUpdateMs,
      };
      results.push(result);
      console.log(JSON.stringify(result));
      await page.close();
    }
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/backends.json',
    JSON.stringify({ hash: extraHash, seconds, results }, null, 2),
  );
  console.log(`\n${seconds} s per run after warm-up; extra config: ${extraHash || 'none'}`);
  console.log(
    '| size | backend | iterations/s | frames/s | longest task (ms) | play → first update (ms) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.size} | ${r.backend} | ${r.iterationsPerSecond} | ${r.framesPerSecond} | ${r.longestTaskMs} | ${r.firstUpdateMs} |`,
    );
  }
  expect(results.length).toBe(sizes.length * backends.length);
});
