import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, mmdSquared, type TrainerConfig } from '../../src/engine';
import { wasserstein1 } from '../../src/engine/metrics';
import { OBJECTIVES, type Objective } from '../../src/engine/objectives';
import { createOptimizer, OPTIMIZER_KINDS } from '../../src/engine/optimizers';
import { WASSERSTEIN_METHOD } from '../../src/engine/trainer';
import { BASE_CONFIG } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BASE = BASE_CONFIG;

/**
 * A seeded preset per objective that learns gaussian-1d, N(2, 0.75²), from an untrained
 * generator at W1 ≈ 0.9–1.9. Each was checked offline over seeds 1–6 at exactly this iteration
 * count, W1 between 1000 fresh generated and 1000 real points; the worst of the six seeds:
 * minimax 0.149, nonSaturating 0.166, leastSquares 0.129, hinge 0.164, wasserstein 0.214,
 * mmd 0.161, hybrid 0.129 (all six below 0.25 for every objective).
 * Shared ingredients: the discriminator learns faster than the generator (two time-scale
 * update rule, Heusel et al. 2017) and PacGAN packing of 2 (Lin et al. 2018), which lets a
 * small discriminator see the spread of the generated batch; without them the cross-entropy
 * objectives often settle on a too-wide generator (std ≈ 1.1–2) that a [16, 16]
 * discriminator no longer tells apart, or oscillate around the target. WGAN-GP on a 1-D target needs packing 4 and Adam without momentum
 * (β1 = 0, β2 = 0.9 as in Gulrajani et al. 2017): with a 1-D critic input the two-sided
 * penalty pins |t′| ≈ 1, so the critic cannot flip a slope without crossing |t′| = 0, which
 * the penalty forbids; it then gets stuck in a shape that collapses or drifts the generator.
 */
const PRESETS: Record<
  Objective,
  { overrides: Partial<TrainerConfig>; iterations: number; seed: number }
> = {
  minimax: {
    overrides: { generatorLearningRate: 0.002, discriminatorLearningRate: 0.005, packing: 2 },
    iterations: 1000,
    seed: 5,
  },
  nonSaturating: {
    overrides: { generatorLearningRate: 0.002, discriminatorLearningRate: 0.005, packing: 2 },
    iterations: 800,
    seed: 2,
  },
  leastSquares: {
    overrides: { generatorLearningRate: 0.002, discriminatorLearningRate: 0.005, packing: 2 },
    iterations: 600,
    seed: 2,
  },
  hinge: {
    overrides: { generatorLearningRate: 0.001, discriminatorLearningRate: 0.005, packing: 2 },
    iterations: 800,
    seed: 2,
  },
  wasserstein: {
    overrides: {
      generatorLearningRate: 0.001,
      discriminatorLearningRate: 0.005,
      generatorBeta1: 0,
      generatorBeta2: 0.9,
      discriminatorBeta1: 0,
      discriminatorBeta2: 0.9,
      packing: 4,
    },
    iterations: 1400,
    seed: 3,
  },
  mmd: { overrides: { generatorLearningRate: 0.002 }, iterations: 300, seed: 6 },
  hybrid: {
    overrides: { generatorLearningRate: 0.002, discriminatorLearningRate: 0.005, packing: 2 },
    iterations: 250,
    seed: 3,
  },
};

/** Every objective with every stabiliser switched on, on tiny networks (for leak checks). */
const tinyConfig = (objective: Objective, seed = 1): TrainerConfig => ({
  ...BASE,
  dataset: 'gaussian-2d',
  objective,
  generatorLayers: [8],
  discriminatorLayers: [8],
  batchSize: 16,
  discriminatorSteps: 2,
  packing: 2,
  labelSmoothing: 0.1,
  instanceNoise: 0.1,
  seed,
});

