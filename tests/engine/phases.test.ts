import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, type Trainer, type TrainerConfig } from '../../src/engine';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Small networks with every stabiliser that draws random numbers switched on. */
const phaseConfig = (overrides: Partial<TrainerConfig> = {}): TrainerConfig =>
  trainerConfig({
    dataset: 'gaussian-2d',
    generatorLayers: [8],
    discriminatorLayers: [8],
    batchSize: 16,
    discriminatorSteps: 3,
    instanceNoise: 0.1,
    labelSmoothing: 0.1,
    packing: 2,
    ...overrides,
  });

/** Everything observable about a run: G's output on fixed noise and the full checkpoint. */
async function stateOf(trainer: Trainer) {
  return {
    iteration: trainer.iteration,
    updates: trainer.updates,
    generated: await trainer.sampleGenerator(32),
    checkpoint: await trainer.checkpoint(),
  };
}

describe('phase steps', () => {
  for (const objective of ['nonSaturating', 'wasserstein', 'hybrid'] as const) {
    it(`${objective}: step(1) is bit for bit k stepDiscriminator() + stepGenerator()`, async () => {
      const config = phaseConfig({ objective });
      const whole = createTrainer(config);
      const phased = createTrainer(config);
      for (let i = 0; i < 3; i++) {
        whole.step(1);
        for (let k = 0; k < config.discriminatorSteps; k++) phased.stepDiscriminator();
        phased.stepGenerator();
      }
      expect(phased.iteration).toBe(3);
      const a = await stateOf(whole);
      const b = await stateOf(phased);
      expect(b).toEqual(a);
      expect(await phased.takeLosses()).toEqual(await whole.takeLosses());
      whole.dispose();
      phased.dispose();
    });
  }

  it('counts the updates of each network; a generator update completes an iteration', () => {
    const trainer = createTrainer(phaseConfig());
    expect(trainer.updates).toEqual({ discriminator: 0, generator: 0 });
    trainer.stepDiscriminator();
    expect(trainer.updates).toEqual({ discriminator: 1, generator: 0 });
    expect(trainer.iteration).toBe(0);
    trainer.stepGenerator();
    expect(trainer.iteration).toBe(1);
    trainer.step(2);
    expect(trainer.updates).toEqual({ discriminator: 7, generator: 3 });
    expect(trainer.iteration).toBe(3);
    trainer.dispose();
  });

  it('takeLosses() averages each network over its own updates when phases are mixed', async () => {
    const config = phaseConfig({ discriminatorSteps: 2 });
    const reference = createTrainer(config);
    reference.step(1);
    const whole = await reference.takeLosses();
    expect(whole?.updates).toEqual({ discriminator: 2, generator: 1 });

    const trainer = createTrainer(config);
    expect(await trainer.takeLosses()).toBeNull();
    trainer.stepDiscriminator();
    const first = await trainer.takeLosses();
    expect(first?.iterations).toBe(0);
    expect(first?.updates).toEqual({ discriminator: 1, generator: 0 });
    expect(Number.isFinite(first?.discriminator)).toBe(true);
    // No generator update since the last take: NaN, not 0 (a loss of 0 would be a claim).
    expect(first?.generator).toBeNaN();

    trainer.stepDiscriminator();
    trainer.stepGenerator();
    const second = await trainer.takeLosses();
    expect(second?.iterations).toBe(1);
    expect(second?.updates).toEqual({ discriminator: 1, generator: 1 });
    // The two partial summaries hold the same updates as the whole iteration's.
    const meanD = ((first?.discriminator ?? 0) + (second?.discriminator ?? 0)) / 2;
    expect(meanD).toBeCloseTo(whole?.discriminator ?? Number.NaN, 5);
    expect(second?.generator).toBeCloseTo(whole?.generator ?? Number.NaN, 5);

    trainer.stepGenerator();
    const third = await trainer.takeLosses();
    expect(third?.discriminator).toBeNaN();
    expect(Number.isFinite(third?.generator)).toBe(true);
    expect(third?.iterations).toBe(1);
    expect(await trainer.takeLosses()).toBeNull();
    reference.dispose();
    trainer.dispose();
  });

  it('mmd: stepDiscriminator() throws a clear error; stepGenerator() is a whole iteration', async () => {
    const config = phaseConfig({ objective: 'mmd' });
    const trainer = createTrainer(config);
    expect(() => trainer.stepDiscriminator()).toThrow(/mmd objective trains no discriminator/);
    trainer.stepGenerator();
    expect(trainer.updates).toEqual({ discriminator: 0, generator: 1 });
    const losses = await trainer.takeLosses();
    expect(losses?.discriminator).toBeNull();
    expect(losses?.iterations).toBe(1);

    const whole = createTrainer(config);
    whole.step(1);
    expect(await trainer.sampleGenerator(16)).toEqual(await whole.sampleGenerator(16));
    trainer.dispose();
    whole.dispose();
  });

  it('leaks no tensors over many mixed phase steps and loss readbacks', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer(phaseConfig({ objective: 'wasserstein' }));
    trainer.stepDiscriminator();
    trainer.stepGenerator();
    await trainer.takeLosses();
    const afterOne = tf.memory().numTensors;
    for (let i = 0; i < 60; i++) {
      trainer.stepDiscriminator();
      if (i % 3 === 0) trainer.stepGenerator();
      if (i % 7 === 0) trainer.step(1);
      if (i % 10 === 0) await trainer.takeLosses();
    }
    await trainer.takeLosses();
    expect(tf.memory().numTensors).toBe(afterOne);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => trainer.stepDiscriminator()).toThrow(/disposed/);
    expect(() => trainer.stepGenerator()).toThrow(/disposed/);
  });
});
