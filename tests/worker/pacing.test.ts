import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, type Trainer, type TrainerConfig } from '../../src/engine';
import {
  ANNOUNCE_MS,
  calibrate,
  MAX_PHASE_MS,
  modelCost,
  Pacing,
  SPLIT_MS,
} from '../../src/worker/pacing';
import { type Announcement, TurnRunner } from '../../src/worker/turns';
import { BASE_CONFIG, trainerConfig } from '../engine/configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The schema's largest legal model: 8×512 layers in both networks, batch 2048, z = 16, k = 10. */
const LARGEST: TrainerConfig = {
  ...BASE_CONFIG,
  dataset: 'ring-8',
  generatorLayers: Array(8).fill(512),
  discriminatorLayers: Array(8).fill(512),
  batchSize: 2048,
  noiseDimension: 16,
  discriminatorSteps: 10,
};

/** A fake clock that advances only when told. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('modelCost', () => {
  it('counts the multiply-adds of each phase from the layer sizes', () => {
    const cost = modelCost(
      {
        ...BASE_CONFIG,
        generatorLayers: [4],
        discriminatorLayers: [3],
        noiseDimension: 2,
        batchSize: 10,
      },
      1,
    );
    // G: 2·4 + 4·1 = 12 per sample; D: 1·3 + 3·1 = 6.
    expect(cost.discriminator).toBe(10 * (12 + 6 * 6));
    expect(cost.generator).toBe(10 * (3 * 12 + 3 * 6));
  });

  it('has no discriminator phase for the MMD objective', () => {
    expect(modelCost({ ...BASE_CONFIG, objective: 'mmd' }, 1).discriminator).toBe(0);
  });
});

describe('Pacing', () => {
  it('estimates from the throughput until a block is measured, then uses the measurement', () => {
    const cost = { discriminator: 3e6, generator: 1e6, snapshot: 1e5 };
    const pacing = new Pacing(cost, 1e4, 2, 'CPU');
    expect(pacing.isMeasured('discriminator')).toBe(false);
    expect(pacing.expectedMs('discriminator')).toBeCloseTo(pacing.estimatedMs('discriminator'));
    pacing.observe('discriminator', 40);
    expect(pacing.expectedMs('discriminator')).toBe(40);
    pacing.observe('discriminator', 140);
    expect(pacing.expectedMs('discriminator')).toBeCloseTo(70);
    expect(pacing.iterationMs()).toBeCloseTo(2 * 70 + pacing.estimatedMs('generator'));
  });

  it('splits an iteration longer than SPLIT_MS, not a short one, nor one without phases', () => {
    const cost = { discriminator: 1, generator: 1, snapshot: 1 };
    const pacing = new Pacing(cost, 1, 1, 'WASM');
    pacing.observe('discriminator', SPLIT_MS / 4);
    pacing.observe('generator', SPLIT_MS / 4);
    expect(pacing.splits()).toBe(false);
    pacing.observeIterations(1, SPLIT_MS * 2);
    pacing.observeIterations(1, SPLIT_MS * 2);
    pacing.observeIterations(1, SPLIT_MS * 2);
    expect(pacing.splits()).toBe(true);
    const mmd = new Pacing(cost, 1, 0, 'WASM');
    mmd.observe('generator', SPLIT_MS * 10);
    expect(mmd.splits()).toBe(false);
  });

  it('refuses the largest legal model on a CPU-like throughput, with the seconds per iteration', () => {
    // 300 k multiply-adds per ms: the CPU backend's speed in Node on this machine.
    const pacing = new Pacing(modelCost(LARGEST, 2), 300_000, 10, 'CPU');
    const refusal = pacing.refusal();
    expect(refusal).toMatch(/one iteration takes ~[\d,]+ s on CPU \(estimated/);
    expect(refusal).toMatch(/Reduce the batch or the layers/);
  });

  it('trains the largest legal model on a WASM-like throughput (every phase under the limit)', () => {
    const pacing = new Pacing(modelCost(LARGEST, 2), 10_000_000, 10, 'WASM');
    expect(pacing.refusal()).toBeNull();
    expect(pacing.splits()).toBe(true);
    expect(pacing.expectedMs('discriminator')).toBeGreaterThan(ANNOUNCE_MS);
  });

  it('refuses on a measured phase over the limit, and says it was measured', () => {
    const pacing = new Pacing({ discriminator: 1, generator: 1, snapshot: 1 }, 1e9, 1, 'WASM');
    expect(pacing.refusal()).toBeNull();
    pacing.observe('discriminator', MAX_PHASE_MS + 1);
    pacing.observe('generator', 1000);
    expect(pacing.refusal()).toMatch(/one iteration takes ~61 s on WASM \(measured\)/);
  });

  it('calibrates the throughput from a timed run on a fake clock', async () => {
    const clock = fakeClock();
    const throughput = await calibrate(
      async () => {
        clock.advance(5);
      },
      1e6,
      clock.now,
      4,
    );
    expect(throughput).toBe(2e5);
  });
});

/** Small networks, k = 3, with every stabiliser that draws random numbers switched on. */
const SMALL = trainerConfig({
  dataset: 'gaussian-2d',
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 16,
  discriminatorSteps: 3,
  instanceNoise: 0.1,
  labelSmoothing: 0.1,
});

