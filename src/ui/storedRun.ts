/**
 * A kept run as IndexedDB gives it back, checked in full before the page shows or uses any of
 * it: stored data may come from an older version, another tab mid-write, a browser extension or
 * a hand edit. Each check names what is wrong, so a dropped entry is reported in words.
 */
import { isRecord } from '../config/data';
import type { PlaygroundConfig } from '../config/schema';
import { decodeHash, encodeConfig } from '../config/url';
import {
  BACKEND_LABELS,
  type BackendName,
  type SavedRun,
  type UserPoints,
} from '../worker/protocol';

type Checkpoint = SavedRun['checkpoint'];
type Network = Checkpoint['generator'];

/** Kept runs written before this are not ours (the playground's storage began in 2024). */
export const EARLIEST_SAVED_AT = Date.UTC(2024, 0, 1);
/** A clock a little ahead (another tab, a corrected clock) is not corruption; more is. */
export const FUTURE_SLACK_MS = 60_000;

/** A checked value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const isPositive = (value: unknown): value is number => isCount(value) && value > 0;

/** Whether `savedAt` is a time this playground could have written: after 2024, not ahead. */
export function plausibleTime(savedAt: unknown, now: number): savedAt is number {
  return (
    typeof savedAt === 'number' &&
    Number.isFinite(savedAt) &&
    savedAt >= EARLIEST_SAVED_AT &&
    savedAt <= now + FUTURE_SLACK_MS
  );
}

/** Settings repaired as a link's would be (the schema may have changed since they were kept). */
export function repairedConfig(value: unknown): PlaygroundConfig | null {
  if (!isRecord(value)) return null;
  try {
    // encodeConfig only reads the keys it knows; every unusable value is repaired by the reader.
    return decodeHash(encodeConfig(value as PlaygroundConfig)).config;
  } catch {
    return null;
  }
}

function isPoints(value: unknown): value is UserPoints {
  if (!isRecord(value) || (value.dimension !== 1 && value.dimension !== 2)) return false;
  const values = value.values;
  return (
    values instanceof Float32Array &&
    values.length > 0 &&
    values.length % value.dimension === 0 &&
    values.every(Number.isFinite)
  );
}

function isWeight(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.shape) || !(value.values instanceof Float32Array)) {
    return false;
  }
  const shape: unknown[] = value.shape;
  if (!shape.every(isPositive)) return false;
  const size = shape.reduce<number>((product, n) => product * Number(n), 1);
  return size === value.values.length;
}

function isNetwork(value: unknown): value is Network {
  if (!isRecord(value)) return false;
  const optimizer = value.optimizer;
  return (
    isPositive(value.inputSize) &&
    isPositive(value.outputSize) &&
    Array.isArray(value.hiddenLayers) &&
    value.hiddenLayers.every(isPositive) &&
    typeof value.activation === 'string' &&
    Array.isArray(value.weights) &&
    value.weights.length > 0 &&
    value.weights.every(isWeight) &&
    isRecord(optimizer) &&
    typeof optimizer.kind === 'string' &&
    isCount(optimizer.steps) &&
    Array.isArray(optimizer.slots) &&
    optimizer.slots.every((slot: unknown) => slot instanceof Float32Array)
  );
}

/**
 * What is wrong with a checkpoint's shape, or null (the worker checks it against the model again
 * before using any of it: architecture, lengths, format version). `what` names it.
 */
function checkpointProblem(value: unknown, what: string): string | null {
  if (!isRecord(value)) return `${what} is missing`;
  if (typeof value.format !== 'string') return `${what} has no format`;
  if (!isCount(value.iteration)) return `${what}'s iteration is not a whole number`;
  const updates = value.updates;
  if (!isRecord(updates) || !isCount(updates.generator) || !isCount(updates.discriminator)) {
    return `${what}'s update counts are not whole numbers`;
  }
  if (typeof value.dataset !== 'string') return `${what} names no data set`;
  if (value.dimension !== 1 && value.dimension !== 2) return `${what}'s dimension is not 1 or 2`;
  if (!isPositive(value.packing)) return `${what}'s packing is not a positive whole number`;
  if (!isNetwork(value.generator)) return `${what}'s generator is damaged`;
  if (value.discriminator !== null && !isNetwork(value.discriminator)) {
    return `${what}'s discriminator is damaged`;
  }
  const random = value.random;
  if (!isRecord(random) || !Object.values(random).every((s) => s instanceof Uint32Array)) {
    return `${what}'s random streams are damaged`;
  }
  return null;
}

function isCheckpoint(value: unknown): value is Checkpoint {
  return checkpointProblem(value, 'the checkpoint') === null;
}

/** A checkpoint, checked; `what` names it in the problem ("run B's checkpoint"). */
export function checkedCheckpoint(value: unknown, what = 'the checkpoint'): Checked<Checkpoint> {
  if (isCheckpoint(value)) return { ok: true, value };
  return fail(checkpointProblem(value, what) ?? `${what} is damaged`);
}

function isBackend(value: unknown): value is BackendName {
  return typeof value === 'string' && Object.hasOwn(BACKEND_LABELS, value);
}

/** A comparison's run B, checked like run A; `iteration` is run A's. */
function checkedCompare(value: unknown, iteration: number): Checked<SavedRun['compare']> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (!isRecord(value)) return fail("run B's part is not readable");
  const config = repairedConfig(value.config);
  if (config === null) return fail("run B's settings are not readable");
  if (value.checkpoint === null) return { ok: true, value: { config, checkpoint: null } };
  const checkpoint = checkedCheckpoint(value.checkpoint, "run B's checkpoint");
  if (!checkpoint.ok) return checkpoint;
  if (checkpoint.value.iteration !== iteration) {
    return fail(`run B was kept at iteration ${checkpoint.value.iteration}, run A at ${iteration}`);
  }
  return { ok: true, value: { config, checkpoint: checkpoint.value } };
}

/** A stored SavedRun, checked in full and with its settings repaired; `now` for its time. */
export function checkedSavedRun(value: unknown, now: number): Checked<SavedRun> {
  if (!isRecord(value)) return fail('it is not a kept run');
  const config = repairedConfig(value.config);
  if (config === null) return fail('its settings are not readable');
  if (value.points !== null && !isPoints(value.points)) return fail('its points are damaged');
  const checkpoint = checkedCheckpoint(value.checkpoint);
  if (!checkpoint.ok) return checkpoint;
  if (!plausibleTime(value.savedAt, now)) return fail('the time it was kept is impossible');
  if (!isBackend(value.backend)) return fail('it names no known backend');
  const compare = checkedCompare(value.compare, checkpoint.value.iteration);
  if (!compare.ok) return compare;
  return {
    ok: true,
    value: {
      config,
      points: value.points,
      checkpoint: checkpoint.value,
      savedAt: value.savedAt,
      backend: value.backend,
      compare: compare.value,
    },
  };
}
