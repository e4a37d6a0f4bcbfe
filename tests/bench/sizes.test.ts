import { describe, expect, it } from 'vitest';
import { isModelSize, MODEL_SIZES, SIZE_LABELS, sizeConfig, sizeHash } from '../../bench/sizes';
import { configSchema } from '../../src/config/schema';
import { decodeHash } from '../../src/config/url';

describe('the benchmark sizes', () => {
  it("ganlab is GAN Lab's real default: 2→8→8, ReLU, batch 150, k = 2, plain SGD at 0.1", () => {
    const c = sizeConfig('ganlab');
    expect(c.generatorLayers).toEqual([8, 8]);
    expect(c.discriminatorLayers).toEqual([8, 8]);
    expect([c.generatorActivation, c.discriminatorActivation]).toEqual(['relu', 'relu']);
    expect(c.batchSize).toBe(150);
    expect(c.discriminatorSteps).toBe(2);
    expect([c.generatorOptimizer, c.discriminatorOptimizer]).toEqual(['sgd', 'sgd']);
    expect([c.generatorLearningRate, c.discriminatorLearningRate]).toEqual([0.1, 0.1]);
    expect([c.generatorMomentum, c.discriminatorMomentum]).toEqual([0, 0]);
  });

  it('writes each size as a link the app reads back to the same settings', () => {
    for (const size of Object.keys(MODEL_SIZES)) {
      if (!isModelSize(size)) throw new Error(size);
      const hash = sizeHash(size);
      const decoded = decodeHash(hash);
      expect(decoded.fixes).toEqual([]);
      expect(decoded.config).toEqual(sizeConfig(size));
      expect(configSchema.safeParse(sizeConfig(size)).success).toBe(true);
    }
    expect(sizeHash('ganlab')).toBe(
      'v=1&g=8,8&optG=sgd&lrG=0.1&momG=0&d=8,8&actD=relu&optD=sgd&lrD=0.1&momD=0&k=2&batch=150',
    );
  });

  it('labels small as what it is, not as GAN Lab', () => {
    expect(SIZE_LABELS.small).not.toMatch(/GAN Lab/);
    expect(SIZE_LABELS.ganlab).toMatch(/GAN Lab/);
    expect(Object.keys(SIZE_LABELS)).toEqual(Object.keys(MODEL_SIZES));
    expect(isModelSize('toString')).toBe(false);
  });
});
