import { describe, expect, it } from 'vitest';
import { logTicks, signedLogTicks, stepAxisEnd, valueScale } from '../../src/ui/charts/scales';

describe('value scales of the line charts', () => {
  it('log ticks are powers of ten over several decades, with 2 and 5 over fewer', () => {
    expect(logTicks(0.001, 10)).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks(1, 10)).toEqual([1, 2, 5, 10]);
  });

  it('signed-log ticks are 0 and ±10^k from the constant to the reach', () => {
    expect(signedLogTicks(-20, 150, 1)).toEqual([-10, -1, 0, 1, 10, 100]);
  });

  it('a log view of positive values is logarithmic; with values ≤ 0 it becomes symlog', () => {
    const positive = valueScale([0.01, 0.5, 3], 'log', 100);
    expect(positive.kind).toBe('log');
    expect(positive.scale(positive.domain[0])).toBeCloseTo(100);
    expect(positive.clamp(0)).toBe(positive.domain[0]);

    const signed = valueScale([-5, -0.2, 0.3, 12], 'log', 100);
    expect(signed.kind).toBe('symlog');
    expect(signed.domain).toEqual([-5, 12]);
    expect(signed.ticks).toContain(0);
    expect(signed.ticks).toContain(-1);
    expect(signed.ticks).toContain(10);
    // Monotone and finite everywhere, 0 included.
    const ys = [-5, -1, 0, 1, 12].map(signed.scale);
    expect(ys.every((y, i) => i === 0 || y < (ys[i - 1] ?? 0))).toBe(true);
  });

  it('a linear view includes 0 with a margin, unless the domain is pinned', () => {
    const free = valueScale([0.6, 0.7], 'linear', 100);
    expect(free.domain[0]).toBeLessThanOrEqual(0);
    expect(free.domain[1]).toBeGreaterThanOrEqual(0.7);
    const pinned = valueScale([0.6, 0.7], 'linear', 100, [0, 1]);
    expect(pinned.domain).toEqual([0, 1]);
    expect(pinned.scale(0.5)).toBe(50);
  });

  it('ignores non-finite values', () => {
    const scale = valueScale([Number.NaN, 1, Number.POSITIVE_INFINITY, 4], 'log', 100);
    expect(scale.kind).toBe('log');
    expect(Number.isFinite(scale.domain[1])).toBe(true);
  });
});

describe('stepAxisEnd', () => {
  it('rounds up to a tenth of the power of ten, leaving at most 10 % empty', () => {
    expect(stepAxisEnd(0)).toBe(10);
    expect(stepAxisEnd(1234)).toBe(1300);
    expect(stepAxisEnd(999)).toBe(1000);
    expect(stepAxisEnd(1000)).toBe(1000);
    expect(stepAxisEnd(1001)).toBe(1100);
    for (let last = 11; last < 100_000; last = Math.ceil(last * 1.37)) {
      const end = stepAxisEnd(last);
      expect(end).toBeGreaterThanOrEqual(last);
      expect(end).toBeLessThanOrEqual(last * 1.1 + 1e-9);
    }
  });
});
