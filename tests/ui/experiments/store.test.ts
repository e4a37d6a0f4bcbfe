import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetById, presetConfig } from '../../../src/config/presets';
import { defaultConfig, type PlaygroundConfig } from '../../../src/config/schema';
import { encodeLink } from '../../../src/config/url';
import { defaultView, type ViewState } from '../../../src/config/view';
import { createTrainer } from '../../../src/engine';
import {
  checkedName,
  claimOf,
  defaultName,
  deleteExperiment,
  EXPERIMENT_VERSION,
  type ExperimentDraft,
  listExperiments,
  MAX_EXPERIMENTS,
  openExperiment,
  renameExperiment,
  runOfExperiment,
  saveExperiment,
  undoDelete,
} from '../../../src/ui/experiments/store';
import type { RunStore } from '../../../src/ui/keptRuns';
import type { SavedRun, SnapshotMetrics } from '../../../src/worker/protocol';

const config: PlaygroundConfig = {
  ...defaultConfig(),
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 16,
};
const view: ViewState = defaultView();
let checkpoint: SavedRun['checkpoint'];

beforeAll(async () => {
  await tf.setBackend('cpu');
  const trainer = createTrainer({ ...config, points: null });
  trainer.step(3);
  checkpoint = await trainer.checkpoint();
  trainer.dispose();
});

/** IndexedDB's part, in memory; `refuse` makes a write fail as a full storage does. */
function memoryStore(
  refuse: (entries: [string, unknown][]) => boolean = () => false,
): RunStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    keys: async () => [...map.keys()],
    get: async (key) => map.get(key),
    setMany: async (entries) => {
      if (refuse(entries))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      for (const [key, value] of entries) map.set(key, value);
    },
    delMany: async (keys) => {
      for (const key of keys) map.delete(key);
    },
  };
}

function savedRun(iteration: number, changes: Partial<PlaygroundConfig> = {}): SavedRun {
  return {
    config: { ...config, ...changes },
    points: null,
    checkpoint: { ...checkpoint, iteration },
    savedAt: Date.now() - 1000,
    backend: 'cpu',
  };
}

function draft(name: string, changes: Partial<ExperimentDraft> = {}): ExperimentDraft {
  return {
    name,
    link: encodeLink(config, view),
    thumbnail: null,
    iteration: 3,
    claim: null,
    ...changes,
  };
}

