/**
 * The single source of truth for every setting of the playground: its key, type, default, bounds,
 * label, help text and URL key. Controls, defaults, validation and the URL hash all derive from
 * `FIELDS`; nothing else in the app lists hyperparameters.
 */
import { z } from 'zod';
import { DATASET_IDS, DATASETS } from '../engine/datasets';

/** Bumped when a URL key changes meaning; old links are read through `migrate` in url.ts. */
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

interface FieldCommon {
  /** Key in the URL hash; short, stable, human-readable. */
  urlKey: string;
  /** Control label. */
  label: string;
  /** One sentence shown beside the control. */
  help: string;
  group: GroupId;
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

export interface LayersField extends FieldCommon {
  kind: 'layers';
  default: readonly number[];
  schema: z.ZodType<number[]>;
}

export interface ChoiceField<T extends string> extends FieldCommon {
  kind: 'choice';
  options: readonly T[];
  optionLabels: Readonly<Record<T, string>>;
  default: T;
  schema: z.ZodType<T>;
}

function numberField(f: Omit<NumberField, 'kind' | 'schema'>): NumberField {
  let schema = z.number().min(f.min).max(f.max);
  if (f.integer) schema = schema.int();
  return { ...f, kind: 'number', schema };
}

function layersField(f: Omit<LayersField, 'kind' | 'schema'>): LayersField {
  const units = z.number().int().min(LAYERS.minUnits).max(LAYERS.maxUnits);
  const schema = z.array(units).min(1).max(LAYERS.maxLayers);
  return { ...f, kind: 'layers', schema };
}

function choiceField<const T extends string>(
  f: Omit<ChoiceField<T>, 'kind' | 'schema'>,
): ChoiceField<T> {
  const schema = z.enum(f.options as unknown as [T, ...T[]]) as unknown as z.ZodType<T>;
  return { ...f, kind: 'choice', schema };
}

const datasetLabels = Object.fromEntries(DATASET_IDS.map((id) => [id, DATASETS[id].label])) as {
  [K in (typeof DATASET_IDS)[number]]: string;
};

const learningRate = { min: 1e-5, max: 1, step: 0.0001, integer: false } as const;

/** Every setting, in display order within its group. */
export const FIELDS = {
  dataset: choiceField({
    urlKey: 'data',
    label: 'Target distribution',
    help: 'The real data the generator must learn to imitate.',
    group: 'data',
    options: DATASET_IDS,
    optionLabels: datasetLabels,
    default: 'ring-8',
  }),
  generatorLayers: layersField({
    urlKey: 'g',
    label: 'Hidden layers',
    help: 'Units per hidden layer of the generator, comma-separated (1–8 layers of 1–512 units).',
    group: 'generator',
    default: [64, 64],
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
  generatorLearningRate: numberField({
    urlKey: 'lrG',
    label: 'Learning rate',
    help: 'Adam step size of the generator (β₁ = 0.5, β₂ = 0.999).',
    group: 'generator',
    ...learningRate,
    default: 0.001,
  }),
  discriminatorLayers: layersField({
    urlKey: 'd',
    label: 'Hidden layers',
    help: 'Units per hidden layer of the discriminator, comma-separated (1–8 layers of 1–512 units).',
    group: 'discriminator',
    default: [64, 64],
  }),
  discriminatorLearningRate: numberField({
    urlKey: 'lrD',
    label: 'Learning rate',
    help: 'Adam step size of the discriminator (β₁ = 0.5, β₂ = 0.999).',
    group: 'discriminator',
    ...learningRate,
    default: 0.001,
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
  : F extends LayersField
    ? number[]
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

export function defaultConfig(): PlaygroundConfig {
  const entries = CONFIG_KEYS.map((key) => {
    const value = FIELDS[key].default;
    return [key, Array.isArray(value) ? [...value] : value];
  });
  return Object.fromEntries(entries) as PlaygroundConfig;
}

/** Dimension (1 or 2) of the configured data set. */
export function dataDimension(config: Pick<PlaygroundConfig, 'dataset'>): 1 | 2 {
  return DATASETS[config.dataset].dimension;
}
