/**
 * The generator as a standard TensorFlow.js Layers model: a tf.sequential of dense layers that
 * `tf.loadLayersModel` loads back, so a trained generator can be downloaded, used elsewhere
 * (plain tfjs, or Keras after conversion) and uploaded again.
 *
 * Files are hostile input: everything read here is checked field by field, and every failure
 * is an Error whose message a user can act on.
 */

import * as tf from '@tensorflow/tfjs';
import { layersDifference } from './checkpoint';
import type { DatasetId } from './datasets';
import { ACTIVATIONS, type Activation, LEAKY_RELU_SLOPE } from './mlp';
import { isRecord, own } from './plainData';
import type { NoiseDistribution } from './trainer';

/** Format tag written into the exported model's userDefinedMetadata. */
export const GENERATOR_FORMAT = 'gan-playground-generator/1';

/** Longest model.json accepted (characters); a dense stack's topology takes a few kB. */
export const MAX_MODEL_JSON_CHARS = 1_000_000;

/** Largest weights file accepted (bytes): 8 hidden layers of 512 units take ~8 MB. */
export const MAX_WEIGHTS_BYTES = 64 * 1024 * 1024;

/** Most weight tensors a model.json may list (a dense stack has two per layer). */
const MAX_WEIGHT_SPECS = 256;

/** Most layers a dense stack may have (dense and activation layers together). */
const MAX_LAYERS = 128;

/** How far a LeakyReLU layer's slope may be from the engine's and still count as the same. */
const SLOPE_TOLERANCE = 1e-6;

/** What the exported generator was trained for: the law of z it expects and its run. */
export interface GeneratorMetadata {
  /** Format tag, {@link GENERATOR_FORMAT}. */
  readonly format: typeof GENERATOR_FORMAT;
  /** Dimension of the noise vector z the generator takes. */
  readonly noiseDimension: number;
  /** Law of the noise z (gaussian or uniform). */
  readonly noiseDistribution: NoiseDistribution;
  /** Standard deviation σ of every coordinate of z. */
  readonly noiseSigma: number;
  /** The data set the generator was trained to imitate. */
  readonly dataset: DatasetId;
  /** Dimension of a generated point. */
  readonly dimension: number;
  /** Completed training iterations when it was exported. */
  readonly iteration: number;
  /** Hidden layer widths, noise side first. */
  readonly generatorLayers: readonly number[];
  /** Nonlinearity after every hidden layer (the output layer is linear). */
  readonly generatorActivation: Activation;
  /** A caveat about running the file elsewhere, in user words; absent when there is none. */
  readonly note?: string;
}

/** The shape of a generator: what a file must match to be loaded into it. */
export interface GeneratorArchitecture {
  /** Dimension of the noise vector z (the input width). */
  readonly noiseDimension: number;
  /** Hidden layer widths, noise side first. */
  readonly hiddenLayers: readonly number[];
  /** Nonlinearity after every hidden layer. */
  readonly activation: Activation;
  /** Dimension of a generated point (the output width). */
  readonly dimension: number;
}

/** A model.json and its weights file, ready to download. */
export interface GeneratorFiles {
  /** The model.json text in tfjs's standard format. */
  readonly modelJson: string;
  /** The weights file's bytes. */
  readonly weights: ArrayBuffer;
  /** The name model.json's weightsManifest gives the weights file. */
  readonly weightsFileName: string;
}

/**
 * Largest difference between the exact GELU x·Φ(x) and the tanh approximation the engine
 * computes (mlp.ts), over all x (4.73e-4, near x = −2.7).
 */
export const GELU_FORM_DIFFERENCE = 4.8e-4;

/** Why an exported GELU generator computes slightly differently outside the playground. */
const GELU_NOTE =
  "Trained with GELU's tanh approximation ('gelu_new'), which tfjs-layers 4.22 cannot load " +
  "back (it renames it 'geluNew'); this file uses the exact GELU ('gelu', with erf), which " +
  `differs by at most ${GELU_FORM_DIFFERENCE} per activation.`;

/**
 * The tfjs-layers activation identifier of each engine activation. GELU is written as the exact
 * 'gelu' (see GELU_NOTE): the only GELU tfjs-layers 4.22 loads from JSON. LeakyReLU is a layer
 * of its own: tfjs-layers has no leaky activation identifier.
 */
