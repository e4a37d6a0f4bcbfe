import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema';
import { lowerLearningRates } from '../../src/ui/divergence';

describe('lowerLearningRates', () => {
  it('divides both rates by 10, never below the schema minimum', () => {
    const config = {
      ...defaultConfig(),
      generatorLearningRate: 1,
      discriminatorLearningRate: 3e-5,
    };
    const lowered = lowerLearningRates(config);
    expect(lowered.generatorLearningRate).toBe(0.1);
    expect(lowered.discriminatorLearningRate).toBe(1e-5);
    expect({ ...lowered, generatorLearningRate: 1, discriminatorLearningRate: 3e-5 }).toEqual(
      config,
    );
  });

  it('gives round numbers (no 0.020000000000000004)', () => {
    const lowered = lowerLearningRates({ ...defaultConfig(), generatorLearningRate: 0.2 });
    expect(lowered.generatorLearningRate).toBe(0.02);
  });
});
