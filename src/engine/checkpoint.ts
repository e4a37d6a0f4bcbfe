/**
 * Snapshots of a training run (see Trainer.checkpoint and Trainer.restore), for a timeline that
 * scrubs back to an earlier iteration and branches a new run from it.
 *
 * A checkpoint is plain data (numbers, strings, typed arrays), so it can be posted between
 * threads with its buffers transferred, and kept in memory bounded by checkpointBytes().
 */
import type { DatasetId } from './datasets';
import type { LiveSettings } from './liveSettings';
import type { Activation } from './mlp';
import type { OptimizerKind } from './optimizers';

/** Format tag of {@link TrainerCheckpoint}; a different tag cannot be restored. */
export const CHECKPOINT_FORMAT = 'gan-playground-checkpoint/1';

/** One weight tensor of a network, read back. */
export interface WeightTensor {
  /** Its shape: [inputs, outputs] for a kernel, [outputs] for a bias. */
  readonly shape: readonly number[];
  /** Its values, row-major. */
  readonly values: Float32Array;
}

/** An optimiser's state, read back. */
export interface OptimizerCheckpoint {
  /** Which update rule produced the state. */
  readonly kind: OptimizerKind;
  /** Updates taken so far (t of Adam's bias corrections). */
  readonly steps: number;
  /** The flat state vectors (Adam: m, v; SGD: accumulation; RMSprop: mean square, moment). */
  readonly slots: readonly Float32Array[];
}

/** One network of a checkpoint: its architecture, weights and optimiser state. */
export interface NetworkCheckpoint {
  /** Width of the network's input (noise dimension for G, packing × dimension for D). */
  readonly inputSize: number;
  /** Hidden layer widths, input side first. */
  readonly hiddenLayers: readonly number[];
  /** Width of the network's output (dimension for G, 1 for D). */
  readonly outputSize: number;
  /** Nonlinearity after each hidden layer. */
  readonly activation: Activation;
  /** Every weight tensor in variable order: kernel then bias of each layer, input side first. */
  readonly weights: readonly WeightTensor[];
  /** The state of the network's optimiser. */
  readonly optimizer: OptimizerCheckpoint;
}

/** Everything needed to continue a run exactly as it would have gone on. */
export interface TrainerCheckpoint {
  /** Format tag, {@link CHECKPOINT_FORMAT}. */
  readonly format: typeof CHECKPOINT_FORMAT;
  /** Completed iterations at the snapshot. */
  readonly iteration: number;
  /** Updates of each network since the run was created (or last restored). */
  readonly updates: { readonly discriminator: number; readonly generator: number };
  /** The data set the run trained on. */
  readonly dataset: DatasetId;
  /** Dimension of a data point. */
  readonly dimension: number;
  /** PacGAN packing m of the discriminator (samples judged at once). */
  readonly packing: number;
  /** The generator. */
  readonly generator: NetworkCheckpoint;
  /** The discriminator; null for a run without one (the 'mmd' objective). */
  readonly discriminator: NetworkCheckpoint | null;
  /** The position of every random stream the training draws from, by stream name. */
  readonly random: { readonly [stream: string]: Uint32Array };
  /**
   * The live settings (σ, learning rates, k, batch size, …; see ./liveSettings) the run was
   * training with at the snapshot, which may differ from those it was created with. Restore()
   * leaves the restoring trainer's own settings; the caller applies these when it wants them
   * back. Absent in checkpoints written before live settings existed.
   */
  readonly settings?: LiveSettings;
}

/** How {@link Trainer.restore} treats the snapshot. */
export interface RestoreOptions {
  /**
   * Whether the optimisers continue from the snapshot's state when compatible (default true);
   * false starts them fresh, as a new run would.
   */
  readonly optimizerState?: boolean;
}

/** What {@link Trainer.restore} did beyond the weights. */
export interface RestoreResult {
  /**
   * Whether the optimisers continue from the snapshot's state; false when at least one
   * started fresh (asked for, or its kind or size differs from the snapshot's).
   */
  readonly optimizerRestored: boolean;
  /** Why an optimiser started fresh, in user words; null when both were restored. */
  readonly optimizerNote: string | null;
}

/** Every typed array of a checkpoint, in a fixed order. */
function typedArrays(checkpoint: TrainerCheckpoint): ArrayBufferView[] {
  const arrays: ArrayBufferView[] = [];
  for (const network of [checkpoint.generator, checkpoint.discriminator]) {
    if (network === null) continue;
    for (const weight of network.weights) arrays.push(weight.values);
    arrays.push(...network.optimizer.slots);
  }
  arrays.push(...Object.values(checkpoint.random));
  return arrays;
}

/**
 * The buffers to list as transferables when posting a checkpoint to another thread (each
 * once: transferring a buffer twice throws). The sender's checkpoint is unusable afterwards.
 */
export function checkpointTransferables(checkpoint: TrainerCheckpoint): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of typedArrays(checkpoint)) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}

/** Size of a checkpoint's numbers in bytes (the sum of its typed arrays' byteLength). */
export function checkpointBytes(checkpoint: TrainerCheckpoint): number {
  return typedArrays(checkpoint).reduce((total, array) => total + array.byteLength, 0);
}

/**
 * "<subject> has hidden layers 64,64; this model has 32,32": how two stacks of hidden layer
 * widths differ, in user words.
 */
