/**
 * The plotted region of a distribution view, shared by the worker (which evaluates the networks
 * over it) and the UI (which draws it). Pure: no tfjs, safe to import from the UI bundle.
 */

export type Interval = [number, number];

/**
 * The plotted range along one axis: the real data's range with a margin, widened to show
 * generated points that stray outside it, but never more than 3× (a diverging generator must not
 * shrink the real data to a dot).
 */
export function axisDomain(real: ArrayLike<number>, generated: ArrayLike<number>): Interval {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < real.length; i++) {
    const v = real[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return [lo - 1 || -1, hi + 1 || 1];
  const centre = (lo + hi) / 2;
  const half = ((hi - lo) / 2) * 1.25;
  let reach = half;
  for (let i = 0; i < generated.length; i++) {
    const v = generated[i] as number;
    if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v - centre) * 1.05);
  }
  reach = Math.min(reach, half * 3);
  return [centre - reach, centre + reach];
}

/** Coordinate `index` of row-major points. */
export function column(points: Float32Array, dimension: number, index: number): Float32Array {
  const out = new Float32Array(Math.floor(points.length / dimension));
  for (let i = 0; i < out.length; i++) out[i] = points[i * dimension + index] as number;
  return out;
}

/**
 * The region a distribution view shows: in 1-D the axis domain; in 2-D a square (one span for
 * both axes, so circles stay circles) around both axes' domains.
 */
export function plotDomain(
  real: Float32Array,
  generated: Float32Array,
  dimension: 1 | 2,
): Interval[] {
  if (dimension === 1) return [axisDomain(real, generated)];
  const dx = axisDomain(column(real, 2, 0), column(generated, 2, 0));
  const dy = axisDomain(column(real, 2, 1), column(generated, 2, 1));
  const half = Math.max(dx[1] - dx[0], dy[1] - dy[0]) / 2;
  const cx = (dx[0] + dx[1]) / 2;
  const cy = (dy[0] + dy[1]) / 2;
  return [
    [cx - half, cx + half],
    [cy - half, cy + half],
  ];
}
