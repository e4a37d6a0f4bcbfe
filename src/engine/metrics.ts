/**
 * Sample-based distances between the generated and the real distribution, in plain
 * JavaScript on Float32Arrays (no tfjs), so they can run anywhere and never touch the
 * training backend.
 *
 * They also run in the UI worker at snapshot time, so every function is at worst
 * O(n log n) per projection or O(n²) in the sample size, and a few milliseconds for n ≈ 2000.
 * Internal arithmetic is in float64: the inputs are float32, but sums over thousands of terms
 * would lose digits in float32.
 */
import { modeGroups } from './modeGroups';
import { createRandom } from './random';

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

/**
 * Σ_h exp(−‖u − v‖² · c_h) for one squared distance: the mixture of Gaussian kernels.
 * Starting from 0 and adding, a single coefficient gives exactly exp(−‖u − v‖² · c), so the
 * one-bandwidth result is bit-for-bit what it was before mixtures were supported.
 */
function kernel(squared: number, coefficients: Float64Array): number {
  let value = 0;
  for (let h = 0; h < coefficients.length; h++) value += Math.exp(-squared * coefficients[h]!);
  return value;
}

/** Σ_{i<j} k(a_i, a_j) over the points of one sample, with k the mixture of `kernel`. */
function sumWithin(
  a: Float32Array,
  count: number,
  dimension: number,
  coefficients: Float64Array,
): number {
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
      total += kernel(squared, coefficients);
    }
  }
  return total;
}

/** Σ_{i, j} k(a_i, b_j) over all cross pairs, with k the mixture of `kernel`. */
function sumBetween(
  a: Float32Array,
  aCount: number,
  b: Float32Array,
  bCount: number,
  dimension: number,
  coefficients: Float64Array,
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
      total += kernel(squared, coefficients);
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
 * `bandwidth` may be a list [h_1, …, h_H]: the kernel is then the mixture
 * k(a, b) = Σ_h exp(−‖a − b‖² / (2h_h²)), as in Li, Swersky & Zemel 2015 ("Generative Moment
 * Matching Networks", §3), which stays sensitive across length scales without picking one.
 * MMD² is linear in the kernel, so this equals Σ_h MMD²(h); it is computed in one pass, reusing
 * each pairwise distance for every bandwidth.
 *
 * `x` and `y` are row-major (m × dimension and n × dimension), with m, n ≥ 2.
 * Cost O((m+n)²·(d + H)).
 */
export function mmdSquared(
  x: Float32Array,
  y: Float32Array,
  dimension: number,
  bandwidth: number | readonly number[],
): number {
  const m = assertSample(x, dimension, 'x');
  const n = assertSample(y, dimension, 'y');
  if (m < 2 || n < 2)
    throw new Error(`mmdSquared needs at least 2 points per sample, got ${m} and ${n}`);
  const bandwidths = typeof bandwidth === 'number' ? [bandwidth] : bandwidth;
  if (bandwidths.length === 0) throw new Error('mmdSquared needs at least one bandwidth');
  const coefficients = new Float64Array(bandwidths.length);
  for (const [h, value] of bandwidths.entries()) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`bandwidth must be a positive finite number, got ${value}`);
    }
    coefficients[h] = 1 / (2 * value * value);
  }
  // The within-sample sums run over i < j only, so each counts half of Σ_{i≠j}.
  const xx = (2 * sumWithin(x, m, dimension, coefficients)) / (m * (m - 1));
  const yy = (2 * sumWithin(y, n, dimension, coefficients)) / (n * (n - 1));
  const xy = sumBetween(x, m, y, n, dimension, coefficients) / (m * n);
  return xx + yy - 2 * xy;
}

/** Largest pooled sample the median heuristic looks at: 256 points → 32 640 pairs (a few ms). */
const MEDIAN_HEURISTIC_MAX_POINTS = 256;

/**
 * The MMD witness function of the Gaussian kernel k(u, v) = exp(−‖u − v‖² / 2h²) at each of
 * `points` (row-major, `dimension` columns):
 *   f(x) = (1/n) Σ_j k(x, y_j) − (1/m) Σ_i k(x, x_i),   y = real, x_i = generated,
 * the function whose mean difference between the two samples is MMD² (Gretton et al. 2012,
 * §2.3): positive where the kernel sees more real than generated mass, negative where it sees
 * more generated. Plain loops: the worker calls it on a few thousand grid points.
 */
