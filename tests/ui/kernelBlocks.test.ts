import { describe, expect, it } from 'vitest';
import { mmdSquared } from '../../src/engine/metrics';
import {
  blockMeans,
  formatKernelValue,
  gaussianKernel,
  kernelMatrix,
  parseKernelValue,
} from '../../src/ui/charts/kernelBlocks';

/** A deterministic sample of `count` points in `dim` dimensions (a small LCG, no Math.random). */
function sample(count: number, dim: number, seed: number, shift = 0): Float32Array {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  return Float32Array.from({ length: count * dim }, () => (next() - 0.5) * 3 + shift);
}

describe('the kernel view: the kernel matrix and its blocks', () => {
  it('the three block means add up to the unbiased MMD² the curve reports', () => {
    for (const dim of [1, 2] as const) {
      for (const h of [0.2, 0.5, 2]) {
        const real = sample(40, dim, 7 + dim);
        const generated = sample(40, dim, 99 + dim, 0.4);
        const means = blockMeans(kernelMatrix(real, generated, 40, dim, h));
        expect(means).not.toBeNull();
        if (means === null) return;
        const decomposed = means.realReal + means.generatedGenerated - 2 * means.realGenerated;
        expect(means.mmdSquared).toBe(decomposed);
        // The engine's estimate (src/engine/metrics.ts) over the same points.
        expect(means.mmdSquared).toBeCloseTo(mmdSquared(generated, real, dim, h), 12);
      }
    }
  });

  it('leaves the diagonal out of the within-sample means (not the plug-in estimate)', () => {
    // Two points per sample, 1 apart; h = 1: off-diagonal k = exp(−1/2), diagonal k = 1.
    const real = Float32Array.from([0, 1]);
    const generated = Float32Array.from([0, 1]);
    const means = blockMeans(kernelMatrix(real, generated, 2, 1, 1));
    const off = Math.exp(-0.5);
    expect(means?.realReal).toBeCloseTo(off, 12);
    expect(means?.generatedGenerated).toBeCloseTo(off, 12);
    // The cross block is taken in full: (1 + 1 + off + off) / 4.
    expect(means?.realGenerated).toBeCloseTo((2 + 2 * off) / 4, 12);
    // Equal samples: the unbiased estimate is slightly negative, as the engine's is.
    expect(means?.mmdSquared).toBeLessThan(0);
    expect(means?.mmdSquared).toBeCloseTo(mmdSquared(generated, real, 1, 1), 12);
  });

  it('is symmetric, with k = 1 on the diagonal, and each sample sorted into blocks', () => {
    const real = sample(16, 2, 3);
    const generated = sample(16, 2, 4, 5);
    const { count, values } = kernelMatrix(real, generated, 16, 2, 0.5);
    const n = 2 * count;
    expect(values).toHaveLength(n * n);
    for (let r = 0; r < n; r++) {
      expect(values[r * n + r]).toBe(1);
      for (let c = 0; c < n; c++) expect(values[r * n + c]).toBe(values[c * n + r]);
    }
    // Far-apart samples: the cross blocks are near zero.
    const means = blockMeans({ count, values });
    expect(means?.realGenerated).toBeLessThan(1e-6);
  });

  it('gives no means with fewer than two points per sample', () => {
    const one = Float32Array.from([0.5, 0.5]);
    expect(blockMeans(kernelMatrix(one, one, 1, 2, 1))).toBeNull();
  });

  it('the kernel is exp(−‖a − b‖² / 2h²)', () => {
    const a = Float32Array.from([0, 0]);
    const b = Float32Array.from([3, 4]);
    expect(gaussianKernel(a, 0, b, 0, 2, 5)).toBeCloseTo(Math.exp(-25 / 50), 12);
  });

  it('formats the shown numbers with fixed decimals and a true minus, and reads them back', () => {
    expect(formatKernelValue(0.41234)).toBe('0.412');
    expect(formatKernelValue(-0.0123)).toBe('−0.012');
    expect(formatKernelValue(-0.0001)).toBe('0.000');
    expect(formatKernelValue(Number.NaN)).toBe('—');
    expect(parseKernelValue('−0.012')).toBe(-0.012);
  });
});
