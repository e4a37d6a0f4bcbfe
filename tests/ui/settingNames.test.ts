import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema';
import { changedKeys, describeChanges, describeCompare } from '../../src/ui/settingNames';

describe('settings named outside their controls', () => {
  it('the compare label says which network each setting is for', () => {
    expect(describeCompare({ generatorOptimizer: 'sgd', discriminatorOptimizer: 'sgd' })).toBe(
      'G · Optimiser = SGD + momentum, D · Optimiser = SGD + momentum',
    );
    expect(describeCompare({ generatorLearningRate: 0.01, batchSize: 64 })).toBe(
      'G · Learning rate = 0.01, Batch size = 64',
    );
    expect(describeCompare({})).toBe('the same settings');
  });

  it('lists the settings changed between two configs, from and to', () => {
    const live = defaultConfig();
    const edited = { ...live, generatorLearningRate: 0.0003, objective: 'mmd' as const };
    expect(changedKeys(live, live)).toEqual([]);
    expect(changedKeys(live, edited)).toEqual(['generatorLearningRate', 'objective']);
    expect(describeChanges(live, edited)).toMatch(/^G · Learning rate 0\.001 → 0\.0003, .+ → /);
  });
});
