import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import { createTrainer } from '../../src/engine';
import { compareOverridesOf } from '../../src/ui/keptRuns';
import { checkedSavedRun, EARLIEST_SAVED_AT } from '../../src/ui/storedRun';
import { timeAgo } from '../../src/ui/timeAgo';
import type { SavedRun } from '../../src/worker/protocol';

const NOW = Date.UTC(2025, 5, 1);
const config: PlaygroundConfig = {
  ...defaultConfig(),
  dataset: 'gaussian-2d',
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 16,
};
let checkpoint: SavedRun['checkpoint'];

beforeAll(async () => {
  await tf.setBackend('cpu');
  // A real checkpoint, as the worker saves it.
  const trainer = createTrainer({ ...config, points: null });
  trainer.step(3);
  checkpoint = await trainer.checkpoint();
  trainer.dispose();
});

function run(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    config,
    points: null,
    checkpoint,
    savedAt: NOW - 60_000,
    backend: 'wasm',
    ...overrides,
  };
}

function problem(value: unknown): string {
  const checked = checkedSavedRun(value, NOW);
  return checked.ok ? 'accepted' : checked.problem;
}

describe('checkedSavedRun', () => {
  it('accepts a run as the worker saves it, with or without run B', () => {
    const checked = checkedSavedRun(run(), NOW);
    expect(checked.ok && checked.value.checkpoint.iteration).toBe(3);
    const withB = checkedSavedRun(
      run({ compare: { config: { ...config, noiseSigma: 2 }, checkpoint } }),
      NOW,
    );
    expect(withB.ok && withB.value.compare?.config.noiseSigma).toBe(2);
    const stoppedB = checkedSavedRun(run({ compare: { config, checkpoint: null } }), NOW);
    expect(stoppedB.ok && stoppedB.value.compare?.checkpoint).toBeNull();
  });

  it("repairs run A's and run B's settings as a link's", () => {
    const bad = { ...config, batchSize: 1e9, generatorLearningRate: Number.NaN };
    const checked = checkedSavedRun(
      run({ config: bad, compare: { config: bad, checkpoint } }),
      NOW,
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    for (const repaired of [checked.value.config, checked.value.compare?.config]) {
      expect(repaired?.batchSize).toBeLessThanOrEqual(4096);
      expect(Number.isFinite(repaired?.generatorLearningRate)).toBe(true);
    }
  });

  it.each([
    ['a time 1e300 ms after 1970', { savedAt: 1e300 }, 'impossible'],
    ['a time an hour ahead', { savedAt: NOW + 3_600_000 }, 'impossible'],
    ['a time before 2024', { savedAt: EARLIEST_SAVED_AT - 1 }, 'impossible'],
    ['a time that is NaN', { savedAt: Number.NaN }, 'impossible'],
    ['a time that is text', { savedAt: 'now' }, 'impossible'],
    ['an unknown backend', { backend: 'gpu-9000' }, 'backend'],
    ['settings that are a number', { config: 42 }, 'settings'],
    [
      'points with a NaN',
      { points: { dimension: 2, values: new Float32Array([1, Number.NaN]) } },
      'points',
    ],
    [
      'points of an odd length',
      { points: { dimension: 2, values: new Float32Array(3) } },
      'points',
    ],
    ['points in an array', { points: { dimension: 2, values: [1, 2] } }, 'points'],
    ['no checkpoint', { checkpoint: null }, 'missing'],
  ])('refuses %s', (_, overrides, words) => {
    expect(problem(run(overrides))).toContain(words);
  });

  it.each([
    ['a negative iteration', { iteration: -1 }, 'iteration'],
    ['no update counts', { updates: null }, 'update counts'],
    ['a dimension of 3', { dimension: 3 }, 'dimension'],
    ['packing 0', { packing: 0 }, 'packing'],
    ['random streams as arrays', { random: { data: [1, 2] } }, 'random'],
  ])('refuses a checkpoint with %s', (_, change, words) => {
    expect(problem(run({ checkpoint: { ...checkpoint, ...change } }))).toContain(words);
  });

  it('refuses weights shorter than their shape, and a generator without weights', () => {
    const [first, ...rest] = checkpoint.generator.weights;
    if (first === undefined) throw new Error('no weights');
    const short = { ...first, values: first.values.slice(1) };
    const generator = { ...checkpoint.generator, weights: [short, ...rest] };
    expect(problem(run({ checkpoint: { ...checkpoint, generator } }))).toContain('generator');
    const empty = { ...checkpoint.generator, weights: [] };
    expect(problem(run({ checkpoint: { ...checkpoint, generator: empty } }))).toContain(
      'generator',
    );
  });

  it("refuses run B's damaged checkpoint, unreadable settings, or another iteration", () => {
    const damaged = { ...checkpoint, discriminator: { inputSize: 2 } };
    expect(problem(run({ compare: { config, checkpoint: damaged } }))).toContain("run B's");
    expect(problem(run({ compare: { config: 'x', checkpoint } }))).toContain("run B's settings");
    const later = { ...checkpoint, iteration: 7 };
    expect(problem(run({ compare: { config, checkpoint: later } }))).toContain('iteration 7');
  });
});

describe('timeAgo', () => {
  it.each([
    [NOW - 5_000, 'just now'],
    [NOW - 60_000, '1 minute ago'],
    [NOW - 7_200_000, '2 hours ago'],
    [NOW - 3 * 86_400_000, '3 days ago'],
    [NOW - 400 * 86_400_000, '1 year ago'],
    [NOW + 30_000, 'just now'],
  ])('%d → %s', (then, words) => {
    expect(timeAgo(then, NOW)).toBe(words);
  });

  it.each([
    ['1e300', 1e300],
    ['-1e300', -1e300],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['1970', 0],
    ['an hour ahead', NOW + 3_600_000],
  ])('says a time of %s is unknown, not "1.1574e+292 days ago"', (_, then) => {
    expect(timeAgo(then, NOW)).toBe('at an unknown time');
  });
});

describe('compareOverridesOf', () => {
  it("gives run B's own changes, never the shared settings", () => {
    const kept = { config, checkpoint, points: null, savedAt: NOW, backend: 'wasm' as const };
    expect(compareOverridesOf(kept)).toBeNull();
    const b = { ...config, noiseSigma: 2, seed: 99 };
    expect(compareOverridesOf({ ...kept, compare: { config: b, checkpoint } })).toEqual({
      noiseSigma: 2,
    });
  });
});
