/**
 * The catalogue of target distributions the generator learns to imitate.
 *
 * This module must not import tfjs: the UI imports the catalogue (ids, labels, descriptions)
 * and should not pull the tensor library onto the main thread.
 *
 * Some data sets take parameters (the 1-D Gaussian's mean and spread, the centres of a custom
 * mixture, the user's own points). `resolveDataset` applies them and is what training should
 * sample from; `DATASETS` keeps the catalogue with default parameters for listing and for
 * callers that have no parameters.
 */
import { MAX_ABS_COORDINATE } from './csv';
import type { Random } from './random';

/** Identifiers of the built-in data sets, in the order the UI lists them: 2-D first, then 1-D. */
export const DATASET_IDS = [
  'ring-8',
  'grid-25',
  'gaussian-2d',
  'two-moons',
  'spiral',
  'circle',
  'line',
  'custom-mixture',
  'points',
  'gaussian-1d',
  'mixture-1d',
  'mixture3-1d',
  'uniform-1d',
  'exponential-1d',
  'lognormal-1d',
] as const;

/** Identifier of a built-in data set. */
export type DatasetId = (typeof DATASET_IDS)[number];

/**
 * Which group of parameters shapes a data set, so the UI shows the matching controls:
 * the Gaussian's mean and std, the mixture's centres, std and weights, or the user's points.
 */
export type DataParamGroup = 'gaussian' | 'mixture' | 'points';

/** Parameters of the parameterised and user-supplied data sets. */
export interface DataParams {
  /** Mean μ of the 1-D Gaussian ('gaussian-1d'). */
  gaussianMean: number;
  /** Standard deviation σ of the 1-D Gaussian; must be positive. */
  gaussianStd: number;
  /** Centres of the custom mixture, one point per component: all 1-D or all 2-D. */
  mixtureMeans: readonly (readonly number[])[];
  /** Standard deviation of every custom-mixture component around its centre; positive. */
  mixtureStd: number;
  /** Relative weights of the custom-mixture components (any positive scale); empty = equal. */
  mixtureWeights: readonly number[];
  /** Points the user drew or uploaded, row-major `count × dimension` ('points'), or none yet. */
  points: { dimension: 1 | 2; values: Float32Array } | null;
}

/**
 * The parameters a fresh playground starts with. Frozen, because every caller shares it:
 * copy it (`{ ...DEFAULT_DATA_PARAMS, gaussianMean: 3 }`) to change a value.
 */
export const DEFAULT_DATA_PARAMS: DataParams = Object.freeze({
  // A non-zero mean so the generator must move its output, not just shape it.
  gaussianMean: 2,
  gaussianStd: 0.75,
  // Three components in a triangle: few enough to edit by hand, enough to show mode collapse.
  mixtureMeans: Object.freeze([
    Object.freeze([-2, 0]),
    Object.freeze([2, 0]),
    Object.freeze([0, 2.5]),
  ]),
  mixtureStd: 0.2,
  mixtureWeights: Object.freeze([]),
  points: null,
});

/** A data set with its parameters applied: what the trainer samples from. */
export interface ResolvedDataset {
  /** Which data set this is. */
  readonly id: DatasetId;
  /** Short human-readable name. */
  readonly label: string;
  /** Dimension of one data point (1 for a line, 2 for a plane). */
  readonly dimension: 1 | 2;
  /**
   * Centres of the mixture components that can be drawn, one point per mode (only for the
   * mixtures). A custom-mixture component with weight 0 is left out, since it never yields a
   * point and a mode-coverage count would otherwise demand the impossible.
   */
  readonly modes?: readonly (readonly number[])[];
  /** Standard deviation of every mixture component around its centre (only for mixtures). */
  readonly modeStd?: number;
  /** Draws `n` independent points, row-major `n × dimension`; same seed, same points. */
  sample(random: Random, n: number): Float32Array;
}

