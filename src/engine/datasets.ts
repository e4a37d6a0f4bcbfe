/**
 * The catalogue of target distributions the generator learns to imitate.
 *
 * This module must not import tfjs: the UI imports the catalogue (ids, labels, descriptions)
 * and should not pull the tensor library onto the main thread.
 */
import type { Random } from './random';

/** Identifiers of the built-in data sets, in the order the UI lists them. */
export const DATASET_IDS = [
  'ring-8',
  'grid-25',
  'gaussian-2d',
  'gaussian-1d',
  'mixture-1d',
] as const;

/** Identifier of a built-in data set. */
export type DatasetId = (typeof DATASET_IDS)[number];

/** A target distribution for the generator. */
export interface DatasetSpec {
  /** Stable identifier, used in configs and URLs. */
  readonly id: DatasetId;
  /** Short human-readable name. */
  readonly label: string;
  /** Dimension of one data point (1 for a line, 2 for a plane). */
  readonly dimension: 1 | 2;
  /** One sentence describing the distribution. */
  readonly description: string;
  /** Centres of the mixture components, one point per mode (only for mixtures). */
  readonly modes?: readonly (readonly number[])[];
  /** Standard deviation of every mixture component around its centre (only for mixtures). */
  readonly modeStd?: number;
  /** Draws `n` independent points, row-major `n × dimension`. */
  sample(random: Random, n: number): Float32Array;
}

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

/** Standard deviation of each component in the 2-D mixtures (Metz et al. 2017, §3.1). */
const MIXTURE_2D_STD = 0.05;
/** Standard deviation of each component in the 1-D mixture. */
const MIXTURE_1D_STD = 0.5;

/** Mean and standard deviation of the 1-D Gaussian: non-zero mean so the generator must move. */
const GAUSSIAN_1D_MEAN = 2;
const GAUSSIAN_1D_STD = 0.75;

/**
 * The built-in data sets.
 */
export const DATASETS: Record<DatasetId, DatasetSpec> = {
  'ring-8': {
    id: 'ring-8',
    label: 'Ring of 8 Gaussians',
    dimension: 2,
    description:
      'Eight narrow Gaussians (std 0.05) evenly spaced on a circle of radius 2, the classic mode-collapse test.',
    modes: RING_8_MODES,
    modeStd: MIXTURE_2D_STD,
    // The ring set-up follows Metz et al. 2017 (Unrolled GANs), where vanilla GANs visit one
    // mode at a time instead of covering all eight.
    sample: (random, n) => sampleMixture(random, n, 2, RING_8_MODES, MIXTURE_2D_STD),
  },
  'grid-25': {
    id: 'grid-25',
    label: 'Grid of 25 Gaussians',
    dimension: 2,
    description:
      'Twenty-five narrow Gaussians (std 0.05) on a 5×5 grid spanning −4 to 4, a harder mode-coverage test.',
    modes: GRID_25_MODES,
    modeStd: MIXTURE_2D_STD,
    sample: (random, n) => sampleMixture(random, n, 2, GRID_25_MODES, MIXTURE_2D_STD),
  },
  'gaussian-2d': {
    id: 'gaussian-2d',
    label: '2-D Gaussian',
    dimension: 2,
    description:
      'A single correlated Gaussian centred at (1, −0.5) with standard deviations 0.5 and 1 and correlation 0.6.',
    sample: (random, n) => {
      // Covariance [[0.25, 0.3], [0.3, 1]] via its Cholesky factor [[0.5, 0], [0.6, 0.8]]:
      // a non-zero mean and a tilted ellipse make the generator learn both shift and shape.
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const z1 = random.normal();
        const z2 = random.normal();
        out[2 * i] = 1 + 0.5 * z1;
        out[2 * i + 1] = -0.5 + 0.6 * z1 + 0.8 * z2;
      }
      return out;
    },
  },
  'gaussian-1d': {
    id: 'gaussian-1d',
    label: '1-D Gaussian',
    dimension: 1,
    description: 'A single Gaussian on the line with mean 2 and standard deviation 0.75.',
    sample: (random, n) => {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = GAUSSIAN_1D_MEAN + GAUSSIAN_1D_STD * random.normal();
      return out;
    },
  },
  'mixture-1d': {
    id: 'mixture-1d',
    label: '1-D Mixture of 2',
    dimension: 1,
    description: 'An equal mixture of two Gaussians on the line at −2 and 2, each with std 0.5.',
    modes: MIXTURE_1D_MODES,
    modeStd: MIXTURE_1D_STD,
    sample: (random, n) => sampleMixture(random, n, 1, MIXTURE_1D_MODES, MIXTURE_1D_STD),
  },
};
