/**
 * Runs kept in this browser, one slot per page: a page writes only its own slot (or the one it
 * restored), so two tabs never replace each other's run. Each slot is two entries, a small
 * description (`meta:<id>`, read to list the runs) and the run itself (`run:<id>`, read to
 * restore it), written together in one transaction. At most MAX_KEPT_RUNS are kept; the oldest
 * goes first, and the page that dropped it says so. The storage is behind `RunStore`
 * (IndexedDB in the page, a Map in the unit tests).
 */

import { isRecord } from '../config/data';
import { CONFIG_KEYS, type ConfigKey, FIELDS, type PlaygroundConfig } from '../config/schema';
import { encodeConfig } from '../config/url';
import { type CompareOverrides, SHARED_BY_COMPARISON } from '../config/view';
import type { SavedRun } from '../worker/protocol';
import { checkedSavedRun, plausibleTime } from './storedRun';
import { timeAgo } from './timeAgo';

/** Bumped when the stored shape changes: version 1 was the single 'last-run' entry. */
export const STORED_RUN_VERSION = 2;
/** The single entry of version 1, read once and moved into a slot. */
export const LEGACY_KEY = 'last-run';
/** Runs kept at most (each up to 32 MB); the oldest is dropped to make room, with a note. */
export const MAX_KEPT_RUNS = 6;

/** The key-value storage the runs are kept in. */
export interface RunStore {
  keys: () => Promise<string[]>;
  get: (key: string) => Promise<unknown>;
  setMany: (entries: [string, unknown][]) => Promise<void>;
  delMany: (keys: string[]) => Promise<void>;
}

/** What the banner shows of a kept run, without its weights. */
export interface KeptRunInfo {
  id: string;
  /** The tab that kept it (its id in sessionStorage survives reloads); '' for an earlier version's. */
  tab: string;
  /** The page (one load of a tab) that last wrote it. */
  writer: string;
  /** "Ring of 8, non-saturating GAN". */
  name: string;
  iteration: number;
  savedAt: number;
  /** The settings as a link: two runs with the same are the same experiment. */
  experiment: string;
}

const metaKey = (id: string): string => `meta:${id}`;
const runKey = (id: string): string => `run:${id}`;

/** The run's name in the banner: its data set and objective. */
export function runName(config: PlaygroundConfig): string {
  const dataset = FIELDS.dataset.optionLabels[config.dataset] ?? config.dataset;
  const objective = FIELDS.objective.optionLabels[config.objective] ?? config.objective;
  return `${dataset}, ${objective}`;
}

/** "Ring of 8, non-saturating GAN, iteration 1,052 (3 minutes ago)". */
export function describeKept(info: KeptRunInfo, now = Date.now()): string {
  return `${info.name}, iteration ${info.iteration.toLocaleString('en')} (${timeAgo(info.savedAt, now)})`;
}

export function infoOf(id: string, tab: string, writer: string, run: SavedRun): KeptRunInfo {
  return {
    id,
    tab,
    writer,
    name: runName(run.config),
    iteration: run.checkpoint.iteration,
    savedAt: run.savedAt,
    experiment: encodeConfig(run.config),
  };
}

/** A stored description, or null when it is not one of this version. */
function checkedInfo(stored: unknown, id: string, now: number): KeptRunInfo | null {
  if (!isRecord(stored) || stored.version !== STORED_RUN_VERSION || !isRecord(stored.info)) {
    return null;
  }
  const info = stored.info;
  const strings = [info.tab, info.writer, info.name, info.experiment];
  if (info.id !== id || !strings.every((s) => typeof s === 'string')) return null;
  if (typeof info.iteration !== 'number' || !Number.isSafeInteger(info.iteration)) return null;
  if (info.iteration < 1 || !plausibleTime(info.savedAt, now)) return null;
  return {
    id,
    tab: String(info.tab),
    writer: String(info.writer),
    name: String(info.name),
    iteration: info.iteration,
    savedAt: info.savedAt,
    experiment: String(info.experiment),
  };
}

/** The description of slot `id`, or null when there is none or it is damaged. */
export async function readKeptInfo(
  store: RunStore,
  id: string,
  now = Date.now(),
): Promise<KeptRunInfo | null> {
  return checkedInfo(await store.get(metaKey(id)), id, now);
}

/** A stored run of slot `id`, checked in full; throws an Error saying what is wrong. */
function checkedStoredRun(stored: unknown, now: number): SavedRun {
  if (!isRecord(stored) || stored.version !== STORED_RUN_VERSION) {
    throw new Error('it is not a kept run of this version');
  }
  const checked = checkedSavedRun(stored.run, now);
  if (!checked.ok) throw new Error(checked.problem);
  return checked.value;
}