/** A target distribution for the generator, with default parameters where it takes any. */
export interface DatasetSpec {
  /** Stable identifier, used in configs and URLs. */
  readonly id: DatasetId;
  /** Short human-readable name. */
  readonly label: string;
  /**
   * Dimension of one data point (1 for a line, 2 for a plane) with the default parameters.
   * For 'custom-mixture' and 'points' it depends on the parameters: use `datasetDimension`.
   */
  readonly dimension: 1 | 2;
  /** One sentence describing the distribution. */
  readonly description: string;
  /** Which parameter controls shape this data set, or null for a fixed distribution. */
  readonly uses: DataParamGroup | null;
  /** Centres of the mixture components, one point per mode (only for mixtures). */
  readonly modes?: readonly (readonly number[])[];
  /** Standard deviation of every mixture component around its centre (only for mixtures). */
  readonly modeStd?: number;
  /**
   * Draws `n` independent points with the default parameters, row-major `n × dimension`.
   * For 'points' there are no default points, so this throws the same message as
   * `resolveDataset('points', DEFAULT_DATA_PARAMS)`.
   */
  sample(random: Random, n: number): Float32Array;
}

/** What a data set is once its parameters are applied, before the catalogue names it. */
type Shape = Omit<ResolvedDataset, 'id' | 'label'>;

/** Samples an equal-weight isotropic Gaussian mixture with the given centres. */
function sampleMixture(
  random: Random,
  n: number,
  dimension: number,
  modes: readonly (readonly number[])[],
  std: number,
): Float32Array {
  const out = new Float32Array(n * dimension);
  for (let i = 0; i < n; i++) {
    const centre = modes[random.int(modes.length)]!;
    for (let j = 0; j < dimension; j++) {
      out[i * dimension + j] = centre[j]! + std * random.normal();
    }
  }
  return out;
}

/**
 * Samples an isotropic Gaussian mixture whose component `k` is picked with probability
 * proportional to `weights[k]` (all positive). The component is found by binary search in
 * the cumulative weights, so many components stay cheap.
 */
function sampleWeightedMixture(
  random: Random,
  n: number,
  dimension: number,
  modes: readonly (readonly number[])[],
  weights: readonly number[],
  std: number,
): Float32Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    total += weights[k]!;
    cumulative[k] = total;
  }
  const out = new Float32Array(n * dimension);
  for (let i = 0; i < n; i++) {
    const u = random.next() * total;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    const centre = modes[lo]!;
    for (let j = 0; j < dimension; j++) {
      out[i * dimension + j] = centre[j]! + std * random.normal();
    }
  }
  return out;
}

/** Draws `n` points of a 2-D shape, one `(x, y)` pair per call of `point`. */
function sample2d(n: number, point: (out: Float32Array, offset: number) => void): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) point(out, 2 * i);
  return out;
}