describe('saving and listing experiments', () => {
  it('keeps each under its name, newest first, with its run when given', async () => {
    const store = memoryStore();
    const first = await saveExperiment(store, draft('  Ring,   first '), null, Date.now() - 5000);
    const second = await saveExperiment(store, draft('With run'), savedRun(3));
    expect(first.experiment.name).toBe('Ring, first');
    expect(first.experiment.runIteration).toBeNull();
    expect(second.experiment.runIteration).toBe(3);
    const { experiments, unreadable } = await listExperiments(store);
    expect(experiments.map((e) => e.name)).toEqual(['With run', 'Ring, first']);
    expect(unreadable).toBe(0);
    // The list reads descriptions only; the run is a separate entry.
    expect([...store.map.keys()].filter((key) => key.startsWith('run:'))).toHaveLength(1);
  });

  it('refuses an empty or overlong name, and a save beyond the cap, saying why', async () => {
    const store = memoryStore();
    await expect(saveExperiment(store, draft('   '), null)).rejects.toThrow('cannot be empty');
    expect(checkedName('x'.repeat(81))).toEqual({
      ok: false,
      why: 'A name has at most 80 characters.',
    });
    for (let i = 0; i < MAX_EXPERIMENTS; i++) await saveExperiment(store, draft(`n${i}`), null);
    await expect(saveExperiment(store, draft('one more'), null)).rejects.toThrow(
      `At most ${MAX_EXPERIMENTS} experiments are kept in this browser: delete one to save another.`,
    );
    expect((await listExperiments(store)).experiments).toHaveLength(MAX_EXPERIMENTS);
  });

  it('keeps the settings alone when there is no room for the run, and says when nothing fits', async () => {
    const noRoomForRuns = memoryStore((entries) => entries.some(([key]) => key.startsWith('run:')));
    const outcome = await saveExperiment(noRoomForRuns, draft('Big'), savedRun(3));
    expect(outcome.experiment.runIteration).toBeNull();
    expect(outcome.note).toMatch(/^Saved without its run \(this browser's storage .* is full/);
    expect((await listExperiments(noRoomForRuns)).experiments[0]?.runIteration).toBeNull();
    const full = memoryStore(() => true);
    await expect(saveExperiment(full, draft('Any'), null)).rejects.toThrow(
      "It could not be saved: this browser's storage for the playground is full",
    );
  });

  it('leaves out what it cannot read (old, damaged or hostile entries) without throwing', async () => {
    const store = memoryStore();
    const good = (await saveExperiment(store, draft('Good'), null)).experiment;
    const stored = (changes: Record<string, unknown>, id = good.id) => ({
      version: EXPERIMENT_VERSION,
      experiment: { ...good, id, ...changes },
    });
    const hostile: Record<string, unknown> = {
      'meta:a': 'not an object',
      'meta:b': { version: 2, experiment: good },
      'meta:c': stored({ thumbnail: 'javascript:alert(1)' }, 'c'),
      'meta:d': stored({ link: 'data=ring-8 onload=x' }, 'd'),
      'meta:e': stored({ name: '' }, 'e'),
      'meta:f': stored({}, 'not-f'),
      'meta:g': stored({ iteration: 1.5 }, 'g'),
      'meta:h': stored({ savedAt: 1e300 }, 'h'),
      'meta:i': stored({ claim: { presetId: 'nope', title: '', text: '', status: 'holds' } }, 'i'),
      'meta:j': stored({ extra: true }, 'j'),
      'meta:k': null,
    };
    for (const [key, value] of Object.entries(hostile)) store.map.set(key, value);
    const { experiments, unreadable } = await listExperiments(store);
    expect(experiments.map((e) => e.id)).toEqual([good.id]);
    expect(unreadable).toBe(Object.keys(hostile).length);
    // Nothing is deleted: an entry of a newer version is someone's work.
    expect(store.map.size).toBe(Object.keys(hostile).length + 1);
  });

  it('rejects where the storage is unavailable (private browsing), for the list to say so', async () => {
    const unavailable: RunStore = {
      keys: () => Promise.reject(new Error('indexedDB is not defined')),
      get: () => Promise.reject(new Error('indexedDB is not defined')),
      setMany: () => Promise.reject(new Error('indexedDB is not defined')),
      delMany: () => Promise.reject(new Error('indexedDB is not defined')),
    };
    await expect(listExperiments(unavailable)).rejects.toThrow('indexedDB is not defined');
  });
});

describe('renaming, deleting and undoing', () => {
  it('renames, and refuses a bad name or a deleted experiment', async () => {
    const store = memoryStore();
    const { experiment } = await saveExperiment(store, draft('Old'), null);
    expect((await renameExperiment(store, experiment.id, ' New ')).name).toBe('New');
    expect((await listExperiments(store)).experiments[0]?.name).toBe('New');
    await expect(renameExperiment(store, experiment.id, '')).rejects.toThrow('cannot be empty');
    await expect(renameExperiment(store, 'gone', 'x')).rejects.toThrow('no longer kept');
  });

  it('deletes the description and the run, and Undo puts both back as they were', async () => {
    const store = memoryStore();
    const { experiment } = await saveExperiment(store, draft('Doomed'), savedRun(3));
    const before = new Map(store.map);
    const deleted = await deleteExperiment(store, experiment.id);
    expect(deleted?.experiment.name).toBe('Doomed');
    expect(store.map.size).toBe(0);
    if (deleted === null) throw new Error('nothing deleted');
    await undoDelete(store, deleted);
    expect(store.map).toEqual(before);
    expect(await deleteExperiment(store, 'never-saved')).toBeNull();
  });
});

describe('opening an experiment', () => {
  it('gives its link and its run, checked, or the link alone with why', async () => {
    const store = memoryStore();
    const withRun = (await saveExperiment(store, draft('Run'), savedRun(3))).experiment;
    const opened = await openExperiment(store, withRun);
    expect(opened.link).toBe(withRun.link);
    expect(opened.run?.checkpoint.iteration).toBe(3);
    expect(opened.note).toBeNull();

    store.map.set(`run:${withRun.id}`, { version: EXPERIMENT_VERSION, run: { config } });
    const damaged = await openExperiment(store, withRun);
    expect(damaged.run).toBeNull();
    expect(damaged.note).toMatch(/^Its run could not be read \(.+\): the settings are opened/);

    store.map.set(`run:${withRun.id}`, {
      version: EXPERIMENT_VERSION,
      run: savedRun(3, { noiseSigma: 3 }),
    });
    expect((await openExperiment(store, withRun)).note).toMatch(/other settings than its link/);

    store.map.delete(`run:${withRun.id}`);
    expect((await openExperiment(store, withRun)).note).toMatch(/no longer kept/);

    const settingsOnly = (await saveExperiment(store, draft('Link'), null)).experiment;
    expect(await openExperiment(store, settingsOnly)).toEqual({
      link: settingsOnly.link,
      run: null,
      note: null,
    });
  });
});

describe('what is saved with an experiment', () => {
  it('keeps the page’s latest run only when it is this experiment’s', () => {
    const run = savedRun(40);
    expect(runOfExperiment(run, config, view, 42)).toBe(run);
    expect(runOfExperiment(null, config, view, 42)).toBeNull();
    // A save from before a reset (the page now shows an earlier iteration) is not this run.
    expect(runOfExperiment(run, config, view, 0)).toBeNull();
    expect(runOfExperiment(savedRun(0), config, view, 10)).toBeNull();
    expect(runOfExperiment(run, { ...config, noiseSigma: 2 }, view, 42)).toBeNull();
    // A comparison is part of the experiment: a run saved without run B is not it.
    expect(runOfExperiment(run, config, { ...view, compare: { noiseSigma: 2 } }, 42)).toBeNull();
    const pair: SavedRun = {
      ...run,
      compare: { config: { ...config, noiseSigma: 2 }, checkpoint: null },
    };
    expect(runOfExperiment(pair, config, { ...view, compare: { noiseSigma: 2 } }, 42)).toBe(pair);
  });

  it('judges the open lesson’s claim as its card does', () => {
    const preset = presetById('mode-collapse');
    if (preset === undefined) throw new Error('no such lesson');
    const { claim } = preset;
    const holding = {
      [claim.metric]: claim.comparison === '<' ? claim.value - 1 : claim.value + 1,
    };
    const failing = {
      [claim.metric]: claim.comparison === '<' ? claim.value + 1 : claim.value - 1,
    };
    const metrics = (values: Record<string, number>) => values as unknown as SnapshotMetrics;
    const after = claim.afterIterations;
    expect(claimOf(null, metrics(holding), after)).toBeNull();
    expect(claimOf('mode-collapse', null, after)?.status).toBe('pending');
    expect(claimOf('mode-collapse', metrics(holding), after - 1)?.status).toBe('pending');
    expect(claimOf('mode-collapse', metrics(holding), after)).toEqual({
      presetId: 'mode-collapse',
      title: preset.title,
      text: claim.text,
      status: 'holds',
    });
    expect(claimOf('mode-collapse', metrics(failing), after)?.status).toBe('fails');
  });

  it('names an experiment after its lesson, or its data and objective, and the date', () => {
    const date = new Date(2026, 11, 5, 14, 3);
    const preset = presetById('mode-collapse');
    expect(defaultName(presetConfig(preset ?? never()), 'mode-collapse', date)).toBe(
      `${preset?.title}, 5 Dec 2026 14:03`,
    );
    expect(defaultName(config, null, date)).toBe(
      'Ring of 8 Gaussians, Non-saturating GAN, 5 Dec 2026 14:03',
    );
  });
});

function never(): never {
  throw new Error('unreachable');
}
