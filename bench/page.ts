/**
 * Driving one fresh page of the playground for `npm run bench`: open it on a link, press Play,
 * warm up, and measure one window (bench/smoothness.ts) while the busy processes of `--load`
 * spin; with a load, then the worker's unloaded speed on the same page, the load paused.
 */
import type { Browser, Page } from '@playwright/test';
import type { Load } from './load';
import { watchLoad } from './load';
import type { BenchOptions } from './options';
import { POINTS_HASH, uploadPoints } from './points';
import { countSource, failedRun, type RunResult, round } from './report';
import {
  type ClickSource,
  clickLatency,
  framesPerSecondMedian,
  iterationRate,
  measureClick,
  readClock,
  startWindow,
  stopWindow,
  toolbarRate,
} from './smoothness';

/** What every measurement needs: the browser, the options, and the load (started once, lazily). */
export interface BenchContext {
  browser: Browser;
  options: BenchOptions;
  /** The busy processes of --load, started on the first call (after the builds). */
  load(): Load;
}

/** Clicks stop once a window has run this many times its length (a frozen page). */
const CLICKS_OVERRUN = 3;

/** Seconds the worker settles after the load is paused or resumed, before it is read. */
const SETTLE_SECONDS = 1;

/** Opens the app with `hash`, waits for the backend and the first snapshot; returns the page. */
export async function openApp(
  ctx: BenchContext,
  baseUrl: string,
  hash: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await ctx.browser.newPage({ viewport: { width: 1360, height: 900 } });
  // A returning visitor: the first-visit tour would cover the page (key of src/ui/tour.ts).
  await page.addInitScript(() => window.localStorage.setItem('gan-playground:tour-seen', '1'));
  await beforeLoad?.(page);
  await page.goto(`${baseUrl}/#${hash}`);
  if (ctx.options.points > 0) await uploadPoints(page, ctx.options.points);
  // The backend is chosen and Play is enabled (the first snapshot has arrived).
  await page.waitForFunction(
    () => {
      const backend = document
        .querySelector('[data-testid="backend"]')
        ?.getAttribute('data-backend');
      const play = document.querySelector('button.primary') as HTMLButtonElement | null;
      return Boolean(backend) && play !== null && !play.disabled;
    },
    null,
    { timeout: 120_000 },
  );
  return page;
}

/** Clicks Play and resolves when the generated points are first redrawn; returns the delay. */
export async function playUntilFirstUpdate(page: Page): Promise<number> {
  const before = await page.getByTestId('distribution-plot').getAttribute('data-generated-digest');
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(
    (digest) =>
      document
        .querySelector('[data-testid="distribution-plot"]')
        ?.getAttribute('data-generated-digest') !== digest,
    before,
    { timeout: 180_000, polling: 16 },
  );
  return Date.now() - clicked;
}

const wait = (page: Page, seconds: number) => page.waitForTimeout(Math.max(0, seconds * 1000));

/** The worker's iterations/s over `seconds` with the busy processes paused. */
async function unloadedSpeed(page: Page, load: Load, seconds: number): Promise<number> {
  load.pause();
  try {
    await wait(page, SETTLE_SECONDS);
    const before = await readClock(page);
    await wait(page, seconds);
    return iterationRate(before, await readClock(page)).perSecond;
  } finally {
    load.resume();
  }
}

/** Clicks measured over a window, and the first error of those that failed. */
interface Clicks {
  latencies: { ms: number; source: ClickSource }[];
  failed: number;
  firstError: string | null;
}

/**
 * `--clicks` clicks on the toggles in turn (each clicked an even number of times when the
 * count allows, so the page ends as it began), spread evenly over `seconds`. A click that fails
 * (a toggle missing in an older build, a page too busy to answer) is counted, not fatal; so
 * are the clicks left when the window has overrun CLICKS_OVERRUN times its length.
 */
