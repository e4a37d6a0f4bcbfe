import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import { createTrainer } from '../../src/engine';
import {
  LEGACY_KEY,
  listKeptRuns,
  MAX_KEPT_RUNS,
  type RunStore,
  readKeptRun,
} from '../../src/ui/keptRuns';
import { createRunKeeper, type KeeperIdentity } from '../../src/ui/runKeeper';
import type { SavedRun } from '../../src/worker/protocol';

const config: PlaygroundConfig = {
  ...defaultConfig(),
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 16,
};
let checkpoint: SavedRun['checkpoint'];
/** The clock of the tests: every write is at a time of its own. */
let clock = Date.UTC(2025, 5, 1);
const now = (): number => clock;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const trainer = createTrainer({ ...config, points: null });
  trainer.step(1);
  checkpoint = await trainer.checkpoint();
  trainer.dispose();
});

/** IndexedDB's part, in memory. */
function memoryStore(): RunStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    keys: async () => [...map.keys()],
    get: async (key) => map.get(key),
    setMany: async (entries) => {
      for (const [key, value] of entries) map.set(key, value);
    },
    delMany: async (keys) => {
      for (const key of keys) map.delete(key);
    },
  };
}

function savedRun(iteration: number, changes: Partial<PlaygroundConfig> = {}): SavedRun {
  clock += 1000;
  return {
    config: { ...config, ...changes },
    points: null,
    checkpoint: { ...checkpoint, iteration },
    savedAt: clock,
    backend: 'wasm',
  };
}

/** A page of a tab, keeping its runs; `notes` collects what it says. */
function page(store: RunStore, tab: string, id: string) {
  const notes: string[] = [];
  const identity: KeeperIdentity = { tab, page: id };
  const keeper = createRunKeeper(store, identity, (note) => notes.push(note), { now });
  const keep = async (run: SavedRun): Promise<void> => {
    keeper.remember(run);
    await keeper.flush();
  };
  return { keeper, keep, notes };
}

const iterations = async (store: RunStore): Promise<number[]> =>
  (await listKeptRuns(store, clock)).runs.map((run) => run.iteration).sort((a, b) => a - b);

describe('kept runs, one slot per page', () => {
  it('two tabs each keep their own run: neither replaces the other', async () => {
    const store = memoryStore();
    const one = page(store, 'tab-1', 'page-1');
    const two = page(store, 'tab-2', 'page-2');
    await one.keep(savedRun(1052, { dataset: 'grid-25' }));
    await two.keep(savedRun(106));
    await one.keep(savedRun(1100, { dataset: 'grid-25' }));
    const kept = await listKeptRuns(store, clock);
    expect(kept.runs.map((run) => [run.tab, run.iteration])).toEqual([
      ['tab-1', 1100],
      ['tab-2', 106],
    ]);
    expect(kept.runs[0]?.name).toContain('25');
    expect(kept.notes).toEqual([]);
    expect(one.notes).toEqual([]);
  });

  it('a reload of a tab offers its run and a new run does not overwrite it', async () => {
    const store = memoryStore();
    await page(store, 'tab-1', 'load-1').keep(savedRun(500));
    const reloaded = page(store, 'tab-1', 'load-2');
    const [earlier] = (await listKeptRuns(store, clock)).runs;
    expect(earlier?.tab).toBe('tab-1');
    await reloaded.keep(savedRun(20));
    expect(await iterations(store)).toEqual([20, 500]);
  });

  it('a restored run goes on in its own slot (no copy)', async () => {
    const store = memoryStore();
    await page(store, 'tab-1', 'load-1').keep(savedRun(500));
    const [kept] = (await listKeptRuns(store, clock)).runs;
    if (kept === undefined) throw new Error('nothing kept');
    expect((await readKeptRun(store, kept.id, clock)).checkpoint.iteration).toBe(500);
    const reloaded = page(store, 'tab-1', 'load-2');
    reloaded.keeper.adopt(kept.id);
    await reloaded.keep(savedRun(650));
    expect(await iterations(store)).toEqual([650]);
  });

  it('two pages going on with the same kept run: the second makes a copy and says so', async () => {
    const store = memoryStore();
    await page(store, 'tab-1', 'load-1').keep(savedRun(500));
    const [kept] = (await listKeptRuns(store, clock)).runs;
    if (kept === undefined) throw new Error('nothing kept');
    const a = page(store, 'tab-1', 'load-2');
    const b = page(store, 'tab-2', 'load-3');
    a.keeper.adopt(kept.id);
    b.keeper.adopt(kept.id);
    await a.keep(savedRun(600));
    await b.keep(savedRun(700));
    expect(await iterations(store)).toEqual([600, 700]);
    expect(b.notes.join(' ')).toMatch(/Another tab went on with the kept run .*iteration 600/);
    expect(a.notes).toEqual([]);
  });

  it(`keeps at most ${MAX_KEPT_RUNS}, dropping the oldest with a note that names it`, async () => {
    const store = memoryStore();
    for (let i = 1; i <= MAX_KEPT_RUNS; i++)
      await page(store, `tab-${i}`, `p-${i}`).keep(savedRun(i));
    const newest = page(store, 'tab-new', 'p-new');
    await newest.keep(savedRun(999));
    const kept = await iterations(store);
    expect(kept).toHaveLength(MAX_KEPT_RUNS);
    expect(kept).not.toContain(1);
    expect(kept).toContain(999);
    const dropped = newest.notes.filter((note) => note.includes('oldest'));
    expect(dropped).toEqual([expect.stringMatching(/oldest, .*iteration 1 .*was dropped/)]);
  });

  it('says so when another tab has kept a run of the same experiment', async () => {
    const store = memoryStore();
    await page(store, 'tab-1', 'p-1').keep(savedRun(300));
    const other = page(store, 'tab-2', 'p-2');
    await other.keep(savedRun(40));
    await other.keep(savedRun(80));
    expect(other.notes).toHaveLength(1);
    expect(other.notes[0]).toMatch(/same experiment .*iteration 300/);
  });

  it('a run that cannot be written says so once, and training is not stopped', async () => {
    const store = { ...memoryStore(), setMany: () => Promise.reject(new Error('QuotaExceeded')) };
    const tab = page(store, 'tab-1', 'p-1');
    // A flush rejects, so that nothing (an update's reload) relies on a run that was not kept.
    await expect(tab.keep(savedRun(10))).rejects.toThrow('QuotaExceeded');
    await expect(tab.keep(savedRun(20))).rejects.toThrow('QuotaExceeded');
    expect(tab.notes).toEqual([expect.stringContaining('QuotaExceeded')]);
  });

  it('forgetting deletes only that run', async () => {
    const store = memoryStore();
    const one = page(store, 'tab-1', 'p-1');
    await one.keep(savedRun(10));
    await page(store, 'tab-2', 'p-2').keep(savedRun(20));
    await one.keeper.forget(one.keeper.slot());
    expect(await iterations(store)).toEqual([20]);
  });
});

