import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { configRefusal } from '../../src/config/refusal';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import { createTrainer } from '../../src/engine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SMALL: Partial<PlaygroundConfig> = { generatorLayers: [4], discriminatorLayers: [4] };

const CASES: [string, Partial<PlaygroundConfig>][] = [
  ['the defaults', {}],
  ['packing larger than the batch', { packing: 8, batchSize: 4 }],
  ['packing equal to the batch', { packing: 4, batchSize: 4 }],
  ['packing larger than the batch, MMD objective', { objective: 'mmd', packing: 8, batchSize: 4 }],
  ['MMD with a batch of 1', { objective: 'mmd', batchSize: 1 }],
  ['hybrid with a batch of 1', { objective: 'hybrid', batchSize: 1 }],
  ['non-saturating with a batch of 1', { batchSize: 1 }],
  ['all mixture weights zero', { dataset: 'custom-mixture', mixtureWeights: [0, 0, 0] }],
  ['one mixture weight left', { dataset: 'custom-mixture', mixtureWeights: [0, 1, 0] }],
  ['more weights than means', { dataset: 'custom-mixture', mixtureWeights: [1, 1, 1, 1] }],
];

describe('configRefusal agrees with the engine', () => {
  for (const [what, changes] of CASES) {
    it(what, () => {
      const config = { ...defaultConfig(), ...SMALL, ...changes };
      let engine: string | null = null;
      try {
        createTrainer({ ...config, points: null }).dispose();
      } catch (error) {
        engine = String(error);
      }
      const refusal = configRefusal(config);
      expect(refusal === null, `engine: ${engine}, here: ${refusal?.reason}`).toBe(engine === null);
      if (refusal !== null) expect(refusal.reason).toMatch(/^\S.{8,}[.]$/);
    });
  }
});
