import { describe, expect, it } from 'vitest';
import { decimateM4, exponentialMovingAverage } from '../../src/ui/charts/series';

describe('decimateM4', () => {
  it('keeps first, last, lowest and highest point of each pixel column', () => {
    // 10 points in 2 columns of 5 (x 0–4 → column 0, x 5–9 → column 1).
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const ys = [5, 9, 1, 4, 3, 2, 2, 8, 0, 6];
    const kept = decimateM4(xs, ys, (x) => x / 5);
    // Column 0: first 0, high 1 (9), low 2 (1), last 4. Column 1: first 5, high 7, low 8, last 9.
    expect(kept).toEqual([0, 1, 2, 4, 5, 7, 8, 9]);
  });

  it('bounds the output by four points per column however long the series', () => {
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => Math.sin(i / 37) + (i % 401 === 0 ? 5 : 0));
    const width = 500;
    const kept = decimateM4(xs, ys, (x) => (x / n) * width);
    expect(kept.length).toBeLessThanOrEqual(4 * width);
    // Every spike survives (at most one per 200-point column: each is its column's maximum).
    const spikes = xs.filter((i) => i % 401 === 0);
    const keptSet = new Set(kept);
    expect(spikes.every((i) => keptSet.has(i))).toBe(true);
    // Sorted and unique.
    expect(kept.every((v, i) => i === 0 || v > (kept[i - 1] ?? -1))).toBe(true);
  });

  it('keeps short series whole and keeps a gap (non-finite value) once per column', () => {
    expect(decimateM4([0, 1, 2], [1, 2, 3], (x) => x * 100)).toEqual([0, 1, 2]);
    const kept = decimateM4([0, 1, 2, 3], [1, Number.NaN, Number.NaN, 2], () => 0);
    expect(kept).toEqual([0, 1, 3]);
    expect(decimateM4([], [], (x) => x)).toEqual([]);
  });
});

describe('exponentialMovingAverage', () => {
  it('starts at the first value, converges to a constant and keeps gaps', () => {
    for (const v of exponentialMovingAverage([3, 3, 3], 0.1)) expect(v).toBeCloseTo(3, 12);
    const smoothed = exponentialMovingAverage([0, 10, Number.NaN, 10], 0.5);
    expect(smoothed[0]).toBe(0);
    // (0.5·0.5·0 + 0.5·10) / (0.5·0.5 + 0.5) = 5 / 0.75.
    expect(smoothed[1]).toBeCloseTo(10 / 1.5, 10);
    expect(Number.isNaN(smoothed[2])).toBe(true);
    expect(smoothed[3]).toBeGreaterThan(smoothed[1] ?? 0);
  });

  it('damps noise: the smoothed alternating series varies far less than the raw one', () => {
    const raw = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const smoothed = exponentialMovingAverage(raw, 0.05).slice(100);
    expect(Math.max(...smoothed.map(Math.abs))).toBeLessThan(0.05);
  });
});