const LAYERS_ACTIVATION: Record<Exclude<Activation, 'leakyRelu'>, string> = {
  relu: 'relu',
  tanh: 'tanh',
  elu: 'elu',
  gelu: 'gelu',
};

/** Activation identifiers of a file, back to the engine's names. */
const ENGINE_ACTIVATION: Readonly<Record<string, Activation | 'linear'>> = {
  relu: 'relu',
  tanh: 'tanh',
  elu: 'elu',
  // Both GELU forms load into a GELU generator, which evaluates its tanh approximation.
  gelu: 'gelu',
  gelu_new: 'gelu',
  linear: 'linear',
};

/** A dense layer's config as tfjs-layers writes it, so Keras-style loaders find every field. */
function denseConfig(
  name: string,
  units: number,
  activation: string,
  inputSize: number | null,
): Record<string, unknown> {
  return {
    units,
    activation,
    use_bias: true,
    kernel_initializer: {
      class_name: 'VarianceScaling',
      config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null },
    },
    bias_initializer: { class_name: 'Zeros', config: {} },
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
    name,
    trainable: true,
    ...(inputSize === null ? {} : { batch_input_shape: [null, inputSize] }),
    dtype: 'float32',
  };
}

/**
 * The generator as tfjs Layers model artifacts: a Sequential topology of Dense layers (hidden
 * ones with the generator's activation, a linear output) and the weights in the same order as
 * `weights` (kernel then bias of each layer, noise side first).
 */
export function generatorArtifacts(
  architecture: GeneratorArchitecture,
  weights: readonly Float32Array[],
  metadata: GeneratorMetadata,
): tf.io.ModelArtifacts {
  const { noiseDimension, hiddenLayers, activation, dimension } = architecture;
  const widths = [noiseDimension, ...hiddenLayers, dimension];
  const layers: Record<string, unknown>[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  for (let l = 0; l < widths.length - 1; l++) {
    const name = `dense_${l + 1}`;
    const inputs = widths[l] as number;
    const units = widths[l + 1] as number;
    const isOutput = l === widths.length - 2;
    const denseActivation =
      isOutput || activation === 'leakyRelu' ? 'linear' : LAYERS_ACTIVATION[activation];
    layers.push({
      class_name: 'Dense',
      config: denseConfig(name, units, denseActivation, l === 0 ? inputs : null),
    });
    if (!isOutput && activation === 'leakyRelu') {
      layers.push({
        class_name: 'LeakyReLU',
        config: { alpha: LEAKY_RELU_SLOPE, name: `leaky_re_lu_${l + 1}`, trainable: true },
      });
    }
    weightSpecs.push(
      { name: `${name}/kernel`, shape: [inputs, units], dtype: 'float32' },
      { name: `${name}/bias`, shape: [units], dtype: 'float32' },
    );
  }
  const sizes = weightSpecs.map((spec) => spec.shape.reduce((a, b) => a * b, 1));
  if (weights.length !== sizes.length || weights.some((w, i) => w.length !== sizes[i])) {
    throw new Error('The generator weights do not match its architecture');
  }
  const data = new Float32Array(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  for (const w of weights) {
    data.set(w, offset);
    offset += w.length;
  }
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'generator', layers },
      keras_version: `tfjs-layers ${tf.version_layers}`,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: 'GAN Playground',
    convertedBy: null,
    weightSpecs,
    weightData: data.buffer,
    userDefinedMetadata: {
      ...metadata,
      generatorLayers: [...metadata.generatorLayers],
      ...(activation === 'gelu' ? { note: GELU_NOTE } : {}),
    },
  };
}

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** A printable, bounded rendering of an untrusted value for an error message. */
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One dense layer of a file's stack, with the nonlinearity that follows it. */
interface FileDense {
  /** The layer's name (its weights are named `${name}/kernel` and `${name}/bias`). */
  readonly name: string;
  /** Output width. */
  readonly units: number;
  /** Nonlinearity after it, in engine words, or a description of an unsupported one. */
  activation: Activation | 'linear' | { readonly unsupported: string };
  /** Input width when the file states it (first layer only). */
  readonly inputSize: number | null;
}

/** The activation a file names, in engine words. */
function activationOf(identifier: unknown): FileDense['activation'] {
  if (identifier === undefined || identifier === null) return 'linear';
  if (typeof identifier !== 'string') return { unsupported: show(identifier) };
  const engine = ENGINE_ACTIVATION[identifier];
  if (engine !== undefined && Object.hasOwn(ENGINE_ACTIVATION, identifier)) return engine;
  return { unsupported: show(identifier) };
}

