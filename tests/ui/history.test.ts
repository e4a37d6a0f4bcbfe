import { describe, expect, it } from 'vitest';
import {
  emptyHistory,
  extendHistory,
  historyUpTo,
  MAX_HISTORY_POINTS,
  mmdByBandwidth,
  TRACKED_METRICS,
} from '../../src/ui/history';
import type { Snapshot, SnapshotMetrics } from '../../src/worker/protocol';

function metrics(iteration: number, overrides: Partial<SnapshotMetrics> = {}): SnapshotMetrics {
  return {
    iteration,
    mmdSquared: 0.1,
    kernelBandwidth: 0.5,
    mmdSquaredMedian: 0.05,
    medianBandwidth: 1.2,
    wasserstein1: null,
    ks: null,
    slicedWasserstein: 0.4,
    modesCovered: 6,
    modeCount: 8,
    highQualityShare: 0.5,
    kl: 2,
    js: 0.3,
    meanDReal: 0.6,
    meanDFake: 0.4,
    generatorGradNorm: 1.5,
    discriminatorGradNorm: 0.8,
    ...overrides,
  };
}

function snapshot(
  runId: number,
  iteration: number,
  losses: number[],
  m: SnapshotMetrics | null,
): Snapshot {
  return {
    type: 'snapshot',
    runId,
    iteration,
    updates: { discriminator: iteration, generator: iteration },
    stepsPerSecond: 0,
    running: true,
    dimension: 2,
    generated: new Float32Array(),
    real: new Float32Array(),
    lossIterations: Float64Array.from(losses.map((_, i) => iteration - losses.length + i + 1)),
    discriminatorLoss: Float32Array.from(losses),
    generatorLoss: Float32Array.from(losses.map((l) => l / 2)),
    metrics: m,
    memory: { tensors: 0, tensorBytes: 0 },
    fields: null,
    timeline: { iterations: [], branchable: true, bytes: 0 },
    branchedAt: null,
    mmdHistory: null,
    compare: null,
  };
}

describe('extendHistory', () => {
  it('appends losses per snapshot and one point per metrics measurement, on one step axis', () => {
    const first = snapshot(1, 10, [1, 2], metrics(10));
    let history = extendHistory(emptyHistory(), null, first);
    expect(history.discriminatorLoss).toEqual({ x: [9, 10], y: [1, 2] });
    expect(history.generatorLoss.y).toEqual([0.5, 1]);
    expect(history.metrics.meanDReal).toEqual({ x: [10], y: [0.6] });
    expect(history.lastIteration).toBe(10);

    // The same measurement again (the worker re-sends metrics between measurements): no new point.
    const second = snapshot(1, 12, [3, 4], metrics(10));
    history = extendHistory(history, first, second);
    expect(history.discriminatorLoss.x).toEqual([9, 10, 11, 12]);
    expect(history.metrics.meanDReal.x).toEqual([10]);
    expect(history.lastIteration).toBe(12);

    const third = snapshot(1, 20, [5], metrics(20, { meanDReal: 0.55, modesCovered: 8 }));
    history = extendHistory(history, second, third);
    expect(history.metrics.meanDReal).toEqual({ x: [10, 20], y: [0.6, 0.55] });
    expect(history.metrics.modesCovered.y).toEqual([6, 8]);
  });

  it('leaves the series of metrics that do not apply empty (null), and tracks every metric', () => {
    const history = extendHistory(emptyHistory(), null, snapshot(1, 5, [1], metrics(5)));
    expect(history.metrics.wasserstein1.x).toEqual([]);
    expect(history.metrics.ks.x).toEqual([]);
    for (const key of TRACKED_METRICS) {
      if (key !== 'wasserstein1' && key !== 'ks') expect(history.metrics[key].x).toEqual([5]);
    }
  });

  it('starts over on a new run, and restarts only MMD² when the bandwidth changes', () => {
    const a = snapshot(1, 10, [1], metrics(10));
    let history = extendHistory(emptyHistory(), null, a);
    const b = snapshot(1, 10, [], metrics(10, { kernelBandwidth: 0.2, mmdSquared: 0.3 }));
    history = extendHistory(history, a, b);
    expect(history.kernelBandwidth).toBe(0.2);
    expect(history.metrics.mmdSquared).toEqual({ x: [10], y: [0.3] });
    expect(history.metrics.kl.x).toEqual([10]);

    const c = snapshot(2, 1, [7], null);
    history = extendHistory(history, b, c);
    expect(history.discriminatorLoss).toEqual({ x: [1], y: [7] });
    expect(history.metrics.kl.x).toEqual([]);
    expect(history.lastIteration).toBe(1);
  });

  it('keeps each series bounded by thinning old points', () => {
    let history = emptyHistory();
    let previous: Snapshot | null = null;
    for (let i = 0; i < 30; i++) {
      const losses = Array.from({ length: 500 }, (_, k) => k);
      const next = snapshot(1, (i + 1) * 500, losses, null);
      history = extendHistory(history, previous, next);
      previous = next;
    }
    expect(history.discriminatorLoss.x.length).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
    expect(history.discriminatorLoss.x.length).toBeGreaterThan(MAX_HISTORY_POINTS / 2);
    expect(history.discriminatorLoss.x.at(-1)).toBeGreaterThan(14_000);
  });
});

describe('history identity', () => {
  it('keeps the metrics object when a snapshot brings no new measurement', () => {
    const a = snapshot(1, 10, [1], metrics(10));
    const first = extendHistory(emptyHistory(), null, a);
    const b = snapshot(1, 12, [2], metrics(10));
    const second = extendHistory(first, a, b);
    expect(second.metrics).toBe(first.metrics);
    const c = snapshot(1, 14, [3], metrics(14));
    expect(extendHistory(second, b, c).metrics).not.toBe(first.metrics);
  });
});

