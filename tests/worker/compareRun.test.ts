import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import type { TrainerCheckpoint } from '../../src/engine';
import { CompareRun, compareSuffix, recoveredRuns } from '../../src/worker/compareRun';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small run B on the 1-D Gaussian (fast on the CPU backend). */
const CONFIG: PlaygroundConfig = {
  ...defaultConfig(),
  dataset: 'gaussian-1d',
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 32,
  noiseSigma: 2,
  backend: 'cpu',
};

const REAL = new Float32Array(64).map((_, i) => i / 32);

/** Every weight of a checkpoint, flattened, to compare two runs exactly. */
function weights(checkpoint: TrainerCheckpoint | null): number[] {
  if (checkpoint === null) throw new Error('no checkpoint');
  const networks = [checkpoint.generator, checkpoint.discriminator];
  return networks.flatMap((n) => n?.weights.flatMap((w) => Array.from(w.values)) ?? []);
}

describe('CompareRun checkpoint and restore', () => {
  it('continues from its checkpoint exactly where it was, at run A’s iteration', async () => {
    const original = new CompareRun(CONFIG);
    original.build(null);
    original.step(20);
    await original.takeLosses();
    const saved = await original.checkpoint();
    expect(saved?.iteration).toBe(20);

    const restored = new CompareRun(CONFIG);
    expect(restored.restore(saved, 20, null)).toEqual({ kind: 'restored', note: null });
    expect(restored.iteration).toBe(20);
    const part = await restored.part(REAL, true, false);
    expect(part.iteration).toBe(20);
    expect(part.error).toBeNull();
    // The same next steps as the run it was saved from: weights, optimiser and random streams.
    original.step(5);
    restored.step(5);
    const a = await original.checkpoint();
    const b = await restored.checkpoint();
    expect(b?.iteration).toBe(25);
    expect(weights(b)).toEqual(weights(a));
    original.dispose();
    restored.dispose();
  });

  it('starts over and says why when there is nothing to restore or it does not fit', async () => {
    const source = new CompareRun(CONFIG);
    source.build(null);
    source.step(10);
    const saved = await source.checkpoint();
    source.dispose();

    const unsaved = new CompareRun(CONFIG);
    const notSaved = unsaved.restore(undefined, 10, null);
    expect(notSaved).toEqual({ kind: 'restarted', reason: 'it was not saved with run A' });
    expect(unsaved.iteration).toBe(0);
    expect(compareSuffix(notSaved)).toBe(
      '; run B started over from iteration 0 (it was not saved with run A)',
    );
    expect(recoveredRuns(notSaved)).toBe('run A');
    unsaved.dispose();

    const late = new CompareRun(CONFIG);
    expect(late.restore(saved, 30, null)).toEqual({
      kind: 'restarted',
      reason: 'its checkpoint is of iteration 10, not 30',
    });
    late.dispose();

    const wider = new CompareRun({ ...CONFIG, generatorLayers: [12] });
    const misfit = wider.restore(saved, 10, null);
    expect(misfit.kind).toBe('restarted');
    expect(misfit.kind === 'restarted' && misfit.reason.length).toBeGreaterThan(10);
    expect(wider.iteration).toBe(0);
    wider.dispose();
  });

  it('a run B that had stopped stays stopped, with a checkpoint of null and a reason', async () => {
    const stopped = new CompareRun(CONFIG);
    const outcome = stopped.restore(null, 40, null);
    expect(outcome.kind).toBe('stopped');
    expect(compareSuffix(outcome)).toContain(
      'run B stays stopped (it had stopped before iteration 40',
    );
    expect(stopped.iteration).toBeNull();
    expect(await stopped.checkpoint()).toBeNull();
    const part = await stopped.part(REAL, true, true);
    expect(part.error).toContain('Run B stopped');
    expect(part.generated.length).toBe(0);
  });

  it('names both runs when run B came back in step', () => {
    expect(recoveredRuns({ kind: 'restored', note: null })).toBe('run A and run B');
    expect(compareSuffix({ kind: 'restored', note: null })).toBe('');
    expect(compareSuffix({ kind: 'restored', note: 'Adam starts fresh' })).toBe(
      ' (run B: Adam starts fresh)',
    );
  });
});
