/**
 * The training history the line charts draw: pure functions from the worker's snapshots to
 * growing series, so that the bookkeeping is unit-tested without a browser.
 */
import type { MmdHistory, Snapshot, SnapshotMetrics } from '../worker/protocol';

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
  /**
   * Bandwidth the MMD² series was measured with. A new bandwidth redraws the series from the
   * worker's re-measure of its kept frames (Snapshot.mmdHistory).
   */
  kernelBandwidth: number;
  /**
   * Where the MMD² series changes bandwidth: its points before `iteration` were measured at an
   * earlier h (`from`, the latest one) because no kept frame could re-measure them at
   * `kernelBandwidth`. Null when the whole series is at `kernelBandwidth`.
   */
  mmdBandwidthChange: BandwidthChange | null;
  /** The last iteration anything was recorded at: the right end of the shared step axis. */
  lastIteration: number;
}

/** Where a series' bandwidth changed (see TrainingHistory.mmdBandwidthChange). */
export interface BandwidthChange {
  /** The first iteration measured at the current bandwidth. */
  iteration: number;
  /** The bandwidth of the points just before it. */
  from: number;
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
    mmdBandwidthChange: null,
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
    // Points after a branch are at the current bandwidth.
    mmdBandwidthChange:
      history.mmdBandwidthChange === null
        ? null
        : {
            ...history.mmdBandwidthChange,
            iteration: Math.min(history.mmdBandwidthChange.iteration, iteration + 1),
          },
    lastIteration: Math.min(history.lastIteration, iteration),
  };
}

/**
 * The MMD² series once the bandwidth changed from `history.kernelBandwidth`: the points the worker
 * re-measured at the new one (`remeasured`, its kept frames) replace every point from the first
 * of them on; earlier points, which no frame can re-measure, are kept and marked as measured at
 * the old bandwidth. Without a re-measure, all points before `at` are kept and marked.
 */
export function rebandedMmd(
  history: TrainingHistory,
  remeasured: MmdHistory | null,
  at: number,
): { series: Series; change: BandwidthChange | null } {
  const old = history.metrics.mmdSquared;
  const first = remeasured?.iterations[0] ?? at;
  const keep = old.x.findIndex((x) => x >= first);
  const kept: Series = keep === -1 ? old : { x: old.x.slice(0, keep), y: old.y.slice(0, keep) };
  const series =
    remeasured === null ? kept : appendPoints(kept, remeasured.iterations, remeasured.values);
  const change = kept.x.length === 0 ? null : { iteration: first, from: history.kernelBandwidth };
  return { series, change };
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
  // Values at different h are not comparable: a new bandwidth redraws the series at the new h
  // from the worker's re-measure, marking what it could not re-measure.
  let bandwidthChange = base.mmdBandwidthChange;
  if (base.kernelBandwidth !== bandwidth) {
    const remeasured =
      snapshot.mmdHistory?.kernelBandwidth === bandwidth ? snapshot.mmdHistory : null;
    const usable = remeasured !== null && remeasured.iterations.length > 0 ? remeasured : null;
    const at = metrics?.iteration ?? snapshot.iteration;
    const { series, change } = rebandedMmd(base, usable, at);
    record('mmdSquared', series);
    bandwidthChange = change;
  }
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
    mmdBandwidthChange: bandwidthChange,
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
    mmdHistory: part.mmdHistory,
    branchedAt: null,
    compare: null,
  };
}

/**
 * The MMD² series split where its bandwidth changed: `current` at the history's bandwidth, and
 * `earlier`, the points measured at an earlier one (drawn faint), null when there are none.
 */
export function mmdByBandwidth(history: TrainingHistory): {
  current: Series;
  earlier: Series | null;
} {
  const series = history.metrics.mmdSquared;
  const change = history.mmdBandwidthChange;
  if (change === null) return { current: series, earlier: null };
  const split = series.x.findIndex((x) => x >= change.iteration);
  const at = split === -1 ? series.x.length : split;
  return {
    current: { x: series.x.slice(at), y: series.y.slice(at) },
    earlier: at === 0 ? null : { x: series.x.slice(0, at), y: series.y.slice(0, at) },
  };
}
