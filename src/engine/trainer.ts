/**
 * The GAN training loop: a generator G and a discriminator D, both MLPs, trained with the
 * non-saturating GAN loss and Adam.
 *
 * One *iteration* is `discriminatorSteps` discriminator updates followed by one generator
 * update (Goodfellow et al. 2014, Algorithm 1, with k = discriminatorSteps).
 *
 * step() never reads tensors back to JavaScript: a synchronous readback (dataSync) stalls the
 * GPU pipeline on WebGL/WebGPU, so losses are accumulated on the device and read
 * asynchronously by takeLosses().
 */
import * as tf from '@tensorflow/tfjs';
import { DATASETS, type DatasetId } from './datasets';
import { createMlp, type Mlp } from './mlp';
import { createRandom, type Random } from './random';

/** Everything that defines a training run. */
export interface TrainerConfig {
  /** Which target distribution the generator learns. */
  dataset: DatasetId;
  /** Hidden layer widths of the generator, noise side first. */
  generatorLayers: readonly number[];
  /** Hidden layer widths of the discriminator, data side first. */
  discriminatorLayers: readonly number[];
  /** Dimension of the noise vector z fed to the generator. */
  noiseDimension: number;
  /** Standard deviation σ of the noise: z ~ N(0, σ² I). */
  noiseSigma: number;
  /** Adam learning rate of the generator. */
  generatorLearningRate: number;
  /** Adam learning rate of the discriminator. */
  discriminatorLearningRate: number;
  /** Number of real points and of noise vectors per update. */
  batchSize: number;
  /** Discriminator updates per generator update (k in Goodfellow et al. 2014, Algorithm 1). */
  discriminatorSteps: number;
  /** Seed of every random stream of the run (initialisation, data, noise, evaluation). */
  seed: number;
}

/** Mean losses since the previous readback. */
export interface LossSummary {
  /** Mean discriminator loss over every discriminator update since the previous readback. */
  discriminator: number;
  /** Mean generator loss over every generator update since the previous readback. */
  generator: number;
  /** Number of iterations the means are taken over. */
  iterations: number;
}

/** A running GAN training session. */
export interface Trainer {
  /** The configuration the run was created with. */
  readonly config: TrainerConfig;
  /** Dimension of a data point (and of a generated sample). */
  readonly dimension: 1 | 2;
  /** Number of completed iterations (k discriminator updates + 1 generator update each). */
  readonly iteration: number;
  /** Number of trainable scalars in each network. */
  readonly parameterCount: { readonly generator: number; readonly discriminator: number };
  /** Runs `iterations` training iterations (default 1); never reads tensors back. */
  step(iterations?: number): void;
  /**
   * Reads back the mean discriminator and generator loss since the previous call and resets
   * the running sums; null when no iteration ran since.
   */
  takeLosses(): Promise<LossSummary | null>;
  /**
   * The generator applied to a fixed evaluation noise batch of size `n` (drawn once per `n`
   * from its own seeded stream), so successive snapshots show the same points moving.
   * Row-major `n × dimension`.
   */
  sampleGenerator(n: number): Promise<Float32Array>;
  /** `n` fresh points from the data set, from the trainer's own seeded stream. */
  sampleReal(n: number): Float32Array;
  /** Frees every tensor, variable and optimiser slot of the run. */
  dispose(): void;
}

/**
 * Number of real points pre-sampled into a device-side atlas. Gathering rows from a resident
 * tensor avoids uploading a fresh real batch every discriminator step (poloclub/ganlab's input
 * providers do the same); 8192 points are plenty for these low-dimensional targets.
 */
const ATLAS_SIZE = 8192;

/** Adam β1 = 0.5 instead of 0.9 stabilises GAN training (Radford et al. 2015, §4). */
const ADAM_BETA1 = 0.5;
/** Adam β2, the usual default (Kingma & Ba 2015). */
const ADAM_BETA2 = 0.999;

function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${what} must be a positive integer, got ${value}`);
  }
}

function assertPositiveFinite(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${what} must be a positive finite number, got ${value}`);
  }
}