/** Draws `n` values of a 1-D distribution, one per call of `draw`. */
function sample1d(n: number, draw: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

/** Eight centres equally spaced on a circle of radius 2. */
const RING_8_MODES: readonly (readonly number[])[] = Array.from({ length: 8 }, (_, i) => {
  const angle = (2 * Math.PI * i) / 8;
  return [2 * Math.cos(angle), 2 * Math.sin(angle)] as const;
});

/** The 5 × 5 grid {−4, −2, 0, 2, 4}². */
const GRID_25_MODES: readonly (readonly number[])[] = [-4, -2, 0, 2, 4].flatMap((x) =>
  [-4, -2, 0, 2, 4].map((y) => [x, y] as const),
);

const MIXTURE_1D_MODES: readonly (readonly number[])[] = [[-2], [2]];
/** Three well-separated modes on the line: a middle one lets the generator cover only the ends. */
const MIXTURE3_1D_MODES: readonly (readonly number[])[] = [[-3], [0], [3]];

/** Standard deviation of each component in the 2-D mixtures (Metz et al. 2017, §3.1). */
const MIXTURE_2D_STD = 0.05;
/** Standard deviation of each component in the 1-D mixture of two. */
const MIXTURE_1D_STD = 0.5;
/** Standard deviation of each component in the 1-D mixture of three: 7.5σ between modes. */
const MIXTURE3_1D_STD = 0.4;

/**
 * Two moons as sklearn's `make_moons`: the upper half of the unit circle and a lower half
 * circle shifted by (1, −0.5), spanning x ∈ [−1, 2] and y ∈ [−0.5, 1] with noise std 0.05
 * in those units. Centring on (0.5, 0.25) and scaling by 5/3 maps x onto [−2.5, 2.5], the
 * span of the other 2-D sets, so the same plot window fits.
 */
const MOONS_NOISE = 0.05;
const MOONS_SCALE = 5 / 3;
const MOONS_CENTRE_X = 0.5;
const MOONS_CENTRE_Y = 0.25;

/**
 * Two-arm Archimedean spiral r = aθ for θ in [π/2, 3π] (one and a quarter turns), the second
 * arm rotated by π. Starting at π/2 keeps the arms apart at the centre, where they would
 * otherwise merge into a blob. Outer radius 2.5; arms 0.83 apart, far above the noise.
 */
const SPIRAL_THETA_MIN = Math.PI / 2;
const SPIRAL_THETA_MAX = 3 * Math.PI;
const SPIRAL_RADIUS = 2.5;
const SPIRAL_NOISE = 0.05;

const CIRCLE_RADIUS = 2;
const CIRCLE_NOISE = 0.03;

/** The segment from (−2, −1) to (2, 1): a tilted line, so neither axis alone describes it. */
const LINE_START = [-2, -1] as const;
const LINE_END = [2, 1] as const;
const LINE_NOISE = 0.03;

const UNIFORM_1D_LOW = -2;
const UNIFORM_1D_HIGH = 2;
/** Rate of the exponential: mean 1, a skewed density with a hard edge at 0. */
const EXPONENTIAL_RATE = 1;
/** σ of the normal whose exponential is the log-normal: median 1, a long right tail. */
const LOGNORMAL_SIGMA = 0.5;

/** Groups digits by thousands for messages ("1 000 000"). */
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const COORDINATE_LIMIT = groupDigits(MAX_ABS_COORDINATE);
const COORDINATE_RANGE = `between −${COORDINATE_LIMIT} and ${COORDINATE_LIMIT}`;

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * Checks a location parameter: finite and within ±MAX_ABS_COORDINATE, because samples are
 * stored as 32-bit floats and a huge centre would overflow them to Infinity.
 */
function checkLocation(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${what} must be a finite number, got ${String(value)}.`);
  }
  if (Math.abs(value) > MAX_ABS_COORDINATE) {
    throw new Error(`${what} must lie ${COORDINATE_RANGE}, got ${value}.`);
  }
  return value;
}

/** Checks a standard deviation: positive, since a zero spread is a point mass, not a density. */
function checkSpread(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${what} must be a positive number, got ${String(value)}.`);
  }
  if (value > MAX_ABS_COORDINATE) {
    throw new Error(`${what} must be at most ${groupDigits(MAX_ABS_COORDINATE)}, got ${value}.`);
  }
  return value;
}

/** Applies the 1-D Gaussian's parameters. */
function resolveGaussian1d(params: DataParams): Shape {
  const mean = checkLocation(params.gaussianMean, 'The Gaussian mean');
  const std = checkSpread(params.gaussianStd, 'The Gaussian standard deviation');
  return {
    dimension: 1,
    sample: (random, n) => sample1d(n, () => mean + std * random.normal()),
  };
}

