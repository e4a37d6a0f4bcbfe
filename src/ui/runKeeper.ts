/**
 * Writes this page's run into its own slot of the kept runs (see keptRuns.ts), at most every
 * WRITE_INTERVAL_MS and when the page is hidden. Before each write it checks the slot: a slot
 * that another page wrote since this one took it (a duplicated tab, two tabs that restored the
 * same run) is left as it is, and this page goes on in a slot of its own, saying so. Making room
 * for a new slot drops the oldest run, saying so; another tab's run of the same experiment is
 * mentioned once. Nothing is overwritten without a note.
 */
import type { SavedRun } from '../worker/protocol';
import {
  describeKept,
  forgetKeptRun,
  infoOf,
  type KeptRunInfo,
  MAX_KEPT_RUNS,
  type RunStore,
  readKeptInfo,
  slotEntries,
} from './keptRuns';

/** Writes are at least this far apart (a save arrives from the worker about every 2 s). */
export const WRITE_INTERVAL_MS = 5000;

/** Who is writing: the tab (kept across reloads in sessionStorage) and this load of it. */
export interface KeeperIdentity {
  tab: string;
  page: string;
}

export interface RunKeeper {
  /** Notes a run to keep (runs at iteration 0 hold nothing worth keeping). */
  remember: (run: SavedRun) => void;
  /**
   * Writes the latest noted run now (the page is being hidden or closed, or about to reload);
   * rejects when the latest write failed, so that nothing relies on a run that was not kept.
   */
  flush: () => Promise<void>;
  /** Deletes a kept run; this page's own drops any run not yet written. */
  forget: (id: string) => Promise<void>;
  /** Goes on writing into a restored run's slot (its continuation replaces it). */
  adopt: (id: string) => void;
  /** The slot this page writes. */
  slot: () => string;
}

export interface KeeperOptions {
  intervalMs?: number;
  now?: () => number;
}

export function createRunKeeper(
  store: RunStore,
  identity: KeeperIdentity,
  onNote: (message: string) => void,
  { intervalMs = WRITE_INTERVAL_MS, now = Date.now }: KeeperOptions = {},
): RunKeeper {
  let slot = identity.page;
  /** When this page took its slot: a write there by another page after this is theirs. */
  let since = now();
  /** True until the slot's first write (which may have to make room). */
  let fresh = true;
  let copies = 0;
  let latest: SavedRun | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let writing: Promise<void> = Promise.resolve();
  let saidSame = false;
  let saidFailure = false;

  const takeOwnSlot = (): void => {
    copies += 1;
    slot = `${identity.page}-${copies}`;
    since = now();
    fresh = true;
  };

  /** Another page's writes since this one took the slot: this page moves to a slot of its own. */
  const checkSlot = async (): Promise<void> => {
    const existing = await readKeptInfo(store, slot, now());
    if (existing === null || existing.writer === identity.page || existing.savedAt <= since) return;
    takeOwnSlot();
    onNote(
      `Another tab went on with the kept run ${describeKept(existing, now())} too: that run is left as that tab keeps it, and this tab keeps its own copy.`,
    );
  };

  /** Room for this page's new slot, and a word about another tab's run of the same experiment. */
  const makeRoom = async (info: KeptRunInfo): Promise<void> => {
    const others = (await listInfos(store, now())).filter((other) => other.id !== info.id);
    others.sort((a, b) => a.savedAt - b.savedAt);
    while (others.length >= MAX_KEPT_RUNS) {
      const oldest = others.shift();
      if (oldest === undefined) break;
      await forgetKeptRun(store, oldest.id);
      onNote(
        `At most ${MAX_KEPT_RUNS} runs are kept in this browser: the oldest, ${describeKept(oldest, now())}, was dropped to keep this one.`,
      );
    }
    const same = others.find((o) => o.tab !== identity.tab && o.experiment === info.experiment);
    if (same !== undefined && !saidSame) {
      saidSame = true;
      onNote(
        `Another tab has kept a run of the same experiment (${describeKept(same, now())}): each tab keeps its own, neither replaces the other.`,
      );
    }
  };

  const writeRun = async (run: SavedRun): Promise<void> => {
    await checkSlot();
    const info = infoOf(slot, identity.tab, identity.page, run);
    if (fresh) {
      await makeRoom(info);
      fresh = false;
    }
    await store.setMany(slotEntries(info, run));
  };

  /** Why the latest write failed, or null: a flush then rejects with it. */
  let lastFailure: unknown = null;
  const write = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const run = latest;
    latest = null;
    if (run === null) return writing;
    lastWrite = now();
    writing = writing
      .then(() => writeRun(run))
      .then(() => {
        lastFailure = null;
      })
      .catch((error: unknown) => {
        lastFailure = error;
        // Storage full or unavailable: the run itself goes on; only the keeping failed.
        if (saidFailure) return;
        saidFailure = true;
        const why = error instanceof Error ? error.message : String(error);
        onNote(
          `This run could not be kept in this browser (${why}): training goes on, but a reload would lose it.`,
        );
      });
    return writing;
  };

  return {
    remember: (run) => {
      if (run.checkpoint.iteration === 0) return;
      latest = run;
      if (timer === undefined) {
        timer = setTimeout(() => void write(), Math.max(0, lastWrite + intervalMs - now()));
      }
    },
    flush: async () => {
      await write();
      if (lastFailure !== null) throw lastFailure;
    },
    forget: async (id) => {
      if (id === slot) {
        clearTimeout(timer);
        timer = undefined;
        latest = null;
        await writing;
        // The next run of this page starts a slot afresh.
        fresh = true;
      }
      await forgetKeptRun(store, id);
    },
    adopt: (id) => {
      clearTimeout(timer);
      timer = undefined;
      latest = null;
      slot = id;
      since = now();
      fresh = false;
    },
    slot: () => slot,
  };
}

async function listInfos(store: RunStore, now: number): Promise<KeptRunInfo[]> {
  const infos: KeptRunInfo[] = [];
  for (const key of await store.keys()) {
    if (!key.startsWith('meta:')) continue;
    const info = await readKeptInfo(store, key.slice('meta:'.length), now);
    if (info !== null) infos.push(info);
  }
  return infos;
}
