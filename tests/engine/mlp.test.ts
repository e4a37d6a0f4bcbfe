import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, createMlp, initLimit } from '../../src/engine/mlp';
import { createRandom } from '../../src/engine/random';
import { createTrainer } from '../../src/engine/trainer';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createMlp', () => {
  it('builds kernels and biases of the asked sizes', () => {
    const mlp = createMlp({
      inputSize: 2,
      hiddenLayers: [64, 64],
      outputSize: 1,
      hiddenActivation: 'leakyRelu',
      random: createRandom(1),
      name: 'discriminator',
    });
    expect(mlp.layers.map((l) => l.kernel.shape)).toEqual([
      [2, 64],
      [64, 64],
      [64, 1],
    ]);
    expect(mlp.layers.map((l) => l.bias.shape)).toEqual([[64], [64], [1]]);
    expect(mlp.variables).toHaveLength(6);
    expect(mlp.parameterCount).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 * 1 + 1);
    mlp.dispose();
  });

  it('initialises with bounded seeded weights and zero biases, without leaking', () => {
    const before = tf.memory().numTensors;
    const options = {
      inputSize: 3,
      hiddenLayers: [32],
      outputSize: 2,
      hiddenActivation: 'relu' as const,
      name: 'generator',
    };
    const a = createMlp({ ...options, random: createRandom(7) });
    const b = createMlp({ ...options, random: createRandom(7) });
    // Only the variables remain: 2 layers × (kernel + bias) per network.
    expect(tf.memory().numTensors - before).toBe(8);
    const kernel = a.layers[0]!.kernel.dataSync();
    expect(Array.from(kernel)).toEqual(Array.from(b.layers[0]!.kernel.dataSync()));
    // He-uniform limit for ReLU: sqrt(6 / fanIn).
    const limit = Math.sqrt(6 / 3);
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(limit / 2);
    expect(Array.from(a.layers[0]!.bias.dataSync()).every((v) => v === 0)).toBe(true);

    const y = tf.tidy(() => a.apply(tf.ones([5, 3])));
    expect(y.shape).toEqual([5, 2]);
    y.dispose();
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds the trainer networks from the configured layer lists', () => {
    const trainer = createTrainer(
      trainerConfig({
        dataset: 'ring-8',
        generatorLayers: [32, 16],
        discriminatorLayers: [64, 64],
        noiseDimension: 4,
        generatorLearningRate: 1e-3,
        discriminatorLearningRate: 1e-3,
        batchSize: 8,
        mmdBandwidths: [1],
      }),
    );
    expect(trainer.dimension).toBe(2);
    expect(trainer.parameterCount.generator).toBe(4 * 32 + 32 + 32 * 16 + 16 + 16 * 2 + 2);
    expect(trainer.parameterCount.discriminator).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 + 1);
    trainer.dispose();
  });

  it('builds and runs every activation (same seed, same weights, different functions)', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([-2, -0.5, 0, 0.3, 1, 3], [3, 2]);
    const outputs = ACTIVATIONS.map((hiddenActivation) => {
      const mlp = createMlp({
        inputSize: 2,
        hiddenLayers: [8, 8],
        outputSize: 1,
        hiddenActivation,
        random: createRandom(5),
        name: hiddenActivation,
      });
      const y = tf.tidy(() => mlp.apply(x));
      expect(y.shape).toEqual([3, 1]);
      const values = Array.from(y.dataSync());
      expect(values.every(Number.isFinite)).toBe(true);
      // The second-order-safe forward pass computes the same function.
      const twice = tf.tidy(() => mlp.applyTwiceDifferentiable(x));
      Array.from(twice.dataSync()).forEach((v, i) => {
        expect(v).toBeCloseTo(values[i]!, 5);
      });
      tf.dispose([y, twice]);
      mlp.dispose();
      return values;
    });
    // Different nonlinearities give different functions.
    expect(new Set(outputs.map((o) => o.join(','))).size).toBe(ACTIVATIONS.length);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() =>
      createMlp({
        inputSize: 1,
        hiddenLayers: [2],
        outputSize: 1,
        hiddenActivation: 'swish' as unknown as 'relu',
        random: createRandom(1),
        name: 'bad',
      }),
    ).toThrow(/activation/);
  });

  it('computes each activation as documented', () => {
    const z = [-3, -1, -0.2, 0, 0.4, 2];
    const expected: Record<(typeof ACTIVATIONS)[number], (v: number) => number> = {
      relu: (v) => Math.max(v, 0),
      leakyRelu: (v) => (v > 0 ? v : 0.2 * v),
      tanh: Math.tanh,
      elu: (v) => (v > 0 ? v : Math.expm1(v)),
      gelu: (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
    };
    for (const hiddenActivation of ACTIVATIONS) {
      // One hidden unit with identity weights: the output is the activation of the input.
      const mlp = createMlp({
        inputSize: 1,
        hiddenLayers: [1],
        outputSize: 1,
        hiddenActivation,
        random: createRandom(1),
        name: hiddenActivation,
      });
      for (const layer of mlp.layers) {
        tf.tidy(() => {
          layer.kernel.assign(tf.ones([1, 1]));
        });
      }
      const y = tf.tidy(() => mlp.apply(tf.tensor2d(z, [z.length, 1])));
      Array.from(y.dataSync()).forEach((v, i) => {
        expect(v).toBeCloseTo(expected[hiddenActivation](z[i]!), 5);
      });
      y.dispose();
      mlp.dispose();
    }
  });

  it('gives the same gradients through the fast and the twice-differentiable forward passes', () => {
    // The fast pass uses custom kernels (e.g. the masked leaky ReLU); the other is built from
    // elementary ops with tfjs's own gradients. Both must differentiate to the same numbers,
    // with respect to the weights and to the input, on both sides of every kink.
    const x = tf.tensor2d([-2, -0.5, 0, 0.3, 1, 3, -1.5, 0.7], [4, 2]);
    for (const hiddenActivation of ACTIVATIONS) {
      const mlp = createMlp({
        inputSize: 2,
        hiddenLayers: [8, 8],
        outputSize: 1,
        hiddenActivation,
        random: createRandom(11),
        name: `grad-${hiddenActivation}`,
      });
      const gradients = (forward: (input: tf.Tensor2D) => tf.Tensor2D) =>
        tf.tidy(() => {
          const loss = () => tf.sum(tf.square(forward(x))) as tf.Scalar;
          const { grads } = tf.variableGrads(loss, mlp.variables);
          const inputGrad = tf.grad((input: tf.Tensor) => tf.sum(forward(input as tf.Tensor2D)))(x);
          return [...mlp.variables.map((v) => grads[v.name]!), inputGrad].map((g) =>
            Array.from(g.dataSync()),
          );
        });
      const fast = gradients(mlp.apply);
      const reference = gradients(mlp.applyTwiceDifferentiable);
      fast.forEach((values, i) => {
        values.forEach((v, j) => {
          expect(v).toBeCloseTo(reference[i]![j]!, 4);
        });
      });
      mlp.dispose();
    }
    x.dispose();
  });

  it('uses Glorot initialisation before tanh and He before rectifiers', () => {
    // Glorot/Xavier: Var = 2 / (fanIn + fanOut); He: Var = 2 / ((1 + a²) fanIn).
    expect(initLimit(100, 50, 'tanh')).toBeCloseTo(Math.sqrt(6 / 150), 10);
    expect(initLimit(100, 50, 'linear')).toBeCloseTo(Math.sqrt(6 / 150), 10);
    for (const activation of ['relu', 'elu', 'gelu'] as const) {
      expect(initLimit(100, 50, activation)).toBeCloseTo(Math.sqrt(6 / 100), 10);
    }
    expect(initLimit(100, 50, 'leakyRelu')).toBeCloseTo(Math.sqrt(6 / (1.04 * 100)), 10);

    // The drawn weights follow: a wide hidden layer's empirical std is L/√3.
    const std = (hiddenActivation: 'tanh' | 'relu') => {
      const mlp = createMlp({
        inputSize: 256,
        hiddenLayers: [256],
        outputSize: 1,
        hiddenActivation,
        random: createRandom(9),
        name: hiddenActivation,
      });
      const w = mlp.layers[0]!.kernel.dataSync<'float32'>();
      mlp.dispose();
      return Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    };
    const glorot = std('tanh');
    const he = std('relu');
    expect(glorot).toBeCloseTo(Math.sqrt(2 / 512), 3);
    expect(he).toBeCloseTo(Math.sqrt(2 / 256), 3);
    // Equal fan-in and fan-out: He is √2 times wider than Glorot.
    expect(he / glorot).toBeCloseTo(Math.SQRT2, 2);
  });

  it("sizes the discriminator's input for PacGAN packing", () => {
    const base = trainerConfig({
      dataset: 'ring-8',
      generatorLayers: [8],
      discriminatorLayers: [8],
      generatorLearningRate: 1e-3,
      discriminatorLearningRate: 1e-3,
      batchSize: 16,
      mmdBandwidths: [1],
    });
    for (const packing of [1, 2, 5]) {
      const trainer = createTrainer({ ...base, packing });
      // D: [2m, 8] + [8] + [8, 1] + [1].
      expect(trainer.parameterCount.discriminator).toBe(2 * packing * 8 + 8 + 8 + 1);
      trainer.dispose();
    }
    expect(() => createTrainer({ ...base, packing: 17 })).toThrow(/packing/);
  });
});
