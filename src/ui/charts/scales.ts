/**
 * The value (y) scales of the line charts: linear, logarithmic, or "signed logarithmic" (d3's
 * symlog, for log views of losses that go negative, as the Wasserstein and hinge objectives'),
 * each with ticks a reader can take in at a glance (powers of ten on the log scales, not d3's nine
 * ticks per decade).
 */
import { extent, type ScaleContinuousNumeric, scaleLinear, scaleLog, scaleSymlog } from 'd3';

export type ValueScaleKind = 'linear' | 'log';

export interface ValueScale {
  scale: ScaleContinuousNumeric<number, number>;
  domain: [number, number];
  ticks: number[];
  /** The value drawn for `v` (log scales cannot draw v ≤ 0: it goes to the floor). */
  clamp: (value: number) => number;
  /** 'symlog' where a log view was asked for but values are ≤ 0. */
  kind: 'linear' | 'log' | 'symlog';
}

/** Powers of ten in [lo, hi] (lo > 0); with fewer than three, the 2× and 5× steps too. */
export function logTicks(lo: number, hi: number): number[] {
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const powers: number[] = [];
  for (let k = first; k <= last; k++) powers.push(10 ** k);
  const decades = powers.filter(inside);
  if (decades.length >= 3) return decades;
  return powers.flatMap((p) => [p, 2 * p, 5 * p]).filter(inside);
}

/** 0 and ±10^k between `constant` and the domain's reach, inside [lo, hi]. */
export function signedLogTicks(lo: number, hi: number, constant: number): number[] {
  const reach = Math.max(Math.abs(lo), Math.abs(hi));
  const ticks = [0];
  for (let k = Math.ceil(Math.log10(constant)); 10 ** k <= reach * (1 + 1e-9); k++) {
    ticks.push(10 ** k, -(10 ** k));
  }
  return ticks.filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
}

/**
 * A y scale onto [height, 0] for the finite `values`. `fixed` pins the domain (e.g. [0, 1] for
 * probabilities); otherwise it is the values' extent with a margin, zero included on a linear
 * scale so that small changes do not look large.
 */
export function valueScale(
  values: readonly number[],
  kind: ValueScaleKind,
  height: number,
  fixed?: readonly [number, number],
): ValueScale {
  const finite = values.filter(Number.isFinite);
  if (kind === 'log') {
    const positive = finite.filter((v) => v > 0);
    if (finite.length === positive.length) {
      const [lo = 1e-4, hi = 1] = extent(positive);
      const floor = Math.max(lo, 1e-8);
      const scale = scaleLog([floor, Math.max(hi, floor * 10)], [height, 0]).nice();
      const domain = scale.domain() as [number, number];
      return {
        scale,
        domain,
        ticks: logTicks(domain[0], domain[1]),
        clamp: (v) => Math.max(v, domain[0]),
        kind: 'log',
      };
    }
    // Values ≤ 0: a signed log scale, linear within ±constant (the smallest magnitude's decade).
    const magnitudes = finite.map(Math.abs).filter((v) => v > 0);
    const smallest = magnitudes.length > 0 ? Math.min(...magnitudes) : 1;
    const constant = 10 ** Math.floor(Math.log10(Math.max(smallest, 1e-6)));
    const [lo = -1, hi = 1] = extent(finite);
    const domain: [number, number] = [Math.min(lo, 0), Math.max(hi, 0)];
    const scale = scaleSymlog(domain, [height, 0]).constant(constant);
    return {
      scale,
      domain,
      ticks: signedLogTicks(domain[0], domain[1], constant),
      clamp: (v) => v,
      kind: 'symlog',
    };
  }
  let domain: [number, number];
  if (fixed !== undefined) {
    domain = [fixed[0], fixed[1]];
  } else {
    const [lo = 0, hi = 1] = extent(finite);
    const pad = (hi - lo) * 0.05 || 0.5;
    domain = [Math.min(0, lo - pad), hi + pad];
  }
  const scale = scaleLinear(domain, [height, 0]);
  if (fixed === undefined) scale.nice();
  return {
    scale,
    domain: scale.domain() as [number, number],
    ticks: scale.ticks(5),
    clamp: (v) => v,
    kind: 'linear',
  };
}

/**
 * The right end of the step axis the curves share: the last iteration rounded up to a tenth of
 * its power of ten (1 234 → 1 300), so the axis moves about once a second instead of with every
 * snapshot, and charts whose data did not change need not redraw; at most 10 % stays empty.
 */
export function stepAxisEnd(lastIteration: number): number {
  if (lastIteration <= 10) return 10;
  const step = 10 ** Math.floor(Math.log10(lastIteration)) / 10;
  return Math.ceil(lastIteration / step) * step;
}