describe('branches', () => {
  it('a snapshot after a branch drops the abandoned future, then grows from the branch', () => {
    const first = snapshot(1, 10, [1, 2], metrics(10));
    let history = extendHistory(emptyHistory(), null, first);
    const second = snapshot(1, 20, [3, 4], metrics(20));
    history = extendHistory(history, first, second);
    history = extendHistory(history, second, snapshot(1, 30, [5], metrics(30)));
    expect(history.discriminatorLoss.x).toEqual([9, 10, 19, 20, 30]);
    const branch = { ...snapshot(1, 20, [], metrics(20)), branchedAt: 20 };
    history = extendHistory(history, second, branch);
    expect(history.discriminatorLoss.x).toEqual([9, 10, 19, 20]);
    expect(history.metrics.mmdSquared.x).toEqual([10, 20]);
    expect(history.lastIteration).toBe(20);
    history = extendHistory(history, branch, snapshot(1, 25, [7], metrics(25)));
    expect(history.discriminatorLoss.x).toEqual([9, 10, 19, 20, 25]);
    expect(history.lastIteration).toBe(25);
  });

  it('historyUpTo keeps what was recorded up to the iteration', () => {
    const history = extendHistory(emptyHistory(), null, snapshot(1, 10, [1, 2, 3], metrics(10)));
    const cut = historyUpTo(history, 8);
    expect(cut.generatorLoss.x).toEqual([8]);
    expect(cut.metrics.mmdSquared.x).toEqual([]);
    expect(cut.lastIteration).toBe(8);
  });
});

describe('a new kernel bandwidth', () => {
  /** A run measured at h = 0.5 at iterations 0, 100, …, 600, paused at 600. */
  function pausedAt600() {
    let history = emptyHistory();
    let previous: Snapshot | null = null;
    for (let it = 0; it <= 600; it += 100) {
      const next = snapshot(1, it, [1], metrics(it, { mmdSquared: it / 1000 }));
      history = extendHistory(history, previous, next);
      previous = next;
    }
    return { history, previous: previous as Snapshot };
  }

  it('redraws MMD² over the whole kept history from the worker’s re-measure', () => {
    const { history, previous } = pausedAt600();
    const next: Snapshot = {
      ...snapshot(1, 600, [], metrics(600, { kernelBandwidth: 2, mmdSquared: 0.06 })),
      mmdHistory: { kernelBandwidth: 2, iterations: [0, 200, 400, 600], values: [1, 2, 4, 0.06] },
    };
    const after = extendHistory(history, previous, next);
    expect(after.kernelBandwidth).toBe(2);
    expect(after.metrics.mmdSquared).toEqual({ x: [0, 200, 400, 600], y: [1, 2, 4, 0.06] });
    expect(after.mmdBandwidthChange).toBeNull();
    expect(mmdByBandwidth(after)).toEqual({ current: after.metrics.mmdSquared, earlier: null });
    // The other curves are untouched.
    expect(after.metrics.kl).toBe(history.metrics.kl);
  });

  it('keeps the points no frame re-measured, marked as measured at the old bandwidth', () => {
    const { history, previous } = pausedAt600();
    const next: Snapshot = {
      ...snapshot(1, 600, [], metrics(600, { kernelBandwidth: 2, mmdSquared: 0.7 })),
      // A worker restarted at 300 keeps frames from there only.
      mmdHistory: { kernelBandwidth: 2, iterations: [300, 600], values: [0.5, 0.7] },
    };
    const after = extendHistory(history, previous, next);
    expect(after.metrics.mmdSquared).toEqual({
      x: [0, 100, 200, 300, 600],
      y: [0, 0.1, 0.2, 0.5, 0.7],
    });
    expect(after.mmdBandwidthChange).toEqual({ iteration: 300, from: 0.5 });
    expect(mmdByBandwidth(after)).toEqual({
      current: { x: [300, 600], y: [0.5, 0.7] },
      earlier: { x: [0, 100, 200], y: [0, 0.1, 0.2] },
    });
    // A branch before the mark keeps it at the branch: later points are at the new h.
    expect(historyUpTo(after, 100).mmdBandwidthChange).toEqual({ iteration: 101, from: 0.5 });
  });

  it('without a re-measure keeps the old curve, marked where h changed', () => {
    const { history, previous } = pausedAt600();
    const next = snapshot(1, 650, [], metrics(650, { kernelBandwidth: 2, mmdSquared: 0.9 }));
    const after = extendHistory(history, previous, next);
    expect(after.metrics.mmdSquared.x).toEqual([0, 100, 200, 300, 400, 500, 600, 650]);
    expect(after.mmdBandwidthChange).toEqual({ iteration: 650, from: 0.5 });
    expect(mmdByBandwidth(after).current).toEqual({ x: [650], y: [0.9] });
  });

  it('ignores a re-measure at another bandwidth than the snapshot’s metrics', () => {
    const { history, previous } = pausedAt600();
    const next: Snapshot = {
      ...snapshot(1, 600, [], metrics(600, { kernelBandwidth: 2, mmdSquared: 0.7 })),
      mmdHistory: { kernelBandwidth: 3, iterations: [0, 600], values: [9, 9] },
    };
    const after = extendHistory(history, previous, next);
    expect(after.metrics.mmdSquared.y).not.toContain(9);
  });
});
