/**
 * The single source of truth for every setting of the playground: its key, type, default, bounds,
 * label, help text and URL key. Controls, defaults, validation and the URL hash all derive from
 * `FIELDS`; nothing else in the app lists hyperparameters.
 */
import { z } from 'zod';
import { DATASET_IDS, DATASETS, type DatasetId, datasetDimension } from '../engine/datasets';

/**
 * Bumped when a URL key changes meaning; decodeLink must then read the older links' keys. 1 is the
 * first version, so there is nothing to migrate yet: any other `v=` is reported and read as 1.
 */
export const SCHEMA_VERSION = 1;

/** The control panel's sections, in display order. */
export const GROUPS = [
  { id: 'data', label: 'Data' },
  { id: 'generator', label: 'Generator' },
  { id: 'discriminator', label: 'Discriminator' },
  { id: 'training', label: 'Training' },
  { id: 'kernel', label: 'Gaussian kernel (MMD)' },
] as const;
export type GroupId = (typeof GROUPS)[number]['id'];

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** Limits shared by both networks' layer lists. */
export const LAYERS = { maxLayers: 8, minUnits: 1, maxUnits: 512 } as const;
const LAYERS_LIST = {
  integer: true,
  min: LAYERS.minUnits,
  max: LAYERS.maxUnits,
  minLength: 1,
  maxLength: LAYERS.maxLayers,
  itemName: 'layer',
} as const;
const BETA1 = { integer: false, min: 0, max: 0.999, step: 0.05, default: 0.5 } as const;
const BETA2 = { integer: false, min: 0, max: 0.9999, step: 0.001, default: 0.999 } as const;
const MOMENTUM = { integer: false, min: 0, max: 0.999, step: 0.05, default: 0.9 } as const;
/** Objectives whose discriminator has a real-data target that label smoothing can soften. */
const SMOOTHABLE: ReadonlySet<string> = new Set([
  'minimax',
  'nonSaturating',
  'leastSquares',
  'hybrid',
]);

// Copies of the engine's lists (its modules import tfjs, kept out of the UI bundle);
// tests/config/engine-agreement.test.ts checks they agree.
const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh', 'elu', 'gelu'] as const;
const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
const OBJECTIVES = [
  'nonSaturating',
  'minimax',
  'leastSquares',
  'hinge',
  'wasserstein',
  'mmd',
  'hybrid',
] as const;
type OptimizerChoice = (typeof OPTIMIZERS)[number];
type ObjectiveChoice = (typeof OBJECTIVES)[number];

/** The settings that decide which other controls are shown (a config satisfies it). */
export interface VisibilityInputs {
  dataset: DatasetId;
  generatorOptimizer: OptimizerChoice;
  discriminatorOptimizer: OptimizerChoice;
  objective: ObjectiveChoice;
}

interface FieldCommon {
  /** Key in the URL hash; short, stable, human-readable. */
  urlKey: string;
  /** Control label. */
  label: string;
  /** One sentence shown beside the control. */
  help: string;
  group: GroupId;
  /** Whether the control is shown for this config (hidden values still travel in the URL). */
  visible?: (config: VisibilityInputs) => boolean;
  /** Shown only when the user asks for advanced settings. */
  advanced?: boolean;
}

export interface NumberField extends FieldCommon {
  kind: 'number';
  integer: boolean;
  min: number;
  max: number;
  /** Step of the number input. */
  step: number;
  default: number;
  schema: z.ZodNumber;
}

/** A comma-separated list of numbers, e.g. layer sizes or kernel bandwidths. */
export interface ListField extends FieldCommon {
  kind: 'list';
  integer: boolean;
  /** Bounds of every item. */
  min: number;
  max: number;
  minLength: number;
  maxLength: number;
  /** What one item is called in messages ("layer", "bandwidth"). */
  itemName: string;
  default: readonly number[];
  schema: z.ZodType<number[]>;
}

/** A list of 1-D or 2-D points: "x,y;x,y;…" (all of the same dimension). */
export interface PointsField extends FieldCommon {
  kind: 'points';
  /** Bound of every coordinate's absolute value. */
  maxAbs: number;
  maxPoints: number;
  default: readonly (readonly number[])[];
  schema: z.ZodType<number[][]>;
}

export interface ChoiceField<T extends string> extends FieldCommon {
  kind: 'choice';
  options: readonly T[];
  optionLabels: Readonly<Record<T, string>>;
  /** One sentence per option (formula, citation), shown when it is selected. */
  optionHelp?: Readonly<Partial<Record<T, string>>>;
  default: T;
  schema: z.ZodType<T>;
}

