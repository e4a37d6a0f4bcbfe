/**
 * What the exported scripts share: the experiment read off a `PlaygroundConfig` once (the
 * target law, the networks, the objective's options, the optimisers), the settings block, the
 * header text and number formatting. The PyTorch and Node generators only render it.
 *
 * Nothing here imports tfjs: the UI builds these scripts on the main thread. The engine's
 * numeric constants that its tfjs modules own (leaky ReLU slope, RMSprop decay, atlas size) are
 * copied below; tests/export/common.test.ts checks that they agree.
 */

import { dataDimension, FIELDS, type PlaygroundConfig } from '../config/schema';
import { DATASETS, type DatasetId, resolveDataset } from '../engine/datasets';

/** The user's own points, as the playground keeps them (row-major `count × dimension`). */
export interface UserPoints {
  dimension: 1 | 2;
  values: Float32Array;
}

export interface ExportOptions {
  /** Default of the script's `--iterations` (2000). */
  iterations?: number;
}

export type Activation = PlaygroundConfig['generatorActivation'];
export type OptimizerKind = PlaygroundConfig['generatorOptimizer'];

/** Negative slope of the leaky ReLU (src/engine/mlp.ts, LEAKY_RELU_SLOPE). */
export const LEAKY_RELU_SLOPE = 0.2;
/** Decay of RMSprop's mean square (src/engine/optimizers.ts, RMSPROP_DECAY). */
export const RMSPROP_DECAY = 0.9;
/** tf.train's ε: the float epsilon of the float32 backends (tf.backend().epsilon()). */
export const TFJS_EPSILON = 1e-7;
/** Real points pre-sampled once, batches gathered from them (src/engine/trainer.ts). */
export const ATLAS_SIZE = 8192;
/** Points of each kind in the reported MMD², as the playground's metrics use. */
export const EVALUATION_SIZE = 1000;
/** Added under the square root of the gradient norm in WGAN-GP (src/engine/objectives.ts). */
export const PENALTY_NORM_OFFSET = 1e-12;
export const DEFAULT_ITERATIONS = 2000;

/** Centres of a mixture, as code can build them. */
export type Modes =
  | { kind: 'ring'; count: number; radius: number }
  | { kind: 'grid'; values: readonly number[] }
  | { kind: 'list'; points: readonly (readonly number[])[] };

/**
 * A target distribution, with the constants of src/engine/datasets.ts (which keeps them
 * private): every built-in data set is one of these laws.
 */
export type TargetLaw =
  | {
      kind: 'mixture';
      modes: Modes;
      std: number;
      /** Relative weights of the components that can be drawn; null for equal weights. */
      weights: readonly number[] | null;
    }
  | {
      kind: 'correlatedGaussian';
      mean: readonly [number, number];
      /** Lower-triangular Cholesky factor of the covariance, row-major. */
      cholesky: readonly [readonly [number, number], readonly [number, number]];
    }
  | {
      kind: 'moons';
      noise: number;
      scale: number;
      centre: readonly [number, number];
    }
  | { kind: 'spiral'; thetaMin: number; thetaMax: number; radius: number; noise: number }
  | { kind: 'circle'; radius: number; noise: number }
  | {
      kind: 'line';
      start: readonly [number, number];
      end: readonly [number, number];
      noise: number;
    }
  | { kind: 'gaussian'; mean: number; std: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'exponential'; rate: number }
  | { kind: 'lognormal'; sigma: number }
  | { kind: 'points'; points: readonly (readonly number[])[] };

/** Settings of one network's optimiser, only those its kind uses. */
export type OptimizerPlan =
  | { kind: 'adam'; learningRate: number; beta1: number; beta2: number }
  | { kind: 'sgd'; learningRate: number; momentum: number }
  | { kind: 'rmsprop'; learningRate: number; momentum: number };

