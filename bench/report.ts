/**
 * The figures of one measured run of `npm run bench`, their medians, the issue's targets, and
 * the Markdown tables they print as. Pure: unit-tested in tests/bench/report.test.ts.
 */
import { combineLoad, describeLoad, type LoadSeen } from './load';
import { median } from './probes';
import type { ClickSource } from './smoothness';

/** What one run measures: one fresh page, training, over a window of --seconds. */
export interface RunResult {
  /** The backend the app reports it runs on. */
  backend: string;
  /** The worker's iterations/s over the window, on its own clock (or the toolbar's: see source). */
  iterationsPerSecond: number;
  iterationsSource: 'worker' | 'toolbar';
  /** The same window read from the toolbar on the benchmark's clock (lags when snapshots queue). */
  toolbarIterationsPerSecond: number;
  /** The worker's iterations/s with the busy processes paused (NaN without --load). */
  unloadedIterationsPerSecond: number;
  /** The median over the window's whole seconds of the frames drawn in each. */
  framesPerSecondMedian: number;
  /** Frames over the whole window / its length. */
  framesPerSecond: number;
  longestTaskMs: number;
  /** Main-thread tasks over 100 ms in the window. */
  tasksOver100Ms: number;
  /** Each measured click's input-to-next-paint latency (ms). */
  clicksMs: number[];
  /** How many of those came from Event Timing (the rest from rAF after the click). */
  clicksByEventTiming: number;
  firstUpdateMs: number;
  /** The machine's load during the window (busy processes and everyone else's). */
  load: LoadSeen | null;
  error?: string;
}

/** The issue's targets, on a 2-core machine with one busy process, in both canvas modes. */
export const TARGETS = {
  framesPerSecondMedian: { text: '≥ 50', pass: (v: number) => v >= 50 },
  longestTaskMs: { text: '≤ 100', pass: (v: number) => v <= 100 },
  clickMs: { text: '≤ 100', pass: (v: number) => v <= 100 },
  keptPercent: { text: '≥ 80 %', pass: (v: number) => v >= 80 },
} as const;

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A figure for a table: "—" when not measured. */
export function show(value: number, digits = 1): string {
  return Number.isFinite(value) ? String(round(value, digits)) : '—';
}

/** A figure with ✓ or ✗ against a target ("—" alone when not measured). */
export function judged(value: number, target: keyof typeof TARGETS, digits = 1, unit = ''): string {
  if (!Number.isFinite(value)) return '—';
  return `${show(value, digits)}${unit} ${TARGETS[target].pass(value) ? '✓' : '✗'}`;
}

/** The worker's loaded iterations/s as a percentage of its unloaded ones (NaN without both). */
export function keptPercent(r: RunResult): number {
  return (100 * r.iterationsPerSecond) / r.unloadedIterationsPerSecond;
}

export const clickMedian = (r: RunResult): number => median(r.clicksMs);
export const clickMax = (r: RunResult): number =>
  r.clicksMs.length === 0 ? Number.NaN : Math.max(...r.clicksMs);

