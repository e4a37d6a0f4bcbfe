/**
 * The last trained run, kept in IndexedDB so that a reload or a closed tab loses no training: the
 * settings are in the link, the weights here. One entry, overwritten at most every
 * WRITE_INTERVAL_MS and when the page is hidden; offered back, never restored without a click.
 * idb-keyval: a few hundred bytes over IndexedDB's request API, instead of a hand-written copy.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { isRecord } from '../config/data';
import { decodeHash, encodeConfig } from '../config/url';
import type { SavedRun } from '../worker/protocol';

const DATABASE = 'gan-playground';
const STORE = 'runs';
const KEY = 'last-run';
/** Bumped when SavedRun changes incompatibly: an older entry is then dropped, not misread. */
export const STORED_RUN_VERSION = 1;
/** Writes are at least this far apart (a save arrives from the worker about every 2 s). */
const WRITE_INTERVAL_MS = 5000;

let store: UseStore | null = null;

/** Opened on first use: a page that never trains never touches IndexedDB. */
function runStore(): UseStore {
  store ??= createStore(DATABASE, STORE);
  return store;
}

/**
 * The run kept by an earlier visit, checked and with its settings repaired as a link's would
 * be; null when there is none, or it is unreadable (then it is deleted), or IndexedDB is
 * unavailable (private browsing, blocked storage).
 */
export async function loadSavedRun(): Promise<SavedRun | null> {
  try {
    const stored: unknown = await get(KEY, runStore());
    if (stored === undefined) return null;
    const run = checkedRun(stored);
    if (run === null) await del(KEY, runStore());
    return run;
  } catch {
    return null;
  }
}

/** Keeps the latest run, written at most every WRITE_INTERVAL_MS. */
export interface RunSaver {
  /** Notes a run to keep (runs at iteration 0 hold nothing worth keeping). */
  remember: (run: SavedRun) => void;
  /** Writes the latest noted run now (the page is being hidden or closed). */
  flush: () => Promise<void>;
  /** Deletes the kept run, and drops any not yet written. */
  forget: () => Promise<void>;
}

export function createRunSaver(intervalMs = WRITE_INTERVAL_MS): RunSaver {
  let latest: SavedRun | null = null;
  let timer: number | undefined;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    window.clearTimeout(timer);
    timer = undefined;
    const run = latest;
    latest = null;
    if (run === null) return writing;
    lastWrite = performance.now();
    writing = writing
      .then(() => set(KEY, { version: STORED_RUN_VERSION, run }, runStore()))
      .catch((error: unknown) => {
        // Storage full or unavailable: the run itself goes on; only the keeping failed.
        console.warn('The run could not be kept in IndexedDB:', error);
      });
    return writing;
  };
  return {
    remember: (run) => {
      if (run.checkpoint.iteration === 0) return;
      latest = run;
      if (timer === undefined) {
        const wait = Math.max(0, lastWrite + intervalMs - performance.now());
        timer = window.setTimeout(() => void write(), wait);
      }
    },
    flush: write,
    forget: async () => {
      window.clearTimeout(timer);
      timer = undefined;
      latest = null;
      await writing;
      try {
        await del(KEY, runStore());
      } catch {
        // Nothing was kept where there is no IndexedDB.
      }
    },
  };
}

/** The stored value as a SavedRun, or null when it is not one (another version, corrupted). */
export function checkedRun(stored: unknown): SavedRun | null {
  if (!isRecord(stored) || stored.version !== STORED_RUN_VERSION || !isRecord(stored.run)) {
    return null;
  }
  const run = stored.run;
  const checkpoint = run.checkpoint;
  if (
    !isRecord(checkpoint) ||
    typeof checkpoint.format !== 'string' ||
    !isCount(checkpoint.iteration) ||
    typeof run.savedAt !== 'number' ||
    !Number.isFinite(run.savedAt) ||
    typeof run.backend !== 'string' ||
    !isPoints(run.points)
  ) {
    return null;
  }
  let config: SavedRun['config'];
  try {
    // The settings pass through the link's repair: the schema may have changed since.
    config = decodeHash(encodeConfig(run.config as SavedRun['config'])).config;
  } catch {
    return null;
  }
  // The worker checks the checkpoint itself against the model before using any of it.
  return { ...(run as unknown as SavedRun), config };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isPoints(value: unknown): value is SavedRun['points'] {
  if (value === null) return true;
  return (
    isRecord(value) &&
    (value.dimension === 1 || value.dimension === 2) &&
    value.values instanceof Float32Array
  );
}

/** How long ago a time was, in words ("3 minutes ago"). */
export function timeAgo(then: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  const units: [string, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}