/** The experiment as the scripts reproduce it: only the options that take effect. */
export interface ExportPlan {
  readonly config: PlaygroundConfig;
  readonly dimension: 1 | 2;
  readonly target: TargetLaw;
  /** Number of user points embedded (0 unless the data set is 'points'). */
  readonly pointCount: number;
  /** Default of `--iterations`. */
  readonly iterations: number;
  /** Widths of the generator's layers, noise first, data point last. */
  readonly generatorSizes: readonly number[];
  /** Widths of the discriminator's layers (input m · dimension, output 1); null for 'mmd'. */
  readonly discriminatorSizes: readonly number[] | null;
  readonly generatorOptimizer: OptimizerPlan;
  readonly discriminatorOptimizer: OptimizerPlan | null;
  /** Activations the networks use (the discriminator's only when there is one). */
  readonly activations: ReadonlySet<Activation>;
  /** λ of the WGAN-GP penalty; 0 when the objective has none. */
  readonly penaltyWeight: number;
  /** Weight of MMD² in the generator loss: 1 for 'mmd', λ for 'hybrid', else 0. */
  readonly mmdWeight: number;
  /** One-sided label smoothing ε where the objective uses it; else 0. */
  readonly labelSmoothing: number;
  /** Instance noise σ where there is a discriminator; else 0. */
  readonly instanceNoise: number;
  /** PacGAN packing m where there is a discriminator; else 1. */
  readonly packing: number;
}

/** Reads the experiment off a config, with the engine's checks for unusable settings. */
export function exportPlan(
  config: PlaygroundConfig,
  points: UserPoints | null = null,
  options: ExportOptions = {},
): ExportPlan {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new Error(`iterations must be a non-negative integer, got ${iterations}`);
  }
  const userPoints = config.dataset === 'points' ? points : null;
  // Throws the playground's own message for unusable data parameters (no points, bad weights…).
  resolveDataset(config.dataset, { ...config, points: userPoints });
  if (config.packing > config.batchSize) {
    throw new Error(
      `packing (${config.packing}) must not exceed batchSize (${config.batchSize}): the discriminator needs at least one pack per batch`,
    );
  }
  const { objective } = config;
  if ((objective === 'mmd' || objective === 'hybrid') && config.batchSize < 2) {
    throw new Error(`The ${objective} objective needs batchSize ≥ 2 for MMD²`);
  }
  const dimension = dataDimension(config, userPoints);
  const hasDiscriminator = objective !== 'mmd';
  const smoothable = ['minimax', 'nonSaturating', 'hybrid', 'leastSquares'].includes(objective);
  const packing = hasDiscriminator ? config.packing : 1;
  const activations = new Set<Activation>([config.generatorActivation]);
  if (hasDiscriminator) activations.add(config.discriminatorActivation);
  return {
    config,
    dimension,
    target: targetLaw(config, userPoints),
    pointCount: userPoints === null ? 0 : userPoints.values.length / userPoints.dimension,
    iterations,
    generatorSizes: [config.noiseDimension, ...config.generatorLayers, dimension],
    discriminatorSizes: hasDiscriminator
      ? [packing * dimension, ...config.discriminatorLayers, 1]
      : null,
    generatorOptimizer: optimizerPlan(config, 'generator'),
    discriminatorOptimizer: hasDiscriminator ? optimizerPlan(config, 'discriminator') : null,
    activations,
    penaltyWeight: objective === 'wasserstein' ? config.gradientPenalty : 0,
    mmdWeight: objective === 'mmd' ? 1 : objective === 'hybrid' ? config.mmdWeight : 0,
    labelSmoothing: smoothable ? config.labelSmoothing : 0,
    instanceNoise: hasDiscriminator ? config.instanceNoise : 0,
    packing,
  };
}

/** The formula of the discriminator loss (src/engine/objectives.ts, discriminatorLoss). */
export type DiscriminatorLossForm =
  | 'crossEntropy'
  | 'smoothedCrossEntropy'
  | 'leastSquares'
  | 'hinge'
  | 'wassersteinPenalty'
  | 'wasserstein';

export type AdversarialObjective = Exclude<PlaygroundConfig['objective'], 'mmd'>;

/** Which formula the discriminator loss of a plan with a discriminator takes. */
export function discriminatorLossForm(plan: ExportPlan): DiscriminatorLossForm {
  const { objective } = plan.config;
  switch (objective) {
    case 'minimax':
    case 'nonSaturating':
    case 'hybrid':
      return plan.labelSmoothing > 0 ? 'smoothedCrossEntropy' : 'crossEntropy';
    case 'leastSquares':
    case 'hinge':
      return objective;
    case 'wasserstein':
      return plan.penaltyWeight > 0 ? 'wassersteinPenalty' : 'wasserstein';
    case 'mmd':
      throw new Error('The mmd objective trains no discriminator');
  }
}

