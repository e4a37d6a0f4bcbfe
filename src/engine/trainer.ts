/**
 * The GAN training loop: a generator G and a discriminator D, both MLPs, trained with one of
 * several objectives (see ./objectives) and optimisers (see ./optimizers).
 *
 * One *iteration* is `discriminatorSteps` discriminator updates followed by one generator
 * update (Goodfellow et al. 2014, Algorithm 1, with k = discriminatorSteps). The 'mmd'
 * objective has no discriminator: an iteration is then one generator update.
 *
 * For a step-by-step teaching view, stepDiscriminator() and stepGenerator() take the updates of
 * an iteration one at a time; step(1) is exactly k stepDiscriminator() then one stepGenerator().
 *
 * checkpoint() reads back everything a run needs to go on (weights, optimiser state, random
 * streams, counters) and restore() puts it back, so a timeline can return to an earlier
 * iteration and branch from it; exportGenerator() and loadGenerator() write and read the
 * generator as a standard tfjs Layers model.
 *
 * step() never reads tensors back to JavaScript: a synchronous readback (dataSync) stalls the
 * GPU pipeline on WebGL/WebGPU, so losses are accumulated on the device and read
 * asynchronously by takeLosses().
 */
import * as tf from '@tensorflow/tfjs';
import {
  assertNonNegativeFinite,
  assertPositiveFinite,
  assertPositiveInteger,
  assertUnitInterval,
} from './assert';
import {
  type ArchitectureOfModel,
  CHECKPOINT_FORMAT,
  checkpointMismatch,
  type NetworkCheckpoint,
  type OptimizerCheckpoint,
  type RestoreOptions,
  type RestoreResult,
  type TrainerCheckpoint,
} from './checkpoint';
import {
  DATASETS,
  type DataParams,
  type DatasetId,
  DEFAULT_DATA_PARAMS,
  type ResolvedDataset,
  resolveDataset,
} from './datasets';
import { type DistributionMetrics, distributionMetrics } from './evaluate';
import {
  GENERATOR_FORMAT,
  type GeneratorArchitecture,
  generatorArtifacts,
  generatorWeightsFromArtifacts,
} from './generatorModel';
import {
  type LiveSettings,
  type LiveTrainerKey,
  liveSettingsOf,
  withLiveSettings,
} from './liveSettings';
import { ACTIVATIONS, type Activation, createMlp, type Mlp } from './mlp';
import {
  discriminatorLoss,
  generatorAdversarialLoss,
  gradientPenalty,
  mmdSquaredLoss,
  OBJECTIVES,
  type Objective,
  outputIsLogit,
  trainsDiscriminator,
  usesMmd,
} from './objectives';
import { createOptimizer, type Optimizer, type OptimizerKind } from './optimizers';
import { createRandom, RANDOM_STATE_WORDS, type Random } from './random';

export {
  isLiveTrainerKey,
  LIVE_TRAINER_KEYS,
  type LiveSettings,
  type LiveTrainerKey,
  liveSettingsOf,
} from './liveSettings';
export type { Activation } from './mlp';
export { type Objective, WASSERSTEIN_METHOD } from './objectives';
export type { OptimizerKind } from './optimizers';

/**
 * Law of the generator's input noise z, with standard deviation σ = noiseSigma per coordinate.
 * - gaussian: z ~ N(0, σ² I).
 * - uniform: z ~ U(−√3σ, √3σ)^d, whose standard deviation is also σ.
 */
export type NoiseDistribution = 'gaussian' | 'uniform';

/** Every noise distribution, in the order the UI lists them. */
export const NOISE_DISTRIBUTIONS: readonly NoiseDistribution[] = ['gaussian', 'uniform'];

/**
 * Everything that defines a training run. The data parameters (`gaussianMean`, `mixtureMeans`,
 * `points`, …) are optional: missing ones take DEFAULT_DATA_PARAMS.
 */
export interface TrainerConfig extends Partial<DataParams> {
  /** Which target distribution the generator learns. */
  dataset: DatasetId;
  /** Hidden layer widths of the generator, noise side first. */
  generatorLayers: readonly number[];
  /** Hidden layer widths of the discriminator, data side first. */
  discriminatorLayers: readonly number[];
  /** Nonlinearity after every hidden layer of the generator (the output layer is linear). */
  generatorActivation: Activation;
  /** Nonlinearity after every hidden layer of the discriminator (the output layer is linear). */
  discriminatorActivation: Activation;
  /** Dimension of the noise vector z fed to the generator. */
  noiseDimension: number;
  /** Law of the noise vector z (see {@link NoiseDistribution}). */
  noiseDistribution: NoiseDistribution;
  /** Standard deviation σ of every coordinate of the noise z, whatever its law. */
  noiseSigma: number;
  /** Optimiser of the generator. */
  generatorOptimizer: OptimizerKind;
  /** Optimiser of the discriminator. */
  discriminatorOptimizer: OptimizerKind;
  /** Learning rate (step size) of the generator's optimiser. */
  generatorLearningRate: number;
  /** Learning rate (step size) of the discriminator's optimiser. */
  discriminatorLearningRate: number;
  /** Adam β1 of the generator, in [0, 1) (0.5 in DCGAN, Radford et al. 2015, §4). */
  generatorBeta1: number;
  /** Adam β2 of the generator, in [0, 1) (0.999 in Kingma & Ba 2015). */
  generatorBeta2: number;
  /** Adam β1 of the discriminator, in [0, 1). */
  discriminatorBeta1: number;
  /** Adam β2 of the discriminator, in [0, 1). */
  discriminatorBeta2: number;
  /** Momentum of the generator's optimiser when it is SGD or RMSprop, in [0, 1). */
  generatorMomentum: number;
  /** Momentum of the discriminator's optimiser when it is SGD or RMSprop, in [0, 1). */
  discriminatorMomentum: number;
  /** Number of real points and of noise vectors per update. */
  batchSize: number;
  /** Discriminator updates per generator update (k in Goodfellow et al. 2014, Algorithm 1). */
  discriminatorSteps: number;
  /** The pair of losses the networks minimise (see {@link Objective}). */
  objective: Objective;
  /**
   * λ ≥ 0 of the WGAN-GP gradient penalty λ·E(‖∇_x̂ D(x̂)‖₂ − 1)² (Gulrajani et al. 2017;
   * 10 in the paper); only used by the 'wasserstein' objective.
   */
  gradientPenalty: number;
  /**
   * Bandwidths h > 0 of the Gaussian kernels of the MMD² term, combined as the mixture kernel
   * k(x, y) = Σ_h exp(−‖x − y‖² / 2h²) (as in Li et al. 2015); used by 'mmd' and 'hybrid'.
   */
  mmdBandwidths: readonly number[];
  /** λ ≥ 0 of the 'hybrid' generator loss L_G + λ·MMD². */
  mmdWeight: number;
  /**
   * One-sided label smoothing ε in [0, 0.5): the discriminator's target for real points is
   * 1 − ε instead of 1 (Salimans et al. 2016, §3.4). Used by minimax, nonSaturating, hybrid
   * and leastSquares; ignored by the others.
   */
  labelSmoothing: number;
  /**
   * Standard deviation ≥ 0 of the Gaussian instance noise added to every input of the
   * discriminator, real and generated, in discriminator and generator steps alike
   * (Sønderby et al. 2016; Arjovsky & Bottou 2017, §3.1). 0 disables it.
   */
  instanceNoise: number;
  /**
   * PacGAN packing m ≥ 1 (Lin et al. 2018): the discriminator judges m samples at once,
   * concatenated into one input of m · dimension features; a batch of B samples makes ⌊B/m⌋
   * packs. Must not exceed batchSize. 1 is an ordinary discriminator.
   */
  packing: number;
  /** Seed of every random stream of the run (initialisation, data, noise, evaluation). */
  seed: number;
}