describe('stored entries are checked', () => {
  it('drops a description with an impossible time, with a note, instead of showing it', async () => {
    const store = memoryStore();
    await page(store, 'tab-1', 'p-1').keep(savedRun(10));
    const meta = store.map.get('meta:p-1') as { info: Record<string, unknown> };
    meta.info.savedAt = 1e300;
    const kept = await listKeptRuns(store, clock);
    expect(kept.runs).toEqual([]);
    expect(kept.notes).toEqual([expect.stringMatching(/could not be read .* was dropped/)]);
    expect(store.map.size).toBe(0);
  });

  it('drops a run whose weights are damaged, saying why', async () => {
    const store = memoryStore();
    await page(store, 'tab-1', 'p-1').keep(savedRun(10));
    const entry = store.map.get('run:p-1') as { run: Record<string, unknown> };
    entry.run.checkpoint = { ...checkpoint, random: 'none' };
    const kept = await listKeptRuns(store, clock);
    expect(kept.runs).toEqual([]);
    expect(kept.notes[0]).toMatch(/iteration 10 .*random streams are damaged.*dropped/);
    await expect(readKeptRun(store, 'p-1', clock)).rejects.toThrow(/no longer kept/);
  });

  it('moves the run kept by version 1 into a slot, once; an unreadable one is reported', async () => {
    const store = memoryStore();
    store.map.set(LEGACY_KEY, { version: 1, run: savedRun(1052) });
    const kept = await listKeptRuns(store, clock);
    expect(kept.runs.map((run) => [run.tab, run.iteration])).toEqual([['', 1052]]);
    expect(store.map.has(LEGACY_KEY)).toBe(false);
    expect((await readKeptRun(store, kept.runs[0]?.id ?? '', clock)).checkpoint.iteration).toBe(
      1052,
    );

    const broken = memoryStore();
    broken.map.set(LEGACY_KEY, { version: 1, run: { ...savedRun(5), savedAt: 1e300 } });
    const dropped = await listKeptRuns(broken, clock);
    expect(dropped.runs).toEqual([]);
    expect(dropped.notes[0]).toMatch(/earlier version could not be read .*impossible/);
    expect(broken.map.size).toBe(0);
  });
});
