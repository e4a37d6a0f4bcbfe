import { describe, expect, it } from 'vitest';
import { reuseUnchanged, sameFields, sameMetrics } from '../../src/ui/snapshotReuse';
import type { Snapshot, SnapshotFields, SnapshotMetrics } from '../../src/worker/protocol';

function metrics(iteration: number, mmdSquared = 0.1): SnapshotMetrics {
  return {
    iteration,
    mmdSquared,
    kernelBandwidth: 0.5,
    mmdSquaredMedian: 0.05,
    medianBandwidth: 1.2,
    wasserstein1: null,
    ks: null,
    slicedWasserstein: 0.4,
    modesCovered: 6,
    modeCount: 8,
    highQualityShare: 0.5,
    kl: Number.NaN,
    js: 0.3,
    meanDReal: 0.6,
    meanDFake: 0.4,
    generatorGradNorm: 1.5,
    discriminatorGradNorm: 0.8,
  };
}

function fields(value: number): SnapshotFields {
  return {
    domain: [
      [-2, 2],
      [-2, 2],
    ],
    resolution: 2,
    discriminator: Float32Array.from([value, 0.5, 0.5, Number.NaN]),
    discriminatorIsProbability: true,
    manifold: Float32Array.from([0, 1, 2, 3]),
    manifoldResolution: 2,
    manifoldAxes: 1,
    push: new Float32Array(4),
    witness: new Float32Array(4),
    kernelBandwidth: 0.5,
  };
}

/** A snapshot as a structured clone delivers it: every object new. */
function snapshot(m: SnapshotMetrics | null, f: SnapshotFields | null): Snapshot {
  return {
    type: 'snapshot',
    runId: 1,
    iteration: 10,
    updates: { discriminator: 10, generator: 10 },
    stepsPerSecond: 0,
    running: true,
    dimension: 2,
    generated: new Float32Array(),
    real: new Float32Array(),
    lossIterations: new Float64Array(),
    discriminatorLoss: new Float32Array(),
    generatorLoss: new Float32Array(),
    metrics: m,
    memory: { tensors: 0, tensorBytes: 0 },
    fields: f,
    timeline: { iterations: [], branchable: true, bytes: 0 },
    branchedAt: null,
    mmdHistory: null,
    compare: null,
  };
}

describe('reuseUnchanged: resent metrics and fields keep their objects', () => {
  it('compares metrics and fields by value, NaN included', () => {
    expect(sameMetrics(metrics(10), metrics(10))).toBe(true);
    expect(sameMetrics(metrics(10), metrics(20))).toBe(false);
    expect(sameMetrics(metrics(10), metrics(10, 0.2))).toBe(false);
    expect(sameMetrics(null, metrics(10))).toBe(false);
    expect(sameFields(fields(0.1), fields(0.1))).toBe(true);
    expect(sameFields(fields(0.1), fields(0.2))).toBe(false);
    expect(sameFields(fields(0.1), null)).toBe(false);
  });

  it('keeps the previous objects when the worker resent the same values', () => {
    const previous = snapshot(metrics(10), fields(0.1));
    const next = reuseUnchanged(previous, snapshot(metrics(10), fields(0.1)));
    expect(next.metrics).toBe(previous.metrics);
    expect(next.fields).toBe(previous.fields);
  });

  it('takes the new objects when something changed', () => {
    const previous = snapshot(metrics(10), fields(0.1));
    const sent = snapshot(metrics(20), fields(0.3));
    const next = reuseUnchanged(previous, sent);
    expect(next.metrics).toBe(sent.metrics);
    expect(next.fields).toBe(sent.fields);
    expect(next.metrics?.iteration).toBe(20);
  });

  it('does the same for a comparison’s run B', () => {
    const part = (m: SnapshotMetrics, f: SnapshotFields): Snapshot['compare'] => ({
      iteration: 10,
      updates: { discriminator: 10, generator: 10 },
      generated: new Float32Array(),
      lossIterations: new Float64Array(),
      discriminatorLoss: new Float32Array(),
      generatorLoss: new Float32Array(),
      metrics: m,
      fields: f,
      mmdHistory: null,
      error: null,
    });
    const previous = { ...snapshot(null, null), compare: part(metrics(10), fields(0.1)) };
    const next = reuseUnchanged(previous, {
      ...snapshot(null, null),
      compare: part(metrics(10), fields(0.2)),
    });
    expect(next.compare?.metrics).toBe(previous.compare?.metrics);
    expect(next.compare?.fields).not.toBe(previous.compare?.fields);
  });
});