/**
 * Mean losses since the previous readback. Each network's mean is over its own updates, so
 * the summary stays right when step-by-step phases are mixed with whole iterations.
 */
export interface LossSummary {
  /**
   * Mean discriminator loss over every discriminator update since the previous readback
   * (including the gradient penalty for 'wasserstein'); NaN when there was none; null when the
   * objective trains no discriminator ('mmd').
   */
  discriminator: number | null;
  /**
   * Mean generator loss over every generator update since the previous readback; NaN when
   * only discriminator updates ran since.
   */
  generator: number;
  /** Number of completed iterations (generator updates) since the previous readback. */
  iterations: number;
  /** Updates of each network the means are taken over. */
  updates: { discriminator: number; generator: number };
}

/** Training diagnostics on a fresh evaluation batch (see {@link Trainer.diagnostics}). */
export interface TrainerDiagnostics {
  /**
   * Mean discriminator output on real points: the probability σ(t) for the cross-entropy
   * objectives (minimax, nonSaturating, hybrid), the raw score t for leastSquares, hinge and
   * wasserstein; null without a discriminator ('mmd').
   */
  meanDReal: number | null;
  /** Mean discriminator output on generated points, in the same units as meanDReal. */
  meanDFake: number | null;
  /** Global L2 norm of the gradient of the generator loss with respect to G's weights. */
  generatorGradNorm: number;
  /**
   * Global L2 norm of the gradient of the discriminator loss (gradient penalty included) with
   * respect to D's weights; null without a discriminator.
   */
  discriminatorGradNorm: number | null;
}

/** Everything measured about a run at one iteration (see {@link Trainer.metrics}). */
export interface TrainingMetrics extends DistributionMetrics, TrainerDiagnostics {
  /** The iteration these numbers describe. */
  iteration: number;
}

export interface MetricsOptions {
  /** Bandwidth h of the reported MMD². */
  kernelBandwidth: number;
  /** Fresh samples of each kind when `real`/`generated` are not given (default 1000). */
  sampleSize?: number;
  /** Real points to compare against (e.g. the plotted ones), row-major. */
  real?: Float32Array;
  /** Generated points to measure (e.g. the plotted ones), row-major. */
  generated?: Float32Array;
  /** Batch of the diagnostics pass (default min(sampleSize, 256)). */
  diagnosticsSize?: number;
}

/** What {@link Trainer.fields} evaluates, over the plotted region. */
export interface FieldOptions {
  /** The plotted region: [lo, hi] per data dimension. */
  domain: readonly (readonly [number, number])[];
  /** Cells per axis of the discriminator's grid (2-D: resolution², 1-D: resolution points). */
  resolution: number;
  /** Lines per noise axis of the generator's manifold mesh. */
  manifoldResolution: number;
  /** Generated samples (row-major n × dimension) to compute the generator's push on. */
  samples: Float32Array;
}

/** The networks evaluated over the plot: what the teaching views draw. */
export interface TrainerFields {
  /**
   * The discriminator over a regular grid of the domain, row-major from the low corner (2-D: row
   * j is x₂ = the j-th value, column i is x₁): σ(D(x)) for the cross-entropy objectives, the raw
   * score D(x) otherwise. Null without a discriminator ('mmd') or with packing > 1 (D then judges
   * groups of samples, not single points).
   */
  discriminator: Float32Array | null;
  /** Whether `discriminator` holds probabilities in [0, 1] (else raw scores). */
  discriminatorIsProbability: boolean;
  /**
   * G applied to a grid in noise space: the first two noise coordinates (only the first if the
   * noise or the data is 1-D) span ±2σ (±√3σ for uniform noise) in `manifoldResolution` steps,
   * the others are 0.
   * Row-major (manifoldResolution² or manifoldResolution points) × dimension.
   */
  manifold: Float32Array;
  /** Grid lines per noise axis of `manifold` (1 axis when the noise is 1-D). */
  manifoldAxes: 1 | 2;
  /**
   * −∇ₓ L_G at each given sample x (row-major n × dimension), L_G being the generator's loss
   * on those samples as training computes it (adversarial term, MMD² term where the objective
   * has one) without instance noise: the direction in which the loss pushes each sample.
   */
  push: Float32Array;
}