export function mmdWitness(
  points: Float32Array,
  real: Float32Array,
  generated: Float32Array,
  dimension: number,
  h: number,
): Float32Array {
  const inv = -1 / (2 * h * h);
  const count = Math.floor(points.length / dimension);
  const n = Math.floor(real.length / dimension);
  const m = Math.floor(generated.length / dimension);
  const out = new Float32Array(count);
  const meanKernel = (p: number, sample: Float32Array, size: number): number => {
    if (size === 0) return 0;
    let total = 0;
    for (let j = 0; j < size; j++) {
      let d2 = 0;
      for (let c = 0; c < dimension; c++) {
        const diff = (points[p * dimension + c] as number) - (sample[j * dimension + c] as number);
        d2 += diff * diff;
      }
      total += Math.exp(d2 * inv);
    }
    return total / size;
  };
  for (let p = 0; p < count; p++) out[p] = meanKernel(p, real, n) - meanKernel(p, generated, m);
  return out;
}

/**
 * The MMD witness (see {@link mmdWitness}) at the cell centres of a regular grid over `domain`
 * (`resolution` cells per axis, row-major from the low corner, the last axis varying slowest: the
 * layout of the trainer's `regularGrid`). The Gaussian kernel factorises over axes,
 * k(x, y) = Π_a exp(−(x_a − y_a)² / 2h²), so each axis needs only resolution × points
 * exponentials and the grid values are sums of products: for 48² cells and 256 points, 25 k
 * exponentials instead of 590 k.
 */
export function mmdWitnessOnGrid(
  domain: readonly (readonly [number, number])[],
  resolution: number,
  real: Float32Array,
  generated: Float32Array,
  h: number,
): Float32Array {
  const dimension = domain.length;
  const n = Math.floor(real.length / dimension);
  const m = Math.floor(generated.length / dimension);
  const points = n + m;
  const inv = -1 / (2 * h * h);
  // factors[a][s * resolution + cell] = exp(−(centre − s_a)² / 2h²), the sign and weight of each
  // point (+1/n real, −1/m generated) folded into the first axis.
  const factors = domain.map(([lo, hi], axis) => {
    const table = new Float64Array(points * resolution);
    for (let s = 0; s < points; s++) {
      const value = (
        s < n ? real[s * dimension + axis] : generated[(s - n) * dimension + axis]
      ) as number;
      const weight = axis > 0 ? 1 : s < n ? 1 / n : -1 / m;
      for (let cell = 0; cell < resolution; cell++) {
        const diff = lo + ((cell + 0.5) / resolution) * (hi - lo) - value;
        table[s * resolution + cell] = weight * Math.exp(diff * diff * inv);
      }
    }
    return table;
  });
  const first = factors[0] ?? new Float64Array();
  const total = new Float64Array(resolution ** dimension);
  if (dimension === 1) {
    for (let s = 0; s < points; s++) {
      for (let i = 0; i < resolution; i++) {
        total[i] = (total[i] as number) + (first[s * resolution + i] as number);
      }
    }
  } else if (dimension === 2) {
    const second = factors[1] ?? new Float64Array();
    for (let s = 0; s < points; s++) {
      const row = s * resolution;
      for (let j = 0; j < resolution; j++) {
        const b = second[row + j] as number;
        // The kernel is local: rows where this point's factor underflows add nothing.
        if (b < 1e-300) continue;
        const base = j * resolution;
        for (let i = 0; i < resolution; i++) {
          total[base + i] = (total[base + i] as number) + (first[row + i] as number) * b;
        }
      }
    }
  } else {
    throw new Error(`mmdWitnessOnGrid: dimension ${dimension} not supported`);
  }
  return Float32Array.from(total);
}

/**
 * Silverman's rule-of-thumb bandwidth for a Gaussian kernel density estimate of a 1-D sample
 * (Silverman 1986, eq. 3.31): 0.9 · min(std, IQR / 1.34) · n^(−1/5), ignoring non-finite values;
 * 1 for fewer than two finite values or no spread.
 */
