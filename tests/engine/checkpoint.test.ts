import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointBytes,
  checkpointTransferables,
  createTrainer,
  type Trainer,
  type TrainerCheckpoint,
  type TrainerConfig,
} from '../../src/engine';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Small networks with every stabiliser that draws random numbers switched on. */
const smallConfig = (overrides: Partial<TrainerConfig> = {}): TrainerConfig =>
  trainerConfig({
    dataset: 'gaussian-2d',
    generatorLayers: [8, 8],
    discriminatorLayers: [8],
    batchSize: 16,
    discriminatorSteps: 2,
    instanceNoise: 0.1,
    labelSmoothing: 0.1,
    packing: 2,
    ...overrides,
  });

/** What a continuation shows: losses, G on fixed and fresh noise, real draws, full state. */
async function continuation(trainer: Trainer, iterations: number) {
  trainer.step(iterations);
  return {
    losses: await trainer.takeLosses(),
    generated: await trainer.sampleGenerator(32),
    fresh: await trainer.sample(8),
    real: trainer.sampleReal(8),
    iteration: trainer.iteration,
    updates: trainer.updates,
    checkpoint: await trainer.checkpoint(),
  };
}

describe('checkpoint and restore', () => {
  const variants: [string, Partial<TrainerConfig>][] = [
    ['nonSaturating, Adam', {}],
    [
      'wasserstein, RMSprop G and SGD D',
      { objective: 'wasserstein', generatorOptimizer: 'rmsprop', discriminatorOptimizer: 'sgd' },
    ],
    ['mmd, no discriminator', { objective: 'mmd' }],
    ['hybrid, uniform noise', { objective: 'hybrid', noiseDistribution: 'uniform' }],
  ];
  for (const [name, overrides] of variants) {
    it(`${name}: restoring replays the continuation exactly`, async () => {
      const trainer = createTrainer(smallConfig(overrides));
      trainer.step(5);
      await trainer.takeLosses();
      const snapshot = await trainer.checkpoint();
      expect(snapshot.iteration).toBe(5);
      const first = await continuation(trainer, 4);
      expect(trainer.restore(snapshot)).toEqual({ optimizerRestored: true, optimizerNote: null });
      expect(trainer.iteration).toBe(5);
      expect(trainer.updates).toEqual(snapshot.updates);
      const second = await continuation(trainer, 4);
      expect(second).toEqual(first);
      expect(Number.isFinite(second.losses?.generator)).toBe(true);
      trainer.dispose();
    });
  }

  it('a fresh trainer of the same config continues exactly like the original', async () => {
    const config = smallConfig({ objective: 'wasserstein', discriminatorSteps: 3 });
    const original = createTrainer(config);
    original.step(4);
    // A snapshot in the middle of an iteration, between two discriminator updates.
    original.stepDiscriminator();
    await original.takeLosses();
    const snapshot = await original.checkpoint();
    expect(snapshot.updates).toEqual({ discriminator: 13, generator: 4 });
    const expected = await continuation(original, 3);

    const branch = createTrainer(config);
    branch.step(2);
    await branch.sample(5);
    branch.restore(snapshot);
    expect(await continuation(branch, 3)).toEqual(expected);
    original.dispose();
    branch.dispose();
  });

  it('a branch with another learning rate starts from the same weights, then diverges', async () => {
    const original = createTrainer(smallConfig());
    original.step(5);
    const snapshot = await original.checkpoint();
    const at = await original.sampleGenerator(32);
    original.step(3);

    const branch = createTrainer(smallConfig({ generatorLearningRate: 0.05 }));
    expect(branch.restore(snapshot).optimizerRestored).toBe(true);
    expect(await branch.sampleGenerator(32)).toEqual(at);
    branch.step(3);
    expect(await branch.sampleGenerator(32)).not.toEqual(await original.sampleGenerator(32));
    original.dispose();
    branch.dispose();
  });

  it('a branch with another optimiser kind restores the weights and starts that optimiser fresh', async () => {
    const original = createTrainer(smallConfig());
    original.step(5);
    const snapshot = await original.checkpoint();
    const branch = createTrainer(smallConfig({ generatorOptimizer: 'sgd' }));
    const result = branch.restore(snapshot);
    expect(result.optimizerRestored).toBe(false);
    expect(result.optimizerNote).toBe(
      "The snapshot's generator optimiser is Adam; this run's is SGD, which starts fresh",
    );
    expect(await branch.sampleGenerator(32)).toEqual(await original.sampleGenerator(32));
    const state = await branch.checkpoint();
    expect(state.generator.optimizer).toMatchObject({ kind: 'sgd', steps: 0 });
    expect(state.generator.optimizer.slots.every((s) => s.every((v) => v === 0))).toBe(true);
    // The discriminator's optimiser (still Adam) continued from the snapshot.
    expect(state.discriminator?.optimizer).toEqual(snapshot.discriminator?.optimizer);
    original.dispose();
    branch.dispose();
  });

  it('optimizerState: false restores the weights but starts both optimisers fresh', async () => {
    const trainer = createTrainer(smallConfig());
    trainer.step(5);
    const snapshot = await trainer.checkpoint();
    const continued = await continuation(trainer, 2);
    const result = trainer.restore(snapshot, { optimizerState: false });
    expect(result.optimizerRestored).toBe(false);
    expect(result.optimizerNote).toMatch(/generator's optimiser starts fresh, as asked/);
    const state = await trainer.checkpoint();
    expect(state.generator.weights).toEqual(snapshot.generator.weights);
    expect(state.generator.optimizer.steps).toBe(0);
    expect(state.discriminator?.optimizer.steps).toBe(0);
    // Fresh Adam moments take different steps from the restored ones.
    expect((await continuation(trainer, 2)).generated).not.toEqual(continued.generated);
    trainer.dispose();
  });

  it('refuses an incompatible snapshot with a message saying what differs, changing nothing', async () => {
    const source = createTrainer(smallConfig({ generatorLayers: [16, 16] }));
    source.step(1);
    const snapshot = await source.checkpoint();
    const cases: [Partial<TrainerConfig>, string][] = [
      [
        { generatorLayers: [32, 32] },
        "The snapshot's generator has hidden layers 16,16; this model has 32,32",
      ],
      [
        { generatorLayers: [16, 16], discriminatorLayers: [4, 4] },
        "The snapshot's discriminator has hidden layers 8; this model has 4,4",
      ],
      [
        { generatorLayers: [16, 16], noiseDimension: 3 },
        "The snapshot's generator takes noise of dimension 2; this model's takes 3",
      ],
      [
        { generatorLayers: [16, 16], packing: 1 },
        "The snapshot's discriminator judges packs of 2 samples; this model's judges packs of 1",
      ],
      [
        { generatorLayers: [16, 16], dataset: 'gaussian-1d' },
        "The snapshot's generator draws 2-D points; this model draws 1-D points",
      ],
      [
        { generatorLayers: [16, 16], objective: 'mmd' },
        "The snapshot has a discriminator; this model has none (the 'mmd' objective)",
      ],
    ];
    for (const [overrides, message] of cases) {
      const target = createTrainer(smallConfig(overrides));
      target.step(1);
      const before = await target.checkpoint();
      expect(() => target.restore(snapshot)).toThrow(message);
      expect(await target.checkpoint()).toEqual(before);
      target.dispose();
    }
    const noDiscriminator = createTrainer(smallConfig({ objective: 'mmd' }));
    const target = createTrainer(smallConfig());
    expect(() => target.restore(snapshot)).toThrow(/hidden layers 16,16; this model has 8,8/);
    const mmdSnapshot = await noDiscriminator.checkpoint();
    expect(() => target.restore(mmdSnapshot)).toThrow(
      "The snapshot has no discriminator (the 'mmd' objective); this model has one",
    );
    // A damaged snapshot (a truncated weight) is refused too.
    const own = await target.checkpoint();
    const first = own.generator.weights[0];
    const damaged: TrainerCheckpoint = {
      ...own,
      generator: {
        ...own.generator,
        weights: [
          { shape: first?.shape ?? [], values: new Float32Array(3) },
          ...own.generator.weights.slice(1),
        ],
      },
    };
    expect(() => target.restore(damaged)).toThrow(/damaged/);
    const noStreams: TrainerCheckpoint = { ...own, random: {} };
    expect(() => target.restore(noStreams)).toThrow(/random stream "batch-indices" is missing/);
    source.dispose();
    noDiscriminator.dispose();
    target.dispose();
  });

  it('captures the state when called: steps taken during the readback are not in it', async () => {
    const trainer = createTrainer(smallConfig());
    trainer.step(2);
    const pending = trainer.checkpoint();
    trainer.step(3);
    const snapshot = await pending;
    expect(snapshot.iteration).toBe(2);
    const other = createTrainer(smallConfig());
    other.step(2);
    expect(await other.checkpoint()).toEqual(snapshot);
    trainer.dispose();
    other.dispose();
  });

  it('is plain, transferable data whose size checkpointBytes() reports', async () => {
    const trainer = createTrainer(smallConfig());
    trainer.step(3);
    await trainer.takeLosses();
    const snapshot = await trainer.checkpoint();
    const arrays: ArrayBufferView[] = [
      ...snapshot.generator.weights.map((w) => w.values),
      ...snapshot.generator.optimizer.slots,
      ...(snapshot.discriminator?.weights.map((w) => w.values) ?? []),
      ...(snapshot.discriminator?.optimizer.slots ?? []),
      ...Object.values(snapshot.random),
    ];
    expect(checkpointBytes(snapshot)).toBe(arrays.reduce((sum, a) => sum + a.byteLength, 0));
    // Parameters, then Adam's two moments, all float32, for each network.
    const parameters = trainer.parameterCount.generator + trainer.parameterCount.discriminator;
    expect(checkpointBytes(snapshot)).toBe(3 * 4 * parameters + 7 * 7 * 4);

    const transferables = checkpointTransferables(snapshot);
    expect(new Set(transferables).size).toBe(transferables.length);
    expect(transferables.length).toBe(arrays.length);
    const expected = await continuation(trainer, 2);
    // What the worker does: post it with its buffers moved, then restore from the copy.
    const posted = structuredClone(snapshot, { transfer: transferables });
    expect(snapshot.generator.weights[0]?.values.length).toBe(0);
    trainer.restore(posted);
    expect(await continuation(trainer, 2)).toEqual(expected);
    trainer.dispose();
  });

  it('leaks no tensors across checkpoint/restore cycles', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer(smallConfig({ objective: 'wasserstein' }));
    trainer.step(1);
    const snapshot = await trainer.checkpoint();
    const after = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      trainer.step(2);
      await trainer.checkpoint();
      trainer.restore(snapshot, { optimizerState: i % 2 === 0 });
      await trainer.takeLosses();
    }
    expect(tf.memory().numTensors).toBe(after);
    const sgd = createTrainer(smallConfig({ objective: 'wasserstein', generatorOptimizer: 'sgd' }));
    const sgdCount = tf.memory().numTensors;
    sgd.restore(snapshot);
    expect(() => sgd.restore({ ...snapshot, random: {} })).toThrow();
    expect(tf.memory().numTensors).toBe(sgdCount);
    sgd.dispose();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainer.checkpoint()).rejects.toThrow(/disposed/);
    expect(() => trainer.restore(snapshot)).toThrow(/disposed/);
  });
});

describe('weightsFinite', () => {
  it('is true for a healthy run and false once a weight is NaN or infinite, leaking nothing', async () => {
    const trainer = createTrainer(smallConfig());
    trainer.step(3);
    await trainer.takeLosses();
    const before = tf.memory().numTensors;
    expect(await trainer.weightsFinite()).toBe(true);
    const good = await trainer.checkpoint();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const poisoned: TrainerCheckpoint = {
        ...good,
        discriminator: good.discriminator && {
          ...good.discriminator,
          weights: good.discriminator.weights.map((w, i) =>
            i === 0 ? { ...w, values: w.values.map((v, j) => (j === 3 ? bad : v)) } : w,
          ),
        },
      };
      trainer.restore(poisoned);
      expect(await trainer.weightsFinite()).toBe(false);
    }
    trainer.restore(good);
    expect(await trainer.weightsFinite()).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