/** A running GAN training session. */
export interface Trainer {
  /** The configuration the run was created with, with the live settings it took since. */
  readonly config: TrainerConfig;
  /** The data set, with its parameters applied. */
  readonly dataset: ResolvedDataset;
  /** Dimension of a data point (and of a generated sample). */
  readonly dimension: 1 | 2;
  /**
   * Number of completed iterations: k discriminator updates then 1 generator update each (a
   * generator update completes one, however many discriminator updates preceded it).
   */
  readonly iteration: number;
  /**
   * Number of trainable scalars in each network. The 'mmd' objective builds no
   * discriminator: its count is then 0.
   */
  readonly parameterCount: { readonly generator: number; readonly discriminator: number };
  /**
   * Updates of each network since the run was created or restored: an iteration adds
   * discriminatorSteps to the first (none for 'mmd') and 1 to the second.
   */
  readonly updates: { readonly discriminator: number; readonly generator: number };
  /** Runs `iterations` training iterations (default 1); never reads tensors back. */
  step(iterations?: number): void;
  /**
   * One discriminator update, one of the k of an iteration: the same maths and random streams
   * as in step(), so k stepDiscriminator() then stepGenerator() is exactly step(1). It does not
   * complete an iteration; nothing limits how many run before the generator's turn. Throws
   * for the 'mmd' objective, which has no discriminator.
   */
  stepDiscriminator(): void;
  /**
   * One generator update, as in step(). It completes an iteration: `iteration` increases by 1,
   * however many discriminator updates preceded it.
   */
  stepGenerator(): void;
  /**
   * Reads back the mean loss of each network over its updates since the previous call and
   * resets the running sums; null when neither network was updated since (see
   * {@link LossSummary} for the NaN of a network that was not).
   */
  takeLosses(): Promise<LossSummary | null>;
  /**
   * The generator applied to the given noise vectors (row-major `n × noiseDimension`), as
   * row-major `n × dimension` points.
   */
  generate(noise: Float32Array): Promise<Float32Array>;
  /**
   * Reads back everything needed to continue the run exactly: counters, every weight,
   * each optimiser's state and every training random stream. The state is captured when
   * called; steps taken while the readback is in flight are not in it.
   */
  checkpoint(): Promise<TrainerCheckpoint>;
  /**
   * Whether every weight of both networks is finite, from one scalar readback (Σ|w| overflows
   * to Infinity only for weights beyond ~1e38, which have diverged anyway).
   */
  weightsFinite(): Promise<boolean>;
  /**
   * Continues from a checkpoint of a run with the same architecture: weights, counters and
   * random streams, and the optimisers' state unless `optimizerState` is false or the
   * snapshot's optimiser differs in kind (those start fresh; see {@link RestoreResult}). The
   * random streams continue the snapshot's whatever this run's seed (which still picks the
   * atlas of real points). Losses not yet taken are discarded. Throws, changing nothing, when
   * the architecture differs, saying what differs.
   */
  restore(checkpoint: TrainerCheckpoint, options?: RestoreOptions): RestoreResult;
  /**
   * The generator as tfjs Layers model artifacts (a Sequential dense stack that
   * tf.loadLayersModel reads), with the noise law and the run in userDefinedMetadata. A GELU
   * generator is written with the exact GELU, the only form tfjs-layers 4.22 loads back: it
   * computes within GELU_FORM_DIFFERENCE per activation of the playground's.
   */
  exportGenerator(): Promise<tf.io.ModelArtifacts>;
  /**
   * Sets the generator's weights from tfjs Layers model artifacts (exported by
   * exportGenerator() or saved again by tfjs). Rejects, changing nothing, when the file is not
   * a plain dense stack with this generator's architecture or its weights are missing,
   * truncated or not finite. The generator's optimiser starts fresh: its moment estimates
   * belonged to the replaced weights.
   */
  loadGenerator(artifacts: tf.io.ModelArtifacts): Promise<void>;
  /**
   * The generator applied to a fixed evaluation noise batch of size `n` (drawn once per `n`
   * from its own seeded stream), so successive snapshots show the same points moving.
   * Row-major `n × dimension`.
   */
  sampleGenerator(n: number): Promise<Float32Array>;
  /**
   * `n` generated points from fresh noise (drawn from the trainer's own seeded stream, which
   * advances with every call and never affects training). Row-major `n × dimension`.
   */
  sample(n: number): Promise<Float32Array>;
  /** `n` fresh points from the data set, from the trainer's own seeded stream. */
  sampleReal(n: number): Float32Array;
  /**
   * Diagnostics on a fresh evaluation batch of `n` real points and `n` noise vectors (from
   * the trainer's own seeded stream; training is unaffected), with the losses exactly as a
   * training step computes them (instance noise, packing, label smoothing, gradient penalty,
   * MMD term). Reads back; call it outside the hot path. `n` ≥ max(2, packing).
   */
  diagnostics(n: number): Promise<TrainerDiagnostics>;
  /**
   * Distances between generated and real samples (MMD², W1/KS or sliced W1, modes, KL/JS) and
   * the diagnostics pass. Reads back: call it outside the hot path.
   */
  metrics(options: MetricsOptions): Promise<TrainingMetrics>;
  /**
   * The discriminator over the plotted region, the generator's manifold and the generator's push
   * on the given samples (see {@link TrainerFields}). Reads back; call at the snapshot rate.
   */
  fields(options: FieldOptions): Promise<TrainerFields>;
  /**
   * Changes live settings (see ./liveSettings: σ, learning rates, β's, momenta, k, batch size,
   * label smoothing, instance noise, gradient penalty, MMD weight) from the next update on,
   * keeping the iteration, weights, optimiser state and random streams. Validated as at
   * creation; throws, changing nothing, on a bad value or a setting that needs a new trainer.
   * Returns the keys whose value changed.
   */
  applySettings(changes: Partial<LiveSettings>): LiveTrainerKey[];
  /** Frees every tensor, variable and optimiser slot of the run. */
  dispose(): void;
}

/** The data parameters of a config, defaults filled in. */
function dataParamsOf(config: TrainerConfig): DataParams {
  return {
    gaussianMean: config.gaussianMean ?? DEFAULT_DATA_PARAMS.gaussianMean,
    gaussianStd: config.gaussianStd ?? DEFAULT_DATA_PARAMS.gaussianStd,
    mixtureMeans: config.mixtureMeans ?? DEFAULT_DATA_PARAMS.mixtureMeans,
    mixtureStd: config.mixtureStd ?? DEFAULT_DATA_PARAMS.mixtureStd,
    mixtureWeights: config.mixtureWeights ?? DEFAULT_DATA_PARAMS.mixtureWeights,
    points: config.points ?? DEFAULT_DATA_PARAMS.points,
  };
}

/**
 * Number of real points pre-sampled into a device-side atlas. Gathering rows from a resident
 * tensor avoids uploading a fresh real batch every discriminator step (poloclub/ganlab's input
 * providers do the same); 8192 points are plenty for these low-dimensional targets.
 */
const ATLAS_SIZE = 8192;

/** √3: U(−√3σ, √3σ) has standard deviation σ. */
const SQRT3 = Math.sqrt(3);

function validate(config: TrainerConfig): void {
  if (DATASETS[config.dataset] === undefined) {
    throw new Error(`Unknown dataset "${String(config.dataset)}"`);
  }
  if (!OBJECTIVES.includes(config.objective)) {
    throw new Error(`Unknown objective "${String(config.objective)}"`);
  }
  for (const [value, what] of [
    [config.generatorActivation, 'generatorActivation'],
    [config.discriminatorActivation, 'discriminatorActivation'],
  ] as const) {
    if (!ACTIVATIONS.includes(value)) throw new Error(`Unknown ${what} "${String(value)}"`);
  }
  if (!NOISE_DISTRIBUTIONS.includes(config.noiseDistribution)) {
    throw new Error(`Unknown noiseDistribution "${String(config.noiseDistribution)}"`);
  }
  assertPositiveInteger(config.noiseDimension, 'noiseDimension');
  assertPositiveInteger(config.batchSize, 'batchSize');
  assertPositiveInteger(config.discriminatorSteps, 'discriminatorSteps');
  assertPositiveInteger(config.packing, 'packing');
  if (config.packing > config.batchSize) {
    throw new Error(
      `packing (${config.packing}) must not exceed batchSize (${config.batchSize}): the discriminator needs at least one pack of ${config.packing} samples per batch`,
    );
  }
  assertPositiveFinite(config.noiseSigma, 'noiseSigma');
  assertPositiveFinite(config.generatorLearningRate, 'generatorLearningRate');
  assertPositiveFinite(config.discriminatorLearningRate, 'discriminatorLearningRate');
  assertUnitInterval(config.generatorBeta1, 'generatorBeta1');
  assertUnitInterval(config.generatorBeta2, 'generatorBeta2');
  assertUnitInterval(config.discriminatorBeta1, 'discriminatorBeta1');
  assertUnitInterval(config.discriminatorBeta2, 'discriminatorBeta2');
  assertUnitInterval(config.generatorMomentum, 'generatorMomentum');
  assertUnitInterval(config.discriminatorMomentum, 'discriminatorMomentum');
  assertNonNegativeFinite(config.gradientPenalty, 'gradientPenalty');
  assertNonNegativeFinite(config.mmdWeight, 'mmdWeight');
  assertNonNegativeFinite(config.instanceNoise, 'instanceNoise');
  if (!(config.labelSmoothing >= 0 && config.labelSmoothing < 0.5)) {
    throw new Error(`labelSmoothing must lie in [0, 0.5), got ${config.labelSmoothing}`);
  }
  config.mmdBandwidths.forEach((h, i) => {
    assertPositiveFinite(h, `mmdBandwidths[${i}]`);
  });
  if (usesMmd(config.objective) && config.mmdBandwidths.length === 0) {
    throw new Error(`The ${config.objective} objective needs at least one entry in mmdBandwidths`);
  }
  if (usesMmd(config.objective) && config.batchSize < 2) {
    throw new Error(`The ${config.objective} objective needs batchSize ≥ 2 for MMD²`);
  }
}