function numberField(f: Omit<NumberField, 'kind' | 'schema'>): NumberField {
  let schema = z.number().min(f.min).max(f.max);
  if (f.integer) schema = schema.int();
  return { ...f, kind: 'number', schema };
}

function listField(f: Omit<ListField, 'kind' | 'schema'>): ListField {
  let item = z.number().min(f.min).max(f.max);
  if (f.integer) item = item.int();
  const schema = z.array(item).min(f.minLength).max(f.maxLength);
  return { ...f, kind: 'list', schema };
}

function pointsField(f: Omit<PointsField, 'kind' | 'schema'>): PointsField {
  const coordinate = z.number().min(-f.maxAbs).max(f.maxAbs);
  const schema = z
    .array(z.array(coordinate).min(1).max(2))
    .min(1)
    .max(f.maxPoints)
    .refine((points) => points.every((p) => p.length === points[0]?.length), {
      message: 'All points must have the same dimension',
    });
  return { ...f, kind: 'points', schema };
}

function choiceField<const T extends string>(
  f: Omit<ChoiceField<T>, 'kind' | 'schema'>,
): ChoiceField<T> {
  const schema = z.enum(f.options as unknown as [T, ...T[]]) as unknown as z.ZodType<T>;
  return { ...f, kind: 'choice', schema };
}

const datasetLabels = Object.fromEntries(DATASET_IDS.map((id) => [id, DATASETS[id].label])) as {
  [K in DatasetId]: string;
};
const datasetHelp = Object.fromEntries(DATASET_IDS.map((id) => [id, DATASETS[id].description])) as {
  [K in DatasetId]: string;
};

const activationLabels = {
  relu: 'ReLU',
  leakyRelu: 'Leaky ReLU (0.2)',
  tanh: 'tanh',
  elu: 'ELU',
  gelu: 'GELU',
} as const;
const optimizerLabels = { adam: 'Adam', sgd: 'SGD + momentum', rmsprop: 'RMSprop' } as const;
const optimizerHelp = {
  adam: 'Adam (Kingma & Ba 2015): per-weight steps from running means of the gradient (β₁) and of its square (β₂).',
  sgd: 'Stochastic gradient descent with heavy-ball momentum (Polyak 1964).',
  rmsprop:
    'RMSprop (Tieleman & Hinton 2012): steps scaled by a running mean of the squared gradient.',
} as const;

const learningRate = { min: 1e-5, max: 1, step: 0.0001, integer: false } as const;
const isAdam = (kind: OptimizerChoice): boolean => kind === 'adam';
const usesDataParameters = (config: VisibilityInputs, uses: string): boolean =>
  DATASETS[config.dataset].uses === uses;