describe('createTrainer', () => {
  it('learns gaussian-1d: MMD² to the data drops below a quarter of its initial value', async () => {
    const trainer = createTrainer(BASE);
    const real = trainer.sampleReal(500);
    const initial = mmdSquared(await trainer.sampleGenerator(500), real, 1, 1);
    trainer.step(400);
    expect(trainer.iteration).toBe(400);
    const final = mmdSquared(await trainer.sampleGenerator(500), real, 1, 1);
    expect(initial).toBeGreaterThan(0.1);
    expect(final).toBeLessThan(0.25 * initial);

    // The generator has moved towards mean 2 and spread 0.75.
    const generated = await trainer.sampleGenerator(500);
    const mean = generated.reduce((s, v) => s + v, 0) / generated.length;
    expect(Math.abs(mean - 2)).toBeLessThan(0.4);

    // Near equilibrium D(x) ≈ 1/2 everywhere: L_D ≈ 2 ln 2 and L_G ≈ ln 2.
    const losses = await trainer.takeLosses();
    expect(losses?.iterations).toBe(400);
    expect(losses?.discriminator).toBeGreaterThan(1);
    expect(losses?.discriminator).toBeLessThan(1.6);
    expect(losses?.generator).toBeGreaterThan(0.4);
    expect(losses?.generator).toBeLessThan(1.2);
    trainer.dispose();
  });

  it('is reproducible: the same seed gives identical losses and samples', async () => {
    const run = async (seed: number) => {
      const trainer = createTrainer({ ...BASE, dataset: 'ring-8', seed });
      trainer.step(30);
      const losses = await trainer.takeLosses();
      const generated = await trainer.sampleGenerator(100);
      const real = trainer.sampleReal(100);
      trainer.dispose();
      return { losses, generated: Array.from(generated), real: Array.from(real) };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c.generated).not.toEqual(a.generated);
    expect(c.real).not.toEqual(a.real);
  });

  it('shows the same evaluation noise in successive snapshots', async () => {
    const trainer = createTrainer({ ...BASE, dataset: 'ring-8' });
    const first = await trainer.sampleGenerator(50);
    await trainer.sampleGenerator(20);
    expect(await trainer.sampleGenerator(50)).toEqual(first);
    expect(first.length).toBe(100);
    trainer.step(1);
    const moved = await trainer.sampleGenerator(50);
    expect(moved).not.toEqual(first);
    // One update moves each point a little, far less than the distance to the points of a
    // different noise batch: the snapshot tracks the same noise vectors.
    const meanSquare = (a: Float32Array, b: Float32Array) =>
      a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0) / a.length;
    const otherNoise = (await trainer.sampleGenerator(51)).slice(0, first.length);
    expect(meanSquare(moved, first)).toBeLessThan(0.1 * meanSquare(moved, otherNoise));
    trainer.dispose();
  });

  it('reports mean losses since the previous readback, and null when nothing ran', async () => {
    const trainer = createTrainer(BASE);
    expect(await trainer.takeLosses()).toBeNull();
    trainer.step(3);
    const first = await trainer.takeLosses();
    expect(first?.iterations).toBe(3);
    // At initialisation D(x) ≈ 1/2, so L_D ≈ 2 ln 2 ≈ 1.39 and L_G ≈ ln 2 ≈ 0.69.
    expect(first?.discriminator).toBeGreaterThan(0.7);
    expect(first?.discriminator).toBeLessThan(2.5);
    expect(first?.generator).toBeGreaterThan(0.2);
    expect(first?.generator).toBeLessThan(1.5);
    expect(await trainer.takeLosses()).toBeNull();
    trainer.step(2);
    expect((await trainer.takeLosses())?.iterations).toBe(2);
    trainer.dispose();
  });

  it('runs k = 3 discriminator steps per iteration', async () => {
    const trainer = createTrainer({ ...BASE, dataset: 'mixture-1d', discriminatorSteps: 3 });
    trainer.step(10);
    expect(trainer.iteration).toBe(10);
    const losses = await trainer.takeLosses();
    expect(losses?.iterations).toBe(10);
    expect(Number.isFinite(losses?.discriminator)).toBe(true);
    expect(Number.isFinite(losses?.generator)).toBe(true);
    // Three D updates per iteration advance the D optimiser three times as often as G's,
    // which shows in the data stream: the same seed with k = 1 gives different samples.
    const single = createTrainer({ ...BASE, dataset: 'mixture-1d', discriminatorSteps: 1 });
    single.step(10);
    expect(await single.sampleGenerator(20)).not.toEqual(await trainer.sampleGenerator(20));
    single.dispose();
    trainer.dispose();
  });

  it('leaks no tensors: the count after 500 iterations equals the count after 1', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer({
      ...BASE,
      dataset: 'gaussian-2d',
      generatorLayers: [8],
      discriminatorLayers: [8],
      batchSize: 16,
      discriminatorSteps: 2,
    });
    trainer.step(1);
    const afterOne = tf.memory().numTensors;
    await trainer.takeLosses();
    await trainer.sampleGenerator(64);
    trainer.sampleReal(64);
    expect(tf.memory().numTensors).toBe(afterOne);
    trainer.step(499);
    await trainer.takeLosses();
    await trainer.sampleGenerator(64);
    await trainer.sampleGenerator(128);
    expect(trainer.iteration).toBe(500);
    expect(tf.memory().numTensors).toBe(afterOne);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dispose() frees everything, including the optimiser state, and forbids further use', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer(BASE);
    trainer.step(2);
    await trainer.sampleGenerator(10);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => trainer.step()).toThrow(/disposed/);
    trainer.dispose();
  });

  it('throws a clear error for impossible input, without leaking', () => {
    const before = tf.memory().numTensors;
    expect(() => createTrainer({ ...BASE, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createTrainer({ ...BASE, noiseDimension: 0 })).toThrow(/noiseDimension/);
    expect(() => createTrainer({ ...BASE, discriminatorLayers: [16, 0] })).toThrow(/width/);
    expect(() => createTrainer({ ...BASE, packing: 65 })).toThrow(/packing.*batchSize/);
    expect(() => createTrainer({ ...BASE, packing: 0 })).toThrow(/packing/);
    expect(() => createTrainer({ ...BASE, labelSmoothing: 0.5 })).toThrow(/labelSmoothing/);
    expect(() => createTrainer({ ...BASE, instanceNoise: -1 })).toThrow(/instanceNoise/);
    expect(() => createTrainer({ ...BASE, gradientPenalty: -1 })).toThrow(/gradientPenalty/);
    expect(() => createTrainer({ ...BASE, generatorBeta1: 1 })).toThrow(/generatorBeta1/);
    expect(() => createTrainer({ ...BASE, discriminatorMomentum: 1.5 })).toThrow(
      /discriminatorMomentum/,
    );
    expect(() => createTrainer({ ...BASE, objective: 'mmd', mmdBandwidths: [] })).toThrow(
      /mmdBandwidths/,
    );
    expect(() => createTrainer({ ...BASE, mmdBandwidths: [1, 0] })).toThrow(/mmdBandwidths/);
    expect(() =>
      createTrainer({ ...BASE, objective: 'nope' as unknown as TrainerConfig['objective'] }),
    ).toThrow(/objective/);
    expect(() =>
      createTrainer({
        ...BASE,
        generatorActivation: 'swish' as unknown as TrainerConfig['generatorActivation'],
      }),
    ).toThrow(/generatorActivation/);
    expect(() =>
      createTrainer({
        ...BASE,
        discriminatorOptimizer: 'lbfgs' as unknown as TrainerConfig['discriminatorOptimizer'],
      }),
    ).toThrow(/optimizer/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('objectives', () => {
  it(`WASSERSTEIN_METHOD is ${WASSERSTEIN_METHOD}`, () => {
    expect(WASSERSTEIN_METHOD).toBe('gradient-penalty');
  });

  for (const objective of OBJECTIVES) {
    const preset = PRESETS[objective];
    it(`${objective} learns gaussian-1d: W1 < 0.25 after ${preset.iterations} iterations`, async () => {
      const trainer = createTrainer({ ...BASE, ...preset.overrides, objective, seed: preset.seed });
      const real = trainer.sampleReal(1000);
      const initial = wasserstein1(await trainer.sample(1000), real);
      trainer.step(preset.iterations);
      const final = wasserstein1(await trainer.sample(1000), trainer.sampleReal(1000));
      expect(final).toBeLessThan(0.25);
      expect(final).toBeLessThan(initial / 3);
      const losses = await trainer.takeLosses();
      expect(Number.isFinite(losses?.generator)).toBe(true);
      if (objective === 'mmd') expect(losses?.discriminator).toBeNull();
      else expect(Number.isFinite(losses?.discriminator)).toBe(true);
      trainer.dispose();
    });
  }

  for (const objective of OBJECTIVES) {
    it(`${objective} leaks no tensors over 200 iterations, diagnostics() and sample()`, async () => {
      const before = tf.memory().numTensors;
      const trainer = createTrainer(tinyConfig(objective));
      trainer.step(1);
      const afterOne = tf.memory().numTensors;
      trainer.step(199);
      expect(tf.memory().numTensors).toBe(afterOne);
      await trainer.takeLosses();
      await trainer.diagnostics(32);
      await trainer.sample(50);
      await trainer.sampleGenerator(50);
      expect(tf.memory().numTensors).toBe(afterOne);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  for (const objective of OBJECTIVES) {
    it(`${objective} is deterministic: the same seed gives the same losses`, async () => {
      const run = async (seed: number) => {
        const trainer = createTrainer(tinyConfig(objective, seed));
        trainer.step(15);
        const result = {
          losses: await trainer.takeLosses(),
          diagnostics: await trainer.diagnostics(16),
          sample: Array.from(await trainer.sample(20)),
        };
        trainer.dispose();
        return result;
      };
      const a = await run(3);
      expect(await run(3)).toEqual(a);
      expect((await run(4)).losses).not.toEqual(a.losses);
    });
  }

  it('the mmd objective builds no discriminator', async () => {
    const trainer = createTrainer({ ...BASE, objective: 'mmd' });
    expect(trainer.parameterCount.discriminator).toBe(0);
    trainer.step(2);
    const losses = await trainer.takeLosses();
    expect(losses?.discriminator).toBeNull();
    expect(losses?.generator).toBeGreaterThan(0);
    const diagnostics = await trainer.diagnostics(32);
    expect(diagnostics.meanDReal).toBeNull();
    expect(diagnostics.meanDFake).toBeNull();
    expect(diagnostics.discriminatorGradNorm).toBeNull();
    expect(diagnostics.generatorGradNorm).toBeGreaterThan(0);
    trainer.dispose();
  });

  it('label smoothing and instance noise change the run, and only when set', async () => {
    const losses = async (overrides: Partial<TrainerConfig>) => {
      const trainer = createTrainer({ ...BASE, ...overrides });
      trainer.step(5);
      const result = await trainer.takeLosses();
      trainer.dispose();
      return result;
    };
    const plain = await losses({});
    expect(await losses({ labelSmoothing: 0.2 })).not.toEqual(plain);
    expect(await losses({ instanceNoise: 0.3 })).not.toEqual(plain);
    // Hinge and Wasserstein have no labels to smooth.
    const hinge = await losses({ objective: 'hinge' });
    expect(await losses({ objective: 'hinge', labelSmoothing: 0.2 })).toEqual(hinge);
  });
});

describe('diagnostics', () => {
  it('reports D(x) as a probability for cross-entropy objectives and as a raw score otherwise', async () => {
    for (const objective of ['minimax', 'nonSaturating', 'hybrid'] as const) {
      const trainer = createTrainer({ ...BASE, objective });
      trainer.step(20);
      const d = await trainer.diagnostics(64);
      for (const p of [d.meanDReal, d.meanDFake]) {
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
      }
      expect(d.generatorGradNorm).toBeGreaterThan(0);
      expect(d.discriminatorGradNorm).toBeGreaterThan(0);
      trainer.dispose();
    }
    // A Wasserstein critic trained against a (practically) frozen generator estimates W1:
    // E t(real) − E t(fake) ≈ W1(data, G) ≈ 2, a raw score outside (0, 1).
    const critic = createTrainer({
      ...BASE,
      objective: 'wasserstein',
      generatorLearningRate: 1e-9,
      discriminatorSteps: 5,
    });
    const w1 = wasserstein1(await critic.sample(1000), critic.sampleReal(1000));
    critic.step(40);
    const d = await critic.diagnostics(512);
    expect(d.meanDReal! - d.meanDFake!).toBeGreaterThan(0.7 * w1);
    expect(d.meanDReal! - d.meanDFake!).toBeLessThan(1.5 * w1);
    critic.dispose();
  });

  it('uses its own random stream: calling it, or sample(), does not change training', async () => {
    const run = async (probe: boolean) => {
      const trainer = createTrainer({ ...tinyConfig('wasserstein'), dataset: 'ring-8' });
      for (let i = 0; i < 3; i++) {
        trainer.step(5);
        if (probe) {
          await trainer.diagnostics(16);
          await trainer.sample(10);
        }
      }
      const losses = await trainer.takeLosses();
      const snapshot = Array.from(await trainer.sampleGenerator(20));
      trainer.dispose();
      return { losses, snapshot };
    };
    expect(await run(true)).toEqual(await run(false));
  });

  it('throws for a batch smaller than a pack', async () => {
    const trainer = createTrainer({ ...BASE, packing: 4 });
    await expect(trainer.diagnostics(3)).rejects.toThrow(/diagnostics size/);
    trainer.dispose();
  });
});

describe('sampling', () => {
  it('sample() draws fresh noise every call; sampleGenerator() keeps its noise fixed', async () => {
    const trainer = createTrainer({ ...BASE, dataset: 'ring-8' });
    const a = await trainer.sample(50);
    const b = await trainer.sample(50);
    expect(a.length).toBe(100);
    expect(b).not.toEqual(a);
    expect(await trainer.sampleGenerator(50)).toEqual(await trainer.sampleGenerator(50));
    trainer.dispose();
  });

  it('uniform noise has standard deviation σ, like the Gaussian, but bounded support', async () => {
    // A linear generator G(z) = w·z + b (no hidden layer, 1-D noise): the same seed gives
    // the same w and b whatever the noise law, so the output spreads compare the laws.
    const stats = async (noiseDistribution: 'gaussian' | 'uniform', noiseSigma: number) => {
      const trainer = createTrainer({
        ...BASE,
        generatorLayers: [],
        noiseDimension: 1,
        noiseDistribution,
        noiseSigma,
      });
      const x = await trainer.sample(20000);
      trainer.dispose();
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      const std = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
      return { mean, std, range: Math.max(...x) - Math.min(...x) };
    };
    const gaussian = await stats('gaussian', 1);
    const uniform = await stats('uniform', 1);
    expect(uniform.std / gaussian.std).toBeGreaterThan(0.97);
    expect(uniform.std / gaussian.std).toBeLessThan(1.03);
    // U(−√3σ, √3σ) spans 2√3 ≈ 3.46 standard deviations; 20000 normal draws span ≈ 8.
    expect(uniform.range / uniform.std).toBeGreaterThan(3.3);
    expect(uniform.range / uniform.std).toBeLessThan(3.47);
    expect(gaussian.range / gaussian.std).toBeGreaterThan(6);
    // σ scales the spread.
    const wide = await stats('uniform', 2);
    expect(wide.std / uniform.std).toBeCloseTo(2, 1);
  });
});

describe('packing', () => {
  it("multiplies the discriminator's input size by m", () => {
    const sizes = [1, 3].map((packing) => {
      const trainer = createTrainer({ ...BASE, dataset: 'ring-8', packing });
      const count = trainer.parameterCount.discriminator;
      trainer.dispose();
      return count;
    });
    // Only the first kernel grows: [2m, 16] instead of [2, 16].
    expect(sizes[1]! - sizes[0]!).toBe(2 * 2 * 16);
  });

  it('trains with a batch that is not a multiple of m (the remainder is dropped)', async () => {
    const trainer = createTrainer({ ...BASE, batchSize: 10, packing: 3 });
    trainer.step(3);
    const losses = await trainer.takeLosses();
    expect(Number.isFinite(losses?.discriminator)).toBe(true);
    trainer.dispose();
  });
});

describe('optimizers', () => {
  for (const kind of OPTIMIZER_KINDS) {
    it(`${kind} minimises a quadratic and frees its state`, () => {
      const before = tf.memory().numTensors;
      const target = tf.tensor1d([1, -2, 3]);
      const w = tf.tidy(() => tf.variable(tf.zeros([3])));
      const optimizer = createOptimizer(
        { kind, learningRate: 0.05, beta1: 0.9, beta2: 0.999, momentum: 0.5 },
        [w],
        'test',
      );
      const loss = () => tf.sum<tf.Scalar>(tf.square(tf.sub(w, target)));
      const initial = tf.tidy(() => loss().dataSync()[0]!);
      for (let i = 0; i < 200; i++) {
        tf.tidy(() => {
          optimizer.minimize(loss);
        });
      }
      expect(tf.tidy(() => loss().dataSync()[0]!)).toBeLessThan(0.01 * initial);
      optimizer.dispose();
      tf.dispose([w, target]);
      expect(tf.memory().numTensors).toBe(before);
    });

    it(`${kind} takes the same steps as tfjs's own optimiser, on several tensors at once`, () => {
      // The flat update (one vector for all weights) must reproduce tf.train's per-tensor rule.
      const before = tf.memory().numTensors;
      const settings = { kind, learningRate: 0.03, beta1: 0.8, beta2: 0.99, momentum: 0.7 };
      const x = tf.tensor2d([0.5, -1, 2, 0.3, -0.7, 1.1], [3, 2]);
      const y = tf.tensor2d([1, -2, 0.5], [3, 1]);
      const build = () => ({
        w: tf.tidy(() => tf.variable(tf.tensor2d([0.1, -0.2], [2, 1]))),
        b: tf.tidy(() => tf.variable(tf.tensor1d([0.05]))),
      });
      const ours = build();
      const theirs = build();
      const lossOf =
        ({ w, b }: { w: tf.Variable; b: tf.Variable }) =>
        () =>
          tf.mean<tf.Scalar>(tf.square(tf.sub(tf.add(tf.matMul(x, w as tf.Tensor2D), b), y)));
      const optimizer = createOptimizer(settings, [ours.w, ours.b], 'test');
      const reference =
        kind === 'adam'
          ? tf.train.adam(settings.learningRate, settings.beta1, settings.beta2)
          : kind === 'sgd'
            ? tf.train.momentum(settings.learningRate, settings.momentum)
            : tf.train.rmsprop(settings.learningRate, 0.9, settings.momentum);
      for (let i = 0; i < 30; i++) {
        tf.tidy(() => {
          optimizer.minimize(lossOf(ours));
          reference.minimize(lossOf(theirs), false, [theirs.w, theirs.b]);
        });
      }
      for (const key of ['w', 'b'] as const) {
        const a = Array.from(ours[key].dataSync());
        const b = Array.from(theirs[key].dataSync());
        a.forEach((v, i) => {
          expect(v).toBeCloseTo(b[i]!, 5);
        });
      }
      optimizer.dispose();
      reference.dispose();
      // tf.train.momentum leaks its learning-rate scalar on dispose (tfjs 4.22); count it.
      const leaked = kind === 'sgd' ? 1 : 0;
      tf.dispose([x, y, ours.w, ours.b, theirs.w, theirs.b]);
      expect(tf.memory().numTensors).toBe(before + leaked);
    });

    it(`${kind} trains the generator: the MMD loss falls`, async () => {
      const trainer = createTrainer({
        ...BASE,
        objective: 'mmd',
        generatorLayers: [8],
        batchSize: 32,
        generatorOptimizer: kind,
        generatorLearningRate: kind === 'sgd' ? 0.05 : 0.005,
      });
      trainer.step(10);
      const early = (await trainer.takeLosses())!.generator;
      trainer.step(100);
      await trainer.takeLosses();
      trainer.step(10);
      const late = (await trainer.takeLosses())!.generator;
      expect(late).toBeLessThan(0.5 * early);
      trainer.dispose();
    });
  }
});
