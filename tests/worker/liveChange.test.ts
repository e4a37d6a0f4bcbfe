import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIVE_KEYS, MEASUREMENT_KEYS } from '../../src/config/live';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import { createTrainer, LIVE_TRAINER_KEYS, type TrainerCheckpoint } from '../../src/engine';
import { CompareRun } from '../../src/worker/compareRun';
import {
  changesCost,
  MAX_REMEASURED_FRAMES,
  planChange,
  remeasureMmd,
  spreadFrames,
  updateFrameMetrics,
} from '../../src/worker/liveChange';
import { DISPLAY_POINTS, measureRun } from '../../src/worker/runViews';
import type { TimelineFrame } from '../../src/worker/timeline';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small run on the 1-D Gaussian (fast on the CPU backend). */
const CONFIG: PlaygroundConfig = {
  ...defaultConfig(),
  dataset: 'gaussian-1d',
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 32,
  backend: 'cpu',
};

/** Every weight and optimiser value of a checkpoint, flattened. */
function stateOf(checkpoint: TrainerCheckpoint | null): number[] {
  if (checkpoint === null) throw new Error('no checkpoint');
  return [checkpoint.generator, checkpoint.discriminator].flatMap((n) =>
    n === null
      ? []
      : [
          ...n.weights.flatMap((w) => Array.from(w.values)),
          n.optimizer.steps,
          ...n.optimizer.slots.flatMap((s) => Array.from(s)),
        ],
  );
}

describe('planChange', () => {
  it('the engine takes every live setting but the measurement ones', () => {
    const training = [...LIVE_KEYS].filter((key) => !MEASUREMENT_KEYS.has(key));
    expect(training.sort()).toEqual([...LIVE_TRAINER_KEYS].sort());
  });

  it('keeps the run for live settings only, and says what they touch', () => {
    expect(planChange(CONFIG, { ...CONFIG })).toEqual({ kind: 'none' });
    expect(planChange(CONFIG, { ...CONFIG, noiseSigma: 3 })).toEqual({
      kind: 'live',
      keys: ['noiseSigma'],
      training: true,
      bandwidth: false,
    });
    expect(planChange(CONFIG, { ...CONFIG, kernelBandwidth: 2 })).toEqual({
      kind: 'live',
      keys: ['kernelBandwidth'],
      training: false,
      bandwidth: true,
    });
    expect(planChange(CONFIG, { ...CONFIG, noiseSigma: 3, generatorLayers: [4, 4] })).toEqual({
      kind: 'rebuild',
      keys: ['generatorLayers', 'noiseSigma'],
    });
    expect(planChange(CONFIG, { ...CONFIG, seed: 9 }).kind).toBe('rebuild');
    expect(changesCost(['noiseSigma', 'generatorLearningRate'])).toBe(false);
    expect(changesCost(['batchSize'])).toBe(true);
    expect(changesCost(['discriminatorSteps'])).toBe(true);
  });
});

