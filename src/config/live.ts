import { LIVE_TRAINER_KEYS } from '../engine/liveSettings';
import type { ConfigKey, PlaygroundConfig } from './schema';

/**
 * The settings a running experiment takes without starting over: they change how the next
 * updates are computed, not the networks' shapes, the data or the random seed. The run keeps its
 * iteration, its weights and its optimisers' state (Adam's moment estimates, momentum); only the
 * new value is used from the next update on. Every other setting builds a new run.
 *
 * `kernelBandwidth` only changes what is measured (the MMD² curve and the kernel view), never the
 * training: it is live too, and `MEASUREMENT_KEYS` says so.
 *
 * The engine's list (`LIVE_TRAINER_KEYS`, what a running trainer takes) and the bandwidth: one
 * list for the worker (which applies them), the controls (which say so in their help) and
 * undo/redo (which need not warn before undoing them). tfjs-free: the UI imports it.
 */
export const LIVE_KEYS: ReadonlySet<ConfigKey> = new Set<ConfigKey>([
  ...LIVE_TRAINER_KEYS,
  'kernelBandwidth',
]);

/** The settings that change only what is measured, never the training. */
export const MEASUREMENT_KEYS: ReadonlySet<ConfigKey> = new Set<ConfigKey>(['kernelBandwidth']);

/** The keys whose values differ between two configs. */
export function changedKeys(before: PlaygroundConfig, after: PlaygroundConfig): ConfigKey[] {
  return (Object.keys(after) as ConfigKey[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/** Whether going from `before` to `after` keeps the run (every change is live), or builds anew. */
export function keepsRun(before: PlaygroundConfig, after: PlaygroundConfig): boolean {
  return changedKeys(before, after).every((key) => LIVE_KEYS.has(key));
}
