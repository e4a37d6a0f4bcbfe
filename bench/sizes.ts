import { defaultConfig, type PlaygroundConfig } from '../src/config/schema';
import { encodeConfig } from '../src/config/url';

/**
 * The model sizes the benchmark measures, as changes to the app's default config (ring of 8,
 * Adam, k = 1):
 * - `default`: the app's default (G and D 2→64→64, batch 256);
 * - `small`: one hidden layer of 10 units, batch 150 (a small net of issue #4; not GAN Lab's);
 * - `ganlab`: GAN Lab's real default (its source, gh-pages 7759573; see ../shared/ENVIRONMENT.md):
 *   G 2→8→8→2 and D 2→8→8→1 with ReLU, batch 150, 2 D steps per G step, plain SGD (no
 *   momentum) with learning rate 0.1 for both networks;
 * - `wide`: 2×256, batch 1024.
 */
export const MODEL_SIZES = {
  default: {},
  small: { generatorLayers: [10], discriminatorLayers: [10], batchSize: 150 },
  ganlab: {
    generatorLayers: [8, 8],
    discriminatorLayers: [8, 8],
    generatorActivation: 'relu',
    discriminatorActivation: 'relu',
    batchSize: 150,
    discriminatorSteps: 2,
    generatorOptimizer: 'sgd',
    discriminatorOptimizer: 'sgd',
    generatorLearningRate: 0.1,
    discriminatorLearningRate: 0.1,
    generatorMomentum: 0,
    discriminatorMomentum: 0,
  },
  wide: { generatorLayers: [256, 256], discriminatorLayers: [256, 256], batchSize: 1024 },
} as const satisfies Record<string, Partial<PlaygroundConfig>>;

export type ModelSize = keyof typeof MODEL_SIZES;

/** One line per size, for `--help`-like messages and the docs. */
export const SIZE_LABELS: Record<ModelSize, string> = {
  default: 'default: G and D 2→64→64, batch 256, Adam, k = 1',
  small: 'small: one hidden layer of 10 units, batch 150, Adam, k = 1',
  ganlab: "ganlab: GAN Lab's default, G 2→8→8→2 and D 2→8→8→1 (ReLU), batch 150, k = 2, SGD lr 0.1",
  wide: 'wide: G and D 2→256→256, batch 1024, Adam, k = 1',
};

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