export function silvermanBandwidth(values: ArrayLike<number>): number {
  const finite = Array.from(values).filter(Number.isFinite);
  const n = finite.length;
  if (n < 2) return 1;
  finite.sort((a, b) => a - b);
  const mean = finite.reduce((sum, v) => sum + v, 0) / n;
  const std = Math.sqrt(finite.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  const quantile = (q: number): number => {
    const position = (n - 1) * q;
    const below = Math.floor(position);
    const low = finite[below] as number;
    return low + ((finite[Math.min(n - 1, below + 1)] as number) - low) * (position - below);
  };
  const iqr = quantile(0.75) - quantile(0.25);
  const spread = iqr > 0 ? Math.min(std, iqr / 1.34) : std;
  const h = 0.9 * spread * n ** -0.2;
  return h > 0 && Number.isFinite(h) ? h : 1;
}

/**
 * Gaussian kernel density estimate of a 1-D sample at each of `at`:
 * p̂(x) = (1 / n h √(2π)) Σ_i exp(−(x − x_i)² / 2h²), over the finite values (0 for none).
 */
export function kernelDensity(
  values: ArrayLike<number>,
  at: ArrayLike<number>,
  h: number,
): Float64Array {
  const finite = Array.from(values).filter(Number.isFinite);
  const out = new Float64Array(at.length);
  if (finite.length === 0) return out;
  const norm = 1 / (finite.length * h * Math.sqrt(2 * Math.PI));
  const inv = -1 / (2 * h * h);
  for (let k = 0; k < at.length; k++) {
    const x = at[k] as number;
    let total = 0;
    for (const v of finite) total += Math.exp((x - v) * (x - v) * inv);
    out[k] = total * norm;
  }
  return out;
}

/**
 * Kernel bandwidth by the median heuristic (Gretton et al. 2012, §8): the median Euclidean
 * distance between distinct points of the pooled sample x ∪ y. It puts the kernel's length
 * scale at the typical spacing of the data, where MMD is sensitive. For cost, the pooled
 * sample is thinned deterministically (evenly strided) to at most 256 points.
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

/** True when every value is finite (no NaN, no ±∞). */
function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** True when some value is NaN. */
function hasNaN(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) return true;
  return false;
}

/** An ascending float64 copy; the caller's array is never reordered. */
function sortedCopy(values: Float32Array): Float64Array {
  // Typed-array sort compares numerically (not as strings, unlike Array#sort's default).
  return Float64Array.from(values).sort();
}

/**
 * ∫|F_a − F_b| dt for two ascending, finite, non-empty samples, by one merge pass: between
 * consecutive distinct values of the union the empirical CDFs are the constants i/m and j/n.
 * |i/m − j/n| is kept as the integer |i·n − j·m| and divided by m·n once at the end, so a
 * sample shifted by c gives exactly |c| up to the rounding of the shifts themselves.
 */
function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const m = a.length;
  const n = b.length;
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0]!, b[0]!);
  let total = 0;
  while (i < m || j < n) {
    const av = i < m ? a[i]! : Number.POSITIVE_INFINITY;
    const bv = j < n ? b[j]! : Number.POSITIVE_INFINITY;
    const value = av < bv ? av : bv;
    total += Math.abs(i * n - j * m) * (value - previous);
    while (i < m && a[i] === value) i++;
    while (j < n && b[j] === value) j++;
    previous = value;
  }
  return total / (m * n);
}

/**
 * Exact 1-Wasserstein (earth mover's) distance between the empirical distributions of two
 * 1-D samples, of possibly different sizes m and n:
 *
 *   W1(F_x, F_y) = ∫ |F_x(t) − F_y(t)| dt
 *
 * (Vallender 1973, "Calculation of the Wasserstein distance between probability distributions
 * on the line"). The integrand is piecewise constant between the points of the merged sorted
 * samples, so the integral is a finite sum. Cost O((m + n) log(m + n)) for sorting copies; the
 * inputs are left untouched.
 *
 * Unlike a histogram distance it needs no binning and stays informative when the supports do
 * not overlap (it grows with the distance between them), which is why it is the natural
 * yardstick for a 1-D generator. Returns NaN when a value is not finite (a diverged generator),
 * since the distance is then undefined or infinite.
 */
