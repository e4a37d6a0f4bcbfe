import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, mmdSquared } from '../../src/engine';
import { nodeScript } from '../../src/export/node';
import {
  DATASET_CASES,
  type ExportCase,
  exportCase,
  type Finished,
  mmdToEngine,
  POINTS_2D,
  runCommand,
  SAME_LAW_THRESHOLD,
  SAMPLE_SIZE,
  scratchFolder,
} from './configs';

/** The numbers a script prints: MMD² before and after, and every logged loss. */
interface Printed {
  before: number;
  final: number;
  discriminatorLosses: number[];
  generatorLosses: number[];
}

const NUMBER = '(-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?|NaN|-?Infinity)';

function parseOutput(stdout: string): Printed {
  const match = (pattern: RegExp): number => {
    const found = pattern.exec(stdout);
    if (found === null) throw new Error(`No match for ${pattern} in:\n${stdout}`);
    return Number(found[1]);
  };
  const lossLines = [...stdout.matchAll(/^iteration +\d+(.*)$/gm)].map((m) => m[1] ?? '');
  const losses = (name: string): number[] =>
    lossLines.flatMap((line) => {
      const found = new RegExp(`${name} loss +${NUMBER}`).exec(line);
      return found === null ? [] : [Number(found[1])];
    });
  return {
    before: match(new RegExp(`^MMD² before training: ${NUMBER}$`, 'm')),
    final: match(new RegExp(`^final MMD² \\(h = [\\d.]+\\): ${NUMBER}$`, 'm')),
    discriminatorLosses: losses('D'),
    generatorLosses: losses('G'),
  };
}

/** Writes the case's script into the gitignored scratch folder and returns its path. */
function writeScript(folder: string, c: ExportCase, index: number): string {
  const file = join(folder, `case-${index}.mjs`);
  writeFileSync(file, nodeScript(c.config, c.points));
  return file;
}

/** Runs `tasks` at most `limit` at a time (the machine has two cores). */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const SMALL = { batchSize: 64, generatorLayers: [32, 32], discriminatorLayers: [32, 32] };

const RUNS: ExportCase[] = [
  exportCase('the default config'),
  exportCase('wasserstein + packing, GELU critic, instance noise', {
    ...SMALL,
    objective: 'wasserstein',
    packing: 2,
    instanceNoise: 0.1,
    discriminatorActivation: 'gelu',
    generatorActivation: 'tanh',
  }),
  exportCase('mmd on a 1-D mixture', { ...SMALL, objective: 'mmd', dataset: 'mixture-1d' }),
  exportCase('hybrid, label smoothing, RMSprop and SGD', {
    ...SMALL,
    objective: 'hybrid',
    labelSmoothing: 0.1,
    generatorOptimizer: 'rmsprop',
    discriminatorOptimizer: 'sgd',
  }),
  exportCase(
    'user points, least squares, uniform noise',
    { ...SMALL, dataset: 'points', objective: 'leastSquares', noiseDistribution: 'uniform' },
    POINTS_2D,
  ),
];

