import { defaultConfig, type PlaygroundConfig } from '../src/config/schema';
import { encodeConfig } from '../src/config/url';

/**
 * The model sizes issue #4 measures, as changes to the app's default config (ring of 8, Adam,
 * k = 1): the default (G and D 2×64, batch 256), a GAN-Lab-sized net (one hidden layer of 10
 * units, batch 150) and a wide one (2×256, batch 1024).
 */
export const MODEL_SIZES = {
  default: {},
  small: { generatorLayers: [10], discriminatorLayers: [10], batchSize: 150 },
  wide: { generatorLayers: [256, 256], discriminatorLayers: [256, 256], batchSize: 1024 },
} as const satisfies Record<string, Partial<PlaygroundConfig>>;

export type ModelSize = keyof typeof MODEL_SIZES;

export function isModelSize(name: string): name is ModelSize {
  return Object.hasOwn(MODEL_SIZES, name);
}

/** The full config of a model size. */
export function sizeConfig(size: ModelSize): PlaygroundConfig {
  return { ...defaultConfig(), ...MODEL_SIZES[size] };
}

/** The share-link hash of a model size, e.g. "v=1&g=10&d=10&batch=150". */
export function sizeHash(size: ModelSize): string {
  return encodeConfig(sizeConfig(size));
}