/**
 * The centres of a regular grid over `domain` with `resolution` cells per axis, row-major from
 * the low corner (the last axis varies slowest), as row-major points.
 */
export function regularGrid(
  domain: readonly (readonly [number, number])[],
  resolution: number,
): Float32Array {
  const dimension = domain.length;
  const count = resolution ** dimension;
  const out = new Float32Array(count * dimension);
  for (let p = 0; p < count; p++) {
    let rest = p;
    for (let axis = 0; axis < dimension; axis++) {
      const [lo, hi] = domain[axis] ?? [0, 1];
      const cell = rest % resolution;
      rest = Math.floor(rest / resolution);
      out[p * dimension + axis] = lo + ((cell + 0.5) / resolution) * (hi - lo);
    }
  }
  return out;
}

/**
 * Noise vectors on a grid spanning [−reach, reach] in the first `axes` coordinates (the others
 * 0), `resolution` values per axis, row-major with the second axis varying slowest.
 */
function manifoldNoise(
  noiseDimension: number,
  axes: 1 | 2,
  resolution: number,
  reach: number,
): Float32Array {
  const count = resolution ** axes;
  const out = new Float32Array(count * noiseDimension);
  const value = (k: number) => (resolution === 1 ? 0 : -reach + (2 * reach * k) / (resolution - 1));
  for (let p = 0; p < count; p++) {
    out[p * noiseDimension] = value(p % resolution);
    if (axes === 2) out[p * noiseDimension + 1] = value(Math.floor(p / resolution));
  }
  return out;
}

/** Global L2 norm √(Σ_v ‖g_v‖²) of a set of gradients (0 for none). */
function globalNorm(grads: tf.NamedTensorMap): tf.Scalar {
  const squares = Object.values(grads).map((g) => tf.sum<tf.Scalar>(tf.square(g)));
  return squares.length === 0 ? tf.scalar(0) : tf.sqrt(tf.addN(squares));
}

/** A copy of variables, flattened and joined, for one readback. Call inside tf.tidy. */
function joinVariables(variables: readonly tf.Variable[]): tf.Tensor1D {
  return tf.concat(variables.map((v) => tf.reshape(v, [-1]) as tf.Tensor1D));
}

/** Splits a readback into one array (with its own buffer, so each can be transferred) per size. */
function splitValues(values: Float32Array, sizes: readonly number[]): Float32Array[] {
  let offset = 0;
  return sizes.map((size) => {
    const part = values.slice(offset, offset + size);
    offset += size;
    return part;
  });
}

/** Names of the optimisers in user words. */
const OPTIMIZER_NAMES: Record<OptimizerKind, string> = {
  adam: 'Adam',
  sgd: 'SGD',
  rmsprop: 'RMSprop',
};

