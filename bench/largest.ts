/**
 * `npm run bench -- --largest`: the largest model the schema allows (8×512 layers in both
 * networks, batch 2048, z = 16, k = 10) on each backend, in headless Chromium: whether it trains
 * or is refused up front (with the page's reason), and its seconds per iteration, measured from
 * the iteration counter (the time between the first and the second completed iteration; the
 * first alone, when the limit comes before the second). Also whether the worker was restarted.
 */
import type { Browser, Page } from '@playwright/test';

export const LARGEST_HASH =
  'g=512,512,512,512,512,512,512,512&d=512,512,512,512,512,512,512,512&batch=2048&z=16&k=10';

export interface LargestResult {
  requested: string;
  /** The backend the page reports. */
  backend: string;
  outcome: 'trains' | 'refused' | 'restarted' | 'no iteration' | 'failed';
  /** Seconds per iteration (measured), or null. */
  secondsPerIteration: number | null;
  /** The page's words: the refusal, the notice, the progress shown. */
  said: string;
  /** Seconds from opening the page to Play being enabled (the build and its first snapshot). */
  startSeconds: number;
}

async function text(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId);
  return (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : '';
}

async function iterationOf(page: Page): Promise<number> {
  return Number(((await text(page, 'iteration')) || '0').replace(/[^\d]/g, '') || Number.NaN);
}

/** One backend: open, Play, then watch for `limitSeconds` at most. */
export async function measureLargest(
  browser: Browser,
  baseUrl: string,
  requested: string,
  limitSeconds: number,
): Promise<LargestResult> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const opened = Date.now();
  const result = (outcome: LargestResult['outcome'], said: string, spi: number | null) => ({
    requested,
    backend: '',
    outcome,
    secondsPerIteration: spi,
    said,
    startSeconds: 0,
  });
  try {
    await page.addInitScript(() => window.localStorage.setItem('gan-playground:tour-seen', '1'));
    await page.goto(`${baseUrl}/#backend=${requested}&${LARGEST_HASH}`);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    // Enabled once the worker has built the model and sent its first snapshot.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('button')).some(
          (b) => b.textContent?.trim() === 'Play' && !b.disabled,
        ),
      undefined,
      { timeout: limitSeconds * 1000, polling: 500 },
    );
    const startSeconds = (Date.now() - opened) / 1000;
    const backend =
      (await page.getByTestId('backend').first().getAttribute('data-backend')) ?? requested;
    await play.click();
    const started = Date.now();
    const times: number[] = [];
    let progress = '';
    while ((Date.now() - started) / 1000 < limitSeconds) {
      const error = await text(page, 'error');
      if (error !== '') {
        const refused = /too large to train here/.test(error);
        return { ...result(refused ? 'refused' : 'failed', error, null), backend, startSeconds };
      }
      const notice = await text(page, 'notice');
      if (/stopped|restarted/.test(notice)) {
        const shown = progress === '' ? '' : ` (last progress shown: ${progress})`;
        return { ...result('restarted', `${notice}${shown}`, null), backend, startSeconds };
      }
      progress = (await text(page, 'busy-progress')) || progress;
      const iteration = await iterationOf(page);
      while (times.length < iteration && times.length < 2) times.push(Date.now());
      if (times.length >= 2) break;
      await page.waitForTimeout(500);
    }
    const [first, second] = times;
    const spi =
      first === undefined
        ? null
        : second === undefined
          ? (first - started) / 1000
          : (second - first) / 1000;
    const outcome = first === undefined ? 'no iteration' : 'trains';
    return { ...result(outcome, progress, spi), backend, startSeconds };
  } catch (error) {
    return result(
      'failed',
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : '',
      null,
    );
  } finally {
    await page.close();
  }
}

/** Every requested backend in turn; prints a Markdown table; returns the rows. */
export async function largest(
  browser: Browser,
  baseUrl: string,
  backends: readonly string[],
  limitSeconds: number,
): Promise<LargestResult[]> {
  const rows: LargestResult[] = [];
  for (const requested of backends) {
    const row = await measureLargest(browser, baseUrl, requested, limitSeconds);
    rows.push(row);
    console.error(`${requested}: ${row.outcome} ${row.secondsPerIteration ?? ''} ${row.said}`);
  }
  console.log(`\nLargest legal model (#${LARGEST_HASH}), limit ${limitSeconds} s per backend\n`);
  console.log('| requested | runs on | outcome | s / iteration | start (s) | the page says |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const spi = r.secondsPerIteration === null ? '–' : r.secondsPerIteration.toFixed(1);
    console.log(
      `| ${r.requested} | ${r.backend} | ${r.outcome} | ${spi} | ${r.startSeconds.toFixed(0)} | ${r.said.replace(/\|/g, '/')} |`,
    );
  }
  return rows;
}
