/**
 * Sample-based distances between the generated and the real distribution, in plain
 * JavaScript on Float32Arrays (no tfjs), so they can run anywhere and never touch the
 * training backend.
 */

function assertSample(sample: Float32Array, dimension: number, what: string): number {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`dimension must be a positive integer, got ${dimension}`);
  }
  if (sample.length % dimension !== 0) {
    throw new Error(
      `${what} has ${sample.length} values, not a multiple of dimension ${dimension}`,
    );
  }
  return sample.length / dimension;
}

/** Σ_{i<j} k(a_i, a_j) over the points of one sample, with k(u, v) = exp(−‖u − v‖² · c). */
function sumWithin(a: Float32Array, count: number, dimension: number, c: number): number {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const oi = i * dimension;
    for (let j = i + 1; j < count; j++) {
      const oj = j * dimension;
      let squared = 0;
      for (let t = 0; t < dimension; t++) {
        const diff = a[oi + t]! - a[oj + t]!;
        squared += diff * diff;
      }
      total += Math.exp(-squared * c);
    }
  }
  return total;
}

/** Σ_{i, j} k(a_i, b_j) over all cross pairs, with k(u, v) = exp(−‖u − v‖² · c). */
function sumBetween(
  a: Float32Array,
  aCount: number,
  b: Float32Array,
  bCount: number,
  dimension: number,
  c: number,
): number {
  let total = 0;
  for (let i = 0; i < aCount; i++) {
    const oi = i * dimension;
    for (let j = 0; j < bCount; j++) {
      const oj = j * dimension;
      let squared = 0;
      for (let t = 0; t < dimension; t++) {
        const diff = a[oi + t]! - b[oj + t]!;
        squared += diff * diff;
      }
      total += Math.exp(-squared * c);
    }
  }
  return total;
}

/**
 * Unbiased estimate of the squared maximum mean discrepancy between the laws of two samples
 * (Gretton et al. 2012, "A Kernel Two-Sample Test", eq. 3), with the Gaussian kernel
 * k(a, b) = exp(−‖a − b‖² / (2h²)) of bandwidth h:
 *
 *   MMD²_u = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j)
 *            − 2/(mn) Σ_{i,j} k(x_i, y_j)
 *
 * The diagonal terms k(x_i, x_i) = 1 are left out, which removes the bias of the plug-in
 * estimate; the price is that the estimate can be slightly negative when both laws are equal.
 * It is returned as is, so that averages over runs stay unbiased.
 *
 * `x` and `y` are row-major (m × dimension and n × dimension), with m, n ≥ 2. Cost O((m+n)²·d).
 */
export function mmdSquared(
  x: Float32Array,
  y: Float32Array,
  dimension: number,
  bandwidth: number,
): number {
  const m = assertSample(x, dimension, 'x');
  const n = assertSample(y, dimension, 'y');
  if (m < 2 || n < 2)
    throw new Error(`mmdSquared needs at least 2 points per sample, got ${m} and ${n}`);
  if (!Number.isFinite(bandwidth) || bandwidth <= 0) {
    throw new Error(`bandwidth must be a positive finite number, got ${bandwidth}`);
  }
  const c = 1 / (2 * bandwidth * bandwidth);
  // The within-sample sums run over i < j only, so each counts half of Σ_{i≠j}.
  const xx = (2 * sumWithin(x, m, dimension, c)) / (m * (m - 1));
  const yy = (2 * sumWithin(y, n, dimension, c)) / (n * (n - 1));
  const xy = sumBetween(x, m, y, n, dimension, c) / (m * n);
  return xx + yy - 2 * xy;
}

/** Largest pooled sample the median heuristic looks at: 500 points → 124 750 pairs. */
const MEDIAN_HEURISTIC_MAX_POINTS = 500;

/**
 * Kernel bandwidth by the median heuristic (Gretton et al. 2012, §8): the median Euclidean
 * distance between distinct points of the pooled sample x ∪ y. It puts the kernel's length
 * scale at the typical spacing of the data, where MMD is sensitive. For cost, the pooled
 * sample is thinned deterministically (evenly strided) to at most 500 points.
 *
 * Returns 1 when the median distance is zero (e.g. a collapsed sample against itself),
 * since a zero bandwidth would make every kernel value 0 or NaN.
 */
export function medianBandwidth(x: Float32Array, y: Float32Array, dimension: number): number {
  const m = assertSample(x, dimension, 'x');
  const n = assertSample(y, dimension, 'y');
  const total = m + n;
  if (total < 2) throw new Error('medianBandwidth needs at least 2 points in all');

  const count = Math.min(total, MEDIAN_HEURISTIC_MAX_POINTS);
  const pooled = new Float64Array(count * dimension);
  for (let p = 0; p < count; p++) {
    // Evenly strided over the concatenation, so both samples are represented in proportion.
    const index = Math.floor((p * total) / count);
    const source = index < m ? x : y;
    const row = index < m ? index : index - m;
    for (let t = 0; t < dimension; t++) pooled[p * dimension + t] = source[row * dimension + t]!;
  }

  const distances = new Float64Array((count * (count - 1)) / 2);
  let k = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      let squared = 0;
      for (let t = 0; t < dimension; t++) {
        const diff = pooled[i * dimension + t]! - pooled[j * dimension + t]!;
        squared += diff * diff;
      }
      distances[k++] = Math.sqrt(squared);
    }
  }
  distances.sort();
  const half = distances.length >> 1;
  const median =
    distances.length % 2 === 1 ? distances[half]! : (distances[half - 1]! + distances[half]!) / 2;
  return median > 0 && Number.isFinite(median) ? median : 1;
}
