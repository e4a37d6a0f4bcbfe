/**
 * A fully connected network (multi-layer perceptron) built from raw tf.Variables.
 *
 * Raw variables instead of tf.layers: a forward pass is a handful of fused ops with no layer
 * bookkeeping, the variable list for each optimiser is explicit, and there is no hidden
 * global layer state (names, sequential models) to fight when several trainers coexist or
 * the backend is switched.
 */
import * as tf from '@tensorflow/tfjs';
import type { Random } from './random';

/** Nonlinearity applied after every hidden layer. */
export type HiddenActivation = 'relu' | 'leakyRelu';

/** Negative slope of the leaky ReLU (DCGAN discriminator, Radford et al. 2015, §3). */
export const LEAKY_RELU_SLOPE = 0.2;

/** What network to build. */
export interface MlpOptions {
  /** Width of the input vector. */
  readonly inputSize: number;
  /** Widths of the hidden layers, input side first; empty for a purely linear map. */
  readonly hiddenLayers: readonly number[];
  /** Width of the (linear) output. */
  readonly outputSize: number;
  /** Nonlinearity after each hidden layer. */
  readonly hiddenActivation: HiddenActivation;
  /** Seeded stream for the initial weights. */
  readonly random: Random;
  /** Prefix for the variable names, e.g. "generator" or "discriminator". */
  readonly name: string;
}

/** One dense layer: y = x · kernel + bias. */
export interface DenseLayer {
  /** Weight matrix, shape [inputs, outputs]. */
  readonly kernel: tf.Variable<tf.Rank.R2>;
  /** Bias vector, shape [outputs]. */
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/** A multi-layer perceptron with trainable weights. */
export interface Mlp {
  /** The dense layers, input side first; the last one is the linear output layer. */
  readonly layers: readonly DenseLayer[];
  /** Every trainable variable (kernels and biases), for the optimiser's variable list. */
  readonly variables: tf.Variable[];
  /** Total number of scalar weights and biases. */
  readonly parameterCount: number;
  /** Forward pass on a batch [batch, inputSize] → [batch, outputSize]. Call inside tf.tidy. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /** Frees every variable of the network. */
  dispose(): void;
}

/**
 * Disambiguates variable names: tfjs keeps a global registry and refuses a second variable
 * with the same name, and two trainers (e.g. a reproducibility check) may coexist.
 */
let instanceCounter = 0;

function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${what} must be a positive integer, got ${value}`);
  }
}

/**
 * Uniform initialisation limit for a layer.
 *
 * Hidden layers feed a ReLU-family nonlinearity, so they use He initialisation
 * (He et al. 2015, §2.2): Var(w) = 2 / ((1 + a²) · fanIn) keeps activation variance constant
 * through rectifiers with negative slope a. The linear output layer uses Glorot/Xavier
 * (Glorot & Bengio 2010, eq. 16): Var(w) = 2 / (fanIn + fanOut). A uniform law on [−L, L]
 * has variance L²/3, hence L = sqrt(3 · Var).
 */
function initLimit(fanIn: number, fanOut: number, activation: HiddenActivation | 'linear'): number {
  if (activation === 'linear') return Math.sqrt(6 / (fanIn + fanOut));
  const slope = activation === 'leakyRelu' ? LEAKY_RELU_SLOPE : 0;
  return Math.sqrt(6 / ((1 + slope * slope) * fanIn));
}

/** Builds an MLP with seeded initial weights and zero biases. */
export function createMlp(options: MlpOptions): Mlp {
  const { inputSize, hiddenLayers, outputSize, hiddenActivation, random, name } = options;
  assertPositiveInteger(inputSize, `${name} input size`);
  assertPositiveInteger(outputSize, `${name} output size`);
  hiddenLayers.forEach((width, i) => {
    assertPositiveInteger(width, `${name} hidden layer ${i + 1} width`);
  });

  const instance = instanceCounter++;
  const widths = [inputSize, ...hiddenLayers, outputSize];
  const layerCount = widths.length - 1;

  // The initial values come from the seeded JS stream (not tf.randomUniform) so the same seed
  // gives the same network on every backend. tidy() frees the temporary initial tensors; a
  // variable holds its own reference to the data and is never freed by tidy().
  const layers: DenseLayer[] = [];
  for (let l = 0; l < layerCount; l++) {
    const fanIn = widths[l]!;
    const fanOut = widths[l + 1]!;
    const isOutput = l === layerCount - 1;
    const limit = initLimit(fanIn, fanOut, isOutput ? 'linear' : hiddenActivation);
    const weights = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < weights.length; i++) weights[i] = (2 * random.next() - 1) * limit;
    const prefix = `${name}_${instance}/dense_${l}`;
    layers.push({
      kernel: tf.tidy(() =>
        tf.variable(tf.tensor2d(weights, [fanIn, fanOut]), true, `${prefix}/kernel`),
      ),
      bias: tf.tidy(() => tf.variable(tf.zeros<tf.Rank.R1>([fanOut]), true, `${prefix}/bias`)),
    });
  }

  const variables: tf.Variable[] = layers.flatMap((layer) => [layer.kernel, layer.bias]);
  const parameterCount = variables.reduce((total, v) => total + v.size, 0);

  const activate = (h: tf.Tensor2D): tf.Tensor2D =>
    hiddenActivation === 'leakyRelu' ? tf.leakyRelu(h, LEAKY_RELU_SLOPE) : tf.relu(h);

  return {
    layers,
    variables,
    parameterCount,
    apply(x) {
      let h = x;
      for (let l = 0; l < layerCount; l++) {
        const layer = layers[l]!;
        h = tf.add(tf.matMul(h, layer.kernel), layer.bias);
        if (l < layerCount - 1) h = activate(h);
      }
      return h;
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}