/** How the clicks were timed, e.g. "Event Timing 6/8, rAF 2/8". */
export function clickMethod(results: readonly RunResult[]): string {
  const all = results.reduce((n, r) => n + r.clicksMs.length, 0);
  if (all === 0) return 'no clicks measured';
  const byEvent = results.reduce((n, r) => n + r.clicksByEventTiming, 0);
  const parts = [
    byEvent > 0 ? `Event Timing ${byEvent}/${all}` : '',
    byEvent < all ? `rAF after the click ${all - byEvent}/${all}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

export function countSource(sources: readonly ClickSource[]): number {
  return sources.filter((s) => s === 'event-timing').length;
}

/** The run of the medians: each figure the median over the runs; clicks pooled. */
export function medianRun(results: readonly RunResult[]): RunResult {
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  const of = (pick: (r: RunResult) => number) => median(results.map(pick));
  const loads = results.flatMap((r) => (r.load ? [r.load] : []));
  return {
    backend: results.find((r) => r.backend !== '?')?.backend ?? '?',
    iterationsPerSecond: of((r) => r.iterationsPerSecond),
    iterationsSource: results.every((r) => r.iterationsSource === 'worker') ? 'worker' : 'toolbar',
    toolbarIterationsPerSecond: of((r) => r.toolbarIterationsPerSecond),
    unloadedIterationsPerSecond: of((r) => r.unloadedIterationsPerSecond),
    framesPerSecondMedian: of((r) => r.framesPerSecondMedian),
    framesPerSecond: of((r) => r.framesPerSecond),
    longestTaskMs: of((r) => r.longestTaskMs),
    tasksOver100Ms: of((r) => r.tasksOver100Ms),
    clicksMs: results.flatMap((r) => r.clicksMs),
    clicksByEventTiming: results.reduce((n, r) => n + r.clicksByEventTiming, 0),
    firstUpdateMs: of((r) => r.firstUpdateMs),
    load: loads.length > 0 ? combineLoad(loads) : null,
    ...(errors.length > 0 ? { error: errors[0] } : {}),
  };
}

/** A failed run: every figure unmeasured, with the first line of the error. */
export function failedRun(error: unknown): RunResult {
  return {
    backend: '?',
    iterationsPerSecond: Number.NaN,
    iterationsSource: 'worker',
    toolbarIterationsPerSecond: Number.NaN,
    unloadedIterationsPerSecond: Number.NaN,
    framesPerSecondMedian: Number.NaN,
    framesPerSecond: Number.NaN,
    longestTaskMs: Number.NaN,
    tasksOver100Ms: Number.NaN,
    clicksMs: [],
    clicksByEventTiming: 0,
    firstUpdateMs: Number.NaN,
    load: null,
    error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
  };
}

/** The targets as one line, to print above the tables. */
export function targetsLine(): string {
  return (
    `Targets (issue #15, one busy process, both canvas modes): frames/s median ${TARGETS.framesPerSecondMedian.text}, ` +
    `longest task ${TARGETS.longestTaskMs.text} ms, click-to-paint ${TARGETS.clickMs.text} ms, ` +
    `worker iterations/s ${TARGETS.keptPercent.text} of unloaded; ✓ met, ✗ missed.`
  );
}

function loadCell(r: RunResult): string {
  return r.load === null ? '—' : describeLoad(r.load);
}

/** The matrix's table: one row per size × backend (the median of its runs). */
export function runTable(rows: readonly { label: string; run: RunResult }[]): string[] {
  const lines = [
    '| run | backend | worker it/s | toolbar it/s | unloaded it/s | kept | frames/s median | longest task (ms) | tasks > 100 ms | click-to-paint median / max (ms) | play → first update (ms) | load seen |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { label, run: r } of rows) {
    const source = r.iterationsSource === 'worker' ? '' : ' (toolbar)';
    lines.push(
      `| ${label} | ${r.backend} | ${show(r.iterationsPerSecond)}${source} | ${show(r.toolbarIterationsPerSecond)} | ${show(r.unloadedIterationsPerSecond)} | ${judged(keptPercent(r), 'keptPercent', 0, ' %')} | ${judged(r.framesPerSecondMedian, 'framesPerSecondMedian')} | ${judged(r.longestTaskMs, 'longestTaskMs', 0)} | ${show(r.tasksOver100Ms, 0)} | ${judged(clickMedian(r), 'clickMs', 0)} / ${judged(clickMax(r), 'clickMs', 0)} | ${show(r.firstUpdateMs, 0)} | ${loadCell(r)} |${r.error ? ` ${r.error}` : ''}`,
    );
  }
  return lines;
}

/** A figure `--compare` tabulates round by round. */
export interface CompareMetric {
  title: string;
  pick: (r: RunResult) => number;
  target?: keyof typeof TARGETS;
  digits: number;
  unit?: string;
}

export const COMPARE_METRICS: readonly CompareMetric[] = [
  {
    title: 'frames/s, median over the whole seconds of the window',
    pick: (r) => r.framesPerSecondMedian,
    target: 'framesPerSecondMedian',
    digits: 1,
  },
  {
    title: 'longest main-thread task (ms)',
    pick: (r) => r.longestTaskMs,
    target: 'longestTaskMs',
    digits: 0,
  },
  { title: 'click-to-paint, median (ms)', pick: clickMedian, target: 'clickMs', digits: 0 },
  { title: 'click-to-paint, max (ms)', pick: clickMax, target: 'clickMs', digits: 0 },
  {
    title: "worker iterations/s (the worker's clock)",
    pick: (r) => r.iterationsPerSecond,
    digits: 1,
  },
  {
    title: 'worker iterations/s with the load, % of unloaded (same page, load paused)',
    pick: keptPercent,
    target: 'keptPercent',
    digits: 0,
    unit: ' %',
  },
];

function cell(value: number, metric: CompareMetric): string {
  return metric.target === undefined
    ? show(value, metric.digits)
    : judged(value, metric.target, metric.digits, metric.unit);
}

/** One table per metric: a row per round, then the medians, with B/A. */
export function compareTables(
  labels: readonly [string, string],
  results: readonly [readonly RunResult[], readonly RunResult[]],
): string[] {
  const [a, b] = results;
  const lines: string[] = [];
  for (const metric of COMPARE_METRICS) {
    const target = metric.target === undefined ? '' : ` (target ${TARGETS[metric.target].text})`;
    lines.push(`\n**${metric.title}**${target}`, '');
    lines.push(`| round | A: ${labels[0]} | B: ${labels[1]} | B/A |`, '| --- | --- | --- | --- |');
    const ratio = (x: number, y: number) => show(y / x, 2);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const [ra, rb] = [a[i], b[i]];
      const va = ra === undefined ? Number.NaN : metric.pick(ra);
      const vb = rb === undefined ? Number.NaN : metric.pick(rb);
      lines.push(`| ${i + 1} | ${cell(va, metric)} | ${cell(vb, metric)} | ${ratio(va, vb)} |`);
    }
    const ma = median(a.map(metric.pick));
    const mb = median(b.map(metric.pick));
    lines.push(`| median | ${cell(ma, metric)} | ${cell(mb, metric)} | ${ratio(ma, mb)} |`);
  }
  lines.push('\n**load seen** (1-minute load average during each window)', '');
  lines.push(`| round | A: ${labels[0]} | B: ${labels[1]} |`, '| --- | --- | --- |');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [ra, rb] = [a[i], b[i]];
    const la = ra === undefined ? '—' : loadCell(ra);
    const lb = rb === undefined ? '—' : loadCell(rb);
    lines.push(`| ${i + 1} | ${la} | ${lb} |`);
  }
  return lines;
}
