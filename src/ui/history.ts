/**
 * The training history the line charts draw: pure functions from the worker's snapshots to
 * growing series, so that the bookkeeping is unit-tested without a browser.
 */
import type { Snapshot, SnapshotMetrics } from '../worker/protocol';

/** Longest history kept per series; past it every other point is dropped (old detail thins out). */
export const MAX_HISTORY_POINTS = 4000;

/** A growing series of (iteration, value) points for a line chart. */
export interface Series {
  x: number[];
  y: number[];
}

/** The metrics that are followed over time (each a number, or null where it does not apply). */
export const TRACKED_METRICS = [
  'mmdSquared',
  'meanDReal',
  'meanDFake',
  'generatorGradNorm',
  'discriminatorGradNorm',
  'wasserstein1',
  'ks',
  'slicedWasserstein',
  'kl',
  'js',
  'modesCovered',
  'highQualityShare',
] as const satisfies readonly (keyof SnapshotMetrics)[];

export type TrackedMetric = (typeof TRACKED_METRICS)[number];

export interface TrainingHistory {
  discriminatorLoss: Series;
  generatorLoss: Series;
  /**
   * One series per tracked metric, a point per metrics measurement (about two a second). The
   * object is replaced only when a series changes.
   */
  metrics: Record<TrackedMetric, Series>;
  /** Bandwidth the MMD² series was measured with; a new bandwidth starts a new series. */
  kernelBandwidth: number;
  /** The last iteration anything was recorded at: the right end of the shared step axis. */
  lastIteration: number;
}

const emptySeries = (): Series => ({ x: [], y: [] });

export function emptyHistory(kernelBandwidth = 0): TrainingHistory {
  return {
    discriminatorLoss: emptySeries(),
    generatorLoss: emptySeries(),
    metrics: Object.fromEntries(TRACKED_METRICS.map((key) => [key, emptySeries()])) as Record<
      TrackedMetric,
      Series
    >,
    kernelBandwidth,
    lastIteration: 0,
  };
}

/** The series with points added, halved (every other point kept) while it is too long. */
export function appendPoints(series: Series, xs: readonly number[], ys: readonly number[]): Series {
  let x = series.x.concat(xs);
  let y = series.y.concat(ys);
  while (x.length > MAX_HISTORY_POINTS) {
    x = x.filter((_, i) => i % 2 === 0);
    y = y.filter((_, i) => i % 2 === 0);
  }
  return { x, y };
}

/**
 * The series with the value measured at `iteration`; a second measurement of the same iteration
 * (e.g. a new bandwidth while paused) replaces the first.
 */
function recordMeasurement(series: Series, iteration: number, value: number): Series {
  const last = series.x.length - 1;
  if (series.x[last] === iteration) {
    // The worker re-sends its latest metrics with every snapshot: unchanged, the series stays the
    // same object, so the charts drawing it need not redraw.
    if (Object.is(series.y[last], value)) return series;
    return appendPoints(
      { x: series.x.slice(0, -1), y: series.y.slice(0, -1) },
      [iteration],
      [value],
    );
  }
  return appendPoints(series, [iteration], [value]);
}

/** The series' points up to `iteration`. */
function seriesUpTo(series: Series, iteration: number): Series {
  const keep = series.x.findIndex((x) => x > iteration);
  if (keep === -1) return series;
  return { x: series.x.slice(0, keep), y: series.y.slice(0, keep) };
}

/** The history as it was at `iteration`: what a branch from there keeps of its past. */
export function historyUpTo(history: TrainingHistory, iteration: number): TrainingHistory {
  return {
    discriminatorLoss: seriesUpTo(history.discriminatorLoss, iteration),
    generatorLoss: seriesUpTo(history.generatorLoss, iteration),
    metrics: Object.fromEntries(
      TRACKED_METRICS.map((key) => [key, seriesUpTo(history.metrics[key], iteration)]),
    ) as Record<TrackedMetric, Series>,
    kernelBandwidth: history.kernelBandwidth,
    lastIteration: Math.min(history.lastIteration, iteration),
  };
}

/** The history with a snapshot added. Pure: React may call a state updater twice. */
export function extendHistory(
  history: TrainingHistory,
  previous: Snapshot | null,
  snapshot: Snapshot,
): TrainingHistory {
  const newRun = previous === null || previous.runId !== snapshot.runId;
  const metrics = snapshot.metrics;
  const bandwidth = metrics?.kernelBandwidth ?? history.kernelBandwidth;
  const base = newRun
    ? emptyHistory(bandwidth)
    : snapshot.branchedAt === null
      ? history
      : historyUpTo(history, snapshot.branchedAt);
  const iterations = Array.from(snapshot.lossIterations);
  let tracked = base.metrics;
  const record = (key: TrackedMetric, series: Series): void => {
    if (series !== tracked[key]) tracked = { ...tracked, [key]: series };
  };
  // A new bandwidth starts a new MMD² series: values at different h are not comparable.
  if (base.kernelBandwidth !== bandwidth) record('mmdSquared', emptySeries());
  if (metrics !== null) {
    for (const key of TRACKED_METRICS) {
      const value = metrics[key];
      if (value !== null) record(key, recordMeasurement(tracked[key], metrics.iteration, value));
    }
  }
  return {
    discriminatorLoss: appendPoints(
      base.discriminatorLoss,
      iterations,
      Array.from(snapshot.discriminatorLoss),
    ),
    generatorLoss: appendPoints(base.generatorLoss, iterations, Array.from(snapshot.generatorLoss)),
    metrics: tracked,
    kernelBandwidth: bandwidth,
    lastIteration: Math.max(newRun ? 0 : base.lastIteration, snapshot.iteration),
  };
}

/**
 * The comparison's second run seen as a snapshot of its own (same run id, so its history resets
 * with the first's), for the history and the plots; null without a comparison.
 */
export function compareAsSnapshot(snapshot: Snapshot | null): Snapshot | null {
  const part = snapshot?.compare;
  if (snapshot === null || part === null || part === undefined) return null;
  return {
    ...snapshot,
    iteration: part.iteration,
    updates: part.updates,
    generated: part.generated,
    lossIterations: part.lossIterations,
    discriminatorLoss: part.discriminatorLoss,
    generatorLoss: part.generatorLoss,
    metrics: part.metrics,
    fields: part.fields,
    branchedAt: null,
    compare: null,
  };
}
