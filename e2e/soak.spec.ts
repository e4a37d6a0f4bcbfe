import {
  ALL_VIEWS_HASH,
  attachHeapProbe,
  median,
  SoakRecorder,
  type SoakSample,
  samplesBetween,
} from '../bench/probes';
import { expect, test } from './fixtures';

/**
 * The short version of the 30-minute soak (`npm run bench -- --soak 1800`, docs/performance.md):
 * the same probes, a few minutes, and bounds only a broken build would cross, because CI
 * machines are slow and shared: frame rates and heaps there swing far more than any leak would
 * move them in the bench's tight verdicts.
 */
const TRAIN_SECONDS = 110;
const INTERVAL_SECONDS = 10;
/** Tensors and heaps settle (the timeline fills, code warms up) before the first window. */
const WARMUP_SECONDS = 30;
const WINDOW_SECONDS = 40;
/**
 * A heap's last-window median may be this much above its first: ×1.5 + 10 MB, where a
 * healthy build moves by well under 2 MB (bench figures) and a leak of every snapshot's
 * arrays or of the history would add tens of MB in these minutes.
 */
const HEAP_FACTOR = 1.5;
const HEAP_SLACK_MB = 10;
/** Frames/s that every interval must reach: a frozen main thread draws none. */
const MIN_FRAMES_PER_SECOND = 1;

test.describe('Long runs', () => {
  test('minutes of training with every view on: tensors flat, heaps bounded, frames keep coming, clicks handled', async ({
    playground,
  }) => {
    test.setTimeout((TRAIN_SECONDS + 150) * 1000);
    const { page } = playground;
    // Before the app loads: the training worker starts with it.
    const heaps = await attachHeapProbe(page);
    await playground.open(ALL_VIEWS_HASH);
    await playground.playButton.click();
    await playground.waitForIteration(1, 60_000);

    const recorder = new SoakRecorder(page, heaps);
    await recorder.start();
    for (let k = 0; ; k++) {
      const wait = k * INTERVAL_SECONDS - recorder.elapsed();
      if (wait > 0) await page.waitForTimeout(wait * 1000);
      const sample = await recorder.sample();
      if (sample.seconds >= TRAIN_SECONDS) break;
    }
    const samples = recorder.samples;
    const settled = samples.filter((s) => s.seconds > WARMUP_SECONDS);
    const end = samples.at(-1)?.seconds ?? 0;
    const first = samplesBetween(samples, WARMUP_SECONDS, WARMUP_SECONDS + WINDOW_SECONDS);
    const last = samplesBetween(samples, end - WINDOW_SECONDS, end);
    const report = JSON.stringify(samples);
    expect(first.length, report).toBeGreaterThanOrEqual(2);
    expect(last.length, report).toBeGreaterThanOrEqual(2);

    // Every view stayed on and drawing (layers with their data, noise, kernel, curves, metrics,
    // the timeline keeping frames), and training went on.
    expect(
      settled.flatMap((s) => s.missingViews.map((view) => `${s.seconds} s: ${view}`)),
      report,
    ).toEqual([]);
    expect(last.at(-1)!.iteration, report).toBeGreaterThan(first[0]!.iteration);

    // Live tensors: exactly flat once warmed up (a leak adds some every iteration).
    const tensors = settled.map((s) => s.tensors);
    expect(tensors[0], report).toBeGreaterThan(0);
    expect(new Set(tensors), report).toEqual(new Set([tensors[0]]));

    // Heaps, read after a forced GC: read at all, and not growing past the generous bound.
    const bounded = (label: string, pick: (s: SoakSample) => number | null, required: boolean) => {
      const before = median(first.map(pick));
      const after = median(last.map(pick));
      if (!required && !Number.isFinite(before)) return;
      expect(before, `${label}: ${report}`).toBeGreaterThan(0);
      expect(after, `${label}: ${report}`).toBeLessThanOrEqual(
        before * HEAP_FACTOR + HEAP_SLACK_MB,
      );
    };
    bounded('worker JS heap', (s) => s.workerHeapMB, true);
    bounded('page JS heap', (s) => s.pageHeapMB, true);
    // Typed arrays live outside the JS heap: snapshots' samples and fields would leak here.
    // (Not the worker's: its timeline fills a 48 MB budget by design.)
    bounded('page ArrayBuffers', (s) => s.pageBuffersMB, false);

    // Frames kept coming in every interval.
    const rates = samples.flatMap((s) => (s.framesPerSecond === null ? [] : [s.framesPerSecond]));
    expect(rates.length, report).toBeGreaterThan(0);
    expect(Math.min(...rates), report).toBeGreaterThanOrEqual(MIN_FRAMES_PER_SECOND);

    // Still responsive after minutes of training: a layer toggle and Pause are handled.
    const manifold = page.getByRole('checkbox', { name: 'G manifold' });
    await manifold.click();
    await expect(playground.distribution).toHaveAttribute('data-layers', 'discriminator push');
    await manifold.click();
    await expect(playground.distribution).toHaveAttribute(
      'data-layers',
      'discriminator manifold push',
    );
    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();
  });
});