/** Every setting, in display order within its group. */
export const FIELDS = {
  dataset: choiceField({
    urlKey: 'data',
    label: 'Target distribution',
    help: 'The real data the generator must learn to imitate.',
    group: 'data',
    options: DATASET_IDS,
    optionLabels: datasetLabels,
    optionHelp: datasetHelp,
    default: 'ring-8',
  }),
  gaussianMean: numberField({
    urlKey: 'mu',
    label: 'Mean μ',
    help: 'Mean of the 1-D Gaussian target N(μ, σ²).',
    group: 'data',
    visible: (c) => usesDataParameters(c, 'gaussian'),
    integer: false,
    min: -10,
    max: 10,
    step: 0.1,
    default: 2,
  }),
  gaussianStd: numberField({
    urlKey: 'sd',
    label: 'Std σ',
    help: 'Standard deviation of the 1-D Gaussian target N(μ, σ²).',
    group: 'data',
    visible: (c) => usesDataParameters(c, 'gaussian'),
    integer: false,
    min: 0.01,
    max: 10,
    step: 0.05,
    default: 0.75,
  }),
  mixtureMeans: pointsField({
    urlKey: 'means',
    label: 'Component means',
    help: 'Centres of the mixture components: "x,y; x,y; …" in 2-D or "x; x; …" in 1-D.',
    group: 'data',
    visible: (c) => usesDataParameters(c, 'mixture'),
    maxAbs: 100,
    maxPoints: 32,
    default: [
      [-2, 0],
      [2, 0],
      [0, 2.5],
    ],
  }),
  mixtureStd: numberField({
    urlKey: 'mstd',
    label: 'Component std',
    help: 'Standard deviation of every mixture component.',
    group: 'data',
    visible: (c) => usesDataParameters(c, 'mixture'),
    integer: false,
    min: 0.01,
    max: 5,
    step: 0.05,
    default: 0.2,
  }),
  mixtureWeights: listField({
    urlKey: 'w',
    label: 'Component weights',
    help: 'Relative weight of each component, comma-separated; empty means equal weights.',
    group: 'data',
    visible: (c) => usesDataParameters(c, 'mixture'),
    integer: false,
    min: 0,
    max: 1000,
    minLength: 0,
    maxLength: 32,
    itemName: 'weight',
    default: [],
  }),
  generatorLayers: listField({
    urlKey: 'g',
    label: 'Hidden layers',
    help: 'Units per hidden layer of the generator, comma-separated (1–8 layers of 1–512 units).',
    group: 'generator',
    ...LAYERS_LIST,
    default: [64, 64],
  }),
  generatorActivation: choiceField({
    advanced: true,
    urlKey: 'actG',
    label: 'Activation',
    help: "Non-linearity of the generator's hidden layers.",
    group: 'generator',
    options: ACTIVATIONS,
    optionLabels: activationLabels,
    default: 'relu',
  }),
  noiseDistribution: choiceField({
    advanced: true,
    urlKey: 'noise',
    label: 'Noise distribution',
    help: 'Distribution of the input noise z; uniform noise is scaled so σ is still its standard deviation.',
    group: 'generator',
    options: ['gaussian', 'uniform'],
    optionLabels: { gaussian: 'Gaussian N(0, σ²I)', uniform: 'Uniform U(−√3σ, √3σ)' },
    default: 'gaussian',
  }),
  noiseDimension: numberField({
    urlKey: 'z',
    label: 'Noise dimension',
    help: 'Number of components of the input noise vector z fed to the generator.',
    group: 'generator',
    integer: true,
    min: 1,
    max: 16,
    step: 1,
    default: 2,
  }),
  noiseSigma: numberField({
    urlKey: 'sigma',
    label: 'Noise σ',
    help: 'Standard deviation of the input noise: z ~ N(0, σ²I).',
    group: 'generator',
    integer: false,
    min: 0.01,
    max: 10,
    step: 0.1,
    default: 1,
  }),
  generatorOptimizer: choiceField({
    urlKey: 'optG',
    label: 'Optimiser',
    help: "How the generator's weights follow their gradient.",
    group: 'generator',
    options: OPTIMIZERS,
    optionLabels: optimizerLabels,
    optionHelp: optimizerHelp,
    default: 'adam',
  }),
  generatorLearningRate: numberField({
    urlKey: 'lrG',
    label: 'Learning rate',
    help: "Step size of the generator's optimiser.",
    group: 'generator',
    ...learningRate,
    default: 0.001,
  }),
  generatorBeta1: numberField({
    advanced: true,
    urlKey: 'b1G',
    label: 'Adam β₁',
    help: "Decay of Adam's running mean of the gradient; 0.5 steadies GANs (Radford et al. 2015).",
    group: 'generator',
    visible: (c) => isAdam(c.generatorOptimizer),
    ...BETA1,
  }),
  generatorBeta2: numberField({
    advanced: true,
    urlKey: 'b2G',
    label: 'Adam β₂',
    help: "Decay of Adam's running mean of the squared gradient.",
    group: 'generator',
    visible: (c) => isAdam(c.generatorOptimizer),
    ...BETA2,
  }),
  generatorMomentum: numberField({
    advanced: true,
    urlKey: 'momG',
    label: 'Momentum',
    help: 'Momentum of SGD or RMSprop for the generator.',
    group: 'generator',
    visible: (c) => !isAdam(c.generatorOptimizer),
    ...MOMENTUM,
  }),
  discriminatorLayers: listField({
    urlKey: 'd',
    label: 'Hidden layers',
    help: 'Units per hidden layer of the discriminator, comma-separated (1–8 layers of 1–512 units).',
    group: 'discriminator',
    ...LAYERS_LIST,
    default: [64, 64],
  }),
  discriminatorActivation: choiceField({
    advanced: true,
    urlKey: 'actD',
    label: 'Activation',
    help: "Non-linearity of the discriminator's hidden layers.",
    group: 'discriminator',
    options: ACTIVATIONS,
    optionLabels: activationLabels,
    default: 'leakyRelu',
  }),
  discriminatorOptimizer: choiceField({
    urlKey: 'optD',
    label: 'Optimiser',
    help: "How the discriminator's weights follow their gradient.",
    group: 'discriminator',
    options: OPTIMIZERS,
    optionLabels: optimizerLabels,
    optionHelp: optimizerHelp,
    default: 'adam',
  }),
  discriminatorLearningRate: numberField({
    urlKey: 'lrD',
    label: 'Learning rate',
    help: "Step size of the discriminator's optimiser.",
    group: 'discriminator',
    ...learningRate,
    default: 0.001,
  }),
  discriminatorBeta1: numberField({
    advanced: true,
    urlKey: 'b1D',
    label: 'Adam β₁',
    help: "Decay of Adam's running mean of the gradient; 0.5 steadies GANs (Radford et al. 2015).",
    group: 'discriminator',
    visible: (c) => isAdam(c.discriminatorOptimizer),
    ...BETA1,
  }),
  discriminatorBeta2: numberField({
    advanced: true,
    urlKey: 'b2D',
    label: 'Adam β₂',
    help: "Decay of Adam's running mean of the squared gradient.",
    group: 'discriminator',
    visible: (c) => isAdam(c.discriminatorOptimizer),
    ...BETA2,
  }),
  discriminatorMomentum: numberField({
    advanced: true,
    urlKey: 'momD',
    label: 'Momentum',
    help: 'Momentum of SGD or RMSprop for the discriminator.',
    group: 'discriminator',
    visible: (c) => !isAdam(c.discriminatorOptimizer),
    ...MOMENTUM,
  }),
  packing: numberField({
    advanced: true,
    urlKey: 'pack',
    label: 'Packing m',
    help: 'The discriminator judges m samples at once, which makes mode collapse visible to it (PacGAN, Lin et al. 2018).',
    group: 'discriminator',
    integer: true,
    min: 1,
    max: 8,
    step: 1,
    default: 1,
  }),
  objective: choiceField({
    urlKey: 'loss',
    label: 'Objective',
    help: 'The game the two networks play, or the kernel distance the generator minimises.',
    group: 'training',
    options: OBJECTIVES,
    optionLabels: {
      nonSaturating: 'Non-saturating GAN',
      minimax: 'Minimax GAN (saturating)',
      leastSquares: 'Least squares (LSGAN)',
      hinge: 'Hinge',
      wasserstein: 'Wasserstein (WGAN-GP)',
      mmd: 'MMD only (GMMN)',
      hybrid: 'Adversarial + λ·MMD²',
    },
    optionHelp: {
      nonSaturating:
        'G maximises log D(G(z)) instead of minimising log(1 − D(G(z))): same fixed point, strong early gradients (Goodfellow et al. 2014, §3).',
      minimax:
        'min_G max_D E log D(x) + E log(1 − D(G(z))): the original game, whose generator gradient vanishes while D wins (Goodfellow et al. 2014).',
      leastSquares:
        'D regresses real to 1 and fake to 0; G pulls D(G(z)) to 1 with a squared error (Mao et al. 2017).',
      hinge:
        'D minimises E max(0, 1 − D(x)) + E max(0, 1 + D(G(z))); G maximises E D(G(z)) (Lim & Ye 2017; Miyato et al. 2018).',
      wasserstein:
        'A critic estimates the Wasserstein-1 distance, kept 1-Lipschitz by a gradient penalty (Arjovsky et al. 2017; Gulrajani et al. 2017).',
      mmd: 'No discriminator: G minimises MMD² to the data with a mixture of Gaussian kernels (GMMN, Li et al. 2015; Dziugaite et al. 2015).',
      hybrid:
        'The non-saturating game, with λ·MMD² added to the generator loss: the kernel pulls on modes the discriminator ignores.',
    },
    default: 'nonSaturating',
  }),
  discriminatorSteps: numberField({
    urlKey: 'k',
    label: 'D steps per G step',
    help: 'Discriminator updates made before each generator update (k in Goodfellow et al. 2014).',
    group: 'training',
    integer: true,
    min: 1,
    max: 10,
    step: 1,
    default: 1,
  }),
  batchSize: numberField({
    urlKey: 'batch',
    label: 'Batch size',
    help: 'Real and generated samples used in each update.',
    group: 'training',
    integer: true,
    min: 1,
    max: 2048,
    step: 1,
    default: 256,
  }),
  gradientPenalty: numberField({
    urlKey: 'gp',
    label: 'Gradient penalty λ',
    help: "Weight of the critic's penalty λ·E(‖∇D(x̂)‖ − 1)² on interpolates (Gulrajani et al. 2017).",
    group: 'training',
    visible: (c) => c.objective === 'wasserstein',
    integer: false,
    min: 0,
    max: 100,
    step: 1,
    default: 10,
  }),
  mmdBandwidths: listField({
    urlKey: 'kh',
    label: 'MMD loss bandwidths',
    help: 'Bandwidths h of the Gaussian kernels summed in the MMD² loss, comma-separated.',
    group: 'training',
    visible: (c) => c.objective === 'mmd' || c.objective === 'hybrid',
    integer: false,
    min: 0.01,
    max: 10,
    minLength: 1,
    maxLength: 8,
    itemName: 'bandwidth',
    default: [0.2, 0.5, 1, 2],
  }),
  mmdWeight: numberField({
    urlKey: 'lambda',
    label: 'MMD weight λ',
    help: 'Weight of MMD² in the hybrid generator loss L_G + λ·MMD².',
    group: 'training',
    visible: (c) => c.objective === 'hybrid',
    integer: false,
    min: 0,
    max: 100,
    step: 0.1,
    default: 1,
  }),
  labelSmoothing: numberField({
    advanced: true,
    urlKey: 'smooth',
    label: 'Label smoothing ε',
    help: 'One-sided: the discriminator aims at 1 − ε for real data, not 1 (Salimans et al. 2016).',
    group: 'training',
    visible: (c) => SMOOTHABLE.has(c.objective),
    integer: false,
    min: 0,
    max: 0.45,
    step: 0.05,
    default: 0,
  }),
  instanceNoise: numberField({
    advanced: true,
    urlKey: 'inoise',
    label: 'Instance noise σ',
    help: 'Gaussian noise added to every input of the discriminator, real and fake, so their supports overlap (Sønderby et al. 2016).',
    group: 'training',
    visible: (c) => c.objective !== 'mmd',
    integer: false,
    min: 0,
    max: 2,
    step: 0.05,
    default: 0,
  }),
  seed: numberField({
    urlKey: 'seed',
    label: 'Random seed',
    help: 'Seeds data, noise and initial weights: the same seed gives the same run.',
    group: 'training',
    integer: true,
    min: 0,
    max: 2_147_483_647,
    step: 1,
    default: 1,
  }),
  backend: choiceField({
    advanced: true,
    urlKey: 'backend',
    label: 'Compute backend',
    help: 'Where tfjs runs the maths; "auto" picks the fastest one this browser really has.',
    group: 'training',
    options: BACKEND_CHOICES,
    optionLabels: { auto: 'Automatic', webgpu: 'WebGPU', wasm: 'WASM', webgl: 'WebGL', cpu: 'CPU' },
    default: 'auto',
  }),
  kernelBandwidth: numberField({
    urlKey: 'h',
    label: 'Kernel bandwidth h',
    help: 'Bandwidth of the Gaussian kernel k(x,y) = exp(−‖x−y‖²/2h²) used for the MMD² curve.',
    group: 'kernel',
    integer: false,
    min: 0.01,
    max: 10,
    step: 0.05,
    default: 0.5,
  }),
} as const;