/** The config's objective, for a plan with a discriminator. */
export function adversarialObjective(plan: ExportPlan): AdversarialObjective {
  const { objective } = plan.config;
  if (objective === 'mmd') throw new Error('The mmd objective has no adversarial loss');
  return objective;
}

/** Why each discriminator loss reads as it does: comment lines for the generated code. */
export const DISCRIMINATOR_LOSS_NOTES: Readonly<Record<DiscriminatorLossForm, readonly string[]>> =
  {
    crossEntropy: [
      'Binary cross-entropy on logits: −log σ(t) = softplus(−t), −log(1 − σ(t)) = softplus(t).',
    ],
    smoothedCrossEntropy: [
      '−[(1 − ε) log σ(t) + ε log(1 − σ(t))] on real points: one-sided label smoothing',
      '(Salimans et al. 2016, §3.4); −log σ(t) = softplus(−t), −log(1 − σ(t)) = softplus(t).',
    ],
    leastSquares: ['LSGAN (Mao et al. 2017, eq. 9): real to the target, fake to 0.'],
    hinge: ['Hinge loss (Lim & Ye 2017; Miyato et al. 2018, eq. 16).'],
    wassersteinPenalty: ['WGAN-GP critic (Gulrajani et al. 2017, eq. 3).'],
    wasserstein: ['WGAN critic (Arjovsky et al. 2017), without a penalty since λ = 0.'],
  };

/** What the adversarial generator loss does, per objective: one comment line. */
export const GENERATOR_LOSS_NOTES: Readonly<Record<AdversarialObjective, string>> = {
  minimax: 'minimise E log(1 − D(G(z))): the saturating game (Goodfellow et al. 2014)',
  nonSaturating: 'maximise E log D(G(z)) (Goodfellow et al. 2014, §3)',
  hybrid: 'maximise E log D(G(z)) (Goodfellow et al. 2014, §3)',
  leastSquares: 'pull D(G(z)) to 1 (Mao et al. 2017, eq. 9)',
  hinge: 'maximise E D(G(z)) (Lim & Ye 2017; Miyato et al. 2018, eq. 17)',
  wasserstein: 'maximise the critic on fakes (Arjovsky et al. 2017)',
};

/** Whether the discriminator sees more than the points: instance noise or packs. */
export function transformsDiscriminatorInput(plan: ExportPlan): boolean {
  return plan.instanceNoise > 0 || plan.packing > 1;
}

function optimizerPlan(
  config: PlaygroundConfig,
  network: 'generator' | 'discriminator',
): OptimizerPlan {
  const learningRate = config[`${network}LearningRate`];
  const kind = config[`${network}Optimizer`];
  if (kind === 'adam') {
    return {
      kind,
      learningRate,
      beta1: config[`${network}Beta1`],
      beta2: config[`${network}Beta2`],
    };
  }
  return { kind, learningRate, momentum: config[`${network}Momentum`] };
}

/** Rows of a row-major array of `dimension`-D points. */
function rows(values: Float32Array, dimension: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += dimension)
    out.push(Array.from(values.slice(i, i + dimension)));
  return out;
}