export function layersDifference(
  subject: string,
  theirs: readonly number[],
  ours: readonly number[],
): string {
  const their = theirs.length === 0 ? 'no hidden layers' : `hidden layers ${theirs.join(',')}`;
  const our =
    ours.length === 0
      ? 'none'
      : theirs.length === 0
        ? `hidden layers ${ours.join(',')}`
        : ours.join(',');
  return `${subject} has ${their}; this model has ${our}`;
}

/** The architecture a checkpoint must have to be restored into a model. */
export interface ArchitectureOfModel {
  /** The generator's architecture. */
  readonly generator: Omit<NetworkCheckpoint, 'weights' | 'optimizer' | 'activation'>;
  /** The discriminator's architecture; null without one. */
  readonly discriminator: Omit<NetworkCheckpoint, 'weights' | 'optimizer' | 'activation'> | null;
  /** PacGAN packing m of the discriminator. */
  readonly packing: number;
  /** Dimension of a data point. */
  readonly dimension: number;
  /** Names of the random streams the model keeps. */
  readonly randomStreams: readonly string[];
  /** Words per random stream state. */
  readonly randomStateWords: number;
}

const sameList = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Why `checkpoint` cannot be restored into a model of architecture `model`, in user words;
 * null when it can. Checks the format, the architecture, then that every array has the length
 * its shape says (a damaged or hand-made snapshot).
 */
export function checkpointMismatch(
  checkpoint: TrainerCheckpoint,
  model: ArchitectureOfModel,
): string | null {
  if (checkpoint.format !== CHECKPOINT_FORMAT) {
    return `The snapshot has format "${String(checkpoint.format)}"; this version reads "${CHECKPOINT_FORMAT}"`;
  }
  const g = checkpoint.generator;
  const d = checkpoint.discriminator;
  if (d === null && model.discriminator !== null) {
    return "The snapshot has no discriminator (the 'mmd' objective); this model has one";
  }
  if (d !== null && model.discriminator === null) {
    return "The snapshot has a discriminator; this model has none (the 'mmd' objective)";
  }
  if (checkpoint.dimension !== model.dimension) {
    return `The snapshot's generator draws ${checkpoint.dimension}-D points; this model draws ${model.dimension}-D points`;
  }
  if (g.inputSize !== model.generator.inputSize) {
    return `The snapshot's generator takes noise of dimension ${g.inputSize}; this model's takes ${model.generator.inputSize}`;
  }
  if (!sameList(g.hiddenLayers, model.generator.hiddenLayers)) {
    return layersDifference(
      "The snapshot's generator",
      g.hiddenLayers,
      model.generator.hiddenLayers,
    );
  }
  if (d !== null && model.discriminator !== null) {
    if (checkpoint.packing !== model.packing) {
      return `The snapshot's discriminator judges packs of ${checkpoint.packing} samples; this model's judges packs of ${model.packing}`;
    }
    if (!sameList(d.hiddenLayers, model.discriminator.hiddenLayers)) {
      return layersDifference(
        "The snapshot's discriminator",
        d.hiddenLayers,
        model.discriminator.hiddenLayers,
      );
    }
  }
  const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (
    !isCount(checkpoint.iteration) ||
    !isCount(checkpoint.updates?.discriminator) ||
    !isCount(checkpoint.updates?.generator)
  ) {
    return 'The snapshot is damaged: its iteration or update counts are not whole numbers';
  }
  const networks = [
    ['generator', g, model.generator],
    ['discriminator', d, model.discriminator],
  ] as const;
  for (const [what, network, expected] of networks) {
    if (network === null || expected === null) continue;
    if (network.inputSize !== expected.inputSize || network.outputSize !== expected.outputSize) {
      return `The snapshot's ${what} maps ${network.inputSize} inputs to ${network.outputSize} outputs; this model's maps ${expected.inputSize} to ${expected.outputSize}`;
    }
    const widths = [expected.inputSize, ...expected.hiddenLayers, expected.outputSize];
    const shapes = widths.slice(1).flatMap((out, l) => [[widths[l] as number, out], [out]]);
    if (network.weights.length !== shapes.length) {
      return `The snapshot is damaged: its ${what} has ${network.weights.length} weight tensors instead of ${shapes.length}`;
    }
    const optimizer = network.optimizer;
    if (
      !isCount(optimizer?.steps) ||
      !Array.isArray(optimizer.slots) ||
      !optimizer.slots.every((s) => s instanceof Float32Array)
    ) {
      return `The snapshot is damaged: its ${what}'s optimiser state is malformed`;
    }
    for (const [i, weight] of network.weights.entries()) {
      const shape = shapes[i] as number[];
      const size = shape.reduce((a, b) => a * b, 1);
      if (
        !sameList(weight.shape, shape) ||
        !(weight.values instanceof Float32Array) ||
        weight.values.length !== size
      ) {
        return `The snapshot is damaged: its ${what}'s weight tensor ${i + 1} does not have shape [${shape.join(', ')}]`;
      }
    }
  }
  for (const stream of model.randomStreams) {
    const state = checkpoint.random?.[stream];
    if (!(state instanceof Uint32Array) || state.length !== model.randomStateWords) {
      return `The snapshot is damaged: the state of its random stream "${stream}" is missing`;
    }
  }
  return null;
}
