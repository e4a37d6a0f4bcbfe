import { describe, expect, it } from 'vitest';
import { medianBandwidth, mmdSquared } from '../../src/engine/metrics';
import { createRandom } from '../../src/engine/random';

function normalSample(seed: number, n: number, mean = 0): Float32Array {
  const out = createRandom(seed).fillNormal(new Float32Array(n), 1);
  for (let i = 0; i < n; i++) out[i]! += mean;
  return out;
}

/**
 * Closed form of MMD² between N(0, 1) and N(μ, 1) with the Gaussian kernel of bandwidth h.
 * For d ~ N(m, s²), E exp(−d²/(2h²)) = sqrt(h²/(h²+s²)) · exp(−m²/(2(h²+s²))); here x − x'
 * and y − y' are N(0, 2) and x − y is N(−μ, 2), so
 * MMD² = 2·sqrt(h²/(h²+2))·(1 − exp(−μ²/(2(h²+2)))).
 */
function exactMmdSquared(mu: number, h: number): number {
  const h2 = h * h;
  return 2 * Math.sqrt(h2 / (h2 + 2)) * (1 - Math.exp(-(mu * mu) / (2 * (h2 + 2))));
}

describe('mmdSquared', () => {
  it('is ≈ 0 for two independent samples of the same law, and for a sample against itself', () => {
    const x = normalSample(1, 1000);
    const y = normalSample(2, 1000);
    expect(Math.abs(mmdSquared(x, y, 1, 1))).toBeLessThan(0.01);
    // Unbiased: x against itself is −2(1 − mean off-diagonal kernel)/m, O(1/m).
    expect(Math.abs(mmdSquared(x, x, 1, 1))).toBeLessThan(0.01);
  });

  it('matches a hand computation on a tiny sample', () => {
    // x = {0, 1}, y = {0, 2}, h = 1: k(a,b) = exp(−(a−b)²/2).
    const k = (d: number) => Math.exp(-(d * d) / 2);
    const expected = k(1) + k(2) - (2 / 4) * (k(0) + k(2) + k(1) + k(1));
    expect(mmdSquared(Float32Array.of(0, 1), Float32Array.of(0, 2), 1, 1)).toBeCloseTo(expected, 6);
  });

  it('grows monotonically with the shift and matches the closed form for N(0,1) vs N(μ,1)', () => {
    const n = 2000;
    const h = 1;
    const x = normalSample(10, n);
    let previous = Number.NEGATIVE_INFINITY;
    for (const [i, mu] of [0, 0.5, 1, 2].entries()) {
      const value = mmdSquared(x, normalSample(20 + i, n, mu), 1, h);
      expect(value).toBeGreaterThan(previous);
      expect(Math.abs(value - exactMmdSquared(mu, h))).toBeLessThan(0.02);
      previous = value;
    }
    // 2·sqrt(1/3)·(1 − e^(−2/3)) ≈ 0.5619.
    expect(exactMmdSquared(2, 1)).toBeCloseTo(0.5619, 4);
  });

  it('works in two dimensions', () => {
    const random = createRandom(3);
    const x = random.fillNormal(new Float32Array(2 * 500), 1);
    const y = random.fillNormal(new Float32Array(2 * 500), 1);
    const shifted = y.map((v, i) => (i % 2 === 0 ? v + 1 : v));
    const same = mmdSquared(x, y, 2, 1);
    const different = mmdSquared(x, shifted, 2, 1);
    expect(Math.abs(same)).toBeLessThan(0.02);
    // Only the first coordinate is shifted, so the 2-D value is the 1-D closed form times
    // E k over the unshifted coordinate, sqrt(1/3).
    expect(Math.abs(different - exactMmdSquared(1, 1) * Math.sqrt(1 / 3))).toBeLessThan(0.03);
  });

  it('rejects impossible input', () => {
    expect(() => mmdSquared(Float32Array.of(1, 2, 3), Float32Array.of(1, 2), 2, 1)).toThrow();
    expect(() => mmdSquared(Float32Array.of(1), Float32Array.of(1, 2), 1, 1)).toThrow();
    expect(() => mmdSquared(Float32Array.of(1, 2), Float32Array.of(1, 2), 1, 0)).toThrow();
  });
});

describe('medianBandwidth', () => {
  it('is the median pairwise distance: ≈ 0.954 for N(0, 1) in 1-D', () => {
    // |x − x'| with x − x' ~ N(0, 2) has median sqrt(2) · 0.6745 ≈ 0.954.
    const h = medianBandwidth(normalSample(1, 3000), normalSample(2, 3000), 1);
    expect(h).toBeGreaterThan(0.85);
    expect(h).toBeLessThan(1.06);
  });

  it('scales with the data and stays positive for a collapsed sample', () => {
    const x = normalSample(3, 400);
    const scaled = x.map((v) => 10 * v);
    const y = normalSample(4, 400);
    const scaledY = y.map((v) => 10 * v);
    expect(medianBandwidth(scaled, scaledY, 1)).toBeCloseTo(10 * medianBandwidth(x, y, 1), 3);
    expect(medianBandwidth(new Float32Array(10), new Float32Array(10), 1)).toBe(1);
    expect(medianBandwidth(Float32Array.of(0, 0, 3, 4), Float32Array.of(), 2)).toBe(5);
  });
});
