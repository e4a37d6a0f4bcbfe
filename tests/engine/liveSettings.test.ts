import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTrainer,
  LIVE_TRAINER_KEYS,
  type LiveSettings,
  type TrainerCheckpoint,
  type TrainerConfig,
} from '../../src/engine';
import { createOptimizer } from '../../src/engine/optimizers';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Small networks with every stabiliser that draws random numbers switched on. */
const smallConfig = (overrides: Partial<TrainerConfig> = {}): TrainerConfig =>
  trainerConfig({
    dataset: 'gaussian-2d',
    generatorLayers: [8],
    discriminatorLayers: [8],
    batchSize: 16,
    instanceNoise: 0.1,
    labelSmoothing: 0.1,
    ...overrides,
  });

/** A checkpoint's state, without the settings it records. */
function stateOf(checkpoint: TrainerCheckpoint): Omit<TrainerCheckpoint, 'settings'> {
  const { settings: _settings, ...state } = checkpoint;
  return state;
}

/** Every weight of a checkpoint, flattened. */
function weightsOf(checkpoint: TrainerCheckpoint): number[] {
  return [checkpoint.generator, checkpoint.discriminator].flatMap(
    (network) => network?.weights.flatMap((w) => Array.from(w.values)) ?? [],
  );
}

/** Every optimiser slot value and step count of a checkpoint. */
function optimizerStateOf(checkpoint: TrainerCheckpoint): number[] {
  return [checkpoint.generator, checkpoint.discriminator].flatMap((network) =>
    network === null
      ? []
      : [network.optimizer.steps, ...network.optimizer.slots.flatMap((s) => Array.from(s))],
  );
}

/**
 * Trains `config` 6 iterations, applies `change` live, trains 2 more; and builds a trainer with
 * `change` in its config, restores the first one's state at the change and trains 2 more. The
 * live change must be exactly a new trainer with those settings continuing the same run.
 */
async function liveAgainstRebuilt(config: TrainerConfig, change: Partial<LiveSettings>) {
  const live = createTrainer(config);
  live.step(6);
  await live.takeLosses();
  const before = await live.checkpoint();
  const changed = live.applySettings(change);
  const atChange = await live.checkpoint();
  live.step(2);
  const after = await live.checkpoint();

  const rebuilt = createTrainer({ ...config, ...change });
  rebuilt.restore(before);
  rebuilt.step(2);
  const expected = await rebuilt.checkpoint();

  const unchanged = createTrainer(config);
  unchanged.restore(before);
  unchanged.step(2);
  const old = await unchanged.checkpoint();
  for (const trainer of [live, rebuilt, unchanged]) trainer.dispose();
  return { changed, before, atChange, after, expected, old };
}

/** One live setting per row: the config it matters in, and a new value. */
const CHANGES: [string, Partial<TrainerConfig>, Partial<LiveSettings>][] = [
  ['noise σ', {}, { noiseSigma: 3 }],
  ['generator learning rate', {}, { generatorLearningRate: 0.05 }],
  ['discriminator learning rate', {}, { discriminatorLearningRate: 0.05 }],
  ['Adam β1 and β2', {}, { generatorBeta1: 0.9, discriminatorBeta2: 0.9 }],
  [
    'SGD and RMSprop momentum',
    { generatorOptimizer: 'sgd', discriminatorOptimizer: 'rmsprop' },
    { generatorMomentum: 0.1, discriminatorMomentum: 0.5 },
  ],
  ['batch size', {}, { batchSize: 40 }],
  ['discriminator steps k', {}, { discriminatorSteps: 3 }],
  ['label smoothing', {}, { labelSmoothing: 0.3 }],
  ['instance noise', {}, { instanceNoise: 0.5 }],
  ['gradient penalty', { objective: 'wasserstein' }, { gradientPenalty: 1 }],
  ['MMD weight', { objective: 'hybrid' }, { mmdWeight: 4 }],
];

