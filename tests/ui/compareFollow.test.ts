import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema';
import { compareConfig } from '../../src/config/view';
import { followCompare } from '../../src/ui/compareFollow';

describe('followCompare', () => {
  const before = defaultConfig();
  const compare = compareConfig(before, { noiseSigma: 2, objective: 'mmd' });

  it("re-applies run B's own changes to run A's new settings, as the page will", () => {
    const lowered = {
      ...before,
      generatorLearningRate: before.generatorLearningRate / 10,
      discriminatorLearningRate: before.discriminatorLearningRate / 10,
    };
    const next = followCompare(compare, before, lowered);
    expect(next).toEqual(compareConfig(lowered, { noiseSigma: 2, objective: 'mmd' }));
    // Same keys in the same order: the worker compares configs by their JSON.
    expect(JSON.stringify(next)).toBe(
      JSON.stringify(compareConfig(lowered, { noiseSigma: 2, objective: 'mmd' })),
    );
  });

  it('keeps no comparison when there is none', () => {
    expect(followCompare(null, before, { ...before, seed: 3 })).toBeNull();
  });
});