export function wasserstein1(x: Float32Array, y: Float32Array): number {
  if (x.length === 0 || y.length === 0) {
    throw new Error(`wasserstein1 needs non-empty samples, got ${x.length} and ${y.length}`);
  }
  if (!allFinite(x) || !allFinite(y)) return Number.NaN;
  return wassersteinSorted(sortedCopy(x), sortedCopy(y));
}

/**
 * Two-sample Kolmogorov–Smirnov statistic (Kolmogorov 1933; Smirnov 1948):
 *
 *   D = sup_t |F_x(t) − F_y(t)|  ∈ [0, 1]
 *
 * with F_x, F_y the empirical CDFs (right-continuous, F(t) = #{x_i ≤ t}/m). The supremum is
 * attained at a sample point, so one merge pass over sorted copies finds it. Ties matter: at a
 * value v shared by both samples, both CDFs jump at once, so the walk advances through every
 * copy of v in BOTH samples before comparing; comparing half-way would report a gap that the
 * CDFs never have. Cost O((m + n) log(m + n)).
 *
 * Only the order of the values is used, so ±∞ are ordinary extreme values; NaN (which has no
 * order) makes the result NaN.
 */
export function ksStatistic(x: Float32Array, y: Float32Array): number {
  if (x.length === 0 || y.length === 0) {
    throw new Error(`ksStatistic needs non-empty samples, got ${x.length} and ${y.length}`);
  }
  if (hasNaN(x) || hasNaN(y)) return Number.NaN;
  const a = sortedCopy(x);
  const b = sortedCopy(y);
  const m = a.length;
  const n = b.length;
  let i = 0;
  let j = 0;
  let largest = 0;
  // Once one sample is exhausted its CDF is 1 and the other's only climbs towards 1, so the
  // gap only shrinks: the loop can stop there.
  while (i < m && j < n) {
    const value = a[i]! < b[j]! ? a[i]! : b[j]!;
    while (i < m && a[i] === value) i++;
    while (j < n && b[j] === value) j++;
    // |i/m − j/n| as an integer numerator, exact in float64.
    const gap = Math.abs(i * n - j * m);
    if (gap > largest) largest = gap;
  }
  return largest / (m * n);
}

/**
 * Sliced 1-Wasserstein distance (Rabin et al. 2011, "Wasserstein Barycenter and its Application
 * to Texture Mixing"; Deshpande, Zhang & Schwing 2018, "Generative Modeling using the Sliced
 * Wasserstein Distance"), estimated by Monte Carlo over L random directions:
 *
 *   SW1(x, y) ≈ (1/L) Σ_{l=1..L} W1(⟨θ_l, x⟩, ⟨θ_l, y⟩),   θ_l uniform on the unit sphere S^{d−1}
 *
 * Each slice is an exact 1-D W1 (`wasserstein1`), so the cost is O(L·(m + n)·(d + log(m + n)))
 * instead of the cubic cost of exact optimal transport in d dimensions (about 20 ms for
 * L = 64 and m = n = 2000, nearly all of it sorting). The directions come from
 * `createRandom(seed)`, so a fixed seed gives the same directions at every snapshot and the
 * curve over training is not jittered by a change of directions.
 *
 * In 2-D the directions are stratified: θ_l = (cos φ_l, sin φ_l) with φ_l = π(l + U_l)/L and
 * U_l uniform in [0, 1). Each θ_l is still uniform on the half circle, which is all that
 * matters since W1 is the same along θ and −θ, so the estimate stays unbiased; but its Monte
 * Carlo error falls from O(L^{−1/2}) (≈ 3 % of the value at L = 256 with i.i.d. directions)
 * to O(L^{−3/2}). In d ≥ 3 they are i.i.d. normalised standard-normal vectors, uniform on the
 * sphere by rotational symmetry.
 *
 * For dimension 1 the only directions are ±1 and W1 is invariant under x ↦ −x, so the value is
 * exactly `wasserstein1(x, y)`, returned without projecting. Returns NaN when a value is not
 * finite, as `wasserstein1` does.
 */