/** The law the engine samples for this config (see src/engine/datasets.ts, DEFINITIONS). */
export function targetLaw(config: PlaygroundConfig, points: UserPoints | null): TargetLaw {
  const id: DatasetId = config.dataset;
  switch (id) {
    case 'ring-8':
      return {
        kind: 'mixture',
        modes: { kind: 'ring', count: 8, radius: 2 },
        std: 0.05,
        weights: null,
      };
    case 'grid-25':
      return {
        kind: 'mixture',
        modes: { kind: 'grid', values: [-4, -2, 0, 2, 4] },
        std: 0.05,
        weights: null,
      };
    case 'gaussian-2d':
      return {
        kind: 'correlatedGaussian',
        mean: [1, -0.5],
        cholesky: [
          [0.5, 0],
          [0.6, 0.8],
        ],
      };
    case 'two-moons':
      return { kind: 'moons', noise: 0.05, scale: 5 / 3, centre: [0.5, 0.25] };
    case 'spiral':
      return {
        kind: 'spiral',
        thetaMin: Math.PI / 2,
        thetaMax: 3 * Math.PI,
        radius: 2.5,
        noise: 0.05,
      };
    case 'circle':
      return { kind: 'circle', radius: 2, noise: 0.03 };
    case 'line':
      return { kind: 'line', start: [-2, -1], end: [2, 1], noise: 0.03 };
    case 'custom-mixture': {
      const weights = config.mixtureWeights;
      if (weights.length === 0) {
        return {
          kind: 'mixture',
          modes: { kind: 'list', points: config.mixtureMeans },
          std: config.mixtureStd,
          weights: null,
        };
      }
      // Components of weight 0 never yield a point; the engine leaves them out too.
      const live = config.mixtureMeans.filter((_, k) => (weights[k] as number) > 0);
      return {
        kind: 'mixture',
        modes: { kind: 'list', points: live },
        std: config.mixtureStd,
        weights: weights.filter((w) => w > 0),
      };
    }
    case 'points':
      if (points === null) throw new Error('The points data set needs the points to embed.');
      return { kind: 'points', points: rows(points.values, points.dimension) };
    case 'gaussian-1d':
      return { kind: 'gaussian', mean: config.gaussianMean, std: config.gaussianStd };
    case 'mixture-1d':
      return {
        kind: 'mixture',
        modes: { kind: 'list', points: [[-2], [2]] },
        std: 0.5,
        weights: null,
      };
    case 'mixture3-1d':
      return {
        kind: 'mixture',
        modes: { kind: 'list', points: [[-3], [0], [3]] },
        std: 0.4,
        weights: null,
      };
    case 'uniform-1d':
      return { kind: 'uniform', low: -2, high: 2 };
    case 'exponential-1d':
      return { kind: 'exponential', rate: 1 };
    case 'lognormal-1d':
      return { kind: 'lognormal', sigma: 0.5 };
    default: {
      const unknown: never = id;
      throw new Error(`Unknown data set "${String(unknown)}"`);
    }
  }
}

/**
 * A number as source text, the same in Python and JavaScript: the shortest decimal that reads
 * back as the same double ("0.1", "1e-7"); `float` adds ".0" to whole numbers for Python.
 */
export function numberLiteral(value: number, float = false): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a literal`);
  const text = String(Object.is(value, -0) ? 0 : value);
  return float && /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** The shortest decimal that reads back as the same float32 (a point the user drew). */
export function float32Literal(value: number, float = false): string {
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return numberLiteral(shortest, float);
  }
  return numberLiteral(single, float);
}

/** `[a, b, c]`, in Python and JavaScript alike. */
export function listLiteral(values: readonly number[], float = false): string {
  return `[${values.map((v) => numberLiteral(v, float)).join(', ')}]`;
}

/**
 * Points as a nested list literal, `perLine` points to a line indented by `indent` + `step`,
 * so a few thousand user points stay readable.
 */
export function pointsLiteral(
  points: readonly (readonly number[])[],
  indent: string,
  float = false,
  step = '    ',
  perLine = 8,
): string {
  const items = points.map((p) => `[${p.map((v) => float32Literal(v, float)).join(', ')}]`);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) {
    lines.push(`${indent}${step}${items.slice(i, i + perLine).join(', ')},`);
  }
  return `[\n${lines.join('\n')}\n${indent}]`;
}

/** Joins lines of code, dropping the parts a config does not use (false, null, undefined). */
export function code(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((part): part is string => typeof part === 'string').join('\n');
}

/** A comment line that opens a section of a script: `# --- data -----…`, 100 columns wide. */
export function sectionRule(commentMark: string, title: string): string {
  const head = `${commentMark} --- ${title} `;
  return head + '-'.repeat(Math.max(0, 100 - head.length));
}

/** The script from its blocks (the unused ones false or null), `blankLines` apart. */
export function joinBlocks(blocks: readonly (string | false | null)[], blankLines: number): string {
  const present = blocks.filter((block): block is string => typeof block === 'string');
  return `${present.join('\n'.repeat(blankLines + 1))}\n`;
}