/** Validates and applies the custom mixture's centres, spread and weights. */
function resolveCustomMixture(params: DataParams): Shape {
  const rawMeans: unknown = params.mixtureMeans;
  if (!isList(rawMeans) || rawMeans.length === 0) {
    throw new Error('The custom mixture needs at least one centre.');
  }
  let dimension: 1 | 2 | undefined;
  const means: (readonly number[])[] = [];
  for (let k = 0; k < rawMeans.length; k++) {
    const rawMean = rawMeans[k];
    const length = isList(rawMean) ? rawMean.length : 0;
    if (!isList(rawMean) || (length !== 1 && length !== 2)) {
      const got = isList(rawMean) ? `${length} coordinates` : String(rawMean);
      throw new Error(`Mixture centre ${k + 1} needs 1 or 2 coordinates, got ${got}.`);
    }
    if (dimension === undefined) dimension = length;
    else if (length !== dimension) {
      throw new Error(
        `All mixture centres must have the same dimension: centre 1 is ${dimension}-D but centre ${k + 1} is ${length}-D.`,
      );
    }
    // Copied so that later edits to the caller's arrays cannot change a resolved data set.
    means.push(
      Object.freeze(
        rawMean.map((c, j) => checkLocation(c, `Coordinate ${j + 1} of mixture centre ${k + 1}`)),
      ),
    );
  }
  const std = checkSpread(params.mixtureStd, 'The mixture standard deviation');

  const rawWeights: unknown = params.mixtureWeights;
  if (!isList(rawWeights)) throw new Error('The mixture weights must be a list of numbers.');
  const resolvedDimension = dimension ?? 2;
  if (rawWeights.length === 0) {
    return {
      dimension: resolvedDimension,
      modes: means,
      modeStd: std,
      sample: (random, n) => sampleMixture(random, n, resolvedDimension, means, std),
    };
  }
  if (rawWeights.length !== means.length) {
    throw new Error(
      `The custom mixture has ${means.length} centres but ${rawWeights.length} weights; give one weight per centre, or none for equal weights.`,
    );
  }
  const weights = rawWeights.map((w, k) => {
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new Error(`Mixture weight ${k + 1} must be a finite number, got ${String(w)}.`);
    }
    if (w < 0) {
      throw new Error(`Mixture weight ${k + 1} is negative (${w}); weights must be 0 or more.`);
    }
    return w;
  });
  // reduce, not Math.max(...weights): spreading a long list can overflow the call stack.
  const largest = weights.reduce((max, w) => Math.max(max, w), 0);
  if (!(largest > 0)) throw new Error('At least one mixture weight must be above 0.');
  // Only components that can be drawn; dividing by the largest weight keeps the running sum
  // finite even for weights near the largest double.
  const components = means.map((mean, k) => ({ mean, weight: weights[k]! / largest }));
  const live = components.filter((c) => c.weight > 0);
  const modes = live.map((c) => c.mean);
  const liveWeights = live.map((c) => c.weight);
  return {
    dimension: resolvedDimension,
    modes,
    modeStd: std,
    sample: (random, n) =>
      sampleWeightedMixture(random, n, resolvedDimension, modes, liveWeights, std),
  };
}

const NO_POINTS_MESSAGE =
  'There are no points yet: draw some on the plot or upload a CSV file to train on your points.';

/** Validates the user's points and resamples them with replacement (a bootstrap). */
function resolvePoints(params: DataParams): Shape {
  const points: unknown = params.points;
  if (points === null || points === undefined) throw new Error(NO_POINTS_MESSAGE);
  const { dimension, values } = points as { dimension: unknown; values: unknown };
  if (dimension !== 1 && dimension !== 2) {
    throw new Error(`Your points must be 1-D or 2-D, got dimension ${String(dimension)}.`);
  }
  if (!(values instanceof Float32Array)) {
    throw new Error('Your points must be stored as a Float32Array.');
  }
  if (values.length % dimension !== 0) {
    throw new Error(
      `Your points hold ${values.length} numbers, which do not split into ${dimension}-D points.`,
    );
  }
  const count = values.length / dimension;
  if (count === 0) throw new Error(NO_POINTS_MESSAGE);
  // One point is a spike the discriminator separates perfectly: training would only diverge.
  if (count < 2) throw new Error('At least 2 points are needed; there is only 1.');
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS_COORDINATE) {
      throw new Error(
        `Point ${Math.floor(i / dimension) + 1} of your points has the coordinate ${v}; coordinates must be finite and lie ${COORDINATE_RANGE}.`,
      );
    }
  }
  // A private copy: the caller keeps editing its array as the user draws, and a run must keep
  // sampling the data it started with.
  const own = values.slice();
  return {
    dimension,
    sample: (random, n) => {
      const out = new Float32Array(n * dimension);
      for (let i = 0; i < n; i++) {
        const row = random.int(count) * dimension;
        for (let j = 0; j < dimension; j++) out[i * dimension + j] = own[row + j]!;
      }
      return out;
    },
  };
}