export function slicedWasserstein(
  x: Float32Array,
  y: Float32Array,
  dimension: number,
  projections = 64,
  seed = 0,
): number {
  const m = assertSample(x, dimension, 'x');
  const n = assertSample(y, dimension, 'y');
  if (m === 0 || n === 0) {
    throw new Error(`slicedWasserstein needs non-empty samples, got ${m} and ${n} points`);
  }
  if (!Number.isInteger(projections) || projections < 1) {
    throw new Error(`projections must be a positive integer, got ${projections}`);
  }
  if (dimension === 1) return wasserstein1(x, y);
  if (!allFinite(x) || !allFinite(y)) return Number.NaN;

  const random = createRandom(seed);
  const direction = new Float64Array(dimension);
  const a = new Float64Array(m);
  const b = new Float64Array(n);
  let total = 0;
  for (let l = 0; l < projections; l++) {
    if (dimension === 2) {
      const angle = (Math.PI * (l + random.next())) / projections;
      direction[0] = Math.cos(angle);
      direction[1] = Math.sin(angle);
    } else {
      let norm = 0;
      // A zero vector has probability 0 but would divide by zero: draw again.
      while (norm === 0) {
        for (let t = 0; t < dimension; t++) {
          const z = random.normal();
          direction[t] = z;
          norm += z * z;
        }
      }
      norm = Math.sqrt(norm);
      for (let t = 0; t < dimension; t++) direction[t] = direction[t]! / norm;
    }
    project(x, m, dimension, direction, a);
    project(y, n, dimension, direction, b);
    total += wassersteinSorted(a.sort(), b.sort());
  }
  return total / projections;
}

/** Writes ⟨θ, p_i⟩ for every row p_i of `points` into `out`. */
function project(
  points: Float32Array,
  count: number,
  dimension: number,
  direction: Float64Array,
  out: Float64Array,
): void {
  for (let i = 0; i < count; i++) {
    let dot = 0;
    const offset = i * dimension;
    for (let t = 0; t < dimension; t++) dot += points[offset + t]! * direction[t]!;
    out[i] = dot;
  }
}

/** Result of `modeCoverage`. */
export interface ModeCoverage {
  /**
   * Number of distinct modes with at least one high-quality sample nearest to them: modes whose
   * centres lie closer than the coverage radius (3σ) to each other count as one.
   */
  modesCovered: number;
  /** Number of distinct modes: `modes.length` less the ones merged with a close neighbour. */
  modeCount: number;
  /** Fraction of all samples (non-finite ones included) that are high quality, in [0, 1]. */
  highQualityShare: number;
  /** High-quality samples per mode, in the order of `modes`. */
  samplesPerMode: number[];
}

/**
 * Mode coverage of a sample from a known Gaussian mixture, the standard mode-collapse
 * measure on the ring and grid data sets (Srivastava et al. 2017, "VEEGAN", §5.1; Metz et al.
 * 2017, "Unrolled Generative Adversarial Networks", §3.1):
 *
 *   a sample p is high quality  ⇔  min_k ‖p − μ_k‖ ≤ 3σ
 *   mode k is covered           ⇔  some high-quality sample has μ_k as its nearest mode
 *   highQualityShare            =  #high-quality / #samples
 *
 * with μ_k the mode centres and σ = `modeStd`. A generator that collapses onto a few modes
 * keeps a high share but covers few modes; one that smears mass between modes covers them
 * but loses share. The 3σ radius keeps 98.9 % of a true 2-D component's mass (Rayleigh tail
 * e^{−9/2}) and 99.7 % in 1-D. A point with a non-finite coordinate is never high quality,
 * but still counts in the denominator, so divergence shows up as a falling share.
 * Ties for the nearest mode go to the first listed. Centres closer than the 3σ radius to each
 * other (coinciding or overlapping components, linked in chains) are one mode for counting: no
 * sample can tell them apart, so three identical centres are one mode, covered or not.
 * Cost O(n·K·d + K²·d) for K modes.
 */
