import { describe, expect, it } from 'vitest';
import { DATASET_IDS, DATASETS } from '../../src/engine/datasets';
import { createRandom } from '../../src/engine/random';

const EXPECTED_DIMENSION = {
  'ring-8': 2,
  'grid-25': 2,
  'gaussian-2d': 2,
  'gaussian-1d': 1,
  'mixture-1d': 1,
} as const;

function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

describe('DATASETS', () => {
  it('has a spec with the right id and dimension for every id', () => {
    expect(Object.keys(DATASETS).sort()).toEqual([...DATASET_IDS].sort());
    for (const id of DATASET_IDS) {
      const spec = DATASETS[id];
      expect(spec.id).toBe(id);
      expect(spec.dimension).toBe(EXPECTED_DIMENSION[id]);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(0);
      for (const mode of spec.modes ?? []) expect(mode).toHaveLength(spec.dimension);
    }
  });

  it('samples n × dimension finite values, reproducibly', () => {
    for (const id of DATASET_IDS) {
      const spec = DATASETS[id];
      const sample = spec.sample(createRandom(1), 257);
      expect(sample).toBeInstanceOf(Float32Array);
      expect(sample.length).toBe(257 * spec.dimension);
      expect(sample.every(Number.isFinite)).toBe(true);
      expect(spec.sample(createRandom(1), 257)).toEqual(sample);
    }
  });

  it('puts ring-8 points at radius ≈ 2 and covers all eight modes', () => {
    const n = 4000;
    const sample = DATASETS['ring-8'].sample(createRandom(3), n);
    const hits = new Set<number>();
    for (let i = 0; i < n; i++) {
      const x = sample[2 * i]!;
      const y = sample[2 * i + 1]!;
      expect(Math.abs(Math.hypot(x, y) - 2)).toBeLessThan(0.3);
      hits.add(((Math.round((Math.atan2(y, x) / (2 * Math.PI)) * 8) % 8) + 8) % 8);
    }
    expect(hits.size).toBe(8);
    expect(DATASETS['ring-8'].modes).toHaveLength(8);
  });

  it('puts grid-25 points near the 5×5 grid', () => {
    const sample = DATASETS['grid-25'].sample(createRandom(4), 2000);
    for (const v of sample) {
      expect(Math.abs(v - 2 * Math.round(v / 2))).toBeLessThan(0.3);
      expect(Math.abs(v)).toBeLessThan(4.3);
    }
    expect(DATASETS['grid-25'].modes).toHaveLength(25);
  });

  it('gives gaussian-1d mean ≈ 2 and std ≈ 0.75', () => {
    const { mean, std } = meanAndStd(DATASETS['gaussian-1d'].sample(createRandom(5), 20_000));
    expect(Math.abs(mean - 2)).toBeLessThan(0.03);
    expect(Math.abs(std - 0.75)).toBeLessThan(0.03);
  });

  it('gives gaussian-2d a non-zero mean', () => {
    const sample = DATASETS['gaussian-2d'].sample(createRandom(6), 20_000);
    const xs = sample.filter((_, i) => i % 2 === 0);
    const ys = sample.filter((_, i) => i % 2 === 1);
    expect(meanAndStd(xs).mean).toBeCloseTo(1, 1);
    expect(meanAndStd(ys).mean).toBeCloseTo(-0.5, 1);
    expect(meanAndStd(xs).std).toBeCloseTo(0.5, 1);
    expect(meanAndStd(ys).std).toBeCloseTo(1, 1);
  });

  it('splits mixture-1d evenly between −2 and 2', () => {
    const sample = DATASETS['mixture-1d'].sample(createRandom(7), 10_000);
    const positive = sample.filter((v) => v > 0).length;
    expect(Math.abs(positive / sample.length - 0.5)).toBeLessThan(0.03);
    const { mean, std } = meanAndStd(sample.filter((v) => v > 0));
    expect(Math.abs(mean - 2)).toBeLessThan(0.05);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.05);
  });
});
