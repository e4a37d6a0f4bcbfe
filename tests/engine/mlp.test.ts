import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlp } from '../../src/engine/mlp';
import { createRandom } from '../../src/engine/random';
import { createTrainer } from '../../src/engine/trainer';

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
    const trainer = createTrainer({
      dataset: 'ring-8',
      generatorLayers: [32, 16],
      discriminatorLayers: [64, 64],
      noiseDimension: 4,
      noiseSigma: 1,
      generatorLearningRate: 1e-3,
      discriminatorLearningRate: 1e-3,
      batchSize: 8,
      discriminatorSteps: 1,
      seed: 1,
    });
    expect(trainer.dimension).toBe(2);
    expect(trainer.parameterCount.generator).toBe(4 * 32 + 32 + 32 * 16 + 16 + 16 * 2 + 2);
    expect(trainer.parameterCount.discriminator).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 + 1);
    trainer.dispose();
  });
});
