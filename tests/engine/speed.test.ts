import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastestBackend, measureIterationsPerSecond, speedKey } from '../../src/engine';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('measureIterationsPerSecond', () => {
  it('times whole iterations against the clock it is given, and frees its trainer', async () => {
    const before = tf.memory().numTensors;
    // A fake clock that advances 10 ms per reading: the probe reads it once at the start and
    // once per chunk of 1, 2, 4, 8, … iterations, so a 35 ms budget stops after 4 chunks.
    let time = 0;
    const rate = await measureIterationsPerSecond(trainerConfig({ generatorLayers: [4] }), {
      warmupIterations: 1,
      budgetMs: 35,
      now: () => (time += 10),
    });
    // 1 + 2 + 4 + 8 = 15 iterations in 4 × 10 ms.
    expect(rate).toBeCloseTo(15 / 0.04, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at maxIterations and measures a real backend with a finite positive rate', async () => {
    const rate = await measureIterationsPerSecond(trainerConfig(), {
      budgetMs: 60_000,
      maxIterations: 5,
    });
    expect(Number.isFinite(rate)).toBe(true);
    expect(rate).toBeGreaterThan(0);
  });

  it('fails loudly for a config the trainer rejects, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    await expect(
      measureIterationsPerSecond(trainerConfig({ batchSize: 0 }), { maxIterations: 1 }),
    ).rejects.toThrow(/batchSize/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fastestBackend', () => {
  it('picks the highest rate, keeping the earlier entry within the margin', () => {
    expect(
      fastestBackend([
        { name: 'wasm', iterationsPerSecond: 100 },
        { name: 'webgpu', iterationsPerSecond: 300 },
      ])?.name,
    ).toBe('webgpu');
    // 104 is within 5 % of 100: the preferred (first) backend stays.
    expect(
      fastestBackend([
        { name: 'wasm', iterationsPerSecond: 100 },
        { name: 'webgpu', iterationsPerSecond: 104 },
      ])?.name,
    ).toBe('wasm');
  });

  it('skips failed measurements and returns null when none succeeded', () => {
    expect(
      fastestBackend([
        { name: 'webgpu', iterationsPerSecond: Number.NaN },
        { name: 'wasm', iterationsPerSecond: 50 },
      ])?.name,
    ).toBe('wasm');
    expect(fastestBackend([{ name: 'webgl', iterationsPerSecond: Number.NaN }])).toBeNull();
    expect(fastestBackend([])).toBeNull();
  });
});

describe('speedKey', () => {
  it('ignores what does not change the cost of an iteration', () => {
    const base = speedKey(trainerConfig(), 1);
    expect(speedKey(trainerConfig({ seed: 9, generatorLearningRate: 0.1 }), 1)).toBe(base);
    expect(speedKey(trainerConfig({ dataset: 'mixture-1d' }), 1)).toBe(base);
  });

  it('changes with the network shapes, batch, objective and data dimension', () => {
    const base = speedKey(trainerConfig(), 1);
    expect(speedKey(trainerConfig({ generatorLayers: [256, 256] }), 1)).not.toBe(base);
    expect(speedKey(trainerConfig({ batchSize: 1024 }), 1)).not.toBe(base);
    expect(speedKey(trainerConfig({ objective: 'wasserstein' }), 1)).not.toBe(base);
    expect(speedKey(trainerConfig(), 2)).not.toBe(base);
  });
});