/** Creates a trainer with freshly initialised networks and optimisers. */
export function createTrainer(created: TrainerConfig): Trainer {
  validate(created);
  // Replaced by applySettings(): everything below reads the live settings through it.
  let config = created;
  // Throws a user-facing message for unusable data parameters (e.g. 'points' without points).
  const spec = resolveDataset(config.dataset, dataParamsOf(config));
  const dimension = spec.dimension;
  const { noiseDimension, objective, packing, mmdBandwidths } = config;
  // The live settings (see applySettings): read by every update, so a change takes effect at the next.
  let { batchSize, noiseSigma, discriminatorSteps, instanceNoise, labelSmoothing } = config;
  const hasDiscriminator = trainsDiscriminator(objective);
  const penaltyWeightOf = (c: TrainerConfig): number =>
    objective === 'wasserstein' ? c.gradientPenalty : 0;
  const mmdWeightOf = (c: TrainerConfig): number =>
    objective === 'mmd' ? 1 : objective === 'hybrid' ? c.mmdWeight : 0;
  let penaltyWeight = penaltyWeightOf(config);
  let mmdWeight = mmdWeightOf(config);

  // Separate streams so that, e.g., a change of batch size does not change the initial weights.
  const root = createRandom(config.seed);
  const initRandom = root.fork('init');
  const atlasRandom = root.fork('atlas');
  const batchRandom = root.fork('batch-indices');
  const noiseRandom = root.fork('noise');
  const instanceNoiseRandom = root.fork('instance-noise');
  const penaltyRandom = root.fork('gradient-penalty');
  const realRandom = root.fork('real-samples');
  const evaluationRandom = root.fork('evaluation-noise');
  const sampleRandom = root.fork('sample-noise');
  const diagnosticsRandom = root.fork('diagnostics');
  // Every stream that advances during a run, by fork label: a checkpoint saves their positions.
  // (init and atlas are only drawn from at creation; evaluation-noise is only forked.)
  const advancingStreams: Readonly<Record<string, Random>> = {
    'batch-indices': batchRandom,
    noise: noiseRandom,
    'instance-noise': instanceNoiseRandom,
    'gradient-penalty': penaltyRandom,
    'real-samples': realRandom,
    'sample-noise': sampleRandom,
    diagnostics: diagnosticsRandom,
  };

  // Everything allocated below is freed by dispose(); if construction fails half-way, free
  // what was already built so a bad config does not leak.
  const owned: { dispose(): void }[] = [];
  const own = <T extends { dispose(): void }>(resource: T): T => {
    owned.push(resource);
    return resource;
  };

  let generator: Mlp;
  // The 'mmd' objective trains no discriminator, so none is built (no wasted memory and no
  // meaningless diagnostics).
  let discriminator: Mlp | null = null;
  let atlas: tf.Tensor2D;
  let discriminatorLossSum: tf.Variable;
  let generatorLossSum: tf.Variable;
  let generatorOptimizer: Optimizer;
  let discriminatorOptimizer: Optimizer | null = null;
  try {
    generator = own(
      createMlp({
        inputSize: noiseDimension,
        hiddenLayers: config.generatorLayers,
        outputSize: dimension,
        hiddenActivation: config.generatorActivation,
        random: initRandom.fork('generator'),
        name: 'generator',
      }),
    );
    if (hasDiscriminator) {
      discriminator = own(
        createMlp({
          inputSize: packing * dimension,
          hiddenLayers: config.discriminatorLayers,
          outputSize: 1,
          hiddenActivation: config.discriminatorActivation,
          random: initRandom.fork('discriminator'),
          name: 'discriminator',
        }),
      );
      discriminatorOptimizer = own(
        createOptimizer(
          {
            kind: config.discriminatorOptimizer,
            learningRate: config.discriminatorLearningRate,
            beta1: config.discriminatorBeta1,
            beta2: config.discriminatorBeta2,
            momentum: config.discriminatorMomentum,
          },
          discriminator.variables,
          'discriminator',
        ),
      );
    }
    generatorOptimizer = own(
      createOptimizer(
        {
          kind: config.generatorOptimizer,
          learningRate: config.generatorLearningRate,
          beta1: config.generatorBeta1,
          beta2: config.generatorBeta2,
          momentum: config.generatorMomentum,
        },
        generator.variables,
        'generator',
      ),
    );
    atlas = own(tf.tensor2d(spec.sample(atlasRandom, ATLAS_SIZE), [ATLAS_SIZE, dimension]));
    // tidy(): tf.variable() does not take ownership of its initial tensor, which would leak.
    discriminatorLossSum = own(tf.tidy(() => tf.variable(tf.scalar(0), false)));
    generatorLossSum = own(tf.tidy(() => tf.variable(tf.scalar(0), false)));
  } catch (error) {
    for (const resource of owned) resource.dispose();
    throw error;
  }

  let iteration = 0;
  let discriminatorUpdates = 0;
  let generatorUpdates = 0;
  let iterationsSinceTake = 0;
  let discriminatorUpdatesSinceTake = 0;
  let generatorUpdatesSinceTake = 0;
  let disposed = false;
  const evaluationNoise = new Map<number, Float32Array>();

  const assertAlive = (): void => {
    if (disposed) throw new Error('Trainer has been disposed');
  };

  /** Fills `out` with noise coordinates of standard deviation σ from the configured law. */
  const fillNoise = (random: Random, out: Float32Array): Float32Array => {
    if (config.noiseDistribution === 'gaussian') return random.fillNormal(out, noiseSigma);
    const half = SQRT3 * noiseSigma;
    for (let i = 0; i < out.length; i++) out[i] = (2 * random.next() - 1) * half;
    return out;
  };

  /** Uploads a fresh noise batch z of `n` vectors drawn from `random`. */
  const noiseBatch = (random: Random, n: number): tf.Tensor2D =>
    // A fresh array per upload: the CPU backend keeps a reference to the array it was given.
    tf.tensor2d(fillNoise(random, new Float32Array(n * noiseDimension)), [n, noiseDimension]);

  /** Gathers `batchSize` rows of the atlas, chosen uniformly with replacement. */
  const realBatch = (): tf.Tensor2D => {
    const indices = batchRandom.fillInt(new Int32Array(batchSize), ATLAS_SIZE);
    return tf.gather(atlas, tf.tensor1d(indices, 'int32'));
  };

  /**
   * What the discriminator sees of a batch of points [n, dimension]: instance noise
   * x + N(0, s² I) (Sønderby et al. 2016; Arjovsky & Bottou 2017, §3.1), then PacGAN packing
   * (Lin et al. 2018) of m consecutive rows into one row, [⌊n/m⌋, m · dimension] (the
   * remainder rows are dropped).
   */
  const discriminatorInput = (points: tf.Tensor2D, random: Random | null): tf.Tensor2D => {
    const n = points.shape[0];
    let x = points;
    if (instanceNoise > 0 && random !== null) {
      const noise = random.fillNormal(new Float32Array(n * dimension), instanceNoise);
      x = tf.add(x, tf.tensor2d(noise, [n, dimension]));
    }
    if (packing === 1) return x;
    const packs = Math.floor(n / packing);
    if (packs * packing !== n) x = tf.slice(x, [0, 0], [packs * packing, dimension]);
    return tf.reshape(x, [packs, packing * dimension]);
  };

  /** ε ~ U[0, 1], one per pack, for the WGAN-GP interpolates. */
  const penaltyEpsilon = (random: Random, packs: number): tf.Tensor2D => {
    const values = new Float32Array(packs);
    for (let i = 0; i < packs; i++) values[i] = random.next();
    return tf.tensor2d(values, [packs, 1]);
  };

  /**
   * The discriminator loss on prepared inputs (see ./objectives for the formulas), plus
   * λ·GP for 'wasserstein' (Gulrajani et al. 2017, eq. 3). Only called with a discriminator.
   */
  const discriminatorObjective = (
    d: Mlp,
    real: tf.Tensor2D,
    fake: tf.Tensor2D,
    epsilon: tf.Tensor2D | null,
  ): tf.Scalar => {
    const loss = discriminatorLoss(objective, d.apply(real), d.apply(fake), labelSmoothing);
    if (epsilon === null) return loss;
    const penalty = gradientPenalty(d.applyTwiceDifferentiable, real, fake, epsilon);
    return tf.add(loss, tf.mul(penalty, penaltyWeight));
  };

  /**
   * The generator loss for noise z: the objective's adversarial loss on D(G(z)) (with the
   * instance noise drawn from `random`), plus mmdWeight · MMD²(G(z), real) for 'hybrid', or
   * MMD² alone for 'mmd' (see ./objectives).
   */
  const generatorObjective = (
    z: tf.Tensor2D,
    real: tf.Tensor2D | null,
    random: Random,
  ): tf.Scalar => generatorLossOfSamples(generator.apply(z), real, random);

  /**
   * The generator loss as a function of its samples G(z) (see generatorObjective); `random`
   * draws the instance noise, none when null (for the views of Trainer.fields).
   */
  const generatorLossOfSamples = (
    fake: tf.Tensor2D,
    real: tf.Tensor2D | null,
    random: Random | null,
  ): tf.Scalar => {
    let loss: tf.Scalar | null = null;
    if (discriminator !== null) {
      loss = generatorAdversarialLoss(
        objective,
        discriminator.apply(discriminatorInput(fake, random)),
      );
    }
    if (real !== null) {
      const mmd = mmdSquaredLoss(fake, real, mmdBandwidths);
      const weighted = mmdWeight === 1 ? mmd : tf.mul<tf.Scalar>(mmd, mmdWeight);
      loss = loss === null ? weighted : tf.add<tf.Scalar>(loss, weighted);
    }
    if (loss === null) throw new Error('The generator loss is empty');
    return loss;
  };

  const discriminatorStep = (d: Mlp, optimizer: Optimizer): void => {
    // G(z) is computed outside the minimised closure, so no gradient tape is recorded
    // through the generator during a discriminator update.
    const real = discriminatorInput(realBatch(), instanceNoiseRandom);
    const fake = discriminatorInput(
      generator.apply(noiseBatch(noiseRandom, batchSize)),
      instanceNoiseRandom,
    );
    const epsilon = penaltyWeight > 0 ? penaltyEpsilon(penaltyRandom, real.shape[0]) : null;
    const loss = optimizer.minimize(() => discriminatorObjective(d, real, fake, epsilon));
    discriminatorLossSum.assign(tf.add(discriminatorLossSum, loss));
  };

  const generatorStep = (): void => {
    const z = noiseBatch(noiseRandom, batchSize);
    const real = mmdWeight > 0 ? realBatch() : null;
    const loss = generatorOptimizer.minimize(() =>
      generatorObjective(z, real, instanceNoiseRandom),
    );
    generatorLossSum.assign(tf.add(generatorLossSum, loss));
  };

  /** One counted discriminator update (call inside tf.tidy, with a discriminator). */
  const discriminatorUpdate = (d: Mlp, optimizer: Optimizer): void => {
    discriminatorStep(d, optimizer);
    discriminatorUpdates++;
    discriminatorUpdatesSinceTake++;
  };

  /** One counted generator update, which completes an iteration (call inside tf.tidy). */
  const generatorUpdate = (): void => {
    generatorStep();
    generatorUpdates++;
    generatorUpdatesSinceTake++;
    iteration++;
    iterationsSinceTake++;
  };

  /** What a checkpoint must match to be restored here. */
  const architecture: ArchitectureOfModel = {
    generator: {
      inputSize: noiseDimension,
      hiddenLayers: [...config.generatorLayers],
      outputSize: dimension,
    },
    discriminator: hasDiscriminator
      ? {
          inputSize: packing * dimension,
          hiddenLayers: [...config.discriminatorLayers],
          outputSize: 1,
        }
      : null,
    packing,
    dimension,
    randomStreams: Object.keys(advancingStreams),
    randomStateWords: RANDOM_STATE_WORDS,
  };

  const generatorArchitecture: GeneratorArchitecture = {
    noiseDimension,
    hiddenLayers: [...config.generatorLayers],
    activation: config.generatorActivation,
    dimension,
  };

  /** The network's part of a checkpoint, from its read-back weights and optimiser slots. */
  const networkCheckpoint = (
    network: Mlp,
    optimizer: Optimizer,
    optimizerSteps: number,
    values: Float32Array[],
    hiddenLayers: readonly number[],
  ): NetworkCheckpoint => {
    const weights = values.slice(0, network.variables.length);
    const optimizerState: OptimizerCheckpoint = {
      kind: optimizer.kind,
      steps: optimizerSteps,
      slots: values.slice(network.variables.length),
    };
    const first = network.layers[0] as Mlp['layers'][number];
    const last = network.layers[network.layers.length - 1] as Mlp['layers'][number];
    return {
      inputSize: first.kernel.shape[0],
      hiddenLayers: [...hiddenLayers],
      outputSize: last.kernel.shape[1],
      activation: network.hiddenActivation,
      weights: network.variables.map((v, i) => ({
        shape: [...v.shape],
        values: weights[i] as Float32Array,
      })),
      optimizer: optimizerState,
    };
  };

  /**
   * Continues `optimizer` from `saved` when asked and compatible, else starts it fresh;
   * returns why it started fresh (null when restored).
   */
  const restoreOptimizer = (
    what: string,
    optimizer: Optimizer,
    saved: OptimizerCheckpoint,
    wanted: boolean,
  ): string | null => {
    if (!wanted) {
      optimizer.reset();
      return `The ${what}'s optimiser starts fresh, as asked`;
    }
    if (saved.kind !== optimizer.kind) {
      optimizer.reset();
      return `The snapshot's ${what} optimiser is ${OPTIMIZER_NAMES[saved.kind] ?? String(saved.kind)}; this run's is ${OPTIMIZER_NAMES[optimizer.kind]}, which starts fresh`;
    }
    if (
      saved.slots.length !== optimizer.slots.length ||
      saved.slots.some((slotValues) => slotValues.length !== optimizer.size)
    ) {
      optimizer.reset();
      return `The snapshot's ${what} optimiser state has other sizes than this run's, which starts fresh`;
    }
    optimizer.setState(saved.steps, saved.slots);
    return null;
  };

  /** Applies G to uploaded noise and reads the result back. */
  const applyGenerator = async (noise: Float32Array, n: number): Promise<Float32Array> => {
    const output = tf.tidy(() => generator.apply(tf.tensor2d(noise, [n, noiseDimension])));
    try {
      const values = await output.data<'float32'>();
      // Copy: some backends hand out their internal buffer.
      return Float32Array.from(values);
    } finally {
      output.dispose();
    }
  };

  const trainer: Trainer = {
    get config() {
      return config;
    },
    dataset: spec,
    dimension,
    get iteration() {
      return iteration;
    },
    parameterCount: {
      generator: generator.parameterCount,
      discriminator: discriminator?.parameterCount ?? 0,
    },
    get updates() {
      return { discriminator: discriminatorUpdates, generator: generatorUpdates };
    },

    step(iterations = 1) {
      assertAlive();
      if (!Number.isInteger(iterations) || iterations < 0) {
        throw new Error(`step() needs a non-negative integer, got ${iterations}`);
      }
      for (let i = 0; i < iterations; i++) {
        // One tidy per iteration bounds the memory held by intermediates; the optimisers'
        // slot variables and the loss sums are variables, which tidy() leaves alone.
        tf.tidy(() => {
          if (discriminator !== null && discriminatorOptimizer !== null) {
            for (let k = 0; k < discriminatorSteps; k++) {
              discriminatorUpdate(discriminator, discriminatorOptimizer);
            }
          }
          generatorUpdate();
        });
      }
    },

    stepDiscriminator() {
      assertAlive();
      const d = discriminator;
      const optimizer = discriminatorOptimizer;
      if (d === null || optimizer === null) {
        throw new Error(
          `The ${objective} objective trains no discriminator: there is no discriminator update to take`,
        );
      }
      tf.tidy(() => discriminatorUpdate(d, optimizer));
    },

    stepGenerator() {
      assertAlive();
      tf.tidy(generatorUpdate);
    },

    async takeLosses() {
      assertAlive();
      if (discriminatorUpdatesSinceTake === 0 && generatorUpdatesSinceTake === 0) return null;
      const iterations = iterationsSinceTake;
      const discriminatorCount = discriminatorUpdatesSinceTake;
      const generatorCount = generatorUpdatesSinceTake;
      // Snapshot and reset synchronously, before awaiting, so iterations run while the
      // readback is in flight count towards the next summary instead of being lost.
      const snapshot = tf.tidy(() => {
        const both = tf.stack([discriminatorLossSum, generatorLossSum]);
        discriminatorLossSum.assign(tf.zerosLike(discriminatorLossSum));
        generatorLossSum.assign(tf.zerosLike(generatorLossSum));
        return both;
      });
      iterationsSinceTake = 0;
      discriminatorUpdatesSinceTake = 0;
      generatorUpdatesSinceTake = 0;
      try {
        const [discriminatorSum = Number.NaN, generatorSum = Number.NaN] = await snapshot.data();
        const mean = (sum: number, count: number) => (count > 0 ? sum / count : Number.NaN);
        return {
          discriminator: discriminator === null ? null : mean(discriminatorSum, discriminatorCount),
          generator: mean(generatorSum, generatorCount),
          iterations,
          updates: { discriminator: discriminatorCount, generator: generatorCount },
        };
      } finally {
        snapshot.dispose();
      }
    },

    async generate(noise) {
      assertAlive();
      if (!(noise instanceof Float32Array) || noise.length === 0) {
        throw new Error('generate() needs a non-empty Float32Array of noise vectors');
      }
      if (noise.length % noiseDimension !== 0) {
        throw new Error(
          `generate() needs whole noise vectors of ${noiseDimension} values, got ${noise.length} values`,
        );
      }
      // slice(): the upload must not alias the caller's array (see noiseBatch).
      return applyGenerator(noise.slice(), noise.length / noiseDimension);
    },

    async checkpoint() {
      assertAlive();
      // Capture everything now; only the readback is awaited, so iterations that run while it
      // is in flight cannot leak into the snapshot.
      const parts: { network: Mlp; optimizer: Optimizer; layers: readonly number[] }[] = [
        { network: generator, optimizer: generatorOptimizer, layers: config.generatorLayers },
      ];
      if (discriminator !== null && discriminatorOptimizer !== null) {
        parts.push({
          network: discriminator,
          optimizer: discriminatorOptimizer,
          layers: config.discriminatorLayers,
        });
      }
      const tensors = parts.flatMap((p) => [...p.network.variables, ...p.optimizer.slots]);
      const steps = parts.map((p) => p.optimizer.steps);
      const counters = { iteration, discriminatorUpdates, generatorUpdates };
      const settings = liveSettingsOf(config);
      const random = Object.fromEntries(
        Object.entries(advancingStreams).map(([name, stream]) => [name, stream.state()]),
      );
      const joined = tf.tidy(() => joinVariables(tensors));
      let values: Float32Array[];
      try {
        values = splitValues(
          (await joined.data()) as Float32Array,
          tensors.map((t) => t.size),
        );
      } finally {
        joined.dispose();
      }
      const networks = parts.map((p, i) => {
        const count = p.network.variables.length + p.optimizer.slots.length;
        const mine = values.splice(0, count);
        return networkCheckpoint(p.network, p.optimizer, steps[i] as number, mine, p.layers);
      });
      return {
        format: CHECKPOINT_FORMAT,
        iteration: counters.iteration,
        updates: {
          discriminator: counters.discriminatorUpdates,
          generator: counters.generatorUpdates,
        },
        dataset: config.dataset,
        dimension,
        packing,
        generator: networks[0] as NetworkCheckpoint,
        discriminator: networks[1] ?? null,
        random,
        settings,
      };
    },

    async weightsFinite() {
      assertAlive();
      const variables = [...generator.variables, ...(discriminator?.variables ?? [])];
      const total = tf.tidy(() => tf.addN(variables.map((v) => tf.sum(tf.abs(v)))));
      try {
        const [value] = await total.data();
        return Number.isFinite(value);
      } finally {
        total.dispose();
      }
    },

    restore(checkpoint, options = {}) {
      assertAlive();
      const mismatch = checkpointMismatch(checkpoint, architecture);
      if (mismatch !== null) throw new Error(mismatch);
      // Validate every stream state on a scratch stream first, so a bad one changes nothing.
      const scratch = createRandom(0);
      for (const name of Object.keys(advancingStreams)) {
        scratch.setState(checkpoint.random[name] as Uint32Array);
      }
      generator.setWeights(checkpoint.generator.weights.map((w) => w.values));
      if (discriminator !== null && checkpoint.discriminator !== null) {
        discriminator.setWeights(checkpoint.discriminator.weights.map((w) => w.values));
      }
      const wanted = options.optimizerState !== false;
      const notes = [
        restoreOptimizer('generator', generatorOptimizer, checkpoint.generator.optimizer, wanted),
      ];
      if (discriminatorOptimizer !== null && checkpoint.discriminator !== null) {
        notes.push(
          restoreOptimizer(
            'discriminator',
            discriminatorOptimizer,
            checkpoint.discriminator.optimizer,
            wanted,
          ),
        );
      }
      for (const [name, stream] of Object.entries(advancingStreams)) {
        stream.setState(checkpoint.random[name] as Uint32Array);
      }
      iteration = checkpoint.iteration;
      discriminatorUpdates = checkpoint.updates.discriminator;
      generatorUpdates = checkpoint.updates.generator;
      // The running loss sums belong to the abandoned timeline.
      tf.tidy(() => {
        discriminatorLossSum.assign(tf.zerosLike(discriminatorLossSum));
        generatorLossSum.assign(tf.zerosLike(generatorLossSum));
      });
      iterationsSinceTake = 0;
      discriminatorUpdatesSinceTake = 0;
      generatorUpdatesSinceTake = 0;
      const fresh = notes.filter((note): note is string => note !== null);
      return {
        optimizerRestored: fresh.length === 0,
        optimizerNote: fresh.length === 0 ? null : fresh.join('. '),
      };
    },

    async exportGenerator() {
      assertAlive();
      const metadata = {
        format: GENERATOR_FORMAT,
        noiseDimension,
        noiseDistribution: config.noiseDistribution,
        noiseSigma,
        dataset: config.dataset,
        dimension,
        iteration,
        generatorLayers: [...config.generatorLayers],
        generatorActivation: config.generatorActivation,
      } as const;
      const joined = tf.tidy(() => joinVariables(generator.variables));
      let weights: Float32Array[];
      try {
        weights = splitValues(
          (await joined.data()) as Float32Array,
          generator.variables.map((v) => v.size),
        );
      } finally {
        joined.dispose();
      }
      return generatorArtifacts(generatorArchitecture, weights, metadata);
    },

    async loadGenerator(artifacts) {
      assertAlive();
      generator.setWeights(generatorWeightsFromArtifacts(artifacts, generatorArchitecture));
      generatorOptimizer.reset();
    },

    async sampleGenerator(n) {
      assertAlive();
      assertPositiveInteger(n, 'sampleGenerator size');
      let noise = evaluationNoise.get(n);
      if (noise === undefined) {
        // One stream per batch size: the batch for a given n is the same whichever sizes
        // were requested before it.
        noise = fillNoise(evaluationRandom.fork(`size-${n}`), new Float32Array(n * noiseDimension));
        evaluationNoise.set(n, noise);
      }
      // slice(): the upload must not alias the cached noise array (see noiseBatch).
      return applyGenerator(noise.slice(), n);
    },

    async sample(n) {
      assertAlive();
      assertPositiveInteger(n, 'sample size');
      return applyGenerator(fillNoise(sampleRandom, new Float32Array(n * noiseDimension)), n);
    },

    sampleReal(n) {
      assertAlive();
      assertPositiveInteger(n, 'sampleReal size');
      return spec.sample(realRandom, n);
    },

    async diagnostics(n) {
      assertAlive();
      assertPositiveInteger(n, 'diagnostics size');
      if (n < Math.max(2, packing)) {
        throw new Error(`diagnostics size must be at least max(2, packing), got ${n}`);
      }
      const random = diagnosticsRandom;
      const values = tf.tidy(() => {
        const real = tf.tensor2d(spec.sample(random, n), [n, dimension]);
        const z = noiseBatch(random, n);
        const nan = tf.scalar(Number.NaN);
        let meanDReal: tf.Scalar = nan;
        let meanDFake: tf.Scalar = nan;
        let discriminatorGradNorm: tf.Scalar = nan;
        if (discriminator !== null) {
          const d = discriminator;
          const realInput = discriminatorInput(real, random);
          const fakeInput = discriminatorInput(generator.apply(z), random);
          const toMean = (t: tf.Tensor2D): tf.Scalar =>
            tf.mean(outputIsLogit(objective) ? tf.sigmoid(t) : t);
          meanDReal = toMean(d.apply(realInput));
          meanDFake = toMean(d.apply(fakeInput));
          const epsilon = penaltyWeight > 0 ? penaltyEpsilon(random, realInput.shape[0]) : null;
          const { grads } = tf.variableGrads(
            () => discriminatorObjective(d, realInput, fakeInput, epsilon),
            d.variables,
          );
          discriminatorGradNorm = globalNorm(grads);
        }
        const { grads } = tf.variableGrads(
          () => generatorObjective(z, mmdWeight > 0 ? real : null, random),
          generator.variables,
        );
        return tf.stack([meanDReal, meanDFake, globalNorm(grads), discriminatorGradNorm]);
      });
      try {
        const [dReal, dFake, gNorm, dNorm] = Array.from(await values.data());
        const hasD = discriminator !== null;
        return {
          meanDReal: hasD ? (dReal ?? Number.NaN) : null,
          meanDFake: hasD ? (dFake ?? Number.NaN) : null,
          generatorGradNorm: gNorm ?? Number.NaN,
          discriminatorGradNorm: hasD ? (dNorm ?? Number.NaN) : null,
        };
      } finally {
        values.dispose();
      }
    },

    async metrics(options) {
      assertAlive();
      const size = options.sampleSize ?? 1000;
      const real = options.real ?? trainer.sampleReal(size);
      const generated = options.generated ?? (await trainer.sample(size));
      const diagnostics = await trainer.diagnostics(
        options.diagnosticsSize ?? Math.max(2, packing, Math.min(size, 256)),
      );
      const distribution = distributionMetrics(real, generated, dimension, {
        kernelBandwidth: options.kernelBandwidth,
        modes: spec.modes,
        modeStd: spec.modeStd,
      });
      return { ...distribution, ...diagnostics, iteration };
    },

    async fields(options) {
      assertAlive();
      const { domain, resolution, manifoldResolution, samples } = options;
      assertPositiveInteger(resolution, 'fields resolution');
      assertPositiveInteger(manifoldResolution, 'fields manifoldResolution');
      if (domain.length !== dimension) {
        throw new Error(`fields domain needs ${dimension} intervals, got ${domain.length}`);
      }
      const d = packing === 1 ? discriminator : null;
      const grid = regularGrid(domain, resolution);
      // A mesh where both noise and data have two axes; otherwise the curve along z₁.
      const manifoldAxes: 1 | 2 = noiseDimension >= 2 && dimension === 2 ? 2 : 1;
      const noise = manifoldNoise(
        noiseDimension,
        manifoldAxes,
        manifoldResolution,
        config.noiseDistribution === 'uniform' ? SQRT3 * noiseSigma : 2 * noiseSigma,
      );
      const n = samples.length / dimension;
      const real = mmdWeight > 0 && n >= 2 ? spec.sample(diagnosticsRandom, n) : null;
      const field =
        d === null
          ? null
          : tf.tidy(() => {
              const t = d.apply(tf.tensor2d(grid, [grid.length / dimension, dimension]));
              return outputIsLogit(objective) ? tf.sigmoid(t) : t;
            });
      const manifold = tf.tidy(() =>
        generator.apply(tf.tensor2d(noise, [noise.length / noiseDimension, noiseDimension])),
      );
      // Samples can be pushed when a pack of them can be formed and the loss has a term at all.
      const pushable =
        (discriminator === null || n >= packing) && (discriminator !== null || real !== null);
      const push = tf.tidy(() => {
        const x = tf.tensor2d(samples, [n, dimension]);
        if (!pushable) return tf.zerosLike(x);
        const realTensor = real === null ? null : tf.tensor2d(real, [n, dimension]);
        return tf.neg(
          tf.grad((points: tf.Tensor) =>
            generatorLossOfSamples(points as tf.Tensor2D, realTensor, null),
          )(x),
        );
      });
      try {
        const [fieldValues, manifoldValues, pushValues] = await Promise.all([
          field === null ? Promise.resolve(null) : field.data(),
          manifold.data(),
          push.data(),
        ]);
        return {
          discriminator:
            fieldValues === null ? null : Float32Array.from(fieldValues as Float32Array),
          discriminatorIsProbability: outputIsLogit(objective),
          manifold: Float32Array.from(manifoldValues as Float32Array),
          manifoldAxes,
          push: Float32Array.from(pushValues as Float32Array),
        };
      } finally {
        field?.dispose();
        manifold.dispose();
        push.dispose();
      }
    },

    applySettings(changes) {
      assertAlive();
      const next = withLiveSettings(config, changes);
      validate(next.config);
      const optimizerSettings = (c: TrainerConfig, network: 'generator' | 'discriminator') => ({
        learningRate: c[`${network}LearningRate`],
        beta1: c[`${network}Beta1`],
        beta2: c[`${network}Beta2`],
        momentum: c[`${network}Momentum`],
      });
      // validate() checked every value the optimisers take, so neither of these throws.
      generatorOptimizer.setSettings(optimizerSettings(next.config, 'generator'));
      discriminatorOptimizer?.setSettings(optimizerSettings(next.config, 'discriminator'));
      config = next.config;
      ({ batchSize, noiseSigma, discriminatorSteps, instanceNoise, labelSmoothing } = config);
      penaltyWeight = penaltyWeightOf(config);
      mmdWeight = mmdWeightOf(config);
      // The fixed evaluation noise is redrawn from its own streams, so the same noise at the new σ.
      if (next.changed.includes('noiseSigma')) evaluationNoise.clear();
      return next.changed;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      for (const resource of owned) resource.dispose();
      evaluationNoise.clear();
    },
  };
  return trainer;
}
