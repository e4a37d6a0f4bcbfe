import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mmdSquared } from '../../src/engine/metrics';
import { type Activation, initLimit } from '../../src/engine/mlp';
import { pytorchScript } from '../../src/export/pytorch';
import {
  DATASET_CASES,
  type ExportCase,
  exportCase,
  MATRIX,
  mmdToEngine,
  SAME_LAW_THRESHOLD,
  SAMPLE_SIZE,
} from './configs';

/** What tests/export/inspect_scripts.py reports about one script. */
interface Inspection {
  compiles: boolean;
  error?: string;
  functions: string[];
  classes: string[];
  constants: Record<string, unknown>;
  attributes: string[];
  activations: string[] | null;
  unbound: string[];
  docstring: string | null;
}

const INSPECTOR = join('tests', 'export', 'inspect_scripts.py');
const SAMPLER = join('tests', 'export', 'sample_scripts.py');
const results = new Map<string, Inspection>();

function requirePython(): void {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `These tests need python3 on the PATH to compile the exported PyTorch scripts (torch itself is not needed): ${probe.error?.message ?? probe.stderr}`,
    );
  }
}

beforeAll(() => {
  requirePython();
  const folder = mkdtempSync(join(tmpdir(), 'gan-export-py-'));
  const files = MATRIX.map((c, i) => {
    const file = join(folder, `case_${i}.py`);
    writeFileSync(file, pytorchScript(c.config, c.points));
    return file;
  });
  const run = spawnSync('python3', [INSPECTOR, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`inspect_scripts.py failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as Record<string, Inspection>;
  MATRIX.forEach((c, i) => {
    const inspection = report[files[i] as string];
    if (inspection !== undefined) results.set(c.name, inspection);
  });
});

function inspected(c: ExportCase): Inspection {
  const inspection = results.get(c.name);
  if (inspection === undefined) throw new Error(`No inspection for ${c.name}`);
  return inspection;
}

const ATTRIBUTE_OF_ACTIVATION = {
  relu: 'ReLU',
  leakyRelu: 'LeakyReLU',
  tanh: 'Tanh',
  elu: 'ELU',
  gelu: 'GELU',
} as const;

describe('pytorchScript over the config matrix', () => {
  it.each(MATRIX.map((c) => [c.name, c] as const))(
    '%s: compiles, defines what it needs and only that',
    (_, c) => {
      const { config } = c;
      const py = inspected(c);
      expect(py.error, py.error).toBeUndefined();
      expect(py.compiles).toBe(true);
      expect(py.unbound, 'names read but never bound').toEqual([]);

      const hasD = config.objective !== 'mmd';
      const penalty = config.objective === 'wasserstein' && config.gradientPenalty > 0;
      const packing = hasD && config.packing > 1;
      const instanceNoise = hasD && config.instanceNoise > 0;
      const smoothing =
        ['minimax', 'nonSaturating', 'hybrid', 'leastSquares'].includes(config.objective) &&
        config.labelSmoothing > 0;
      const mmdLoss =
        config.objective === 'mmd' || (config.objective === 'hybrid' && config.mmdWeight > 0);
      const optimizers = hasD
        ? [config.generatorOptimizer, config.discriminatorOptimizer]
        : [config.generatorOptimizer];
      const activations = hasD
        ? [config.generatorActivation, config.discriminatorActivation]
        : [config.generatorActivation];

      const always = ['sample_real', 'sample_noise', 'init_limit', 'make_mlp', 'mmd_squared'];
      expect(py.functions).toEqual(expect.arrayContaining([...always, 'evaluate', 'main', 'plot']));
      expect(py.functions.includes('discriminator_loss')).toBe(hasD);
      expect(py.functions.includes('gradient_penalty')).toBe(penalty);
      expect(py.functions.includes('discriminator_input')).toBe(packing || instanceNoise);
      expect(py.classes).toEqual(optimizers.includes('rmsprop') ? ['RMSprop'] : []);

      const k = py.constants;
      expect(k.SEED).toBe(config.seed);
      expect(k.BATCH_SIZE).toBe(config.batchSize);
      expect(k.NOISE_DIM).toBe(config.noiseDimension);
      expect(k.NOISE_SIGMA).toBe(config.noiseSigma);
      expect(k.KERNEL_BANDWIDTH).toBe(config.kernelBandwidth);
      expect(k.D_STEPS).toBe(hasD ? config.discriminatorSteps : undefined);
      expect(k.PACKING).toBe(packing ? config.packing : undefined);
      expect(k.INSTANCE_NOISE).toBe(instanceNoise ? config.instanceNoise : undefined);
      expect(k.LABEL_SMOOTHING).toBe(smoothing ? config.labelSmoothing : undefined);
      expect(k.GRADIENT_PENALTY).toBe(penalty ? config.gradientPenalty : undefined);
      expect(k.MMD_BANDWIDTHS).toEqual(mmdLoss ? config.mmdBandwidths : undefined);
      expect(k.MMD_WEIGHT).toBe(
        config.objective === 'hybrid' && mmdLoss ? config.mmdWeight : undefined,
      );
      expect(k.EPSILON).toBe(optimizers.some((o) => o !== 'sgd') ? 1e-7 : undefined);

      const uses = (attribute: string): boolean => py.attributes.includes(attribute);
      expect(uses('Adam')).toBe(optimizers.includes('adam'));
      expect(uses('SGD')).toBe(optimizers.includes('sgd'));
      expect(py.activations?.slice().sort()).toEqual([...new Set(activations)].sort());
      for (const [activation, attribute] of Object.entries(ATTRIBUTE_OF_ACTIVATION)) {
        expect(uses(attribute), attribute).toBe(activations.includes(activation as never));
      }
      const crossEntropy = ['minimax', 'nonSaturating', 'hybrid'].includes(config.objective);
      expect(uses('softplus')).toBe(crossEntropy);
      expect(uses('no_grad')).toBe(true);
      expect(uses('uniform_')).toBe(true);
      expect(uses('zeros_')).toBe(true);
      const weighted = config.dataset === 'custom-mixture' && config.mixtureWeights.length > 0;
      expect(uses('multinomial')).toBe(weighted);
      expect(py.docstring).toContain('"objective": ');
    },
  );

  it('embeds the data parameters and the user points as they are', () => {
    const byName = (name: string): Inspection => {
      const c = MATRIX.find((m) => m.name === name);
      if (c === undefined) throw new Error(name);
      return inspected(c);
    };
    expect(byName('data gaussian-1d, other parameters').constants).toMatchObject({
      MEAN: -1.5,
      STD: 0.3,
      DIM: 1,
    });
    expect(byName('data points 1-D').constants.POINTS).toEqual([
      [-1.2],
      [-1],
      [0.35],
      [2],
      [2.1],
      [2.2],
    ]);
    expect(byName('data points').constants).toMatchObject({
      DIM: 2,
      POINTS: [
        [0.1, 0.2],
        [-1.5, 0.7],
        [2.25, -0.3],
        [0, 1],
        [1.3, 1.3],
      ],
    });
    // Weight-0 components never yield a point; the engine drops them too.
    expect(byName('data custom-mixture 1-D, weighted with a zero weight').constants).toMatchObject({
      MODES: [[-3], [4]],
      WEIGHTS: [1, 3],
      DIM: 1,
    });
    expect(byName('data mixture3-1d').constants).toMatchObject({
      MODES: [[-3], [0], [3]],
      MODE_STD: 0.4,
    });
  });
});

/** What tests/export/sample_scripts.py reports about one script. */
interface Sampled {
  dimension: number;
  real: number[];
  noise: number[];
  mmd: number;
  init_limits: Record<string, number>;
}

describe('pytorchScript samples the same laws as the engine', () => {
  it('in sample_real, sample_noise, mmd_squared and init_limit (on numpy, through a stand-in for torch)', () => {
    requirePython();
    const uniform = exportCase('uniform noise', { noiseDistribution: 'uniform', noiseSigma: 0.7 });
    // The data sets, the activations (for init_limit), then uniform noise last.
    const activations = MATRIX.filter((c) => c.name.startsWith('activation '));
    const cases = [...DATASET_CASES, ...activations, uniform];
    const folder = mkdtempSync(join(tmpdir(), 'gan-export-py-sample-'));
    const files = cases.map((c, i) => {
      const file = join(folder, `case_${i}.py`);
      writeFileSync(file, pytorchScript(c.config, c.points));
      return file;
    });
    const run = spawnSync('python3', [SAMPLER, String(SAMPLE_SIZE), ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) {
      throw new Error(`sample_scripts.py failed (it needs numpy): ${run.stderr}`);
    }
    const samples = JSON.parse(run.stdout) as Sampled[];
    cases.forEach((c, i) => {
      const { dimension, real, noise, mmd } = samples[i] as Sampled;
      expect(mmdToEngine(c, Float32Array.from(real)), c.name).toBeLessThan(SAME_LAW_THRESHOLD);
      // The script's MMD² is the engine's, on the same points.
      const first = Float32Array.from(real.slice(0, 300 * dimension));
      const second = Float32Array.from(real.slice(300 * dimension, 600 * dimension));
      expect(mmd, c.name).toBeCloseTo(mmdSquared(first, second, dimension, [0.5, 1]), 5);
      const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
      const std = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
      expect(Math.abs(mean), c.name).toBeLessThan(0.05 * c.config.noiseSigma);
      expect(std / c.config.noiseSigma, c.name).toBeCloseTo(1, 1);
    });
    // The initialisation limits are the engine's, for every activation and the linear output.
    for (const { init_limits } of samples) {
      for (const [activation, limit] of Object.entries(init_limits)) {
        expect(limit, activation).toBeCloseTo(initLimit(64, 32, activation as Activation), 12);
      }
    }
    expect(activations).toHaveLength(5);
    const uniformNoise = (samples.at(-1) as Sampled).noise;
    const half = Math.sqrt(3) * 0.7;
    expect(Math.max(...uniformNoise)).toBeLessThanOrEqual(half);
    expect(Math.max(...uniformNoise)).toBeGreaterThan(0.99 * half);
    expect(Math.min(...uniformNoise)).toBeGreaterThanOrEqual(-half);
  });
});