/** The width a [null, n] batch shape states, or null. */
function batchWidth(shape: unknown): number | null {
  if (!Array.isArray(shape) || shape.length !== 2) return null;
  const width = shape[1] as unknown;
  return isPositiveInteger(width) ? width : null;
}

/**
 * The dense layers of a Sequential topology, each with the nonlinearity after it. Accepts the
 * forms tfjs and Keras write: a `model_config` wrapper, `config` as a list or `{layers}`, an
 * InputLayer, activations inside Dense or as Activation / LeakyReLU / ReLU layers.
 */
function parseDenseStack(topology: unknown): FileDense[] {
  const wrapped = own(topology, 'model_config');
  const model = wrapped === undefined ? topology : wrapped;
  if (!isRecord(model)) throw new Error("The file's model topology is missing");
  const className = own(model, 'class_name');
  if (className !== 'Sequential') {
    throw new Error(
      `The file's model is not a plain dense stack: it is a ${show(className)} model, not a Sequential one`,
    );
  }
  const config = own(model, 'config');
  const layers = Array.isArray(config) ? config : own(config, 'layers');
  if (!Array.isArray(layers)) throw new Error("The file's model lists no layers");
  if (layers.length > MAX_LAYERS) {
    throw new Error(`The file's model has ${layers.length} layers; at most ${MAX_LAYERS} are read`);
  }
  const denses: FileDense[] = [];
  let inputSize: number | null = null;
  // Whether the last dense layer already has its nonlinearity (one per layer at most).
  let activated = true;
  for (const [i, layer] of (layers as unknown[]).entries()) {
    const kind = own(layer, 'class_name');
    const layerConfig = own(layer, 'config');
    const where = `layer ${i + 1}`;
    if (typeof kind !== 'string' || !isRecord(layerConfig)) {
      throw new Error(`The file's model is not a plain dense stack: ${where} is malformed`);
    }
    const last = denses[denses.length - 1];
    const attach = (activation: FileDense['activation']): void => {
      if (last === undefined || activated) {
        throw new Error(
          `The file's model is not a plain dense stack: ${where} (${show(kind)}) does not follow a linear dense layer`,
        );
      }
      last.activation = activation;
      activated = activation !== 'linear';
    };
    switch (kind) {
      case 'InputLayer': {
        if (i !== 0) {
          throw new Error(`The file's model is not a plain dense stack: ${where} is an InputLayer`);
        }
        inputSize =
          batchWidth(own(layerConfig, 'batch_input_shape')) ??
          batchWidth(own(layerConfig, 'batch_shape'));
        break;
      }
      case 'Dense': {
        const units = own(layerConfig, 'units');
        const name = own(layerConfig, 'name');
        if (!isPositiveInteger(units) || typeof name !== 'string' || name.length > 200) {
          throw new Error(`The file's dense ${where} has no valid units or name`);
        }
        if (own(layerConfig, 'use_bias') === false) {
          throw new Error(`The file's dense ${where} has no bias; the generator's layers all do`);
        }
        const activation = activationOf(own(layerConfig, 'activation'));
        denses.push({
          name,
          units,
          activation,
          inputSize:
            denses.length === 0
              ? (inputSize ?? batchWidth(own(layerConfig, 'batch_input_shape')))
              : null,
        });
        activated = activation !== 'linear';
        break;
      }
      case 'Activation':
        attach(activationOf(own(layerConfig, 'activation')));
        break;
      case 'LeakyReLU': {
        // Keras 3 names the slope negative_slope; tfjs and Keras 2 alpha (default 0.3 in both).
        const slope = own(layerConfig, 'alpha') ?? own(layerConfig, 'negative_slope') ?? 0.3;
        attach(
          typeof slope === 'number' && Math.abs(slope - LEAKY_RELU_SLOPE) <= SLOPE_TOLERANCE
            ? 'leakyRelu'
            : { unsupported: `a leaky ReLU of slope ${show(slope)}` },
        );
        break;
      }
      case 'ReLU': {
        const plain = [own(layerConfig, 'max_value'), own(layerConfig, 'maxValue')].every(
          (v) => v === undefined || v === null,
        );
        attach(plain ? 'relu' : { unsupported: 'a capped ReLU' });
        break;
      }
      default:
        throw new Error(
          `The file's model is not a plain dense stack: ${where} is a ${show(kind)} layer`,
        );
    }
  }
  if (denses.length === 0) throw new Error("The file's model has no dense layers");
  return denses;
}