/** A setting the scripts define as a named constant. */
export interface Setting {
  /** UPPER_SNAKE name, the same in both languages. */
  name: string;
  /** A number or a list of numbers. */
  value: number | readonly number[];
  /** Whether Python should write whole values as floats. */
  float: boolean;
  /** What the setting is, in a few words. */
  comment: string;
}

/** The settings block at the top of both scripts: only what this config uses. */
export function settings(plan: ExportPlan): Setting[] {
  const { config } = plan;
  const hasD = plan.discriminatorSizes !== null;
  const hybridMmd = config.objective === 'hybrid' && plan.mmdWeight > 0;
  const rows: [boolean, string, number | readonly number[], boolean, string][] = [
    [true, 'SEED', config.seed, false, 'seeds every random draw'],
    [true, 'DIM', plan.dimension, false, 'dimension of a data point'],
    [true, 'NOISE_DIM', config.noiseDimension, false, 'dimension of z'],
    [true, 'NOISE_SIGMA', config.noiseSigma, true, 'standard deviation of every coordinate of z'],
    [true, 'BATCH_SIZE', config.batchSize, false, 'real and generated samples per update'],
    [
      hasD,
      'D_STEPS',
      config.discriminatorSteps,
      false,
      'discriminator updates per generator update (k)',
    ],
    [
      plan.packing > 1,
      'PACKING',
      plan.packing,
      false,
      'samples the discriminator judges at once (PacGAN m)',
    ],
    [
      plan.instanceNoise > 0,
      'INSTANCE_NOISE',
      plan.instanceNoise,
      true,
      'σ of the noise added to every discriminator input',
    ],
    [
      plan.labelSmoothing > 0,
      'LABEL_SMOOTHING',
      plan.labelSmoothing,
      true,
      'real target 1 − ε (one-sided)',
    ],
    [
      plan.penaltyWeight > 0,
      'GRADIENT_PENALTY',
      plan.penaltyWeight,
      true,
      'λ of the WGAN-GP penalty',
    ],
    [
      plan.mmdWeight > 0,
      'MMD_BANDWIDTHS',
      config.mmdBandwidths,
      true,
      'bandwidths of the kernel mixture in the MMD² loss',
    ],
    [hybridMmd, 'MMD_WEIGHT', plan.mmdWeight, true, 'λ of L_G + λ·MMD²'],
    [true, 'KERNEL_BANDWIDTH', config.kernelBandwidth, true, 'bandwidth of the MMD² reported'],
    [
      true,
      'ATLAS_SIZE',
      ATLAS_SIZE,
      false,
      'real points sampled once; batches are drawn from them',
    ],
    [true, 'EVALUATION_SIZE', EVALUATION_SIZE, false, 'points of each kind in the reported MMD²'],
  ];
  return rows
    .filter(([used]) => used)
    .map(([, name, value, float, comment]) => ({ name, value, float, comment }));
}

/** Renders the settings as aligned constant definitions, e.g. `SEED = 1  # …`. */
export function settingsBlock(
  plan: ExportPlan,
  render: (setting: Setting) => string,
  commentMark: string,
  extra: readonly Setting[] = [],
): string {
  const defined = [...settings(plan), ...extra].map((s) => ({
    text: render(s),
    comment: s.comment,
  }));
  const width = Math.max(...defined.map((d) => d.text.length));
  return defined.map((d) => `${d.text.padEnd(width)}  ${commentMark} ${d.comment}`).join('\n');
}

function activationLabel(activation: Activation): string {
  return FIELDS.generatorActivation.optionLabels[activation];
}

function optimizerLabel(optimizer: OptimizerPlan): string {
  const name = FIELDS.generatorOptimizer.optionLabels[optimizer.kind];
  const lr = `lr ${numberLiteral(optimizer.learningRate)}`;
  return optimizer.kind === 'adam'
    ? `${name} (${lr}, β1 ${numberLiteral(optimizer.beta1)}, β2 ${numberLiteral(optimizer.beta2)})`
    : `${name} (${lr}, momentum ${numberLiteral(optimizer.momentum)})`;
}