async function stateOf(trainer: Trainer) {
  return {
    iteration: trainer.iteration,
    updates: trainer.updates,
    generated: await trainer.sampleGenerator(32),
    checkpoint: await trainer.checkpoint(),
    losses: await trainer.takeLosses(),
  };
}

describe('TurnRunner', () => {
  it('a split run (one phase per turn) equals the whole run bit for bit, and announces each phase', async () => {
    const whole = createTrainer(SMALL);
    const split = createTrainer(SMALL);
    const clock = fakeClock();
    const announced: Announcement[] = [];
    const hooks = { announce: (a: Announcement) => announced.push(a), now: clock.now };
    const wholeRunner = new TurnRunner();
    const splitRunner = new TurnRunner();
    // Slow enough to split: every phase measured at 1 s.
    const slow = splitRunner.pacingOf(split, 1, 'CPU');
    slow.observe('discriminator', 1000);
    slow.observe('generator', 1000);
    const fast = wholeRunner.pacingOf(whole, 1e12, 'CPU');
    const kinds: string[] = [];
    for (let i = 0; i < 2; i++) {
      expect(wholeRunner.turn(whole, fast, 1, hooks)).toEqual({
        completed: 1,
        readLosses: true,
        split: false,
      });
      wholeRunner.finish(fast, clock.now());
    }
    let completed = 0;
    for (let turn = 0; turn < 2 * 4; turn++) {
      const result = splitRunner.turn(split, slow, 1, hooks);
      kinds.push(result.readLosses ? 'G' : 'D');
      completed += result.completed;
      clock.advance(1000);
      splitRunner.finish(slow, clock.now());
    }
    expect(kinds.join('')).toBe('DDDGDDDG');
    expect(completed).toBe(2);
    expect(await stateOf(split)).toEqual(await stateOf(whole));
    // Each phase was announced, with the iteration's progress so far.
    expect(announced.map((a) => a.phase)).toEqual([
      ...['discriminator', 'discriminator', 'discriminator', 'generator'],
      ...['discriminator', 'discriminator', 'discriminator', 'generator'],
    ]);
    expect(announced[2]?.progress).toEqual({ elapsedMs: 2000, expectedMs: 4000 });
    expect(announced[4]?.iteration).toBe(1);
    whole.dispose();
    split.dispose();
  });

  it('runs short iterations whole, unannounced', () => {
    const trainer = createTrainer(SMALL);
    const runner = new TurnRunner();
    const pacing = runner.pacingOf(trainer, 1e12, 'CPU');
    const announced: Announcement[] = [];
    const result = runner.turn(trainer, pacing, 5, {
      announce: (a) => announced.push(a),
      now: () => 0,
    });
    expect(result).toEqual({ completed: 5, readLosses: true, split: false });
    expect(trainer.iteration).toBe(5);
    expect(announced).toEqual([]);
    trainer.dispose();
  });
});