/** The name of an activation in user words. */
function activationInWords(activation: FileDense['activation']): string {
  return typeof activation === 'string' ? activation : activation.unsupported;
}

/** Checks a file's dense stack against the generator's; throws what differs, in user words. */
function checkArchitecture(denses: readonly FileDense[], expected: GeneratorArchitecture): void {
  const output = denses[denses.length - 1] as FileDense;
  const hidden = denses.slice(0, -1);
  const fileLayers = hidden.map((d) => d.units);
  if (output.units !== expected.dimension) {
    throw new Error(
      `The file's generator draws ${output.units}-D points; this model draws ${expected.dimension}-D points`,
    );
  }
  const first = denses[0] as FileDense;
  if (first.inputSize !== null && first.inputSize !== expected.noiseDimension) {
    throw new Error(
      `The file's generator takes noise of dimension ${first.inputSize}; this model's takes ${expected.noiseDimension}`,
    );
  }
  if (
    fileLayers.length !== expected.hiddenLayers.length ||
    fileLayers.some((w, i) => w !== expected.hiddenLayers[i])
  ) {
    throw new Error(layersDifference("The file's generator", fileLayers, expected.hiddenLayers));
  }
  for (const [l, dense] of hidden.entries()) {
    if (dense.activation !== expected.activation) {
      throw new Error(
        `The file's generator uses ${activationInWords(dense.activation)} after hidden layer ${l + 1}; this model uses ${expected.activation}`,
      );
    }
  }
  if (output.activation !== 'linear') {
    throw new Error(
      `The file's generator ends in ${activationInWords(output.activation)}; this model's output layer is linear`,
    );
  }
}

/** A weight tensor listed in a file, with where its bytes lie. */
interface FileWeight {
  /** Its name, e.g. "dense_1/kernel". */
  readonly name: string;
  /** Its shape. */
  readonly shape: readonly number[];
  /** Byte offset in the weights data. */
  readonly offset: number;
}

/**
 * The weight specs of a file, checked: float32, unquantised, with integer shapes, and bytes
 * that add up to exactly `byteLength`.
 */
function parseWeightSpecs(specs: unknown, byteLength: number): FileWeight[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new Error('The file lists no weights');
  }
  if (specs.length > MAX_WEIGHT_SPECS) {
    throw new Error(`The file lists ${specs.length} weights; at most ${MAX_WEIGHT_SPECS} are read`);
  }
  const weights: FileWeight[] = [];
  let offset = 0;
  for (const [i, spec] of (specs as unknown[]).entries()) {
    const name = own(spec, 'name');
    const shape = own(spec, 'shape');
    const dtype = own(spec, 'dtype') ?? 'float32';
    if (typeof name !== 'string' || name.length > 200) {
      throw new Error(`Weight ${i + 1} of the file has no valid name`);
    }
    if (
      !Array.isArray(shape) ||
      shape.length > 4 ||
      !shape.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
    ) {
      throw new Error(`Weight "${show(name)}" of the file has no valid shape`);
    }
    if (own(spec, 'quantization') !== undefined) {
      throw new Error(
        `Weight "${show(name)}" of the file is quantised; only float32 weights can be loaded`,
      );
    }
    if (dtype !== 'float32') {
      throw new Error(
        `Weight "${show(name)}" of the file is stored as ${show(dtype)}; only float32 weights can be loaded`,
      );
    }
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    weights.push({ name, shape: shape as number[], offset });
    offset += 4 * size;
    if (offset > MAX_WEIGHTS_BYTES) {
      throw new Error(`The file's weights exceed ${MAX_WEIGHTS_BYTES / 1024 / 1024} MiB`);
    }
  }
  if (byteLength === 0 && offset > 0) {
    throw new Error(`The weights file is empty; model.json describes ${offset} bytes of weights`);
  }
  if (offset !== byteLength) {
    throw new Error(
      offset > byteLength
        ? `The weights are truncated: model.json describes ${offset} bytes but the weights hold ${byteLength}`
        : `The weights file holds ${byteLength} bytes but model.json describes ${offset}`,
    );
  }
  return weights;
}

