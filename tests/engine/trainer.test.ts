import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, mmdSquared, type TrainerConfig } from '../../src/engine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Small networks: these tests check behaviour, not capacity, and must run fast on a CPU. */
const BASE: TrainerConfig = {
  dataset: 'gaussian-1d',
  generatorLayers: [16, 16],
  discriminatorLayers: [16, 16],
  noiseDimension: 2,
  noiseSigma: 1,
  generatorLearningRate: 0.005,
  discriminatorLearningRate: 0.005,
  batchSize: 64,
  discriminatorSteps: 1,
  seed: 1,
};

describe('createTrainer', () => {
  it('learns gaussian-1d: MMD² to the data drops below a quarter of its initial value', async () => {
    const trainer = createTrainer(BASE);
    const real = trainer.sampleReal(500);
    const initial = mmdSquared(await trainer.sampleGenerator(500), real, 1, 1);
    trainer.step(400);
    expect(trainer.iteration).toBe(400);
    const final = mmdSquared(await trainer.sampleGenerator(500), real, 1, 1);
    expect(initial).toBeGreaterThan(0.1);
    expect(final).toBeLessThan(0.25 * initial);

    // The generator has moved towards mean 2 and spread 0.75.
    const generated = await trainer.sampleGenerator(500);
    const mean = generated.reduce((s, v) => s + v, 0) / generated.length;
    expect(Math.abs(mean - 2)).toBeLessThan(0.4);

    // Near equilibrium D(x) ≈ 1/2 everywhere: L_D ≈ 2 ln 2 and L_G ≈ ln 2.
    const losses = await trainer.takeLosses();
    expect(losses?.iterations).toBe(400);
    expect(losses?.discriminator).toBeGreaterThan(1);
    expect(losses?.discriminator).toBeLessThan(1.6);
    expect(losses?.generator).toBeGreaterThan(0.4);
    expect(losses?.generator).toBeLessThan(1.2);
    trainer.dispose();
  });

  it('is reproducible: the same seed gives identical losses and samples', async () => {
    const run = async (seed: number) => {
      const trainer = createTrainer({ ...BASE, dataset: 'ring-8', seed });
      trainer.step(30);
      const losses = await trainer.takeLosses();
      const generated = await trainer.sampleGenerator(100);
      const real = trainer.sampleReal(100);
      trainer.dispose();
      return { losses, generated: Array.from(generated), real: Array.from(real) };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c.generated).not.toEqual(a.generated);
    expect(c.real).not.toEqual(a.real);
  });

  it('shows the same evaluation noise in successive snapshots', async () => {
    const trainer = createTrainer({ ...BASE, dataset: 'ring-8' });
    const first = await trainer.sampleGenerator(50);
    await trainer.sampleGenerator(20);
    expect(await trainer.sampleGenerator(50)).toEqual(first);
    expect(first.length).toBe(100);
    trainer.step(1);
    const moved = await trainer.sampleGenerator(50);
    expect(moved).not.toEqual(first);
    // One update moves each point a little, far less than the distance to the points of a
    // different noise batch: the snapshot tracks the same noise vectors.
    const meanSquare = (a: Float32Array, b: Float32Array) =>
      a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0) / a.length;
    const otherNoise = (await trainer.sampleGenerator(51)).slice(0, first.length);
    expect(meanSquare(moved, first)).toBeLessThan(0.1 * meanSquare(moved, otherNoise));
    trainer.dispose();
  });

  it('reports mean losses since the previous readback, and null when nothing ran', async () => {
    const trainer = createTrainer(BASE);
    expect(await trainer.takeLosses()).toBeNull();
    trainer.step(3);
    const first = await trainer.takeLosses();
    expect(first?.iterations).toBe(3);
    // At initialisation D(x) ≈ 1/2, so L_D ≈ 2 ln 2 ≈ 1.39 and L_G ≈ ln 2 ≈ 0.69.
    expect(first?.discriminator).toBeGreaterThan(0.7);
    expect(first?.discriminator).toBeLessThan(2.5);
    expect(first?.generator).toBeGreaterThan(0.2);
    expect(first?.generator).toBeLessThan(1.5);
    expect(await trainer.takeLosses()).toBeNull();
    trainer.step(2);
    expect((await trainer.takeLosses())?.iterations).toBe(2);
    trainer.dispose();
  });

  it('runs k = 3 discriminator steps per iteration', async () => {
    const trainer = createTrainer({ ...BASE, dataset: 'mixture-1d', discriminatorSteps: 3 });
    trainer.step(10);
    expect(trainer.iteration).toBe(10);
    const losses = await trainer.takeLosses();
    expect(losses?.iterations).toBe(10);
    expect(Number.isFinite(losses?.discriminator)).toBe(true);
    expect(Number.isFinite(losses?.generator)).toBe(true);
    // Three D updates per iteration advance the D optimiser three times as often as G's,
    // which shows in the data stream: the same seed with k = 1 gives different samples.
    const single = createTrainer({ ...BASE, dataset: 'mixture-1d', discriminatorSteps: 1 });
    single.step(10);
    expect(await single.sampleGenerator(20)).not.toEqual(await trainer.sampleGenerator(20));
    single.dispose();
    trainer.dispose();
  });

  it('leaks no tensors: the count after 500 iterations equals the count after 1', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer({
      ...BASE,
      dataset: 'gaussian-2d',
      generatorLayers: [8],
      discriminatorLayers: [8],
      batchSize: 16,
      discriminatorSteps: 2,
    });
    trainer.step(1);
    const afterOne = tf.memory().numTensors;
    await trainer.takeLosses();
    await trainer.sampleGenerator(64);
    trainer.sampleReal(64);
    expect(tf.memory().numTensors).toBe(afterOne);
    trainer.step(499);
    await trainer.takeLosses();
    await trainer.sampleGenerator(64);
    await trainer.sampleGenerator(128);
    expect(trainer.iteration).toBe(500);
    expect(tf.memory().numTensors).toBe(afterOne);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dispose() frees everything, including the optimiser state, and forbids further use', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer(BASE);
    trainer.step(2);
    await trainer.sampleGenerator(10);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => trainer.step()).toThrow(/disposed/);
    trainer.dispose();
  });

  it('throws a clear error for impossible input, without leaking', () => {
    const before = tf.memory().numTensors;
    expect(() => createTrainer({ ...BASE, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createTrainer({ ...BASE, noiseDimension: 0 })).toThrow(/noiseDimension/);
    expect(() => createTrainer({ ...BASE, discriminatorLayers: [16, 0] })).toThrow(/width/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