/** One sentence naming the target law, with its parameters where it takes any. */
function targetSentence(plan: ExportPlan): string {
  const { config } = plan;
  const spec = DATASETS[config.dataset];
  if (config.dataset === 'points') {
    return `${spec.label}: ${plan.pointCount} ${plan.dimension}-D points, embedded below and resampled with replacement.`;
  }
  if (config.dataset === 'gaussian-1d') {
    return `${spec.label}: N(${config.gaussianMean}, ${config.gaussianStd}²).`;
  }
  if (config.dataset === 'custom-mixture') {
    const centres = config.mixtureMeans.map((m) => `(${m.join(', ')})`).join(', ');
    const weights =
      config.mixtureWeights.length === 0
        ? 'equal weights'
        : `weights ${config.mixtureWeights.join(', ')}`;
    return `${spec.label}: centres ${centres}, std ${config.mixtureStd}, ${weights}.`;
  }
  return `${spec.label}: ${spec.description}`;
}

/** The objective and the options of it that take effect, in words. */
function objectiveSentence(plan: ExportPlan): string {
  const { config } = plan;
  const options = [
    plan.penaltyWeight > 0 && `gradient penalty λ = ${plan.penaltyWeight}`,
    plan.mmdWeight > 0 && `MMD² kernel bandwidths ${config.mmdBandwidths.join(', ')}`,
    config.objective === 'hybrid' && `MMD weight λ = ${plan.mmdWeight}`,
    plan.labelSmoothing > 0 && `one-sided label smoothing ε = ${plan.labelSmoothing}`,
    plan.instanceNoise > 0 && `instance noise σ = ${plan.instanceNoise}`,
    plan.packing > 1 && `PacGAN packing m = ${plan.packing}`,
  ].filter((o): o is string => typeof o === 'string');
  const label = FIELDS.objective.optionLabels[config.objective];
  return options.length === 0 ? `${label}.` : `${label}; ${options.join('; ')}.`;
}

function networkSentence(
  sizes: readonly number[],
  activation: Activation,
  optimizer: OptimizerPlan,
) {
  return `${sizes.join(' → ')}, ${activationLabel(activation)}; ${optimizerLabel(optimizer)}.`;
}

/** The config as JSON, one key to a line. */
export function configJson(config: PlaygroundConfig): string[] {
  const entries = Object.entries(config).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return ['{', ...entries.map((e, i) => (i < entries.length - 1 ? `${e},` : e)), '}'];
}

/**
 * The header both scripts open with, as plain lines (the caller comments them): what the
 * script reproduces, how to run it, and the config as JSON.
 */
export function headerLines(
  plan: ExportPlan,
  kind: string,
  howToRun: readonly string[],
  notes: readonly string[] = [],
): string[] {
  const { config } = plan;
  const noise =
    config.noiseDistribution === 'gaussian'
      ? `Gaussian N(0, ${config.noiseSigma}²)`
      : `uniform U(−√3·${config.noiseSigma}, √3·${config.noiseSigma})`;
  const discriminator =
    plan.discriminatorSizes !== null && plan.discriminatorOptimizer !== null
      ? `Discriminator: ${networkSentence(plan.discriminatorSizes, config.discriminatorActivation, plan.discriminatorOptimizer)}`
      : 'Discriminator: none (the MMD objective trains the generator alone).';
  const steps =
    plan.discriminatorSizes !== null ? `, ${config.discriminatorSteps} D step(s) per G step` : '';
  return [
    `A GAN Playground experiment as ${kind}.`,
    '',
    `Target: ${targetSentence(plan)}`,
    `Noise: z is ${config.noiseDimension}-D, ${noise} per coordinate.`,
    `Generator: ${networkSentence(plan.generatorSizes, config.generatorActivation, plan.generatorOptimizer)}`,
    discriminator,
    `Objective: ${objectiveSentence(plan)}`,
    `Batch ${config.batchSize}${steps}, seed ${config.seed}; ${plan.iterations} iterations unless --iterations says otherwise.`,
    'At the end it prints the unbiased MMD² (Gaussian kernel, bandwidth',
    `${config.kernelBandwidth}) between ${EVALUATION_SIZE} generated and ${EVALUATION_SIZE} real points.`,
    '',
    'The random streams differ from the browser’s, so a run matches the playground in',
    'distribution, not bit for bit.',
    '',
    'Run it:',
    ...howToRun.map((line) => `    ${line}`),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    'Config, as the playground had it:',
    ...configJson(config),
  ];
}