export type Fields = typeof FIELDS;
export type ConfigKey = keyof Fields;
export type Field = Fields[ConfigKey];
export const CONFIG_KEYS = Object.keys(FIELDS) as ConfigKey[];

type ValueOf<F> = F extends NumberField
  ? number
  : F extends ListField
    ? number[]
    : F extends PointsField
      ? number[][]
      : F extends ChoiceField<infer T>
        ? T
        : never;

/** A complete, valid playground configuration. */
export type PlaygroundConfig = { [K in ConfigKey]: ValueOf<Fields[K]> };

/** The zod schema of a whole configuration, derived from `FIELDS`. */
export const configSchema = z.object(
  Object.fromEntries(CONFIG_KEYS.map((key) => [key, FIELDS[key].schema])) as unknown as {
    [K in ConfigKey]: z.ZodType<PlaygroundConfig[K]>;
  },
);

/** A fresh copy of a value, so that no two configs share an array. */
export function cloneValue<T>(value: T): T {
  return (Array.isArray(value) ? value.map(cloneValue) : value) as T;
}

export function defaultConfig(): PlaygroundConfig {
  const entries = CONFIG_KEYS.map((key) => [key, cloneValue(FIELDS[key].default)]);
  return Object.fromEntries(entries) as PlaygroundConfig;
}

/** Dimension (1 or 2) of the configured data set; user points bring their own. */
export function dataDimension(
  config: PlaygroundConfig,
  points: { dimension: 1 | 2 } | null = null,
): 1 | 2 {
  if (config.dataset === 'points') return points?.dimension ?? 2;
  return datasetDimension(config.dataset, { ...config, points: null });
}
