import type { TrainerConfig } from '../../src/engine';

/**
 * Small networks on the 1-D Gaussian: the engine tests check behaviour, not capacity, and must
 * run fast on a CPU. Tests override only what they are about.
 */
export const BASE_CONFIG: TrainerConfig = {
  dataset: 'gaussian-1d',
  generatorLayers: [16, 16],
  discriminatorLayers: [16, 16],
  generatorActivation: 'relu',
  discriminatorActivation: 'leakyRelu',
  noiseDimension: 2,
  noiseDistribution: 'gaussian',
  noiseSigma: 1,
  generatorOptimizer: 'adam',
  discriminatorOptimizer: 'adam',
  generatorLearningRate: 0.005,
  discriminatorLearningRate: 0.005,
  generatorBeta1: 0.5,
  generatorBeta2: 0.999,
  discriminatorBeta1: 0.5,
  discriminatorBeta2: 0.999,
  generatorMomentum: 0.9,
  discriminatorMomentum: 0.9,
  batchSize: 64,
  discriminatorSteps: 1,
  objective: 'nonSaturating',
  gradientPenalty: 10,
  mmdBandwidths: [0.5, 1, 2],
  mmdWeight: 1,
  labelSmoothing: 0,
  instanceNoise: 0,
  packing: 1,
  seed: 1,
};

/** A complete trainer config: BASE_CONFIG with the given settings changed. */
export function trainerConfig(overrides: Partial<TrainerConfig> = {}): TrainerConfig {
  return { ...BASE_CONFIG, ...overrides };
}
