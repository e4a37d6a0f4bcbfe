/**
 * The kernel view's numbers, in plain TypeScript (no tfjs, no DOM): the Gaussian kernel matrix
 * of a batch of [real; generated] points and the means of its three blocks, which add up to the
 * batch's MMD² exactly as the MMD² curve's estimate does (src/engine/metrics.ts, `mmdSquared`).
 */

/** exp(−‖a_i − b_j‖² / 2h²) between row i of `a` and row j of `b` (row-major, `dim` columns). */
export function gaussianKernel(
  a: Float32Array,
  i: number,
  b: Float32Array,
  j: number,
  dim: number,
  h: number,
): number {
  let squared = 0;
  for (let c = 0; c < dim; c++) {
    const diff = (a[i * dim + c] ?? Number.NaN) - (b[j * dim + c] ?? Number.NaN);
    squared += diff * diff;
  }
  return Math.exp(-squared / (2 * h * h));
}

/**
 * The first `count` points' indices, sorted so that neighbours sit together and clusters show as
 * blocks: by x in 1-D, by angle around the points' centre in 2-D (rings, mixtures on a circle).
 */
export function orderForBlocks(points: Float32Array, count: number, dim: number): number[] {
  const indices = Array.from({ length: count }, (_, i) => i);
  if (dim === 1) return indices.sort((a, b) => (points[a] ?? 0) - (points[b] ?? 0));
  let cx = 0;
  let cy = 0;
  for (const i of indices) {
    cx += (points[2 * i] ?? 0) / count;
    cy += (points[2 * i + 1] ?? 0) / count;
  }
  const angle = (i: number) => Math.atan2((points[2 * i + 1] ?? 0) - cy, (points[2 * i] ?? 0) - cx);
  return indices.sort((a, b) => angle(a) - angle(b));
}

/** The kernel between every pair of a batch of `count` real then `count` generated points. */
export interface KernelMatrix {
  /** Points of each sample: the matrix is 2·count × 2·count, the real points first. */
  count: number;
  /** k(row, column), row-major; each sample's points sorted by `orderForBlocks`. */
  values: Float64Array;
}

/** The matrix of the first `count` points of each sample (count ≤ each sample's size). */
export function kernelMatrix(
  real: Float32Array,
  generated: Float32Array,
  count: number,
  dim: number,
  h: number,
): KernelMatrix {
  const n = 2 * count;
  const values = new Float64Array(n * n);
  const realOrder = orderForBlocks(real, count, dim);
  const generatedOrder = orderForBlocks(generated, count, dim);
  const point = (index: number): [Float32Array, number] =>
    index < count ? [real, realOrder[index] ?? 0] : [generated, generatedOrder[index - count] ?? 0];
  for (let r = 0; r < n; r++) {
    const [a, i] = point(r);
    // Symmetric: compute the upper triangle and mirror it.
    for (let c = r; c < n; c++) {
      const [b, j] = point(c);
      const value = gaussianKernel(a, i, b, j, dim, h);
      values[r * n + c] = value;
      values[c * n + r] = value;
    }
  }
  return { count, values };
}

/** The three blocks' mean kernel values and the MMD² they make. */
export interface BlockMeans {
  /** Points of each sample. */
  count: number;
  /** Mean k(real, real) off the diagonal: the k(x, x) = 1 terms are left out (unbiased). */
  realReal: number;
  /** Mean k(generated, generated) off the diagonal. */
  generatedGenerated: number;
  /** Mean k(real, generated) over all count² pairs (each off-diagonal block holds it once). */
  realGenerated: number;
  /** realReal + generatedGenerated − 2·realGenerated: the unbiased MMD² of this batch. */
  mmdSquared: number;
}

/**
 * The block means of a kernel matrix, as the unbiased MMD² estimate takes them (Gretton et al.
 * 2012, eq. 3): within-sample blocks without their diagonal, the cross block in full. Null with
 * fewer than 2 points per sample (an off-diagonal mean needs two).
 */
export function blockMeans({ count, values }: KernelMatrix): BlockMeans | null {
  if (count < 2) return null;
  const n = 2 * count;
  let realReal = 0;
  let generatedGenerated = 0;
  let realGenerated = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (r === c) continue;
      const value = values[r * n + c] ?? Number.NaN;
      if (r < count && c < count) realReal += value;
      else if (r >= count && c >= count) generatedGenerated += value;
      else if (r < count) realGenerated += value;
    }
  }
  const within = count * (count - 1);
  const means = {
    realReal: realReal / within,
    generatedGenerated: generatedGenerated / within,
    realGenerated: realGenerated / (count * count),
  };
  return {
    count,
    ...means,
    mmdSquared: means.realReal + means.generatedGenerated - 2 * means.realGenerated,
  };
}

/** Decimals of every number in the decomposition, so that the shown terms visibly add up. */
export const DECOMPOSITION_DECIMALS = 3;

/** A mean or an MMD² as the view shows it: fixed decimals, a true minus sign. */
export function formatKernelValue(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = value.toFixed(DECOMPOSITION_DECIMALS);
  // −0.000 reads as a sign error; a rounded zero is 0.000.
  if (Number(text) === 0) return (0).toFixed(DECOMPOSITION_DECIMALS);
  return text.replace('-', '−');
}

/** A shown value read back as a number (for tests and the page's data attributes). */
export function parseKernelValue(text: string): number {
  return Number(text.trim().replace('−', '-'));
}