describe('nodeScript runs with node and @tensorflow/tfjs alone', () => {
  const finished = new Map<string, Finished>();

  beforeAll(async () => {
    const folder = scratchFolder('runs');
    const results = await pooled(
      RUNS.map(
        (c, i) => () =>
          runCommand('node', [writeScript(folder, c, i), '--iterations', '30'], 60_000),
      ),
      2,
    );
    RUNS.forEach((c, i) => {
      finished.set(c.name, results[i] as Finished);
    });
  }, 120_000);

  it.each(RUNS.map((c) => [c.name, c] as const))(
    '%s: exits 0 with finite losses and a finite final MMD²',
    (name, c) => {
      const run = finished.get(name);
      expect(run?.code, run?.stderr).toBe(0);
      const printed = parseOutput(run?.stdout ?? '');
      expect(Number.isFinite(printed.before)).toBe(true);
      expect(Number.isFinite(printed.final)).toBe(true);
      expect(printed.generatorLosses.length).toBeGreaterThanOrEqual(20);
      expect(printed.generatorLosses.every(Number.isFinite)).toBe(true);
      const hasD = c.config.objective !== 'mmd';
      expect(printed.discriminatorLosses.length).toBe(hasD ? printed.generatorLosses.length : 0);
      expect(printed.discriminatorLosses.every(Number.isFinite)).toBe(true);
    },
  );

  it('imports only @tensorflow/tfjs and node built-ins, and frees every tensor it makes', async () => {
    for (const c of RUNS) {
      const imports = [...nodeScript(c.config, c.points).matchAll(/^import .* from '([^']+)';$/gm)];
      expect(imports.map((m) => m[1])).toEqual(['node:url', 'node:util', '@tensorflow/tfjs']);
    }
    // One process imports three scripts and runs each one's main() for 1 and then 4 iterations,
    // counting live tensors before and after.
    const cases = RUNS.slice(1, 4);
    const folder = scratchFolder('leaks');
    const files = cases.map((c, i) => pathToFileURL(resolve(writeScript(folder, c, i))));
    const harness = join(folder, 'harness.mjs');
    writeFileSync(
      harness,
      [
        "import * as tf from '@tensorflow/tfjs';",
        'const leaked = [];',
        `for (const file of ${JSON.stringify(files.map(String))}) {`,
        '  const { main } = await import(file);',
        "  for (const iterations of ['1', '4']) {",
        "    process.argv = [process.argv[0], 'harness', '--iterations', iterations];",
        '    const before = tf.memory().numTensors;',
        '    await main();',
        '    leaked.push(tf.memory().numTensors - before);',
        '  }',
        '}',
        "console.error('leaked ' + JSON.stringify(leaked));",
      ].join('\n'),
    );
    const run = await runCommand('node', [harness], 60_000);
    expect(run.code, run.stderr).toBe(0);
    // tfjs 4.22's MomentumOptimizer.dispose() forgets the −lr scalar its SGD base class keeps,
    // so a script with an SGD optimiser ends one tensor up; nothing grows with the iterations.
    const expected = cases.flatMap((c) => {
      const sgd = [c.config.generatorOptimizer, c.config.discriminatorOptimizer].filter(
        (o) => o === 'sgd',
      ).length;
      return [sgd, sgd];
    });
    expect(/leaked (.*)$/m.exec(run.stderr)?.[1]).toBe(JSON.stringify(expected));
  }, 60_000);
});

describe('nodeScript is faithful to the engine', () => {
  it('samples every data set from the same law as the engine', async () => {
    const folder = scratchFolder('datasets');
    const files = DATASET_CASES.map((c, i) => pathToFileURL(resolve(writeScript(folder, c, i))));
    const harness = join(folder, 'harness.mjs');
    writeFileSync(
      harness,
      [
        'const samples = [];',
        `for (const file of ${JSON.stringify(files.map(String))}) {`,
        '  const { sampleReal } = await import(file);',
        `  samples.push(Array.from(sampleReal(${SAMPLE_SIZE})));`,
        '}',
        'process.stdout.write(JSON.stringify(samples));',
      ].join('\n'),
    );
    const run = await runCommand('node', [harness], 60_000);
    expect(run.code, run.stderr).toBe(0);
    const scripted = (JSON.parse(run.stdout) as number[][]).map((s) => Float32Array.from(s));
    DATASET_CASES.forEach((c, i) => {
      const sample = scripted[i] as Float32Array;
      expect(mmdToEngine(c, sample), c.name).toBeLessThan(SAME_LAW_THRESHOLD);
    });
    // The check has power: the same points 10 % too large fail it.
    for (const dataset of ['two-moons', 'circle', 'gaussian-1d']) {
      const i = DATASET_CASES.findIndex((c) => c.config.dataset === dataset);
      const scaled = (scripted[i] as Float32Array).map((v) => 1.1 * v);
      expect(mmdToEngine(DATASET_CASES[i] as ExportCase, scaled), dataset).toBeGreaterThan(
        SAME_LAW_THRESHOLD,
      );
    }
  }, 60_000);

  it('learns a 1-D Gaussian as the engine does: MMD² falls far below its start', async () => {
    const c = exportCase('a small GAN on the 1-D Gaussian', {
      dataset: 'gaussian-1d',
      generatorLayers: [16, 16],
      discriminatorLayers: [16, 16],
      batchSize: 64,
      generatorLearningRate: 0.005,
      discriminatorLearningRate: 0.005,
    });
    const iterations = 400;
    const file = writeScript(scratchFolder('faithful'), c, 0);
    const run = await runCommand('node', [file, '--iterations', String(iterations)], 60_000);
    expect(run.code, run.stderr).toBe(0);
    const { before, final } = parseOutput(run.stdout);
    expect(final).toBeLessThan(0.2 * before);
    expect(final).toBeLessThan(0.1);

    // The engine on the same config reaches the same neighbourhood (its random streams differ,
    // so only the order of magnitude is comparable).
    await tf.setBackend('cpu');
    const trainer = createTrainer(c.config);
    try {
      trainer.step(iterations);
      const engineFinal = mmdSquared(await trainer.sample(1000), trainer.sampleReal(1000), 1, 0.5);
      expect(final).toBeLessThan(4 * engineFinal + 0.02);
    } finally {
      trainer.dispose();
    }
  }, 60_000);
});