export function modeCoverage(
  points: Float32Array,
  dimension: number,
  modes: readonly (readonly number[])[],
  modeStd: number,
): ModeCoverage {
  const count = assertSample(points, dimension, 'points');
  if (modes.length === 0) throw new Error('modeCoverage needs at least one mode');
  for (const [k, mode] of modes.entries()) {
    if (mode.length !== dimension) {
      throw new Error(`mode ${k} has ${mode.length} coordinates, expected ${dimension}`);
    }
  }
  if (!Number.isFinite(modeStd) || modeStd <= 0) {
    throw new Error(`modeStd must be a positive finite number, got ${modeStd}`);
  }
  const radiusSquared = (3 * modeStd) ** 2;
  const samplesPerMode = new Array<number>(modes.length).fill(0);
  let highQuality = 0;
  for (let i = 0; i < count; i++) {
    const offset = i * dimension;
    let nearest = -1;
    let nearestSquared = Number.POSITIVE_INFINITY;
    for (const [k, mode] of modes.entries()) {
      let squared = 0;
      for (let t = 0; t < dimension; t++) {
        const diff = points[offset + t]! - mode[t]!;
        squared += diff * diff;
      }
      if (squared < nearestSquared) {
        nearestSquared = squared;
        nearest = k;
      }
    }
    // A NaN coordinate makes every squared distance NaN, so `nearest` stays −1; an infinite one
    // makes it +∞, which fails the radius test: both are low quality.
    if (nearest >= 0 && nearestSquared <= radiusSquared) {
      samplesPerMode[nearest]!++;
      highQuality++;
    }
  }
  const group = modeGroups(modes, radiusSquared);
  const coveredGroups = new Set(group.filter((_, k) => samplesPerMode[k]! > 0));
  return {
    modesCovered: coveredGroups.size,
    modeCount: new Set(group).size,
    highQualityShare: count === 0 ? 0 : highQuality / count,
    samplesPerMode,
  };
}

/** Options of `gridDivergences`. */
export interface GridDivergenceOptions {
  /** Cells per axis; default 50 in 1-D and 30 in 2-D (30 × 30 = 900 cells). */
  cells?: number;
}

/** Result of `gridDivergences`. */
export interface GridDivergences {
  /** KL(real ‖ generated) in nats, ≥ 0, on the smoothed histograms. */
  kl: number;
  /** Jensen–Shannon divergence in nats, in [0, ln 2]. */
  js: number;
  /** Cells per axis that were used (the grid has cells^dimension cells, plus one outside). */
  cells: number;
  /** [low, high] of the grid on each axis: the real data's range padded by 10 % per side. */
  bounds: [number, number][];
}

/** Default cells per axis: fine enough for the ring's modes, coarse enough to be filled. */
const GRID_CELLS_1D = 50;
const GRID_CELLS_2D = 30;

/**
 * Additive smoothing for KL: ε of the total mass is added to every cell of both histograms
 * before normalising. Without it, one real point in a cell the generator misses makes KL
 * infinite, which is useless as a training curve. With ε = 1e-10, a cell holding real mass p
 * and no generated mass contributes about p · ln(p/ε) ≤ p · 23 nats, so when the supports are
 * disjoint KL saturates at ln(1/ε) − H(p) < 23 nats (H the real histogram's entropy), and ε is far below the 1/n resolution of any sample
 * (n ≤ 1e6), so it barely moves cells that both histograms fill.
 */
const KL_SMOOTHING = 1e-10;