/** How one catalogue entry is described and how its parameters are applied. */
interface DatasetDefinition {
  readonly label: string;
  readonly description: string;
  readonly uses: DataParamGroup | null;
  /** Applies the parameters, throwing a user-facing Error when they cannot be used. */
  resolve(params: DataParams): Shape;
}

/** A data set that ignores the parameters. */
function fixed(shape: Shape): (params: DataParams) => Shape {
  return () => shape;
}

const DEFINITIONS: Readonly<Record<DatasetId, DatasetDefinition>> = {
  'ring-8': {
    label: 'Ring of 8 Gaussians',
    description:
      'Eight narrow Gaussians (std 0.05) evenly spaced on a circle of radius 2, the classic mode-collapse test.',
    uses: null,
    // The ring set-up follows Metz et al. 2017 (Unrolled GANs), where vanilla GANs visit one
    // mode at a time instead of covering all eight.
    resolve: fixed({
      dimension: 2,
      modes: RING_8_MODES,
      modeStd: MIXTURE_2D_STD,
      sample: (random, n) => sampleMixture(random, n, 2, RING_8_MODES, MIXTURE_2D_STD),
    }),
  },
  'grid-25': {
    label: 'Grid of 25 Gaussians',
    description:
      'Twenty-five narrow Gaussians (std 0.05) on a 5×5 grid spanning −4 to 4, a harder mode-coverage test.',
    uses: null,
    resolve: fixed({
      dimension: 2,
      modes: GRID_25_MODES,
      modeStd: MIXTURE_2D_STD,
      sample: (random, n) => sampleMixture(random, n, 2, GRID_25_MODES, MIXTURE_2D_STD),
    }),
  },
  'gaussian-2d': {
    label: '2-D Gaussian',
    description:
      'A single correlated Gaussian centred at (1, −0.5) with standard deviations 0.5 and 1 and correlation 0.6.',
    uses: null,
    resolve: fixed({
      dimension: 2,
      sample: (random, n) =>
        // Covariance [[0.25, 0.3], [0.3, 1]] via its Cholesky factor [[0.5, 0], [0.6, 0.8]]:
        // a non-zero mean and a tilted ellipse make the generator learn both shift and shape.
        sample2d(n, (out, o) => {
          const z1 = random.normal();
          const z2 = random.normal();
          out[o] = 1 + 0.5 * z1;
          out[o + 1] = -0.5 + 0.6 * z1 + 0.8 * z2;
        }),
    }),
  },
  'two-moons': {
    label: 'Two moons',
    description:
      'Two interleaving half-circles with a little noise, spanning −2.5 to 2.5: a curved, disconnected support.',
    uses: null,
    resolve: fixed({
      dimension: 2,
      sample: (random, n) =>
        sample2d(n, (out, o) => {
          const t = Math.PI * random.next();
          const upper = random.next() < 0.5;
          const x = upper ? Math.cos(t) : 1 - Math.cos(t);
          const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
          out[o] = MOONS_SCALE * (x - MOONS_CENTRE_X + MOONS_NOISE * random.normal());
          out[o + 1] = MOONS_SCALE * (y - MOONS_CENTRE_Y + MOONS_NOISE * random.normal());
        }),
    }),
  },
  spiral: {
    label: 'Spiral',
    description:
      'Two interleaved arms of an Archimedean spiral out to radius 2.5, a thin curved support that is hard to cover.',
    uses: null,
    resolve: fixed({
      dimension: 2,
      sample: (random, n) => {
        const a = SPIRAL_RADIUS / SPIRAL_THETA_MAX;
        const min2 = SPIRAL_THETA_MIN ** 2;
        const span2 = SPIRAL_THETA_MAX ** 2 - min2;
        return sample2d(n, (out, o) => {
          // Arc length of r = aθ grows about as θ², so θ = √(uniform in θ²) spreads points
          // evenly along the arm instead of crowding them at the centre.
          const theta = Math.sqrt(min2 + span2 * random.next());
          const angle = theta + (random.next() < 0.5 ? 0 : Math.PI);
          out[o] = a * theta * Math.cos(angle) + SPIRAL_NOISE * random.normal();
          out[o + 1] = a * theta * Math.sin(angle) + SPIRAL_NOISE * random.normal();
        });
      },
    }),
  },
  circle: {
    label: 'Circle',
    description:
      'Points spread evenly around a circle of radius 2 with a little radial noise (std 0.03): a ring with no modes.',
    uses: null,
    resolve: fixed({
      dimension: 2,
      sample: (random, n) =>
        sample2d(n, (out, o) => {
          const angle = 2 * Math.PI * random.next();
          const radius = CIRCLE_RADIUS + CIRCLE_NOISE * random.normal();
          out[o] = radius * Math.cos(angle);
          out[o + 1] = radius * Math.sin(angle);
        }),
    }),
  },
  line: {
    label: 'Line segment',
    description:
      'Points spread evenly along the segment from (−2, −1) to (2, 1) with a little sideways noise (std 0.03).',
    uses: null,
    resolve: fixed({
      dimension: 2,
      sample: (random, n) => {
        const dx = LINE_END[0] - LINE_START[0];
        const dy = LINE_END[1] - LINE_START[1];
        const length = Math.hypot(dx, dy);
        // Unit normal to the segment: noise across it, not along it.
        const nx = -dy / length;
        const ny = dx / length;
        return sample2d(n, (out, o) => {
          const t = random.next();
          const offset = LINE_NOISE * random.normal();
          out[o] = LINE_START[0] + t * dx + offset * nx;
          out[o + 1] = LINE_START[1] + t * dy + offset * ny;
        });
      },
    }),
  },
  'custom-mixture': {
    label: 'Custom Gaussian mixture',
    description:
      'A mixture of Gaussians whose centres, spread and weights you choose, on the line or in the plane.',
    uses: 'mixture',
    resolve: resolveCustomMixture,
  },
  points: {
    label: 'Your points',
    description:
      'The points you drew or uploaded, resampled with replacement, so the generator learns your own data.',
    uses: 'points',
    resolve: resolvePoints,
  },
  'gaussian-1d': {
    label: 'Gaussian (1-D)',
    description:
      'A single Gaussian on the line whose mean and standard deviation you choose (2 and 0.75 by default).',
    uses: 'gaussian',
    resolve: resolveGaussian1d,
  },
  'mixture-1d': {
    label: 'Mixture of 2 (1-D)',
    description: 'An equal mixture of two Gaussians on the line at −2 and 2, each with std 0.5.',
    uses: null,
    resolve: fixed({
      dimension: 1,
      modes: MIXTURE_1D_MODES,
      modeStd: MIXTURE_1D_STD,
      sample: (random, n) => sampleMixture(random, n, 1, MIXTURE_1D_MODES, MIXTURE_1D_STD),
    }),
  },
  'mixture3-1d': {
    label: 'Mixture of 3 (1-D)',
    description:
      'An equal mixture of three Gaussians on the line at −3, 0 and 3, each with std 0.4.',
    uses: null,
    resolve: fixed({
      dimension: 1,
      modes: MIXTURE3_1D_MODES,
      modeStd: MIXTURE3_1D_STD,
      sample: (random, n) => sampleMixture(random, n, 1, MIXTURE3_1D_MODES, MIXTURE3_1D_STD),
    }),
  },
  'uniform-1d': {
    label: 'Uniform (1-D)',
    description:
      'Values spread evenly between −2 and 2: a flat density with hard edges that a smooth generator must square off.',
    uses: null,
    resolve: fixed({
      dimension: 1,
      sample: (random, n) =>
        sample1d(n, () => UNIFORM_1D_LOW + (UNIFORM_1D_HIGH - UNIFORM_1D_LOW) * random.next()),
    }),
  },
  'exponential-1d': {
    label: 'Exponential (1-D)',
    description:
      'An exponential distribution with rate 1 (mean 1): no negative values and a long tail to the right.',
    uses: null,
    resolve: fixed({
      dimension: 1,
      // Inversion; 1 − U lies in (0, 1], so the logarithm is finite.
      sample: (random, n) => sample1d(n, () => -Math.log(1 - random.next()) / EXPONENTIAL_RATE),
    }),
  },
  'lognormal-1d': {
    label: 'Log-normal (1-D)',
    description:
      'The exponential of a Gaussian with σ 0.5: positive values with median 1 and a skewed right tail.',
    uses: null,
    resolve: fixed({
      dimension: 1,
      sample: (random, n) => sample1d(n, () => Math.exp(LOGNORMAL_SIGMA * random.normal())),
    }),
  },
};