async function clickThrough(page: Page, options: BenchOptions, seconds: number): Promise<Clicks> {
  const started = Date.now();
  const gap = (seconds * 1000) / (options.clicks + 1);
  const clicks: Clicks = { latencies: [], failed: 0, firstError: null };
  for (let i = 0; i < options.clicks; i++) {
    if (Date.now() - started > CLICKS_OVERRUN * seconds * 1000) {
      // A page this slow has shown what a click costs; the rest would only stretch the run.
      clicks.failed += options.clicks - i;
      clicks.firstError ??= `skipped once the window ran past ${CLICKS_OVERRUN} × ${seconds} s`;
      break;
    }
    await page.waitForTimeout(Math.max(0, started + (i + 1) * gap - Date.now()));
    const toggle = options.toggles[i % options.toggles.length] ?? '';
    try {
      const latency = clickLatency(await measureClick(page, toggle));
      if (latency === null) throw new Error(`the page did not see the click on "${toggle}"`);
      clicks.latencies.push(latency);
    } catch (error) {
      clicks.failed += 1;
      clicks.firstError ??=
        error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    }
  }
  return clicks;
}

/** One run: a fresh page on `hash`, Play, a warm-up, a window, then (with a load) the unloaded speed. */
export async function measureRun(
  ctx: BenchContext,
  baseUrl: string,
  hash: string,
): Promise<RunResult> {
  const { options } = ctx;
  const load = ctx.load();
  const page = await openApp(ctx, baseUrl, hash);
  try {
    const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const firstUpdateMs = await playUntilFirstUpdate(page);
    // Warm-up: shader compilation, JIT, and the loop's turn-length adaptation.
    await wait(page, options.warmupSeconds);
    const watcher = watchLoad();
    await startWindow(page);
    const before = await readClock(page);
    const started = Date.now();
    const clicks = await clickThrough(page, options, options.seconds);
    await page.waitForTimeout(Math.max(0, started + options.seconds * 1000 - Date.now()));
    const after = await readClock(page);
    const window = await stopWindow(page);
    const seen = watcher.stop();
    // After the window, on the same warm page: a warm-up still settling would lower it.
    const unloaded =
      load.count > 0
        ? await unloadedSpeed(page, load, Math.max(3, options.seconds / 2))
        : Number.NaN;
    const rate = iterationRate(before, after);
    return {
      backend,
      iterationsPerSecond: round(rate.perSecond, 1),
      iterationsSource: rate.source,
      toolbarIterationsPerSecond: round(toolbarRate(before, after), 1),
      unloadedIterationsPerSecond: round(unloaded, 1),
      framesPerSecondMedian: framesPerSecondMedian(window),
      framesPerSecond: round((window.frames.length * 1000) / (window.end - window.start), 1),
      longestTaskMs: Math.round(window.longest),
      tasksOver100Ms: window.over100,
      clicksMs: clicks.latencies.map((c) => Math.round(c.ms)),
      clicksByEventTiming: countSource(clicks.latencies.map((c) => c.source)),
      firstUpdateMs,
      load: seen,
      ...(clicks.firstError === null
        ? {}
        : {
            error: `${clicks.failed} of ${options.clicks} clicks not measured: ${clicks.firstError}`,
          }),
    };
  } catch (error) {
    return failedRun(error);
  } finally {
    await page.close();
  }
}

export interface ModesResult {
  backend: string;
  /** Seconds from Play until the metrics first show every mode covered; null on timeout. */
  seconds: number | null;
  /** The iteration those metrics describe (or the last one seen, on timeout). */
  iterations: number;
}

/** Trains the default ring-of-8 preset until the metrics show all 8 modes covered. */
export async function measureModes(
  ctx: BenchContext,
  baseUrl: string,
  hash: string,
): Promise<ModesResult> {
  const timeoutMs = ctx.options.modesTimeout * 1000;
  ctx.load();
  const page = await openApp(ctx, baseUrl, hash);
  try {
    const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Play' }).click();
    let iterations = 0;
    while (Date.now() - clicked < timeoutMs) {
      const state = await page.getByTestId('metrics').evaluate((el) => ({
        covered: el.getAttribute('data-modes-covered'),
        count: el.getAttribute('data-mode-count'),
        iteration: Number(el.getAttribute('data-iteration') || 0),
      }));
      iterations = state.iteration;
      if (state.count && state.covered === state.count && state.iteration > 0) {
        return { backend, seconds: round((Date.now() - clicked) / 1000, 1), iterations };
      }
      await page.waitForTimeout(100);
    }
    return { backend, seconds: null, iterations };
  } finally {
    await page.close();
  }
}

/** The link of a run: its parts, then the uploaded points' data set and --hash. */
export function hashFor(options: BenchOptions, ...parts: string[]): string {
  return [...parts, options.points > 0 ? POINTS_HASH : '', options.hash].filter(Boolean).join('&');
}
