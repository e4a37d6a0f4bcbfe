import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema';
import { lowerLearningRates } from '../../src/ui/divergence';
import { checkedRun, STORED_RUN_VERSION, timeAgo } from '../../src/ui/persist';
import type { SavedRun } from '../../src/worker/protocol';

function savedRun(overrides: Partial<SavedRun> = {}): SavedRun {
  return {
    config: defaultConfig(),
    points: null,
    checkpoint: {
      format: 'gan-playground-checkpoint/1',
      iteration: 120,
    } as unknown as SavedRun['checkpoint'],
    savedAt: 1_700_000_000_000,
    backend: 'wasm',
    ...overrides,
  };
}

describe('lowerLearningRates', () => {
  it('divides both rates by 10, never below the schema minimum', () => {
    const config = {
      ...defaultConfig(),
      generatorLearningRate: 1,
      discriminatorLearningRate: 3e-5,
    };
    const lowered = lowerLearningRates(config);
    expect(lowered.generatorLearningRate).toBe(0.1);
    expect(lowered.discriminatorLearningRate).toBe(1e-5);
    expect({ ...lowered, generatorLearningRate: 1, discriminatorLearningRate: 3e-5 }).toEqual(
      config,
    );
  });

  it('gives round numbers (no 0.020000000000000004)', () => {
    const lowered = lowerLearningRates({ ...defaultConfig(), generatorLearningRate: 0.2 });
    expect(lowered.generatorLearningRate).toBe(0.02);
  });
});

describe('timeAgo', () => {
  const now = 1_000_000_000;
  it.each([
    [now - 5_000, 'just now'],
    [now - 60_000, '1 minute ago'],
    [now - 7_200_000, '2 hours ago'],
    [now - 3 * 86_400_000, '3 days ago'],
    [now + 60_000, 'just now'],
  ])('%d → %s', (then, words) => {
    expect(timeAgo(then, now)).toBe(words);
  });
});

describe('checkedRun (what IndexedDB gave back)', () => {
  it('accepts a stored run of this version', () => {
    const run = savedRun();
    expect(checkedRun({ version: STORED_RUN_VERSION, run })).toEqual(run);
  });

  it('repairs the settings as a link is repaired', () => {
    const config = { ...defaultConfig(), batchSize: 1e9, generatorLearningRate: Number.NaN };
    const checked = checkedRun({ version: STORED_RUN_VERSION, run: savedRun({ config }) });
    expect(checked?.config.batchSize).toBeLessThanOrEqual(4096);
    expect(Number.isFinite(checked?.config.generatorLearningRate)).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'last-run'],
    ['another version', { version: STORED_RUN_VERSION + 1, run: savedRun() }],
    ['no run', { version: STORED_RUN_VERSION }],
    ['no checkpoint', { version: STORED_RUN_VERSION, run: { ...savedRun(), checkpoint: null } }],
    [
      'a negative iteration',
      {
        version: STORED_RUN_VERSION,
        run: savedRun({
          checkpoint: { format: 'x', iteration: -1 } as unknown as SavedRun['checkpoint'],
        }),
      },
    ],
    [
      'a time that is not a number',
      { version: STORED_RUN_VERSION, run: { ...savedRun(), savedAt: 'now' } },
    ],
    [
      'points that are not a Float32Array',
      {
        version: STORED_RUN_VERSION,
        run: { ...savedRun(), points: { dimension: 2, values: [1, 2] } },
      },
    ],
    [
      'points of dimension 3',
      {
        version: STORED_RUN_VERSION,
        run: { ...savedRun(), points: { dimension: 3, values: new Float32Array(3) } },
      },
    ],
    [
      'a config that is not one',
      { version: STORED_RUN_VERSION, run: { ...savedRun(), config: 42 } },
    ],
  ])('refuses %s', (_, stored) => {
    expect(checkedRun(stored)).toBeNull();
  });
});
