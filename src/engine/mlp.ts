/**
 * A fully connected network (multi-layer perceptron) built from raw tf.Variables.
 *
 * Raw variables instead of tf.layers: a forward pass is a handful of fused ops with no layer
 * bookkeeping, the variable list for each optimiser is explicit, and there is no hidden
 * global layer state (names, sequential models) to fight when several trainers coexist or
 * the backend is switched.
 */
import * as tf from '@tensorflow/tfjs';
import { assertPositiveInteger } from './assert';
import type { Random } from './random';

/**
 * Nonlinearity applied after every hidden layer.
 * - relu: max(0, x) (Nair & Hinton 2010).
 * - leakyRelu: max(x, 0.2·x) (Maas et al. 2013; slope 0.2 as in DCGAN, Radford et al. 2015).
 * - tanh: the hyperbolic tangent.
 * - elu: x for x > 0, eˣ − 1 otherwise (Clevert et al. 2016, α = 1).
 * - gelu: x·Φ(x) in its tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
 *   (Hendrycks & Gimpel 2016, §2), built from elementary ops.
 */
export type Activation = 'relu' | 'leakyRelu' | 'tanh' | 'elu' | 'gelu';

/** Every activation, in the order the UI lists them. */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'leakyRelu', 'tanh', 'elu', 'gelu'];

/** @deprecated Former name of {@link Activation}. */
export type HiddenActivation = Activation;

/** Negative slope of the leaky ReLU (DCGAN discriminator, Radford et al. 2015, §3). */
export const LEAKY_RELU_SLOPE = 0.2;

/** √(2/π), the constant of the tanh approximation of GELU (Hendrycks & Gimpel 2016). */
const GELU_SCALE = Math.sqrt(2 / Math.PI);
/** Cubic coefficient of the tanh approximation of GELU (Hendrycks & Gimpel 2016). */
const GELU_CUBIC = 0.044715;

/** What network to build. */
export interface MlpOptions {
  /** Width of the input vector. */
  readonly inputSize: number;
  /** Widths of the hidden layers, input side first; empty for a purely linear map. */
  readonly hiddenLayers: readonly number[];
  /** Width of the (linear) output. */
  readonly outputSize: number;
  /** Nonlinearity after each hidden layer. */
  readonly hiddenActivation: Activation;
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
  /** Nonlinearity after each hidden layer (the output layer is linear). */
  readonly hiddenActivation: Activation;
  /**
   * Overwrites every weight with `values`, one array per variable in the order of
   * {@link Mlp.variables}, each as long as its variable. Throws, changing nothing, when they
   * do not fit.
   */
  setWeights(values: readonly Float32Array[]): void;
  /** Forward pass on a batch [batch, inputSize] → [batch, outputSize]. Call inside tf.tidy. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * The same function as {@link Mlp.apply}, built only from ops whose gradients are themselves
   * differentiable in tfjs, so that a loss containing ∇ₓ of this output (the WGAN-GP penalty)
   * can be differentiated again with respect to the weights. Slower: use it only there.
   * Call inside tf.tidy.
   */
  applyTwiceDifferentiable(x: tf.Tensor2D): tf.Tensor2D;
  /** Frees every variable of the network. */
  dispose(): void;
}

/**
 * Disambiguates variable names: tfjs keeps a global registry and refuses a second variable
 * with the same name, and two trainers (e.g. a reproducibility check) may coexist.
 */
let instanceCounter = 0;

/**
 * Uniform initialisation limit for a layer. A uniform law on [−L, L] has variance L²/3, hence
 * L = √(3 · Var).
 *
 * Layers feeding a rectifier-like nonlinearity (relu, leakyRelu, elu, gelu) use He
 * initialisation (He et al. 2015, §2.2): Var(w) = 2 / ((1 + a²) · fanIn) keeps the activation
 * variance constant through rectifiers with negative slope a (a = 0.2 for leakyRelu, 0 for the
 * others, for which ELU and GELU behave like a ReLU to first order). Layers feeding tanh, and
 * the linear output layer, use Glorot/Xavier (Glorot & Bengio 2010, eq. 16):
 * Var(w) = 2 / (fanIn + fanOut).
 */
export function initLimit(
  fanIn: number,
  fanOut: number,
  activation: Activation | 'linear',
): number {
  if (activation === 'linear' || activation === 'tanh') return Math.sqrt(6 / (fanIn + fanOut));
  const slope = activation === 'leakyRelu' ? LEAKY_RELU_SLOPE : 0;
  return Math.sqrt(6 / ((1 + slope * slope) * fanIn));
}

/*
 * Twice-differentiable building blocks.
 *
 * tfjs can differentiate a gradient (a gradient computed inside a function that is itself
 * differentiated records its backward ops on the outer tape), but three defects make some
 * native kernels unusable in a network whose input gradient is differentiated again:
 * - LeakyRelu's and Elu's gradients use Greater / EluGrad, which have no gradient: backprop
 *   throws "gradient function not found".
 * - Tanh, Sigmoid and Exp save their *output* for the backward pass. The engine records the
 *   copy of a saved output on the tape before the op that produced it, so the tape filter never
 *   reaches it and the second derivative silently misses the term through the saved output
 *   (checked against finite differences: errors of 5–10 % on a tiny critic).
 * The versions below avoid both: leakyRelu(x) = a·x + (1 − a)·relu(x), and tanh and elu are
 * tf.customGrad ops that save their *input* and recompute the derivative from it with ops that
 * have gradients. Relu is safe as it is (its gradient is dy · step(x), and Step has a gradient).
 */

