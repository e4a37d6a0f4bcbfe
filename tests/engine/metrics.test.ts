import { describe, expect, it } from 'vitest';
import { DATASETS, DEFAULT_DATA_PARAMS, resolveDataset } from '../../src/engine/datasets';
import { distributionMetrics } from '../../src/engine/evaluate';
import {
  gridDivergences,
  kernelDensity,
  ksStatistic,
  medianBandwidth,
  mmdSquared,
  mmdWitness,
  modeCoverage,
  silvermanBandwidth,
  slicedWasserstein,
  wasserstein1,
} from '../../src/engine/metrics';
import { modeGroups } from '../../src/engine/modeGroups';
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

  it('with a list of bandwidths is the sum of the single-bandwidth values (mixture kernel)', () => {
    const random = createRandom(5);
    const x = random.fillNormal(new Float32Array(2 * 300), 1);
    const y = random.fillNormal(new Float32Array(2 * 300), 1.5);
    const bandwidths = [0.2, 0.5, 1, 2, 5];
    const sum = bandwidths.reduce((total, h) => total + mmdSquared(x, y, 2, h), 0);
    const mixture = mmdSquared(x, y, 2, bandwidths);
    expect(mixture).toBeGreaterThan(0.01);
    expect(Math.abs(mixture - sum)).toBeLessThan(1e-12 * bandwidths.length * 300 * 300);
    // A one-element list is the single bandwidth, bit for bit.
    expect(mmdSquared(x, y, 2, [0.5])).toBe(mmdSquared(x, y, 2, 0.5));
  });

  it('rejects impossible input', () => {
    expect(() => mmdSquared(Float32Array.of(1, 2, 3), Float32Array.of(1, 2), 2, 1)).toThrow();
    expect(() => mmdSquared(Float32Array.of(1), Float32Array.of(1, 2), 1, 1)).toThrow();
    expect(() => mmdSquared(Float32Array.of(1, 2), Float32Array.of(1, 2), 1, 0)).toThrow();
    expect(() => mmdSquared(Float32Array.of(1, 2), Float32Array.of(1, 2), 1, [])).toThrow();
    expect(() => mmdSquared(Float32Array.of(1, 2), Float32Array.of(1, 2), 1, [1, -1])).toThrow();
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

describe('wasserstein1', () => {
  it('is exactly |c| for a sample shifted by c, in either order, and 0 against itself', () => {
    const x = normalSample(30, 1000);
    for (const c of [2.5, -0.75, 10]) {
      const shifted = x.map((v) => v + c);
      // Reverse the shifted copy so the pairing is not handed to the algorithm by position.
      shifted.reverse();
      expect(Math.abs(wasserstein1(x, shifted) - Math.abs(c)) / Math.abs(c)).toBeLessThan(1e-5);
      expect(wasserstein1(shifted, x)).toBe(wasserstein1(x, shifted));
    }
    expect(wasserstein1(x, x)).toBe(0);
  });

  it('handles samples of different sizes and matches hand computations', () => {
    expect(wasserstein1(Float32Array.of(0, 1), Float32Array.of(0, 0, 1, 1))).toBe(0);
    // {0} against {1, 3}: half the mass moves 1, half moves 3.
    expect(wasserstein1(Float32Array.of(0), Float32Array.of(3, 1))).toBeCloseTo(2, 12);
    // {0, 1, 2} against {0, 2}: F differs by 1/6 on [0, 2), so W1 = 1/3.
    expect(wasserstein1(Float32Array.of(2, 0, 1), Float32Array.of(0, 2))).toBeCloseTo(1 / 3, 12);
  });

  it('does not reorder its inputs', () => {
    const x = Float32Array.of(3, 1, 2);
    const y = Float32Array.of(9, -1);
    wasserstein1(x, y);
    expect(Array.from(x)).toEqual([3, 1, 2]);
    expect(Array.from(y)).toEqual([9, -1]);
  });

  it('is ≈ 1 between N(0, 1) and N(1, 1) samples of 5000', () => {
    expect(
      Math.abs(wasserstein1(normalSample(31, 5000), normalSample(32, 5000, 1)) - 1),
    ).toBeLessThan(0.08);
  });

  it('is NaN for non-finite values and rejects empty samples', () => {
    expect(wasserstein1(Float32Array.of(0, Number.NaN), Float32Array.of(1))).toBeNaN();
    expect(wasserstein1(Float32Array.of(0), Float32Array.of(Number.POSITIVE_INFINITY))).toBeNaN();
    expect(() => wasserstein1(Float32Array.of(), Float32Array.of(1))).toThrow();
  });
});

describe('ksStatistic', () => {
  it('is 0 for identical samples and 1 for disjoint supports', () => {
    const x = normalSample(40, 500);
    expect(ksStatistic(x, x)).toBe(0);
    expect(ksStatistic(x, x.slice().reverse())).toBe(0);
    expect(ksStatistic(Float32Array.of(0, 1, 2), Float32Array.of(3, 4))).toBe(1);
    expect(ksStatistic(Float32Array.of(5, 6), Float32Array.of(-1, 0, 1))).toBe(1);
  });

  it('matches hand computations, with ties advanced in both samples before comparing', () => {
    // x = {1, 2, 3, 4}, y = {3, …, 7}: at t = 4, F_x = 1 and F_y = 2/5.
    expect(ksStatistic(Float32Array.of(1, 2, 3, 4), Float32Array.of(3, 4, 5, 6, 7))).toBeCloseTo(
      0.6,
      12,
    );
    // x = {1, 2, 2, 3}, y = {2, 2, 2, 4}: the CDFs are (1/4, 3/4, 1, 1) and (0, 3/4, 3/4, 1) at
    // 1, 2, 3, 4, so D = 1/4. Advancing x alone through the 2s would report 3/4.
    expect(ksStatistic(Float32Array.of(1, 2, 2, 3), Float32Array.of(2, 2, 2, 4))).toBe(0.25);
    // Only ties: {0, 0} against {0}.
    expect(ksStatistic(Float32Array.of(0, 0), Float32Array.of(0))).toBe(0);
  });

  it('stays in [0, 1] and is < 0.06 for two N(0, 1) samples of 2000', () => {
    expect(ksStatistic(normalSample(41, 2000), normalSample(42, 2000))).toBeLessThan(0.06);
    const random = createRandom(43);
    for (let trial = 0; trial < 50; trial++) {
      // Small integer-valued samples, full of ties, of random sizes and shifts.
      const x = Float32Array.from({ length: 1 + random.int(20) }, () => random.int(6));
      const y = Float32Array.from(
        { length: 1 + random.int(20) },
        () => random.int(6) + (trial % 4),
      );
      const d = ksStatistic(x, y);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(1);
      expect(ksStatistic(y, x)).toBe(d);
    }
  });

  it('orders infinities and returns NaN for NaN', () => {
    expect(ksStatistic(Float32Array.of(Number.NEGATIVE_INFINITY), Float32Array.of(0))).toBe(1);
    expect(ksStatistic(Float32Array.of(Number.NaN), Float32Array.of(0))).toBeNaN();
  });
});

describe('slicedWasserstein', () => {
  it('is exactly wasserstein1 in one dimension', () => {
    const x = normalSample(50, 700);
    const y = normalSample(51, 300, 0.5);
    expect(slicedWasserstein(x, y, 1)).toBe(wasserstein1(x, y));
    expect(slicedWasserstein(x, y, 1, 7, 99)).toBe(wasserstein1(x, y));
  });

  it('is ≈ |v|·2/π for a 2-D sample shifted by v, reproducible from its seed, and ≥ 0', () => {
    // Each slice of a shifted copy is the 1-D sample shifted by ⟨θ, v⟩, so its W1 is |⟨θ, v⟩|
    // and the mean over uniform directions is |v|·E|cos φ| = |v|·2/π.
    const x = createRandom(52).fillNormal(new Float32Array(2 * 1000), 1);
    const v = [3, -4];
    const shifted = x.map((value, i) => value + v[i % 2]!);
    const value = slicedWasserstein(x, shifted, 2, 256, 7);
    const expected = (5 * 2) / Math.PI;
    // Stratified 2-D directions: over 200 seeds the worst error was < 0.1 %, so 1 % is safe
    // (i.i.d. directions have ≈ 3 % standard error at 256 and missed 5 % for 1 seed in 10).
    expect(Math.abs(value - expected) / expected).toBeLessThan(0.01);
    expect(slicedWasserstein(x, shifted, 2, 256, 7)).toBe(value);
    expect(slicedWasserstein(x, shifted, 2, 256, 8)).not.toBe(value);
    expect(slicedWasserstein(x, x, 2)).toBe(0);
    const y = createRandom(53).fillNormal(new Float32Array(2 * 400), 2);
    expect(slicedWasserstein(x, y, 2, 16, 3)).toBeGreaterThan(0);
  });

  it('is ≈ |v|/2 for a 3-D sample shifted by v (i.i.d. directions)', () => {
    // In 3-D, |cos φ| of a uniform direction is uniform on [0, 1], so the mean is |v|/2; with
    // 256 i.i.d. directions the standard error is ≈ 3.6 % of it.
    const x = createRandom(56).fillNormal(new Float32Array(3 * 300), 1);
    const shifted = x.map((value, i) => value + [2, 0, -1][i % 3]!);
    const expected = Math.sqrt(5) / 2;
    expect(Math.abs(slicedWasserstein(x, shifted, 3, 256, 1) - expected) / expected).toBeLessThan(
      0.1,
    );
  });

  it('works in higher dimension and validates its input', () => {
    const x = createRandom(54).fillNormal(new Float32Array(5 * 200), 1);
    const y = createRandom(55).fillNormal(new Float32Array(5 * 200), 1);
    expect(slicedWasserstein(x, y, 5)).toBeGreaterThanOrEqual(0);
    expect(slicedWasserstein(x, y, 5)).toBeLessThan(0.2);
    expect(() => slicedWasserstein(x, y, 5, 0)).toThrow();
    expect(() => slicedWasserstein(x, y, 3)).toThrow();
    expect(slicedWasserstein(Float32Array.of(Number.NaN, 0), Float32Array.of(0, 0), 2)).toBeNaN();
  });
});

describe('modeCoverage', () => {
  const ring = DATASETS['ring-8'];
  const modes = ring.modes!;
  const modeStd = ring.modeStd!;

  it('finds all 8 modes and a high-quality share > 0.95 in 2000 real ring samples', () => {
    const points = ring.sample(createRandom(60), 2000);
    const result = modeCoverage(points, 2, modes, modeStd);
    expect(result.modesCovered).toBe(8);
    expect(result.highQualityShare).toBeGreaterThan(0.95);
    expect(result.samplesPerMode).toHaveLength(8);
    // Each mode gets about 2000/8 = 250 samples.
    for (const count of result.samplesPerMode) expect(Math.abs(count - 250)).toBeLessThan(60);
    const total = result.samplesPerMode.reduce((a, b) => a + b, 0);
    expect(result.highQualityShare).toBe(total / 2000);
  });

  it('counts a collapsed generator as covering one mode', () => {
    const mode = modes[3]!;
    const points = new Float32Array(2 * 100);
    for (let i = 0; i < 100; i++) {
      points[2 * i] = mode[0]! + 0.01;
      points[2 * i + 1] = mode[1]!;
    }
    const result = modeCoverage(points, 2, modes, modeStd);
    expect(result.modesCovered).toBe(1);
    expect(result.highQualityShare).toBe(1);
    expect(result.samplesPerMode).toEqual([0, 0, 0, 100, 0, 0, 0, 0]);
  });

  it('counts points far from every mode, or between modes, as low quality', () => {
    // The origin is 2 away from every mode, far beyond 3σ = 0.15.
    const result = modeCoverage(new Float32Array(2 * 50), 2, modes, modeStd);
    expect(result.modesCovered).toBe(0);
    expect(result.highQualityShare).toBe(0);
    expect(result.samplesPerMode).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('treats NaN and infinite points as low quality but counts them in the share', () => {
    const mode = modes[0]!;
    const points = Float32Array.of(
      mode[0]!,
      mode[1]!,
      Number.NaN,
      0,
      Number.POSITIVE_INFINITY,
      0,
      mode[0]!,
      Number.NaN,
    );
    const result = modeCoverage(points, 2, modes, modeStd);
    expect(result.modesCovered).toBe(1);
    expect(result.highQualityShare).toBe(0.25);
    expect(result.samplesPerMode[0]).toBe(1);
  });

  it('counts three identical mixture means as one mode, covered by samples on it', () => {
    const data = resolveDataset('custom-mixture', {
      ...DEFAULT_DATA_PARAMS,
      mixtureMeans: [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      mixtureWeights: [],
    });
    const real = data.sample(createRandom(62), 400);
    const metrics = distributionMetrics(real, data.sample(createRandom(63), 400), 2, {
      kernelBandwidth: 0.5,
      modes: data.modes,
      modeStd: data.modeStd,
    });
    expect(metrics.modeCount).toBe(1);
    expect(metrics.modesCovered).toBe(1);
    const coverage = modeCoverage(real, 2, data.modes!, data.modeStd!);
    expect(coverage).toMatchObject({ modesCovered: 1, modeCount: 1 });
  });

  it('merges centres closer than the 3σ radius, in chains, and keeps separated ones apart', () => {
    // σ = 0.1: radius 0.3. 0 and 0.2 overlap, 0.2 and 0.4 too (a chain); 2 stands alone.
    const modes = [[0], [0.2], [0.4], [2]];
    expect(modeGroups(modes, 0.3 ** 2)).toEqual([0, 0, 0, 3]);
    const result = modeCoverage(Float32Array.of(0.4, 2), 1, modes, 0.1);
    expect(result).toMatchObject({ modesCovered: 2, modeCount: 2 });
    // Exactly 3σ apart is not closer than the radius: two modes.
    expect(modeGroups([[0], [0.5]], 0.25)).toEqual([0, 1]);
    // The ring's eight modes are far apart: eight, as its lessons claim.
    expect(modeCoverage(new Float32Array(2), 2, ring.modes!, ring.modeStd!).modeCount).toBe(8);
  });

  it('works in 1-D and validates its input', () => {
    const mixture = DATASETS['mixture-1d'];
    const points = mixture.sample(createRandom(61), 1000);
    const result = modeCoverage(points, 1, mixture.modes!, mixture.modeStd!);
    expect(result.modesCovered).toBe(2);
    expect(result.highQualityShare).toBeGreaterThan(0.99);
    expect(() => modeCoverage(points, 1, [[0, 0]], 1)).toThrow();
    expect(() => modeCoverage(points, 1, [], 1)).toThrow();
    expect(() => modeCoverage(points, 1, [[0]], 0)).toThrow();
  });
});

describe('gridDivergences', () => {
  it('is 0 for identical samples, with bounds the real range padded by 10 %', () => {
    const x = normalSample(70, 2000);
    const result = gridDivergences(x, x, 1);
    expect(result.kl).toBe(0);
    expect(result.js).toBe(0);
    expect(result.cells).toBe(50);
    const bounds = gridDivergences(Float32Array.of(0, 10, 4), Float32Array.of(1), 1).bounds;
    expect(bounds).toHaveLength(1);
    expect(bounds[0]![0]).toBeCloseTo(-1, 12);
    expect(bounds[0]![1]).toBeCloseTo(11, 12);
  });

  it('is small for two samples of one law and grows with the shift', () => {
    const x = normalSample(71, 2000);
    const same = gridDivergences(x, normalSample(72, 2000), 1);
    expect(same.js).toBeLessThan(0.02);
    const shifted = gridDivergences(x, normalSample(73, 2000, 1), 1);
    const further = gridDivergences(x, normalSample(74, 2000, 2), 1);
    expect(shifted.js).toBeGreaterThan(same.js + 0.05);
    expect(further.js).toBeGreaterThan(shifted.js);
    expect(further.kl).toBeGreaterThan(shifted.kl);
  });

  it('counts generated mass far outside the grid, so it scores JS ≈ ln 2 and a large KL', () => {
    const real = normalSample(75, 1000);
    const far = new Float32Array(1000).fill(1000);
    const result = gridDivergences(real, far, 1);
    expect(result.js).toBeGreaterThan(0.99 * Math.LN2);
    expect(result.js).toBeLessThanOrEqual(Math.LN2);
    // Disjoint supports: every real cell has generated mass ε only, so KL saturates at
    // Σ p ln(p/ε) = ln(1/ε) − H(p) ≈ 23.03 − (entropy of the 50-cell real histogram, ≈ 3.3).
    expect(result.kl).toBeGreaterThan(15);
    expect(result.kl).toBeLessThan(Math.log(1e10));
    expect(Number.isFinite(result.kl)).toBe(true);

    // Moving half of a good generator's points far away must make it look worse, not better
    // (dropping off-grid points, as GAN Lab does, would leave its score unchanged).
    const good = normalSample(76, 1000);
    const halfAway = good.map((v, i) => (i % 2 === 0 ? 1000 : v));
    const goodScore = gridDivergences(real, good, 1);
    const halfScore = gridDivergences(real, halfAway, 1);
    expect(halfScore.js).toBeGreaterThan(goodScore.js + 0.1);
    expect(halfScore.kl).toBeGreaterThan(goodScore.kl + 0.5);

    // Non-finite generated points land in the outside cell too.
    const nan = gridDivergences(real, new Float32Array(100).fill(Number.NaN), 1);
    expect(nan.js).toBeCloseTo(Math.LN2, 12);
  });

  it('keeps KL ≥ 0 and JS in [0, ln 2] across random pairs', () => {
    const random = createRandom(77);
    for (let trial = 0; trial < 30; trial++) {
      const real = random.fillNormal(new Float32Array(1 + random.int(300)), 1 + random.next());
      const generated = random.fillNormal(new Float32Array(1 + random.int(300)), 3 * random.next());
      const shift = 4 * random.next() - 2;
      for (let i = 0; i < generated.length; i++) generated[i]! += shift;
      const { kl, js } = gridDivergences(real, generated, 1, { cells: 1 + random.int(60) });
      expect(kl).toBeGreaterThanOrEqual(0);
      expect(js).toBeGreaterThanOrEqual(0);
      expect(js).toBeLessThanOrEqual(Math.LN2);
    }
  });

  it('works in 2-D: a collapsed ring generator scores far worse than a faithful one', () => {
    const ring = DATASETS['ring-8'];
    const real = ring.sample(createRandom(78), 2000);
    const faithful = gridDivergences(real, ring.sample(createRandom(79), 2000), 2);
    expect(faithful.cells).toBe(30);
    expect(faithful.bounds).toHaveLength(2);
    // The ring spans about [−2.15, 2.15] on each axis, padded by 10 % of its width.
    for (const [low, high] of faithful.bounds) {
      expect(low).toBeLessThan(-2.4);
      expect(high).toBeGreaterThan(2.4);
      expect(high - low).toBeLessThan(5.6);
    }
    // Everything on mode 0: JS = ½[⅛ ln(2/9) + ⅞ ln 2] + ½ ln(16/9) ≈ 0.497 if the binning of
    // mode 0 were identical; the real estimate is close to that.
    const collapsedPoints = ring.sample(createRandom(80), 2000);
    const mode = ring.modes![0]!;
    for (let i = 0; i < 2000; i++) {
      collapsedPoints[2 * i] =
        collapsedPoints[2 * i]! - Math.round(collapsedPoints[2 * i]!) + mode[0]!;
      collapsedPoints[2 * i + 1] =
        collapsedPoints[2 * i + 1]! - Math.round(collapsedPoints[2 * i + 1]!) + mode[1]!;
    }
    const collapsed = gridDivergences(real, collapsedPoints, 2);
    expect(faithful.js).toBeLessThan(0.05);
    expect(Math.abs(collapsed.js - 0.497)).toBeLessThan(0.05);
    expect(collapsed.kl).toBeGreaterThan(faithful.kl);
    expect(() => gridDivergences(real, real, 3)).toThrow();
    expect(() => gridDivergences(real, real, 2, { cells: 0 })).toThrow();
  });
});

describe('mmdWitness', () => {
  it('is positive near the real sample, negative near the generated one, 0 far away', () => {
    const real = new Float32Array([0, 0.1, -0.1]);
    const generated = new Float32Array([5, 5.1, 4.9]);
    const w = mmdWitness(new Float32Array([0, 5, 100]), real, generated, 1, 1);
    expect(w[0]).toBeGreaterThan(0.9);
    expect(w[1]).toBeLessThan(-0.9);
    expect(Math.abs(w[2] ?? 1)).toBeLessThan(1e-12);
  });

  it('matches the closed form in 2-D and its mean difference is the biased MMD²', () => {
    const real = new Float32Array([0, 0, 1, 0]);
    const generated = new Float32Array([0, 1]);
    const h = 0.7;
    const k = (a: number[], b: number[]) =>
      Math.exp(-((a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2) / (2 * h * h));
    const x = [0.5, 0.5];
    const expected = (k(x, [0, 0]) + k(x, [1, 0])) / 2 - k(x, [0, 1]);
    const [value] = mmdWitness(new Float32Array(x), real, generated, 2, h);
    expect(value).toBeCloseTo(expected, 6);
    // E_real f − E_generated f = biased (V-statistic) MMD².
    const onReal = mmdWitness(real, real, generated, 2, h);
    const onGenerated = mmdWitness(generated, real, generated, 2, h);
    const biased = (onReal[0]! + onReal[1]!) / 2 - onGenerated[0]!;
    const kxx = 1;
    const kyy = (1 + k([0, 0], [1, 0]) + k([1, 0], [0, 0]) + 1) / 4;
    const kxy = (k([0, 1], [0, 0]) + k([0, 1], [1, 0])) / 2;
    expect(biased).toBeCloseTo(kyy + kxx - 2 * kxy, 6);
  });
});

describe('kernel density estimate', () => {
  it("Silverman's bandwidth of a standard normal sample is ≈ 0.9 n^(−1/5)", () => {
    const n = 2000;
    const h = silvermanBandwidth(normalSample(3, n));
    expect(h).toBeGreaterThan(0.9 * n ** -0.2 * 0.9);
    expect(h).toBeLessThan(0.9 * n ** -0.2 * 1.1);
    expect(silvermanBandwidth([5])).toBe(1);
    expect(silvermanBandwidth([2, 2, 2])).toBe(1);
  });

  it('integrates to 1, peaks near the mode and matches the normal density', () => {
    const sample = normalSample(4, 4000);
    const at = Array.from({ length: 801 }, (_, i) => -8 + i * 0.02);
    const p = kernelDensity(sample, at, silvermanBandwidth(sample));
    const area = p.reduce((sum, v) => sum + v * 0.02, 0);
    expect(area).toBeCloseTo(1, 2);
    const atZero = p[400] ?? 0;
    expect(Math.abs(atZero - 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(0.03);
    // Non-finite values are ignored.
    const withJunk = kernelDensity([0, Number.NaN, Number.POSITIVE_INFINITY], [0], 1);
    expect(withJunk[0]).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 10);
  });
});