describe('remeasureMmd', () => {
  it('gives the MMD² the live metrics give, at the new bandwidth, per kept frame', async () => {
    const trainer = createTrainer(CONFIG);
    const real = trainer.sampleReal(DISPLAY_POINTS);
    const frames: TimelineFrame[] = [];
    for (const iteration of [0, 25, 50]) {
      trainer.step(iteration - trainer.iteration);
      const generated = await trainer.sampleGenerator(DISPLAY_POINTS);
      const metrics = await measureRun(trainer, real, generated, CONFIG.kernelBandwidth);
      frames.push({ iteration, generated, fields: null, metrics, checkpoint: null });
    }
    // A frame without run B's samples is skipped for run B.
    frames[1] = { ...(frames[1] as TimelineFrame), compareGenerated: new Float32Array(0) };
    const history = await remeasureMmd(frames, (f) => f.generated, real, 1, 2.5);
    if (history === null) throw new Error('not abandoned');
    expect(history.kernelBandwidth).toBe(2.5);
    expect(history.iterations).toEqual([0, 25, 50]);
    const live = await measureRun(trainer, real, frames[2]?.generated as Float32Array, 2.5);
    expect(history.values[2]).toBe(live.mmdSquared);
    expect(history.values[0]).not.toBe(frames[0]?.metrics?.mmdSquared);

    updateFrameMetrics(frames, history);
    expect(frames.map((f) => f.metrics?.mmdSquared)).toEqual(history.values);
    expect(frames.every((f) => f.metrics?.kernelBandwidth === 2.5)).toBe(true);
    const ofB = await remeasureMmd(frames, (f) => f.compareGenerated, real, 1, 2.5);
    expect(ofB?.iterations).toEqual([]);
    // A newer change abandons it after the frame it is measuring.
    let calls = 0;
    const abandoned = remeasureMmd(
      frames,
      (f) => f.generated,
      real,
      1,
      3,
      async () => {
        calls += 1;
        return false;
      },
    );
    expect(await abandoned).toBeNull();
    expect(calls).toBe(1);
    trainer.dispose();
  });

  it('re-measures at most MAX_REMEASURED_FRAMES frames, spread over the whole run', () => {
    const frames = Array.from({ length: 120 }, (_, i) => i * 25);
    const spread = spreadFrames(frames, MAX_REMEASURED_FRAMES);
    expect(spread).toHaveLength(MAX_REMEASURED_FRAMES);
    expect(spread[0]).toBe(0);
    expect(spread.at(-1)).toBe(119 * 25);
    expect([...spread].sort((a, b) => a - b)).toEqual(spread);
    expect(spreadFrames([1, 2, 3], MAX_REMEASURED_FRAMES)).toEqual([1, 2, 3]);
  });
});

describe('CompareRun.takeSettings', () => {
  it('run B takes a live σ and learning rate without starting over', async () => {
    const live = new CompareRun(CONFIG);
    live.build(null);
    live.step(10);
    await live.takeLosses();
    const before = await live.checkpoint();
    const next = { ...CONFIG, noiseSigma: 2, generatorLearningRate: 0.01 };
    expect(live.takeSettings(next).kind).toBe('live');
    expect(live.config).toBe(next);
    expect(live.iteration).toBe(10);
    expect(stateOf(await live.checkpoint())).toEqual(stateOf(before));
    live.step(3);

    // The same as run B built with the new settings and restored at the change.
    const rebuilt = new CompareRun(next);
    expect(rebuilt.restore(before, 10, null).kind).toBe('restored');
    rebuilt.step(3);
    expect(stateOf(await live.checkpoint())).toEqual(stateOf(await rebuilt.checkpoint()));
    live.dispose();
    rebuilt.dispose();
  });

  it('a change that needs a new run B changes nothing and says so', async () => {
    const run = new CompareRun(CONFIG);
    run.build(null);
    run.step(2);
    expect(run.takeSettings({ ...CONFIG, discriminatorLayers: [4] })).toEqual({
      kind: 'rebuild',
      keys: ['discriminatorLayers'],
    });
    expect(run.config).toBe(CONFIG);
    // A value the trainer refuses also leaves it as it was.
    expect(run.takeSettings({ ...CONFIG, noiseSigma: -1 })).toEqual({
      kind: 'rebuild',
      keys: ['noiseSigma'],
    });
    expect(run.config).toBe(CONFIG);
    expect(run.iteration).toBe(2);
    run.dispose();
  });

  it('a new bandwidth re-measures run B’s frames and sends them with its next part', async () => {
    const run = new CompareRun(CONFIG);
    run.build(null);
    const real = new Float32Array(64).map((_, i) => i / 32);
    const first = await run.part(real, true, false);
    expect(first.mmdHistory).toBeNull();
    const frame: TimelineFrame = {
      iteration: 0,
      generated: new Float32Array(0),
      compareGenerated: first.generated.slice(),
      fields: null,
      metrics: null,
      checkpoint: null,
    };
    expect(run.takeSettings({ ...CONFIG, kernelBandwidth: 3 }).kind).toBe('live');
    await run.remeasure([frame], real, 1);
    const part = await run.part(real, false, false);
    expect(part.metrics?.kernelBandwidth).toBe(3);
    expect(part.mmdHistory).toEqual({
      kernelBandwidth: 3,
      iterations: [0],
      values: [part.metrics?.mmdSquared],
    });
    expect((await run.part(real, false, false)).mmdHistory).toBeNull();
    run.dispose();
  });
});