/** The weight data of artifacts as one buffer, or null when there is none. */
function weightBuffer(data: unknown): ArrayBuffer | null {
  if (data instanceof ArrayBuffer) return data;
  if (Array.isArray(data) && data.every((part) => part instanceof ArrayBuffer)) {
    const parts = data as ArrayBuffer[];
    const joined = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(new Uint8Array(part), offset);
      offset += part.byteLength;
    }
    return joined.buffer;
  }
  return null;
}

/** Copies one weight's values out of the data, rejecting NaN and infinities. */
function readWeight(buffer: ArrayBuffer, weight: FileWeight): Float32Array {
  const size = weight.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(buffer.slice(weight.offset, weight.offset + 4 * size));
  for (const v of values) {
    if (!Number.isFinite(v)) {
      throw new Error(`The file's weight "${show(weight.name)}" contains NaN or infinite values`);
    }
  }
  return values;
}

/**
 * The generator weights held by tfjs Layers model artifacts, one array per variable (kernel
 * then bias of each layer, noise side first), after checking that the topology is a plain
 * dense stack with this generator's architecture and that every weight is present, of the
 * right shape and finite. Throws an Error saying what the file has and what the model expects.
 */
export function generatorWeightsFromArtifacts(
  artifacts: tf.io.ModelArtifacts,
  expected: GeneratorArchitecture,
): Float32Array[] {
  if (!isRecord(artifacts)) throw new Error('The file holds no model');
  const denses = parseDenseStack(own(artifacts, 'modelTopology'));
  checkArchitecture(denses, expected);
  const buffer = weightBuffer(own(artifacts, 'weightData'));
  if (buffer === null) throw new Error('The file has no weights');
  const specs = parseWeightSpecs(own(artifacts, 'weightSpecs'), buffer.byteLength);
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const widths = [expected.noiseDimension, ...expected.hiddenLayers, expected.dimension];
  const out: Float32Array[] = [];
  for (const [l, dense] of denses.entries()) {
    const inputs = widths[l] as number;
    for (const [part, shape] of [
      ['kernel', [inputs, dense.units]],
      ['bias', [dense.units]],
    ] as const) {
      // By name first; a file whose names were rewritten (e.g. scoped) falls back to order.
      const spec = byName.get(`${dense.name}/${part}`) ?? specs[2 * l + (part === 'bias' ? 1 : 0)];
      if (spec === undefined) {
        throw new Error(`The file has no ${part} weights for its layer "${show(dense.name)}"`);
      }
      const sameShape =
        spec.shape.length === shape.length && spec.shape.every((n, i) => n === shape[i]);
      if (!sameShape) {
        if (l === 0 && part === 'kernel' && spec.shape.length === 2) {
          throw new Error(
            `The file's generator takes noise of dimension ${spec.shape[0]}; this model's takes ${expected.noiseDimension}`,
          );
        }
        throw new Error(
          `The file's weight "${show(spec.name)}" has shape [${spec.shape.join(', ')}]; the layer needs [${shape.join(', ')}]`,
        );
      }
      out.push(readWeight(buffer, spec));
    }
  }
  return out;
}

/** The generator metadata of artifacts exported by this app; null for any other file. */
export function readGeneratorMetadata(artifacts: tf.io.ModelArtifacts): GeneratorMetadata | null {
  const meta = own(artifacts, 'userDefinedMetadata');
  if (own(meta, 'format') !== GENERATOR_FORMAT) return null;
  const field = (key: string) => own(meta, key);
  const layers = field('generatorLayers');
  const distribution = field('noiseDistribution');
  const activation = field('generatorActivation');
  const valid =
    isPositiveInteger(field('noiseDimension')) &&
    (distribution === 'gaussian' || distribution === 'uniform') &&
    typeof field('noiseSigma') === 'number' &&
    typeof field('dataset') === 'string' &&
    isPositiveInteger(field('dimension')) &&
    typeof field('iteration') === 'number' &&
    Array.isArray(layers) &&
    layers.every(isPositiveInteger) &&
    typeof activation === 'string' &&
    (ACTIVATIONS as readonly string[]).includes(activation);
  if (!valid) return null;
  return {
    format: GENERATOR_FORMAT,
    noiseDimension: field('noiseDimension') as number,
    noiseDistribution: distribution,
    noiseSigma: field('noiseSigma') as number,
    dataset: field('dataset') as DatasetId,
    dimension: field('dimension') as number,
    iteration: field('iteration') as number,
    generatorLayers: [...(layers as number[])],
    generatorActivation: activation as Activation,
    ...(typeof field('note') === 'string' ? { note: (field('note') as string).slice(0, 500) } : {}),
  };
}