/** Builds a catalogue entry with the default parameters applied. */
function defaultSpec(id: DatasetId): DatasetSpec {
  const { label, description, uses, resolve } = DEFINITIONS[id];
  if (uses === 'points') {
    // There are no default points; the entry still lists the data set, and sampling it
    // explains what is missing.
    return {
      id,
      label,
      description,
      uses,
      dimension: 2,
      sample: () => {
        throw new Error(NO_POINTS_MESSAGE);
      },
    };
  }
  return { id, label, description, uses, ...resolve(DEFAULT_DATA_PARAMS) };
}

/** The built-in data sets with default parameters, for listing and for parameterless callers. */
export const DATASETS: Readonly<Record<DatasetId, DatasetSpec>> = Object.fromEntries(
  DATASET_IDS.map((id) => [id, defaultSpec(id)]),
) as Record<DatasetId, DatasetSpec>;

/**
 * Applies parameters to a data set, giving what the trainer samples from. Only the
 * parameters the data set uses are checked, so a half-edited mixture does not block the ring.
 * Throws an Error whose message can be shown to the user as-is when the parameters cannot
 * work: 'points' with no points, mixture centres of mixed dimension, negative or miscounted
 * weights, non-finite or out-of-range values, a non-positive spread.
 */
export function resolveDataset(id: DatasetId, params: DataParams): ResolvedDataset {
  if (!Object.hasOwn(DEFINITIONS, id)) throw new Error(`Unknown data set "${String(id)}".`);
  const { label, uses, resolve } = DEFINITIONS[id];
  if (uses !== null && (typeof params !== 'object' || params === null)) {
    throw new Error(`The data set "${label}" needs its parameters, but none were given.`);
  }
  return { id, label, ...resolve(params) };
}

/**
 * The dimension a data set has with these parameters — the centres' for 'custom-mixture',
 * the points' for 'points', fixed for the others — so the UI can lay out plots while the
 * user is still editing. Never throws: it reads only the shape (how many coordinates), and
 * falls back to 2 when even that is unusable. Equals `resolveDataset(id, params).dimension`
 * whenever that succeeds.
 */
export function datasetDimension(id: DatasetId, params: DataParams): 1 | 2 {
  try {
    if (id === 'custom-mixture') {
      const means: unknown = params.mixtureMeans;
      if (!isList(means) || means.length === 0) return 2;
      const first = means[0];
      const dimension = isList(first) ? first.length : 0;
      if (dimension !== 1 && dimension !== 2) return 2;
      return means.every((m) => isList(m) && m.length === dimension) ? dimension : 2;
    }
    if (id === 'points') {
      const dimension: unknown = params.points?.dimension;
      return dimension === 1 || dimension === 2 ? dimension : 2;
    }
    return DATASETS[id]?.dimension ?? 2;
  } catch {
    // Only malformed runtime input (e.g. params that are not an object) gets here.
    return 2;
  }
}
