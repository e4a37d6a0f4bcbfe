/**
 * The settings a running trainer takes without being rebuilt (see Trainer.applySettings): they
 * change how the next updates are computed, never the networks' shapes, the data or the random
 * streams, so the run keeps its iteration, weights, optimiser state (Adam's moments, momentum,
 * step counters) and random streams, and only the updates after the change see the new values.
 *
 * The app's own list (src/config/live.ts, LIVE_KEYS) is built from this one and the
 * measurement-only kernel bandwidth. tfjs-free at run time (a type import only): config reads it.
 */
import type { TrainerConfig } from './trainer';

/** Every trainer setting that can change in a running trainer. */
export const LIVE_TRAINER_KEYS = [
  'noiseSigma',
  'generatorLearningRate',
  'discriminatorLearningRate',
  'generatorBeta1',
  'generatorBeta2',
  'discriminatorBeta1',
  'discriminatorBeta2',
  'generatorMomentum',
  'discriminatorMomentum',
  'discriminatorSteps',
  'batchSize',
  'labelSmoothing',
  'instanceNoise',
  'gradientPenalty',
  'mmdWeight',
] as const satisfies readonly (keyof TrainerConfig)[];

/** A setting a running trainer can take. */
export type LiveTrainerKey = (typeof LIVE_TRAINER_KEYS)[number];

/** The live settings of a run: what a checkpoint records besides the state. */
export type LiveSettings = Pick<TrainerConfig, LiveTrainerKey>;

const LIVE = new Set<string>(LIVE_TRAINER_KEYS);

/** Whether `key` is a setting a running trainer can take. */
export function isLiveTrainerKey(key: string): key is LiveTrainerKey {
  return LIVE.has(key);
}

/** The live settings of a config (a plain copy: a checkpoint keeps it). */
export function liveSettingsOf(config: TrainerConfig): LiveSettings {
  return Object.fromEntries(LIVE_TRAINER_KEYS.map((key) => [key, config[key]])) as LiveSettings;
}

/**
 * `config` with `changes` applied, and the keys whose value changed. Throws, naming the key,
 * when a change is not a live setting (it needs a new trainer).
 */
export function withLiveSettings(
  config: TrainerConfig,
  changes: Partial<LiveSettings>,
): { config: TrainerConfig; changed: LiveTrainerKey[] } {
  const changed: LiveTrainerKey[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!isLiveTrainerKey(key)) {
      throw new Error(`${key} cannot change in a running trainer: build a new one`);
    }
    if (value !== undefined && !Object.is(value, config[key])) changed.push(key);
  }
  const next: TrainerConfig = { ...config };
  for (const key of changed) Object.assign(next, { [key]: changes[key] });
  return { config: next, changed };
}
