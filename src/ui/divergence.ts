/** What the page offers a run that diverged. */
import { FIELDS, type PlaygroundConfig } from '../config/schema';

/** The config with both learning rates divided by 10 (never below the schema's minimum). */
export function lowerLearningRates(config: PlaygroundConfig): PlaygroundConfig {
  const lower = (rate: number, min: number): number =>
    Math.max(min, Number((rate / 10).toPrecision(6)));
  return {
    ...config,
    generatorLearningRate: lower(config.generatorLearningRate, FIELDS.generatorLearningRate.min),
    discriminatorLearningRate: lower(
      config.discriminatorLearningRate,
      FIELDS.discriminatorLearningRate.min,
    ),
  };
}