describe('Trainer.applySettings', () => {
  for (const [name, overrides, change] of CHANGES) {
    it(`${name}: keeps the run and is used from the next update on`, async () => {
      const run = await liveAgainstRebuilt(smallConfig(overrides), change);
      expect(run.changed.sort()).toEqual(Object.keys(change).sort());
      // The change itself touches nothing of the state: iteration, weights, optimiser moments
      // and step counters, random streams.
      expect(stateOf(run.atChange)).toEqual(stateOf(run.before));
      expect(run.atChange.settings).toMatchObject(change);
      // The next updates use the new value: exactly as a trainer built with it...
      expect(weightsOf(run.after)).toEqual(weightsOf(run.expected));
      expect(optimizerStateOf(run.after)).toEqual(optimizerStateOf(run.expected));
      expect(run.after.iteration).toBe(8);
      // ...and not as the old settings would have gone on.
      expect(weightsOf(run.after)).not.toEqual(weightsOf(run.old));
    });
  }

  it('a live σ scales the noise: the fixed evaluation batch is redrawn at the new σ', async () => {
    const trainer = createTrainer(smallConfig({ noiseSigma: 1 }));
    const rebuilt = createTrainer(smallConfig({ noiseSigma: 2.5 }));
    rebuilt.restore(await trainer.checkpoint());
    await trainer.sampleGenerator(64);
    trainer.applySettings({ noiseSigma: 2.5 });
    expect(await trainer.sampleGenerator(64)).toEqual(await rebuilt.sampleGenerator(64));
    expect(trainer.config.noiseSigma).toBe(2.5);
    trainer.dispose();
    rebuilt.dispose();
  });

  it('k and the update counters: an iteration takes the new k discriminator updates', () => {
    const trainer = createTrainer(smallConfig({ discriminatorSteps: 1 }));
    trainer.step(3);
    expect(trainer.updates).toEqual({ discriminator: 3, generator: 3 });
    trainer.applySettings({ discriminatorSteps: 4 });
    trainer.step(2);
    expect(trainer.updates).toEqual({ discriminator: 11, generator: 5 });
    expect(trainer.iteration).toBe(5);
    trainer.dispose();
  });

  it('refuses bad values and settings that need a new trainer, changing nothing', async () => {
    const trainer = createTrainer(smallConfig({ packing: 4 }));
    trainer.step(2);
    const before = await trainer.checkpoint();
    expect(() => trainer.applySettings({ batchSize: 2 })).toThrow(/packing/);
    expect(() => trainer.applySettings({ noiseSigma: -1 })).toThrow(/noiseSigma/);
    expect(() => trainer.applySettings({ generatorBeta1: 1 })).toThrow(/generatorBeta1/);
    const notLive: Record<string, number> = { noiseDimension: 3 };
    expect(() => trainer.applySettings(notLive)).toThrow(/noiseDimension cannot change/);
    expect(trainer.config.batchSize).toBe(16);
    expect(trainer.config.noiseSigma).toBe(1);
    expect(await trainer.checkpoint()).toEqual(before);
    trainer.dispose();
  });

  it('an unchanged value is no change', () => {
    const trainer = createTrainer(smallConfig());
    expect(trainer.applySettings({ noiseSigma: 1, batchSize: 16 })).toEqual([]);
    trainer.dispose();
  });

  it('a checkpoint records the live settings it was taken with', async () => {
    const trainer = createTrainer(smallConfig());
    const settings = (await trainer.checkpoint()).settings;
    expect(Object.keys(settings ?? {}).sort()).toEqual([...LIVE_TRAINER_KEYS].sort());
    trainer.applySettings({ batchSize: 24, generatorLearningRate: 0.01 });
    expect((await trainer.checkpoint()).settings).toMatchObject({
      batchSize: 24,
      generatorLearningRate: 0.01,
    });
    trainer.dispose();
  });

  it('leaks no tensor over many live changes', () => {
    const trainer = createTrainer(smallConfig({ objective: 'hybrid' }));
    trainer.step(1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) {
      trainer.applySettings({
        noiseSigma: 1 + (i % 3),
        batchSize: 8 + (i % 5),
        discriminatorSteps: 1 + (i % 2),
        generatorLearningRate: 0.001 * (1 + (i % 4)),
        mmdWeight: i % 3,
      });
      trainer.step(1);
    }
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});

describe('Optimizer.setSettings', () => {
  it('changes the step size and decays, keeping the slots and the step count', () => {
    const weights = tf.variable(tf.tensor1d([1, -2, 3]));
    const optimizer = createOptimizer(
      { kind: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, momentum: 0 },
      [weights],
      'test',
    );
    const loss = () => tf.sum(tf.square(weights)) as tf.Scalar;
    tf.tidy(() => optimizer.minimize(loss));
    const slots = optimizer.slots.map((s) => Array.from(s.dataSync()));
    optimizer.setSettings({ learningRate: 0.5, beta1: 0.5, beta2: 0.9, momentum: 0 });
    expect(optimizer.steps).toBe(1);
    expect(optimizer.slots.map((s) => Array.from(s.dataSync()))).toEqual(slots);
    expect(optimizer.settings).toEqual({ learningRate: 0.5, beta1: 0.5, beta2: 0.9, momentum: 0 });
    expect(() =>
      optimizer.setSettings({ learningRate: 0, beta1: 0.5, beta2: 0.9, momentum: 0 }),
    ).toThrow(/learning rate/);
    expect(optimizer.settings.learningRate).toBe(0.5);
    optimizer.dispose();
    weights.dispose();
  });
});
