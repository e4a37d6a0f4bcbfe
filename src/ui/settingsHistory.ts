/**
 * Undo and redo of settings: a history of committed configs, as pure functions so that its
 * bookkeeping is unit-tested in Node. Each entry is one change the user made (a field committed,
 * a choice picked, a lesson restored), from one config to the next, with a label in the
 * controls' words ("Noise σ 1 → 3"). Rapid changes of the same setting (a bandwidth slider
 * dragged, a value typed and retyped) merge into one entry, so that one undo takes the whole
 * gesture back.
 */
import type { PlaygroundConfig } from '../config/schema';
import { changedKeys, describeChanges } from './settingNames';

/** One change of the settings, undoable. */
export interface SettingsChange {
  /** The config before the change: what an undo restores. */
  before: PlaygroundConfig;
  /** The config after it: what a redo restores. */
  after: PlaygroundConfig;
  /** "Noise σ 1 → 3" — what changed, from and to. */
  label: string;
  /** When it was made (ms, any clock), to merge rapid changes of one setting. */
  at: number;
}

export interface SettingsHistory {
  /** The changes made, oldest first; the last is the one an undo takes back. */
  past: readonly SettingsChange[];
  /** The changes undone, the next to redo last. */
  future: readonly SettingsChange[];
}

/** How many changes are kept; older ones are forgotten. */
export const HISTORY_CAP = 100;
/** Changes of the same setting closer than this merge into one (a slider drag, retyping). */
export const COALESCE_MS = 1000;
/** Labels list at most this many settings, then say how many more. */
const LABEL_SETTINGS = 2;

export function emptyHistory(): SettingsHistory {
  return { past: [], future: [] };
}

/** "Noise σ 1 → 3", or "Data set Ring → Grid, Noise σ 1 → 3 and 2 more". */
export function changeLabel(before: PlaygroundConfig, after: PlaygroundConfig): string {
  const keys = changedKeys(before, after);
  if (keys.length <= LABEL_SETTINGS) return describeChanges(before, after);
  // Describe the first settings only: the label goes into a button's title.
  const shown = keys.slice(0, LABEL_SETTINGS);
  const partial = { ...before };
  for (const key of shown) Object.assign(partial, { [key]: after[key] });
  return `${describeChanges(before, partial)} and ${keys.length - LABEL_SETTINGS} more`;
}

/** The single setting a change touches, or null when it touches several (or none). */
function onlyKey(change: Pick<SettingsChange, 'before' | 'after'>): string | null {
  const keys = changedKeys(change.before, change.after);
  return keys.length === 1 ? (keys[0] ?? null) : null;
}

/**
 * The history after a change from `before` to `after` made at `at`: the change is appended (or
 * merged into the previous one when it changes the same single setting within `COALESCE_MS`),
 * the redo list is cleared, and the oldest changes beyond `cap` are dropped. A change that
 * changes nothing leaves the history as it is; a merge that returns to where the gesture began
 * removes the entry.
 */
export function recordChange(
  history: SettingsHistory,
  before: PlaygroundConfig,
  after: PlaygroundConfig,
  at: number,
  cap = HISTORY_CAP,
): SettingsHistory {
  if (changedKeys(before, after).length === 0) return history;
  const last = history.past[history.past.length - 1];
  const key = onlyKey({ before, after });
  if (
    last !== undefined &&
    key !== null &&
    at - last.at < COALESCE_MS &&
    onlyKey(last) === key &&
    changedKeys(last.after, before).length === 0
  ) {
    const merged = history.past.slice(0, -1);
    if (changedKeys(last.before, after).length > 0) {
      merged.push({ before: last.before, after, label: changeLabel(last.before, after), at });
    }
    return { past: merged, future: [] };
  }
  const past = [...history.past, { before, after, label: changeLabel(before, after), at }];
  return { past: past.slice(Math.max(0, past.length - cap)), future: [] };
}

/** The change an undo would take back, or null when there is none. */
export function nextUndo(history: SettingsHistory): SettingsChange | null {
  return history.past[history.past.length - 1] ?? null;
}

/** The change a redo would make again, or null when there is none. */
export function nextRedo(history: SettingsHistory): SettingsChange | null {
  return history.future[history.future.length - 1] ?? null;
}

/** The history once the last change is undone (its `before` is then the config), or as it is. */
export function undone(history: SettingsHistory): SettingsHistory {
  const change = nextUndo(history);
  if (change === null) return history;
  return { past: history.past.slice(0, -1), future: [...history.future, change] };
}

/** The history once the last undone change is made again (its `after` is then the config). */
export function redone(history: SettingsHistory): SettingsHistory {
  const change = nextRedo(history);
  if (change === null) return history;
  // A change made again never merges with the next one: its time is forgotten.
  return {
    past: [...history.past, { ...change, at: Number.NEGATIVE_INFINITY }],
    future: history.future.slice(0, -1),
  };
}
