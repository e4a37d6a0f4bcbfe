import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, FIELDS, type PlaygroundConfig } from '../../src/config/schema';
import { DATASET_IDS, resolveDataset } from '../../src/engine/datasets';
import { mmdSquared } from '../../src/engine/metrics';
import { createRandom } from '../../src/engine/random';
import type { UserPoints } from '../../src/export/common';

/** A config to export, with the user's points where its data set needs them. */
export interface ExportCase {
  name: string;
  config: PlaygroundConfig;
  points: UserPoints | null;
}

export const POINTS_2D: UserPoints = {
  dimension: 2,
  values: Float32Array.from([0.1, 0.2, -1.5, 0.7, 2.25, -0.3, 0, 1, 1.3, 1.3]),
};
export const POINTS_1D: UserPoints = {
  dimension: 1,
  values: Float32Array.from([-1.2, -1, 0.35, 2, 2.1, 2.2]),
};

/** The default config with the given settings changed. */
export function exportCase(
  name: string,
  overrides: Partial<PlaygroundConfig> = {},
  points: UserPoints | null = null,
): ExportCase {
  return { name, config: { ...defaultConfig(), ...overrides }, points };
}

const ACTIVATIONS = FIELDS.generatorActivation.options;
const OBJECTIVES = FIELDS.objective.options;

/** Every data set with its default parameters (the user's points where it needs some). */
export const DATASET_CASES: ExportCase[] = [
  ...DATASET_IDS.map((dataset) =>
    exportCase(`data ${dataset}`, { dataset }, dataset === 'points' ? POINTS_2D : null),
  ),
  exportCase(
    'data custom-mixture 1-D, weighted with a zero weight',
    { dataset: 'custom-mixture', mixtureMeans: [[-3], [0.5], [4]], mixtureWeights: [1, 0, 3] },
    null,
  ),
  exportCase('data points 1-D', { dataset: 'points' }, POINTS_1D),
  exportCase('data gaussian-1d, other parameters', {
    dataset: 'gaussian-1d',
    gaussianMean: -1.5,
    gaussianStd: 0.3,
  }),
];

/**
 * Every objective, data set, activation (plain and inside a WGAN-GP critic), noise law and
 * optimiser, and the options (packing, instance noise, label smoothing) where they apply and
 * where they do not.
 */
export const MATRIX: ExportCase[] = [
  ...OBJECTIVES.map((objective) => exportCase(`objective ${objective}`, { objective })),
  ...DATASET_CASES,
  ...ACTIVATIONS.map((activation) =>
    exportCase(`activation ${activation}`, {
      generatorActivation: activation,
      discriminatorActivation: activation,
    }),
  ),
  ...ACTIVATIONS.map((activation) =>
    exportCase(`wasserstein critic ${activation}`, {
      objective: 'wasserstein',
      discriminatorActivation: activation,
    }),
  ),
  exportCase('uniform noise', { noiseDistribution: 'uniform', noiseDimension: 3 }),
  exportCase('sgd + rmsprop', { generatorOptimizer: 'sgd', discriminatorOptimizer: 'rmsprop' }),
  exportCase('rmsprop + sgd', { generatorOptimizer: 'rmsprop', discriminatorOptimizer: 'sgd' }),
  exportCase('packing 3, instance noise, k = 3', {
    packing: 3,
    instanceNoise: 0.2,
    discriminatorSteps: 3,
  }),
  exportCase('wasserstein + packing + instance noise', {
    objective: 'wasserstein',
    packing: 2,
    instanceNoise: 0.1,
  }),
  exportCase('wasserstein without penalty', { objective: 'wasserstein', gradientPenalty: 0 }),
  exportCase('label smoothing', { labelSmoothing: 0.1 }),
  exportCase('least squares + label smoothing', { objective: 'leastSquares', labelSmoothing: 0.2 }),
  exportCase('hinge ignores label smoothing', { objective: 'hinge', labelSmoothing: 0.2 }),
  exportCase('mmd ignores packing and instance noise', {
    objective: 'mmd',
    packing: 4,
    instanceNoise: 0.3,
    dataset: 'mixture-1d',
  }),
  exportCase('hybrid with λ = 0', { objective: 'hybrid', mmdWeight: 0 }),
  exportCase('hybrid, smoothing, one bandwidth', {
    objective: 'hybrid',
    labelSmoothing: 0.05,
    mmdBandwidths: [0.3],
    mmdWeight: 2.5,
  }),
  exportCase('minimax on 2-D user points', { objective: 'minimax', dataset: 'points' }, POINTS_2D),
  exportCase(
    'wasserstein on 1-D user points',
    { objective: 'wasserstein', dataset: 'points' },
    POINTS_1D,
  ),
  exportCase('one hidden layer each, tiny batch', {
    generatorLayers: [7],
    discriminatorLayers: [5],
    batchSize: 3,
  }),
];

/** A gitignored folder inside the repo, so that the scripts' bare '@tensorflow/tfjs' resolves. */
export function scratchFolder(name: string): string {
  const folder = join('tests', 'export', '.tmp', name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to the end (or `timeoutMs`), collecting its output. */
export function runCommand(command: string, args: string[], timeoutMs: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Unbiased MMD² (bandwidth 0.5) between an exported script's real points and as many drawn by
 * the engine for the same case. Under the same law and with 1500 points of each it stays below
 * ~5e-4; SAME_LAW_THRESHOLD leaves room for that and still fails a 10 % error of scale.
 */
export function mmdToEngine(c: ExportCase, scripted: Float32Array): number {
  const spec = resolveDataset(c.config.dataset, { ...c.config, points: c.points });
  const engine = spec.sample(createRandom(11), scripted.length / spec.dimension);
  return mmdSquared(scripted, engine, spec.dimension, 0.5);
}

export const SAME_LAW_THRESHOLD = 0.0025;
export const SAMPLE_SIZE = 1500;