/** Creates a trainer with freshly initialised networks and optimisers. */
export function createTrainer(config: TrainerConfig): Trainer {
  const spec = DATASETS[config.dataset];
  if (spec === undefined) throw new Error(`Unknown dataset "${String(config.dataset)}"`);
  assertPositiveInteger(config.noiseDimension, 'noiseDimension');
  assertPositiveInteger(config.batchSize, 'batchSize');
  assertPositiveInteger(config.discriminatorSteps, 'discriminatorSteps');
  assertPositiveFinite(config.noiseSigma, 'noiseSigma');
  assertPositiveFinite(config.generatorLearningRate, 'generatorLearningRate');
  assertPositiveFinite(config.discriminatorLearningRate, 'discriminatorLearningRate');

  const dimension = spec.dimension;
  const { batchSize, noiseDimension, noiseSigma, discriminatorSteps } = config;

  // Separate streams so that, e.g., a change of batch size does not change the initial weights.
  const root = createRandom(config.seed);
  const initRandom = root.fork('init');
  const atlasRandom = root.fork('atlas');
  const batchRandom = root.fork('batch-indices');
  const noiseRandom = root.fork('noise');
  const realRandom = root.fork('real-samples');
  const evaluationRandom = root.fork('evaluation-noise');

  // Everything allocated below is freed by dispose(); if construction fails half-way, free
  // what was already built so a bad config does not leak.
  const owned: { dispose(): void }[] = [];
  const own = <T extends { dispose(): void }>(resource: T): T => {
    owned.push(resource);
    return resource;
  };

  let generator: Mlp;
  let discriminator: Mlp;
  let atlas: tf.Tensor2D;
  let discriminatorLossSum: tf.Variable;
  let generatorLossSum: tf.Variable;
  let generatorOptimizer: tf.AdamOptimizer;
  let discriminatorOptimizer: tf.AdamOptimizer;
  try {
    // ReLU hidden units in G and leaky ReLU (slope 0.2) in D follow DCGAN
    // (Radford et al. 2015, §3); both output layers are linear (D outputs a logit).
    generator = own(
      createMlp({
        inputSize: noiseDimension,
        hiddenLayers: config.generatorLayers,
        outputSize: dimension,
        hiddenActivation: 'relu',
        random: initRandom.fork('generator'),
        name: 'generator',
      }),
    );
    discriminator = own(
      createMlp({
        inputSize: dimension,
        hiddenLayers: config.discriminatorLayers,
        outputSize: 1,
        hiddenActivation: 'leakyRelu',
        random: initRandom.fork('discriminator'),
        name: 'discriminator',
      }),
    );
    atlas = own(tf.tensor2d(spec.sample(atlasRandom, ATLAS_SIZE), [ATLAS_SIZE, dimension]));
    // tidy(): tf.variable() does not take ownership of its initial tensor, which would leak.
    discriminatorLossSum = own(tf.tidy(() => tf.variable(tf.scalar(0), false)));
    generatorLossSum = own(tf.tidy(() => tf.variable(tf.scalar(0), false)));
    generatorOptimizer = own(tf.train.adam(config.generatorLearningRate, ADAM_BETA1, ADAM_BETA2));
    discriminatorOptimizer = own(
      tf.train.adam(config.discriminatorLearningRate, ADAM_BETA1, ADAM_BETA2),
    );
  } catch (error) {
    for (const resource of owned) resource.dispose();
    throw error;
  }

  let iteration = 0;
  let iterationsSinceTake = 0;
  let disposed = false;
  const evaluationNoise = new Map<number, Float32Array>();

  const assertAlive = (): void => {
    if (disposed) throw new Error('Trainer has been disposed');
  };

  /** Uploads a fresh noise batch z ~ N(0, σ² I) drawn from the seeded noise stream. */
  const noiseBatch = (random: Random, n: number): tf.Tensor2D =>
    // A fresh array per upload: the CPU backend keeps a reference to the array it was given.
    tf.tensor2d(random.fillNormal(new Float32Array(n * noiseDimension), noiseSigma), [
      n,
      noiseDimension,
    ]);

  /** Gathers `batchSize` rows of the atlas, chosen uniformly with replacement. */
  const realBatch = (): tf.Tensor2D => {
    const indices = batchRandom.fillInt(new Int32Array(batchSize), ATLAS_SIZE);
    return tf.gather(atlas, tf.tensor1d(indices, 'int32'));
  };

  const discriminatorVariables = discriminator.variables;
  const generatorVariables = generator.variables;

  /**
   * Non-saturating GAN losses written with logits. With D(x) the logit and σ the sigmoid,
   * −log σ(t) = softplus(−t) and −log(1 − σ(t)) = softplus(t), which tfjs evaluates without
   * overflow for large |t|:
   *   L_D = E_x softplus(−D(x)) + E_z softplus(D(G(z)))
   *   L_G = E_z softplus(−D(G(z)))
   * L_G is the non-saturating generator loss (Goodfellow et al. 2014, §3): it maximises
   * log D(G(z)) instead of minimising log(1 − D(G(z))), whose gradient vanishes early in
   * training when D confidently rejects the fakes.
   */
  const discriminatorStep = (): void => {
    const real = realBatch();
    // G(z) is computed outside the minimised closure, so no gradient tape is recorded
    // through the generator during a discriminator update.
    const fake = generator.apply(noiseBatch(noiseRandom, batchSize));
    const loss = discriminatorOptimizer.minimize(
      () =>
        tf.add(
          tf.mean(tf.softplus(tf.neg(discriminator.apply(real)))),
          tf.mean(tf.softplus(discriminator.apply(fake))),
        ) as tf.Scalar,
      true,
      discriminatorVariables,
    );
    if (loss !== null) discriminatorLossSum.assign(tf.add(discriminatorLossSum, loss));
  };

  const generatorStep = (): void => {
    const z = noiseBatch(noiseRandom, batchSize);
    const loss = generatorOptimizer.minimize(
      () => tf.mean(tf.softplus(tf.neg(discriminator.apply(generator.apply(z))))) as tf.Scalar,
      true,
      generatorVariables,
    );
    if (loss !== null) generatorLossSum.assign(tf.add(generatorLossSum, loss));
  };

  const trainer: Trainer = {
    config,
    dimension,
    get iteration() {
      return iteration;
    },
    parameterCount: {
      generator: generator.parameterCount,
      discriminator: discriminator.parameterCount,
    },

    step(iterations = 1) {
      assertAlive();
      if (!Number.isInteger(iterations) || iterations < 0) {
        throw new Error(`step() needs a non-negative integer, got ${iterations}`);
      }
      for (let i = 0; i < iterations; i++) {
        // One tidy per iteration bounds the memory held by intermediates; the optimisers'
        // slot variables and the loss sums are variables, which tidy() leaves alone.
        tf.tidy(() => {
          for (let k = 0; k < discriminatorSteps; k++) discriminatorStep();
          generatorStep();
        });
        iteration++;
        iterationsSinceTake++;
      }
    },

    async takeLosses() {
      assertAlive();
      if (iterationsSinceTake === 0) return null;
      const iterations = iterationsSinceTake;
      // Snapshot and reset synchronously, before awaiting, so iterations run while the
      // readback is in flight count towards the next summary instead of being lost.
      const snapshot = tf.tidy(() => {
        const both = tf.stack([discriminatorLossSum, generatorLossSum]);
        discriminatorLossSum.assign(tf.zerosLike(discriminatorLossSum));
        generatorLossSum.assign(tf.zerosLike(generatorLossSum));
        return both;
      });
      iterationsSinceTake = 0;
      try {
        const [discriminatorSum = Number.NaN, generatorSum = Number.NaN] = await snapshot.data();
        return {
          discriminator: discriminatorSum / (iterations * discriminatorSteps),
          generator: generatorSum / iterations,
          iterations,
        };
      } finally {
        snapshot.dispose();
      }
    },

    async sampleGenerator(n) {
      assertAlive();
      assertPositiveInteger(n, 'sampleGenerator size');
      let noise = evaluationNoise.get(n);
      if (noise === undefined) {
        // One stream per batch size: the batch for a given n is the same whichever sizes
        // were requested before it.
        noise = evaluationRandom
          .fork(`size-${n}`)
          .fillNormal(new Float32Array(n * noiseDimension), noiseSigma);
        evaluationNoise.set(n, noise);
      }
      const fixedNoise = noise;
      const output = tf.tidy(() =>
        // slice(): the upload must not alias the cached noise array (see noiseBatch).
        generator.apply(tf.tensor2d(fixedNoise.slice(), [n, noiseDimension])),
      );
      try {
        const values = await output.data<'float32'>();
        // Copy: some backends hand out their internal buffer.
        return Float32Array.from(values);
      } finally {
        output.dispose();
      }
    },

    sampleReal(n) {
      assertAlive();
      assertPositiveInteger(n, 'sampleReal size');
      return spec.sample(realRandom, n);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      for (const resource of owned) resource.dispose();
      evaluationNoise.clear();
    },
  };
  return trainer;
}
