/**
 * `npm run bench -- --soak 1800`: the default model trained with every view on for that long,
 * sampled every few seconds (live tensors, both JS heaps after a forced GC, frames/s); the first
 * window after the warm-up against the last, a verdict for each (exit status 2 when one fails).
 */
import { writeFileSync } from 'node:fs';
import { machine, save } from './output';
import { type BenchContext, hashFor, openApp, playUntilFirstUpdate } from './page';
import {
  ALL_VIEWS_HASH,
  attachHeapProbe,
  type HeapProbe,
  median,
  SoakRecorder,
  type SoakSample,
  samplesBetween,
  stopFrameProbe,
} from './probes';
import { round, show } from './report';

/** A quantity the soak judges: its first- and last-window medians and whether growth is noise. */
interface Verdict {
  quantity: string;
  first: number;
  last: number;
  growth: number;
  threshold: string;
  pass: boolean;
}

/** Heaps may grow by this fraction of the first window's median, or by HEAP_SLACK_MB if more. */
const HEAP_SLACK_FRACTION = 0.1;
const HEAP_SLACK_MB = 5;
/** The last window's frames/s must keep this fraction of the first's. */
const FRAMES_KEPT = 0.8;

function heapVerdict(quantity: string, first: number, last: number): Verdict {
  const slack = Math.max(HEAP_SLACK_FRACTION * first, HEAP_SLACK_MB);
  return {
    quantity,
    first: round(first, 1),
    last: round(last, 1),
    growth: round(last - first, 1),
    threshold: `last ≤ first + max(${HEAP_SLACK_FRACTION * 100} %, ${HEAP_SLACK_MB} MB) = ${round(first + slack, 1)}`,
    // NaN (no reading) fails: a soak that cannot read a heap has not shown it flat.
    pass: last <= first + slack,
  };
}

/**
 * Trains the default model with every view on for `totalSeconds`, sampling every few seconds the
 * worker's live tensors, both JS heaps (after a forced GC) and the page's frames/s; compares the
 * first window after the warm-up with the last one and exits non-zero when a verdict fails.
 */