/** The entries of slot `id`, ready to write. */
export function slotEntries(info: KeptRunInfo, run: SavedRun): [string, unknown][] {
  return [
    [metaKey(info.id), { version: STORED_RUN_VERSION, info }],
    [runKey(info.id), { version: STORED_RUN_VERSION, run }],
  ];
}

/** The kept runs, newest first, and a note for each entry that was dropped (and why). */
export interface KeptRuns {
  runs: KeptRunInfo[];
  notes: string[];
}

/**
 * Every kept run, each checked in full (its weights too) and the unreadable ones deleted with a
 * note; the entry of version 1 is moved into a slot of its own first (nothing is lost on upgrade).
 */
export async function listKeptRuns(store: RunStore, now = Date.now()): Promise<KeptRuns> {
  const notes: string[] = [];
  const keys = new Set(await store.keys());
  if (keys.has(LEGACY_KEY)) {
    const note = await migrateLegacy(store, now);
    if (note !== null) notes.push(note);
    return listKeptRuns(store, now).then((kept) => ({ ...kept, notes: [...notes, ...kept.notes] }));
  }
  const runs: KeptRunInfo[] = [];
  const ids = new Set<string>();
  for (const key of keys) {
    const match = /^(meta|run):(.+)$/.exec(key);
    if (match?.[2] !== undefined) ids.add(match[2]);
  }
  for (const id of ids) {
    const stored = keys.has(metaKey(id)) ? await store.get(metaKey(id)) : undefined;
    const info = checkedInfo(stored, id, now);
    let problem: string | null = null;
    if (info === null) problem = 'its description is damaged';
    else if (!keys.has(runKey(id))) problem = 'its weights are missing';
    else {
      try {
        checkedStoredRun(await store.get(runKey(id)), now);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
    }
    if (problem === null && info !== null) {
      runs.push(info);
      continue;
    }
    await store.delMany([metaKey(id), runKey(id)]);
    const what = info === null ? 'A kept run' : `The kept run ${describeKept(info, now)}`;
    notes.push(`${what} could not be read (${problem}) and was dropped.`);
  }
  runs.sort((a, b) => b.savedAt - a.savedAt);
  return { runs, notes };
}

/** Reads a kept run to restore it; throws an Error saying why it cannot be (then it is dropped). */
export async function readKeptRun(
  store: RunStore,
  id: string,
  now = Date.now(),
): Promise<SavedRun> {
  const stored = await store.get(runKey(id));
  if (stored === undefined) throw new Error('it is no longer kept (forgotten in another tab?)');
  try {
    return checkedStoredRun(stored, now);
  } catch (error) {
    await store.delMany([metaKey(id), runKey(id)]);
    throw new Error(`${error instanceof Error ? error.message : String(error)}; it was dropped`);
  }
}

export async function forgetKeptRun(store: RunStore, id: string): Promise<void> {
  await store.delMany([metaKey(id), runKey(id)]);
}

/** Moves the entry of version 1 into a slot; a note when it could not be read. */
async function migrateLegacy(store: RunStore, now: number): Promise<string | null> {
  const stored = await store.get(LEGACY_KEY);
  const checked =
    isRecord(stored) && stored.version === 1
      ? checkedSavedRun(stored.run, now)
      : { ok: false as const, problem: 'it is of an unknown version' };
  if (checked.ok && checked.value.checkpoint.iteration > 0) {
    const id = `earlier-${Math.round(checked.value.savedAt)}`;
    await store.setMany(slotEntries(infoOf(id, '', '', checked.value), checked.value));
  }
  await store.delMany([LEGACY_KEY]);
  if (checked.ok) return null;
  return `The run kept by an earlier version could not be read (${checked.problem}) and was dropped.`;
}

/** A kept comparison's run B as the link's `b.` settings: what differs from run A. */
export function compareOverridesOf(run: SavedRun): CompareOverrides | null {
  const b = run.compare?.config;
  if (b === undefined || b === null) return null;
  const differs = (key: ConfigKey): boolean =>
    !SHARED_BY_COMPARISON.has(key) && JSON.stringify(b[key]) !== JSON.stringify(run.config[key]);
  return Object.fromEntries(
    CONFIG_KEYS.filter(differs).map((key) => [key, b[key]]),
  ) as CompareOverrides;
}
