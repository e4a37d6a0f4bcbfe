/**
 * Settings the schema accepts one by one but the engine refuses together (src/engine/trainer.ts
 * and datasets.ts, and the export scripts' plan): packing larger than the batch, an MMD loss with
 * a batch of one, data parameters the data set cannot use (all mixture weights zero…). Read
 * without building anything, so a link can tell whether the settings that need changing are
 * within reach.
 */
import { resolveDataset } from '../engine/datasets';
import { type ConfigKey, FIELDS, type PlaygroundConfig } from './schema';

export interface Refusal {
  /** The settings that can lift the refusal (changing any one of them may do). */
  keys: readonly ConfigKey[];
  /** Why, in one sentence. */
  reason: string;
}

/** The data parameters of each data set that has some. */
const DATA_KEYS: Partial<Record<PlaygroundConfig['dataset'], readonly ConfigKey[]>> = {
  'gaussian-1d': ['gaussianMean', 'gaussianStd'],
  'custom-mixture': ['mixtureMeans', 'mixtureStd', 'mixtureWeights'],
};

/**
 * Why the engine would refuse to train this config, or null. The 'points' data set's points
 * never come with a config, so their absence is not counted here (see needs.ts).
 */
export function configRefusal(config: PlaygroundConfig): Refusal | null {
  if (config.dataset !== 'points') {
    try {
      resolveDataset(config.dataset, { ...config, points: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        keys: ['dataset', ...(DATA_KEYS[config.dataset] ?? [])],
        reason: /[.!?]$/.test(message) ? message : `${message}.`,
      };
    }
  }
  if (config.packing > config.batchSize) {
    return {
      keys: ['packing', 'batchSize'],
      reason: `${FIELDS.packing.label} (${config.packing}) is larger than the ${FIELDS.batchSize.label.toLowerCase()} (${config.batchSize}): the discriminator needs at least one pack per batch.`,
    };
  }
  if ((config.objective === 'mmd' || config.objective === 'hybrid') && config.batchSize < 2) {
    return {
      keys: ['batchSize', 'objective'],
      reason: `The ${FIELDS.objective.optionLabels[config.objective]} objective needs a batch of at least 2 to measure MMD².`,
    };
  }
  return null;
}