/** tanh with a backward pass dy · (1 − tanh²(x)) recomputed from the saved input x. */
const twiceDifferentiableTanh = tf.customGrad<tf.Tensor2D>((...args) => {
  const x = args[0] as tf.Tensor2D;
  const save = args[1] as tf.GradSaveFunc;
  save([x]);
  return {
    value: tf.tanh(x),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.mul(dy, tf.sub(1, tf.square(tf.tanh(saved[0] as tf.Tensor)))),
  };
});

/** elu with a backward pass dy · exp(min(x, 0)) = dy · exp(−relu(−x)) from the saved input x. */
const twiceDifferentiableElu = tf.customGrad<tf.Tensor2D>((...args) => {
  const x = args[0] as tf.Tensor2D;
  const save = args[1] as tf.GradSaveFunc;
  save([x]);
  return {
    value: tf.elu(x),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.mul(dy, tf.exp(tf.neg(tf.relu(tf.neg(saved[0] as tf.Tensor))))),
  };
});

/** GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (Hendrycks & Gimpel 2016). */
function gelu(h: tf.Tensor2D, tanh: (u: tf.Tensor2D) => tf.Tensor2D): tf.Tensor2D {
  const cube = tf.mul<tf.Tensor2D>(tf.mul(h, h), h);
  const inner = tf.mul<tf.Tensor2D>(tf.add(h, tf.mul(cube, GELU_CUBIC)), GELU_SCALE);
  return tf.mul(tf.mul(h, 0.5), tf.add(tanh(inner), 1));
}

/**
 * Leaky ReLU for first-order training: x · m with the mask m = step(x, a) (1 where x > 0, a
 * elsewhere), whose backward pass is dy · m from the saved mask. The same values and gradient
 * as tf.leakyRelu, with cheaper kernels: tfjs 4.22 differentiates LeakyRelu as
 * where(x > 0, dy, a·dy), and the WASM backend runs that comparison against a broadcast zero
 * ~10× slower than the Step kernel (125 vs 13 µs on a 256×64 batch: `npx tsx bench/micro.ts`).
 * Not twice differentiable (Step has a zero gradient, the mask is saved): the WGAN-GP critic
 * uses activateTwiceDifferentiable instead.
 */
const maskedLeakyRelu = tf.customGrad<tf.Tensor2D>((...args) => {
  const x = args[0] as tf.Tensor2D;
  const save = args[1] as tf.GradSaveFunc;
  const mask = tf.step(x, LEAKY_RELU_SLOPE);
  save([mask]);
  return {
    value: tf.mul(x, mask),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0] as tf.Tensor),
  };
});

/** The activation with tfjs's fastest kernels, for ordinary (first-order) training. */
function activate(activation: Activation, h: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'leakyRelu':
      return maskedLeakyRelu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'elu':
      return tf.elu(h);
    case 'gelu':
      return gelu(h, (u) => tf.tanh(u));
  }
}

/** The same activation built from twice-differentiable pieces (see above). */
function activateTwiceDifferentiable(activation: Activation, h: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'leakyRelu':
      return tf.add(tf.mul(h, LEAKY_RELU_SLOPE), tf.mul(tf.relu(h), 1 - LEAKY_RELU_SLOPE));
    case 'tanh':
      return twiceDifferentiableTanh(h);
    case 'elu':
      return twiceDifferentiableElu(h);
    case 'gelu':
      return gelu(h, (u) => twiceDifferentiableTanh(u));
  }
}

/** Builds an MLP with seeded initial weights and zero biases. */
export function createMlp(options: MlpOptions): Mlp {
  const { inputSize, hiddenLayers, outputSize, hiddenActivation, random, name } = options;
  assertPositiveInteger(inputSize, `${name} input size`);
  assertPositiveInteger(outputSize, `${name} output size`);
  hiddenLayers.forEach((width, i) => {
    assertPositiveInteger(width, `${name} hidden layer ${i + 1} width`);
  });
  if (!ACTIVATIONS.includes(hiddenActivation)) {
    throw new Error(`Unknown activation "${String(hiddenActivation)}"`);
  }

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

  const forward = (x: tf.Tensor2D, nonlinearity: (h: tf.Tensor2D) => tf.Tensor2D) => {
    let h = x;
    for (let l = 0; l < layerCount; l++) {
      const layer = layers[l]!;
      h = tf.add(tf.matMul(h, layer.kernel), layer.bias);
      if (l < layerCount - 1) h = nonlinearity(h);
    }
    return h;
  };

  return {
    layers,
    variables,
    parameterCount,
    hiddenActivation,
    setWeights(values) {
      if (values.length !== variables.length) {
        throw new Error(`${name} has ${variables.length} weight tensors, got ${values.length}`);
      }
      variables.forEach((v, i) => {
        const length = (values[i] as Float32Array).length;
        if (length !== v.size) {
          throw new Error(`${name} weight ${v.name} has ${v.size} values, got ${length}`);
        }
      });
      variables.forEach((v, i) => {
        // slice(): the CPU backend would otherwise alias the caller's array, which may later be
        // transferred to another thread (detached) or reused.
        tf.tidy(() => v.assign(tf.tensor((values[i] as Float32Array).slice(), v.shape)));
      });
    },
    apply: (x) => forward(x, (h) => activate(hiddenActivation, h)),
    applyTwiceDifferentiable: (x) =>
      forward(x, (h) => activateTwiceDifferentiable(hiddenActivation, h)),
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}