export async function soak(
  ctx: BenchContext,
  baseUrl: string,
  totalSeconds: number,
): Promise<void> {
  const { options } = ctx;
  const interval = options.interval ?? Math.min(10, Math.max(2, totalSeconds / 30));
  const window = options.window ?? Math.min(60, Math.max(3 * interval, totalSeconds / 4));
  const warmup = options.warmup ?? Math.min(60, Math.max(interval, totalSeconds / 6));
  if (!(warmup >= 0) || warmup + 2 * window > totalSeconds) {
    throw new Error(
      `--soak ${totalSeconds} is too short for a warm-up of ${warmup} s and two windows of ${window} s`,
    );
  }
  ctx.load();
  // Attached before the app loads: the training worker starts with it.
  const attached: { heaps?: HeapProbe } = {};
  const page = await openApp(ctx, baseUrl, hashFor(options, ALL_VIEWS_HASH), async (p) => {
    attached.heaps = await attachHeapProbe(p);
  });
  const heaps = attached.heaps;
  if (heaps === undefined) throw new Error('no DevTools session on the page');
  const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
  await playUntilFirstUpdate(page);
  const recorder = new SoakRecorder(page, heaps);
  await recorder.start();
  console.log(
    `Soak: ${totalSeconds} s, a sample every ${interval} s; warm-up ${warmup} s; windows of ${window} s.`,
  );
  for (let k = 0; ; k++) {
    // On a fixed schedule: a slow sample (a long GC) does not shift the ones after it.
    const wait = k * interval - recorder.elapsed();
    if (wait > 0) await page.waitForTimeout(wait * 1000);
    const sample = await recorder.sample();
    console.log(JSON.stringify(sample));
    if (sample.seconds >= totalSeconds) break;
  }
  const probe = await stopFrameProbe(page);
  const elapsed = recorder.elapsed();
  await page.close();

  const samples = recorder.samples;
  const last = samples.at(-1)?.seconds ?? 0;
  const settled = samples.filter((s) => s.seconds > warmup);
  const firstWindow = samplesBetween(samples, warmup, warmup + window);
  const lastWindow = samplesBetween(samples, last - window, last);
  const medians = (pick: (s: SoakSample) => number | null) =>
    [median(firstWindow.map(pick)), median(lastWindow.map(pick))] as const;

  const verdicts: Verdict[] = [];
  const tensors = settled.map((s) => s.tensors);
  const [tensorsFirst, tensorsLast] = medians((s) => s.tensors);
  const tensorsFlat =
    tensors.length > 0 && tensors.every((t) => Number.isFinite(t) && t === tensors[0]);
  verdicts.push({
    quantity: 'live tensors (worker)',
    first: tensorsFirst,
    last: tensorsLast,
    growth: tensorsLast - tensorsFirst,
    threshold: `every sample after the warm-up equal (seen ${Math.min(...tensors)}–${Math.max(...tensors)})`,
    pass: tensorsFlat,
  });
  verdicts.push(heapVerdict('worker JS heap (MB)', ...medians((s) => s.workerHeapMB)));
  verdicts.push(heapVerdict('page JS heap (MB)', ...medians((s) => s.pageHeapMB)));
  const [pageBuffersFirst, pageBuffersLast] = medians((s) => s.pageBuffersMB);
  if (Number.isFinite(pageBuffersFirst)) {
    verdicts.push(heapVerdict('page ArrayBuffers (MB)', pageBuffersFirst, pageBuffersLast));
  }
  const [framesFirst, framesLast] = medians((s) => s.framesPerSecond);
  verdicts.push({
    quantity: 'page frames/s',
    first: round(framesFirst, 1),
    last: round(framesLast, 1),
    growth: round(framesLast - framesFirst, 1),
    threshold: `last ≥ ${FRAMES_KEPT * 100} % of first = ${round(FRAMES_KEPT * framesFirst, 1)}`,
    pass: framesLast >= FRAMES_KEPT * framesFirst,
  });
  const viewGaps = settled.filter((s) => s.missingViews.length > 0);
  verdicts.push({
    quantity: 'samples with a view off',
    first: firstWindow.filter((s) => s.missingViews.length > 0).length,
    last: lastWindow.filter((s) => s.missingViews.length > 0).length,
    growth:
      lastWindow.filter((s) => s.missingViews.length > 0).length -
      firstWindow.filter((s) => s.missingViews.length > 0).length,
    threshold: `none after the warm-up (${settled.length} samples)${viewGaps[0] ? `; first: ${viewGaps[0].missingViews.join(', ')}` : ''}`,
    pass: viewGaps.length === 0,
  });
  // Reported, not judged: the timeline deliberately fills its frame budget (48 MB) and the WASM
  // memory only ever grows to its high-water mark.
  const [workerBuffersFirst, workerBuffersLast] = medians((s) => s.workerBuffersMB);

  const iterations = samples.at(-1)?.iteration ?? 0;
  const summary = {
    backend,
    seconds: Math.round(elapsed),
    interval,
    warmup,
    window,
    iterations,
    iterationsPerSecond: round(iterations / elapsed, 1),
    framesPerSecond: round(probe.frames / elapsed, 1),
    longestTaskMs: Math.round(probe.longest),
    workerBuffersMB: { first: workerBuffersFirst, last: workerBuffersLast },
    verdicts,
    pass: verdicts.every((v) => v.pass),
  };
  const range = (from: number, to: number) => `${Math.round(from)}–${Math.round(to)} s`;
  const lines = [
    `Soak: ${summary.seconds} s on ${backend}, default model, every view on (#${ALL_VIEWS_HASH}); ${machine(options)}.`,
    `${iterations} iterations (${summary.iterationsPerSecond}/s); ${summary.framesPerSecond} frames/s overall; longest main-thread task ${summary.longestTaskMs} ms.`,
    `Medians of the samples (every ${interval} s) in the first window after a ${warmup} s warm-up (${range(warmup, warmup + window)}) and the last (${range(last - window, last)}); heaps read after a forced GC.`,
    '',
    '| quantity | first window | last window | growth | no growth beyond noise when | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    ...verdicts.map(
      (v) =>
        `| ${v.quantity} | ${show(v.first)} | ${show(v.last)} | ${show(v.growth)} | ${v.threshold} | ${v.pass ? 'pass' : '**FAIL**'} |`,
    ),
    `| worker ArrayBuffers (MB; WASM memory, timeline frames) | ${show(workerBuffersFirst)} | ${show(workerBuffersLast)} | ${show(round(workerBuffersLast - workerBuffersFirst, 1))} | not judged: the timeline fills a 48 MB budget by design | — |`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  for (const v of verdicts) {
    console.log(
      `${v.pass ? 'PASS' : 'FAIL'} ${v.quantity}: ${show(v.first)} → ${show(v.last)} (${v.threshold})`,
    );
  }
  const file = save(options, 'soak', {
    machine: machine(options),
    hash: ALL_VIEWS_HASH,
    summary,
    samples,
  });
  const markdown = file.replace(/\.json$/, '.md');
  writeFileSync(markdown, `${lines.join('\n')}\n`);
  console.log(`JSON: ${file}\nMarkdown: ${markdown}`);
  if (!summary.pass) process.exitCode = 2;
}
