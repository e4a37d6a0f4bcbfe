import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LEAKY_RELU_SLOPE as ENGINE_SLOPE } from '../../src/engine/mlp';
import { RMSPROP_DECAY as ENGINE_DECAY } from '../../src/engine/optimizers';
import {
  exportPlan,
  float32Literal,
  LEAKY_RELU_SLOPE,
  numberLiteral,
  RMSPROP_DECAY,
  TFJS_EPSILON,
} from '../../src/export/common';
import { nodeScript } from '../../src/export/node';
import { pytorchScript } from '../../src/export/pytorch';
import { exportCase, MATRIX, POINTS_1D } from './configs';

describe('the export helpers', () => {
  it("keep the engine's constants", async () => {
    expect(LEAKY_RELU_SLOPE).toBe(ENGINE_SLOPE);
    expect(RMSPROP_DECAY).toBe(ENGINE_DECAY);
    await tf.setBackend('cpu');
    expect(TFJS_EPSILON).toBe(tf.backend().epsilon());
  });

  it('write numbers that read back the same in Python and JavaScript', () => {
    expect(numberLiteral(0.001)).toBe('0.001');
    expect(numberLiteral(1e-7)).toBe('1e-7');
    expect(numberLiteral(2, true)).toBe('2.0');
    expect(numberLiteral(-0)).toBe('0');
    expect(() => numberLiteral(Number.NaN)).toThrow();
    // A float32 point the user drew is written as the shortest decimal that rounds to it.
    expect(float32Literal(Math.fround(0.1))).toBe('0.1');
    expect(float32Literal(Math.fround(-1.2), true)).toBe('-1.2');
    expect(float32Literal(3, true)).toBe('3.0');
    const value = Math.fround(Math.PI);
    expect(Math.fround(Number(float32Literal(value)))).toBe(value);
  });

  it('refuse what the engine refuses', () => {
    const noPoints = exportCase('points without points', { dataset: 'points' });
    expect(() => exportPlan(noPoints.config, null)).toThrow(/no points yet/);
    const packing = exportCase('packing > batch', { packing: 8, batchSize: 4 });
    expect(() => pytorchScript(packing.config)).toThrow(/packing/);
    const weights = exportCase('bad weights', {
      dataset: 'custom-mixture',
      mixtureWeights: [1, 2],
    });
    expect(() => nodeScript(weights.config)).toThrow(/3 centres but 2 weights/);
    expect(() => pytorchScript(exportCase('default').config, null, { iterations: -1 })).toThrow();
  });

  it("ignore the user's points unless the data set is 'points'", () => {
    const ring = exportCase('ring').config;
    expect(pytorchScript(ring, POINTS_1D)).toBe(pytorchScript(ring));
    expect(exportPlan(ring, POINTS_1D).dimension).toBe(2);
  });
});

describe('the scripts are deterministic text with the config in it', () => {
  it.each(MATRIX.slice(0, 12).map((c) => [c.name, c] as const))('%s', (_, c) => {
    for (const generate of [pytorchScript, nodeScript]) {
      expect(generate(c.config, c.points)).toBe(generate(structuredClone(c.config), c.points));
    }
  });

  it('name the layer sizes, learning rates, betas, momenta and iteration count', () => {
    const c = exportCase('settings', {
      generatorLayers: [48, 24],
      discriminatorLayers: [40],
      generatorLearningRate: 0.0025,
      discriminatorLearningRate: 0.0003,
      generatorBeta1: 0.3,
      generatorBeta2: 0.95,
      discriminatorOptimizer: 'rmsprop',
      discriminatorMomentum: 0.7,
      packing: 3,
    }).config;
    const python = pytorchScript(c, null, { iterations: 750 });
    expect(python).toContain('generator = make_mlp([NOISE_DIM, 48, 24, DIM], "relu")');
    expect(python).toContain('discriminator = make_mlp([PACKING * DIM, 40, 1], "leakyRelu")');
    expect(python).toContain('generator_optimizer = torch.optim.Adam(');
    expect(python).toContain('generator.parameters(), lr=0.0025, betas=(0.3, 0.95), eps=EPSILON');
    expect(python).toContain('RMSprop(discriminator.parameters(), lr=0.0003, momentum=0.7)');
    expect(python).toContain('parser.add_argument("--iterations", type=int, default=750');
    expect(python).toContain(
      'Generator: 2 → 48 → 24 → 2, ReLU; Adam (lr 0.0025, β1 0.3, β2 0.95).',
    );
    expect(python).toContain(
      'Discriminator: 6 → 40 → 1, Leaky ReLU (0.2); RMSprop (lr 0.0003, momentum 0.7).',
    );
    expect(python).toContain('  "generatorLayers": [48,24],');

    const node = nodeScript(c, null, { iterations: 750 });
    expect(node).toContain("const generator = createMlp([NOISE_DIM, 48, 24, DIM], 'relu');");
    expect(node).toContain("const discriminator = createMlp([PACKING * DIM, 40, 1], 'leakyRelu');");
    expect(node).toContain('const generatorOptimizer = tf.train.adam(0.0025, 0.3, 0.95);');
    expect(node).toContain('const discriminatorOptimizer = tf.train.rmsprop(0.0003, 0.9, 0.7);');
    expect(node).toContain("options: { iterations: { type: 'string', default: '750' } },");
    expect(node).toContain(
      '// Discriminator: 6 → 40 → 1, Leaky ReLU (0.2); RMSprop (lr 0.0003, momentum 0.7).',
    );
    expect(node).toContain('//   "packing": 3,');
  });

  it('say how to run them and that they match in distribution, not bit for bit', () => {
    const c = exportCase('default').config;
    const python = pytorchScript(c);
    expect(python).toMatch(/^#!\/usr\/bin\/env python3\n"""A GAN Playground experiment/);
    expect(python).toContain('pip install torch numpy');
    expect(python).toContain('python gan.py --iterations 2000');
    const node = nodeScript(c);
    expect(node).toContain('npm install @tensorflow/tfjs');
    expect(node).toContain('node gan.mjs --iterations 2000');
    for (const script of [python, node]) {
      expect(script).toMatch(/distribution, not bit for bit/);
      expect(script).not.toMatch(/https?:\/\//);
    }
  });
});