/**
 * KL(real ‖ generated) and Jensen–Shannon divergence between histograms of the two samples on
 * one regular grid (Kullback & Leibler 1951; Lin 1991, "Divergence measures based on the
 * Shannon entropy"), natural log:
 *
 *   KL(p ‖ q) = Σ_i p_i ln(p_i / q_i)
 *   JS(p, q)  = ½ KL(p ‖ m) + ½ KL(q ‖ m),  m = ½(p + q),  so 0 ≤ JS ≤ ln 2
 *
 * The grid spans the REAL sample's range padded by 10 % of that range on each side (an axis
 * where all real values are equal gets ±0.5), with `cells` cells per axis (1-D or 2-D only:
 * a regular grid needs cells^d bins, and in more dimensions almost all would be empty).
 *
 * Every point is counted: one extra "outside" cell holds the points of either sample that fall
 * off the grid or have a non-finite coordinate. GAN Lab (Kahng et al. 2019) drops generated
 * points outside its grid, which renormalises what is left and so rewards a generator for
 * throwing mass far away; here such mass lands in the outside cell, where the real histogram
 * has nothing, and raises both divergences.
 *
 * KL uses the additive smoothing of `KL_SMOOTHING` on both histograms; JS needs none, since
 * m_i > 0 wherever p_i or q_i is, so it is finite. Both are clamped at 0 (and JS at ln 2)
 * only to absorb rounding. Cost O((m + n)·d + cells^d).
 */
export function gridDivergences(
  real: Float32Array,
  generated: Float32Array,
  dimension: number,
  options: GridDivergenceOptions = {},
): GridDivergences {
  const m = assertSample(real, dimension, 'real');
  const n = assertSample(generated, dimension, 'generated');
  if (dimension > 2) {
    throw new Error(`gridDivergences supports dimension 1 or 2, got ${dimension}`);
  }
  if (m === 0 || n === 0) {
    throw new Error(`gridDivergences needs non-empty samples, got ${m} and ${n} points`);
  }
  const cells = options.cells ?? (dimension === 1 ? GRID_CELLS_1D : GRID_CELLS_2D);
  if (!Number.isInteger(cells) || cells < 1) {
    throw new Error(`cells must be a positive integer, got ${cells}`);
  }

  const bounds: [number, number][] = [];
  for (let t = 0; t < dimension; t++) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const v = real[i * dimension + t]!;
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (low > high) throw new Error(`real sample has no finite value on axis ${t}`);
    const pad = high > low ? 0.1 * (high - low) : 0.5;
    bounds.push([low - pad, high + pad]);
  }

  const inside = cells ** dimension;
  const realCounts = histogram(real, m, dimension, bounds, cells);
  const generatedCounts = histogram(generated, n, dimension, bounds, cells);

  let kl = 0;
  let js = 0;
  // Smoothed p̃_i = (P_i/m + ε)/(1 + Kε), likewise q̃_i, over K = inside + 1 cells.
  const normaliser = 1 + (inside + 1) * KL_SMOOTHING;
  for (let c = 0; c <= inside; c++) {
    const p = realCounts[c]! / m;
    const q = generatedCounts[c]! / n;
    const pSmooth = (p + KL_SMOOTHING) / normaliser;
    const qSmooth = (q + KL_SMOOTHING) / normaliser;
    kl += pSmooth * Math.log(pSmooth / qSmooth);
    const mid = (p + q) / 2;
    if (p > 0) js += 0.5 * p * Math.log(p / mid);
    if (q > 0) js += 0.5 * q * Math.log(q / mid);
  }
  return {
    kl: Math.max(0, kl),
    js: Math.min(Math.LN2, Math.max(0, js)),
    cells,
    bounds,
  };
}

/**
 * Counts of the rows of `points` per grid cell (row-major over axes, first axis slowest),
 * with the last entry the outside cell. A value equal to an axis's upper bound goes in the
 * last cell rather than outside, so the closed range [low, high] is all inside.
 */
function histogram(
  points: Float32Array,
  count: number,
  dimension: number,
  bounds: readonly (readonly [number, number])[],
  cells: number,
): Float64Array {
  const inside = cells ** dimension;
  const counts = new Float64Array(inside + 1);
  for (let i = 0; i < count; i++) {
    let index = 0;
    let outside = false;
    for (let t = 0; t < dimension; t++) {
      const v = points[i * dimension + t]!;
      const [low, high] = bounds[t]!;
      // Written so that NaN fails the test and lands outside.
      if (!(v >= low && v <= high)) {
        outside = true;
        break;
      }
      const cell = Math.min(cells - 1, Math.floor(((v - low) / (high - low)) * cells));
      index = index * cells + cell;
    }
    counts[outside ? inside : index]!++;
  }
  return counts;
}