/** A file name made of safe characters only (no path separators), never empty. */
function safeBaseName(baseName: string): string {
  const cleaned = baseName
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  return cleaned === '' ? 'generator' : cleaned;
}

/**
 * Model artifacts as the two files tfjs's browser download writes: model.json (topology,
 * metadata and a weightsManifest pointing at the weights file) and the weights' bytes.
 */
export function artifactsToFiles(
  artifacts: tf.io.ModelArtifacts,
  baseName: string,
): GeneratorFiles {
  const weights = weightBuffer(artifacts.weightData);
  if (weights === null || artifacts.weightSpecs === undefined) {
    throw new Error('The model has no weights to save');
  }
  const weightsFileName = `${safeBaseName(baseName)}.weights.bin`;
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? 'GAN Playground',
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [weightsFileName], weights: artifacts.weightSpecs }],
    ...(artifacts.userDefinedMetadata === undefined
      ? {}
      : { userDefinedMetadata: artifacts.userDefinedMetadata }),
  };
  // slice(): the downloaded bytes must not alias the artifacts' buffer.
  return { modelJson: JSON.stringify(modelJson), weights: weights.slice(0), weightsFileName };
}

/**
 * Model artifacts from an uploaded model.json and its weights file (every path of the
 * weightsManifest concatenated in order, as one buffer). Checks the JSON's shape, the weight
 * specs and that the weights' byte length is exactly what they describe; throws only Errors
 * with a user-readable message.
 */
export function filesToArtifacts(
  modelJsonText: string,
  weights: ArrayBuffer,
): tf.io.ModelArtifacts {
  if (typeof modelJsonText !== 'string') throw new Error('model.json must be text');
  if (modelJsonText.length > MAX_MODEL_JSON_CHARS) {
    throw new Error(
      `model.json is too large (${modelJsonText.length} characters; at most ${MAX_MODEL_JSON_CHARS})`,
    );
  }
  if (!(weights instanceof ArrayBuffer)) throw new Error('The weights file could not be read');
  if (weights.byteLength > MAX_WEIGHTS_BYTES) {
    throw new Error(`The weights file is larger than ${MAX_WEIGHTS_BYTES / 1024 / 1024} MiB`);
  }
  if (!/\S/.test(modelJsonText)) throw new Error('model.json is empty');
  let json: unknown;
  try {
    json = JSON.parse(modelJsonText);
  } catch {
    throw new Error('model.json is not valid JSON');
  }
  if (!isRecord(json)) throw new Error('model.json must hold a JSON object');
  if (own(json, 'format') === 'gan-playground-config') {
    throw new Error('This is a GAN Playground config, not a model.json; import it as a config');
  }
  const topology = own(json, 'modelTopology');
  if (!isRecord(topology)) throw new Error('model.json has no modelTopology object');
  const manifest = own(json, 'weightsManifest');
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new Error('model.json has no weightsManifest list');
  }
  const specs: unknown[] = [];
  for (const group of manifest as unknown[]) {
    const groupWeights = own(group, 'weights');
    if (!Array.isArray(groupWeights)) {
      throw new Error('model.json has a weightsManifest entry without a weights list');
    }
    specs.push(...(groupWeights as unknown[]));
  }
  // Validates every spec and that the file's size is exactly what they describe.
  const parsed = parseWeightSpecs(specs, weights.byteLength);
  for (const weight of parsed) readWeight(weights, weight);
  const format = own(json, 'format');
  const generatedBy = own(json, 'generatedBy');
  const convertedBy = own(json, 'convertedBy');
  const metadata = own(json, 'userDefinedMetadata');
  if (format !== undefined && format !== 'layers-model') {
    throw new Error(`model.json describes a ${show(format)}, not a Layers model`);
  }
  return {
    modelTopology: topology,
    format: 'layers-model',
    ...(typeof generatedBy === 'string' ? { generatedBy } : {}),
    ...(typeof convertedBy === 'string' || convertedBy === null ? { convertedBy } : {}),
    weightSpecs: parsed.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' })),
    weightData: weights,
    ...(isRecord(metadata)
      ? {
          userDefinedMetadata: metadata as NonNullable<tf.io.ModelArtifacts['userDefinedMetadata']>,
        }
      : {}),
  };
}
