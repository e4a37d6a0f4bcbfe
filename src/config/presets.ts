/**
 * "Lessons in one click": ten presets, each a configuration that shows one fact about GANs, a
 * short story with the maths behind it, what to look for in the plots, and a claim about a live
 * metric that holds once training has run long enough. The UI applies a preset through
 * `presetConfig` and judges its claim on the worker's metrics with `claimHolds`;
 * tests/config/presets.test.ts trains every preset and checks its claim.
 *
 * Calibration protocol (the worker's): metrics of the 512 plotted generated points
 * (trainer.sampleGenerator(512), a fixed noise batch) against the 512 plotted real points
 * (trainer.sampleReal(512), drawn when the run starts), diagnostics on a batch of 256. Each
 * comment "Measured" lists the metric at afterIterations N, 1.5N and 2N on the preset's seed,
 * then on neighbouring seeds, then for the `compare` config; measured in Node on tfjs's WASM
 * backend (tfjs 4.22).
 *
 * This module is bundled into the UI: it imports only the config schema and engine types.
 */
import type { TrainingMetrics } from '../engine/trainer';
import { cloneValue, configSchema, defaultConfig, type PlaygroundConfig } from './schema';

/** The numeric fields of TrainingMetrics (null where a metric does not apply). */
type NumericMetric = {
  [K in keyof TrainingMetrics]-?: TrainingMetrics[K] extends number | null ? K : never;
}[keyof TrainingMetrics];

/** The live measurements a claim may read, all numeric fields of TrainingMetrics. */
export const CLAIM_METRICS = [
  'modesCovered',
  'highQualityShare',
  'mmdSquared',
  'mmdSquaredMedian',
  'wasserstein1',
  'slicedWasserstein',
  'ks',
  'kl',
  'js',
  'meanDReal',
  'meanDFake',
  'generatorGradNorm',
  'discriminatorGradNorm',
] as const satisfies readonly NumericMetric[];

/** A measurement a claim reads: a numeric field of TrainingMetrics. */
export type ClaimMetric = (typeof CLAIM_METRICS)[number];

export interface PresetClaim {
  /** The live measurement the claim reads: a numeric field of TrainingMetrics. */
  metric: ClaimMetric;
  comparison: '<' | '>';
  value: number;
  /** The claim is judged once training has passed this many iterations (and keeps holding up to 2× that). */
  afterIterations: number;
  /** What the claim says, for the UI. */
  text: string;
}

export interface Preset {
  /** URL-safe slug, used as `preset=<id>` in links. */
  id: string;
  title: string;
  /** One paragraph (3–6 sentences): the story, the maths in plain words, with a citation where one applies. */
  story: string;
  /** 2–4 short bullet points: what to look for in the plots. */
  lookFor: string[];
  /** The settings that differ from defaultConfig(); everything else takes its default. */
  config: Partial<PlaygroundConfig>;
  /** A claim that visibly holds after training, checked by the tests and shown live in the UI. */
  claim: PresetClaim;
  /**
   * Optional: a second config to train side by side, e.g. the fixed version. Like `config`, its
   * settings are the ones that differ from defaultConfig() (see `compareConfig`).
   */
  compare?: { label: string; config: Partial<PlaygroundConfig> };
}

/**
 * A ring GAN whose generator gets 16-D noise, with learning rates 0.004 and batches of 128: with
 * k = 1 discriminator step per iteration it covers most of the ring, with k ≥ 3 it collapses onto
 * one or two modes (see K_STEPS).
 */
const RING_16D_NOISE: Partial<PlaygroundConfig> = {
  dataset: 'ring-8',
  noiseDimension: 16,
  batchSize: 128,
  generatorLearningRate: 0.004,
  discriminatorLearningRate: 0.004,
};

/** The collapsing GAN that the hybrid and packing lessons rescue. */
const COLLAPSING: Partial<PlaygroundConfig> = { ...RING_16D_NOISE, discriminatorSteps: 3 };

/**
 * Measured (KS at 400 / 600 / 800): seed 1 0.096 / 0.096 / 0.092 (from 0.51 at the start; W1
 * 0.20 / 0.20 / 0.21 from 0.92); seed 2 0.090 / 0.070 / 0.066; seed 3 0.146 / 0.125 / 0.098;
 * seeds 4 and 5 stayed ≤ 0.21. W1 is not claimed: it wandered up to 0.44 on seeds 3–5.
 */
const GAUSSIAN: Preset = {
  id: 'gaussian',
  title: 'A GAN learns a Gaussian',
  story:
    "The generator G turns two-dimensional Gaussian noise z into numbers G(z); the discriminator D learns to tell them from samples of the target N(2, 0.75²), and G follows D's gradient towards whatever D calls real. For a fixed G the best discriminator is D*(x) = p_data(x) / (p_data(x) + p_G(x)), and against it the generator minimises the Jensen–Shannon divergence between p_G and p_data, which is zero only when the two are equal (Goodfellow et al. 2014, Proposition 1 and Theorem 1). In practice G's histogram slides onto the data within a few hundred iterations, and D, no longer able to tell the two apart, drifts towards ½ everywhere.",
  lookFor: [
    "Distribution plot: G's histogram moves from near 0 onto the data around 2, and the D(x) curve flattens towards ½.",
    'D(real) and D(fake) both settle near ½: D can no longer tell real from generated.',
    'W1 and KS drop from about 1 and 0.5 at the start to about 0.2 and 0.1.',
    "Loss curves: D's loss levels off near 2 ln 2 ≈ 1.39, its value when D(x) = ½ everywhere.",
  ],
  config: { dataset: 'gaussian-1d' },
  claim: {
    metric: 'ks',
    comparison: '<',
    value: 0.25,
    afterIterations: 400,
    text: 'Generated and real samples are close: the Kolmogorov–Smirnov distance is below 0.25',
  },
};

/**
 * Measured (KS at 200 / 300 / 400): seed 1 0.496 / 0.490 / 0.496; seed 2 0.504 / 0.453 / 0.451;
 * seed 3 0.469 / 0.473 / 0.461. Compare (σ = 1): seed 1 0.104 / 0.098 / 0.096; seed 2
 * 0.154 / 0.115 / 0.090; seed 3 0.150 / 0.176 / 0.146. The spike widens later: seed 1 KS 0.31
 * at 800, 0.21 at 1200; seed 4 already at 400 (KS 0.17), so the claim holds to 2N on seeds 1–3.
 */
const NOISE_SIGMA: Preset = {
  id: 'noise-sigma',
  title: 'Noise σ: too small, too large',
  story:
    "G can only reshape the noise it is given. With σ = 0.01 every input lies within a few hundredths of 0, so G(z) ≈ G(0) + J·z, where J is G's Jacobian at 0: the output is almost a single point, and to spread it to the data's width of 0.75, G must make J about a hundred times larger, one optimiser step at a time. So the generated spike first slides to the centre of the data and widens only hundreds of iterations later, while with σ = 1 (compare) the same network matches the Gaussian within a few hundred iterations. Too large a σ fails the other way: the first outputs are spread far wider than the data, and G must first shrink its weights.",
  lookFor: [
    "Distribution plot: a narrow spike of generated samples moves to the data's centre, then slowly widens.",
    "G's manifold, the curve of G(z) for z within ±2σ, spans only a tiny interval at first.",
    "KS sits near 0.5, its value for a point at the data's median, and falls only once the spike widens.",
    'Compare with σ = 1: the histogram matches the data long before the spike has spread.',
  ],
  config: { dataset: 'gaussian-1d', noiseSigma: 0.01 },
  claim: {
    metric: 'ks',
    comparison: '>',
    value: 0.3,
    afterIterations: 200,
    text: 'The generator still makes a narrow spike: the Kolmogorov–Smirnov distance stays above 0.3',
  },
  compare: { label: 'σ = 1', config: { dataset: 'gaussian-1d' } },
};

/**
 * Measured (modes covered at 1000 / 1500 / 2000): seed 4 3 / 2 / 2 (samples per mode at 1000:
 * 120, 24, 6 and none elsewhere; high-quality share 0.29, 0.87 at 1500); seed 1 5 / 3 / 4;
 * seed 2 5 / 3 / 3; seed 5 5 / 4 / 4; seed 3 covers 6–7 (holds < 8 only). Compare (2-D noise,
 * batch 128): seed 4 8 / 7 / 7 (high-quality share 0.46 at 1000); seeds 1, 2, 5 7–8 throughout.
 */
const MODE_COLLAPSE: Preset = {
  id: 'mode-collapse',
  title: 'Mode collapse on the ring',
  story:
    'The target is eight narrow Gaussians on a circle of radius 2. Nothing in the GAN game makes G spread its mass: when G puts most samples on a mode that D currently rates as real, D learns to reject that mode, and G tends to move its mass to another mode rather than spread it over all eight (Goodfellow 2016, the NIPS tutorial; Metz et al. 2017 use this very ring). With 16-dimensional noise and small batches of 32, this generator settles on two or three modes and leaves the rest of the ring empty; the compare run, with 2-D noise and batches of 128, covers seven or all eight.',
  lookFor: [
    'Distribution plot: the generated points pile onto two or three modes; the others stay empty.',
    'Modes covered stays low while the high-quality share climbs towards 0.9: the samples are sharp, just not diverse.',
    'MMD² and sliced W1 stay high: the missing modes are missing mass.',
    'Compare: 2-D noise and batches of 128 cover seven or eight modes.',
  ],
  config: {
    dataset: 'ring-8',
    noiseDimension: 16,
    batchSize: 32,
    generatorLearningRate: 0.004,
    discriminatorLearningRate: 0.004,
    seed: 4,
  },
  claim: {
    metric: 'modesCovered',
    comparison: '<',
    value: 6,
    afterIterations: 1000,
    text: 'Fewer than 6 of the 8 modes are covered',
  },
  compare: {
    label: '2-D noise, batches of 128',
    config: {
      dataset: 'ring-8',
      batchSize: 128,
      generatorLearningRate: 0.004,
      discriminatorLearningRate: 0.004,
      seed: 4,
    },
  },
};

const SATURATING_CONFIG: Partial<PlaygroundConfig> = {
  dataset: 'gaussian-1d',
  gaussianMean: 10,
  objective: 'minimax',
  discriminatorSteps: 5,
  discriminatorLearningRate: 0.01,
  generatorOptimizer: 'sgd',
  generatorLearningRate: 0.0001,
  seed: 2,
};

/**
 * Measured (generator gradient norm at 200 / 300 / 400): seed 2 1.2e-4 / 4.7e-5 / 3.6e-5 with
 * D(fake) ≈ 1e-6 and W1 ≈ 11.2 throughout; seed 3 6.9e-4 / 1.3e-3 / 2.9e-4; seed 5
 * 1.3e-3 / 2.0e-4 / 9.5e-4; seed 6 held too (≤ 0.009). Seed 1 escaped after ~300 iterations and
 * seed 4 at once: where G starts nearer the data, D does not win before G moves. Compare
 * (non-saturating): seed 2 1.96 / 1.78 / 2.25, seed 3 2.0 / 2.8 / 3.5, seed 5 2.5 / 2.2 / 6.4,
 * with W1 falling from 11 to about 3 by iteration 400.
 */
const SATURATING: Preset = {
  id: 'saturating',
  title: 'Vanishing gradients with the saturating loss',
  story:
    "In the original minimax game G minimises log(1 − D(G(z))). With D(x) = σ(t(x)), the gradient of that loss with respect to the logit t is −D(G(z)): once D rejects the fakes confidently (D ≈ 0), the gradient vanishes just when G needs it most (Goodfellow et al. 2014, §3; Arjovsky & Bottou 2017, §2.2). Here the data sit at 10, far from G's first outputs, and D takes 5 steps per generator step at a high learning rate, so it wins at once. The generator uses plain SGD, whose step is proportional to the gradient (Adam would rescale a tiny gradient back to a full-size step and hide the effect). The non-saturating loss −log D(G(z)) (compare) has the gradient −(1 − D(G(z))) instead, which is largest exactly here.",
  lookFor: [
    'D(real) ≈ 1 and D(fake) ≈ 0 from the first iterations: D has won.',
    "Gradient norms (log scale): the generator's falls to about 10⁻⁴ and keeps falling.",
    'Distribution plot: the generated spike stays where it started, far below the data at 10, where D(x) is flat at 0.',
    'Compare with the non-saturating loss: the same kind of D, a gradient thousands of times larger, and samples that move towards the data.',
  ],
  config: SATURATING_CONFIG,
  claim: {
    metric: 'generatorGradNorm',
    comparison: '<',
    value: 0.01,
    afterIterations: 200,
    text: "The generator's gradient has vanished: its norm is below 0.01",
  },
  compare: {
    label: 'Non-saturating loss',
    config: { ...SATURATING_CONFIG, objective: 'nonSaturating' },
  },
};

const HIGH_LR_CONFIG: Partial<PlaygroundConfig> = {
  dataset: 'gaussian-1d',
  generatorLearningRate: 0.1,
  discriminatorLearningRate: 0.1,
  generatorBeta1: 0.9,
  discriminatorBeta1: 0.9,
  seed: 3,
};

/**
 * Measured (KS at 400 / 600 / 800): seed 3 0.826 / 0.951 / 0.895; seed 4 0.525 / 0.635 / 0.537;
 * seed 5 0.691 / 0.738 / 0.502; seeds 1 and 2 stayed ≥ 0.36 and ≥ 0.50 from 400 to 800. Compare
 * (learning rate 0.001): seed 3 0.096 / 0.131 / 0.123; seed 4 0.207 / 0.117 / 0.119; seed 5
 * 0.105 / 0.104 / 0.109. With the default β₁ = 0.5 the same learning rate mostly settled (seed 1:
 * KS ≤ 0.08 from 400 to 800; seeds 2 and 3 up to 0.36): Adam's momentum is half of this story.
 */
const HIGH_LR: Preset = {
  id: 'high-lr',
  title: 'Learning rate too high: oscillation',
  story:
    "Each network answers the other's last move. Even for a GAN with one parameter per network, unregularised gradient training circles around the equilibrium instead of converging, and large steps turn the circling into wide swings (Mescheder et al. 2018, the Dirac-GAN). Here both learning rates are 0.1, a hundred times the default, and Adam's momentum is β₁ = 0.9, which carries each overshoot further (Gidel et al. 2019 show that positive momentum can make such games worse): the generator overshoots the data, the discriminator overshoots its answer, and the pair never settles. The same GAN at learning rate 0.001 (compare) settles on the data.",
  lookFor: [
    'Loss curves and D(real)/D(fake) keep swinging instead of flattening; D(real) wanders far from ½.',
    'Distribution plot: the histogram overshoots the data, to one side and then the other.',
    'KS and W1 stay high, rising and falling as the pair circles.',
    'Compare at learning rate 0.001: the same GAN settles on the data.',
  ],
  config: HIGH_LR_CONFIG,
  claim: {
    metric: 'ks',
    comparison: '>',
    value: 0.3,
    afterIterations: 400,
    text: 'Training does not settle: the Kolmogorov–Smirnov distance stays above 0.3',
  },
  compare: {
    label: 'Learning rate 0.001',
    config: { ...HIGH_LR_CONFIG, generatorLearningRate: 0.001, discriminatorLearningRate: 0.001 },
  },
};

/**
 * Measured (modes covered at 1000 / 1500 / 2000): seed 1 1 / 1 / 2 (all 472 on-mode samples of
 * 512 on one mode at 1000, MMD² 0.86, D(real) 0.87, D(fake) 0.13); seed 2 1 / 1 / 2; seed 3
 * 1 / 1 / 1. Compare (k = 1): seed 1 8 / 6 / 8, seed 2 6 / 7 / 6, seed 3 5 / 5 / 4. With the
 * healthy 2-D noise the same k = 5 kept all 8 modes (seeds 1 and 4): the noise matters too.
 */
const K_STEPS: Preset = {
  id: 'k-steps',
  title: 'k discriminator steps',
  story:
    'Algorithm 1 of Goodfellow et al. (2014) trains D k times per generator step, to keep it near its optimum D* = p_data / (p_data + p_G). More is not always better. Against the optimal D, the gradient of the non-saturating generator loss is that of KL(p_G ‖ p_data) − 2·JS(p_G, p_data) (Arjovsky & Bottou 2017, Theorem 2.5), and this reverse KL punishes samples off the data heavily but dropped modes hardly at all. Here, with k = 5, the generator settles on one or two modes of the ring; with k = 1 (compare) the same GAN keeps most of them.',
  lookFor: [
    "Distribution plot: within a few hundred iterations G's samples gather on one mode.",
    'D(real) stays near 0.9 while D(fake) stays low: D wins every round.',
    'MMD² stays near 0.8; with k = 1 it is about 0.1–0.25.',
    'Modes covered: 1–2 here, 4–8 with k = 1.',
  ],
  config: { ...RING_16D_NOISE, discriminatorSteps: 5 },
  claim: {
    metric: 'modesCovered',
    comparison: '<',
    value: 3,
    afterIterations: 1000,
    text: 'The generator keeps at most 2 of the 8 modes',
  },
  compare: { label: 'k = 1', config: { ...RING_16D_NOISE, discriminatorSteps: 1 } },
};

/**
 * Measured (modes covered at 500 / 750 / 1000): 8 / 8 / 8 on seeds 1, 2 and 3; MMD² (h = 0.5)
 * on seed 1 0.009 / 0.006 / 0.006, on seed 2 0.037 / 0.026 / 0.019.
 */
const MMD: Preset = {
  id: 'mmd',
  title: 'Training with the Gaussian kernel (MMD) instead of a discriminator',
  story:
    "Drop the discriminator: G minimises the maximum mean discrepancy MMD²(p_G, p_data) = E k(x, x′) − 2 E k(x, y) + E k(y, y′), estimated on each batch, with a sum of Gaussian kernels k(x, y) = exp(−‖x − y‖² / 2h²) of bandwidths h = 0.2, 0.5, 1 and 2 (generative moment matching networks, Li et al. 2015; Dziugaite et al. 2015). For a Gaussian kernel MMD² is zero only when the two distributions are equal (Gretton et al. 2012). The loss is a fixed function of G's samples, with no adversary to chase: every real point attracts generated points and generated points repel each other, which spreads G over all the modes.",
  lookFor: [
    "No discriminator: the distribution plot shows the kernel's witness function instead of D's heatmap.",
    'The witness is positive where the data have more mass than G and negative where G has too much; it fades as G covers the ring.',
    'MMD² falls smoothly, without the swings of an adversarial game.',
    "Modes covered reaches 8, though the samples stay blurrier than a good GAN's (a lower high-quality share).",
  ],
  config: { dataset: 'ring-8', objective: 'mmd' },
  claim: {
    metric: 'modesCovered',
    comparison: '>',
    value: 7,
    afterIterations: 500,
    text: 'All 8 modes are covered',
  },
};

/**
 * Measured (modes covered at 1000 / 1500 / 2000): 8 / 8 / 8 on seeds 1, 2 and 3 (seed 1: MMD²
 * 0.015 / 0.003 / 0.008, every mode holding 11–39 of the 512 samples at 1000). Compare
 * (adversarial loss alone): seed 1 1 / 1 / 1, seed 2 1 / 1 / 2, seed 3 1 / 1 / 1, MMD² 0.69–0.91.
 * λ = 1 was too weak (4–8 modes). On the small-batch collapse of MODE_COLLAPSE even λ = 10 left
 * some seeds at 6–7 modes until about 2000 iterations: MMD² estimated on 32 points is noisy.
 */
const HYBRID: Preset = {
  id: 'hybrid',
  title: 'Adversarial + MMD',
  story:
    'A ring GAN that collapses onto one or two modes (16-D noise, 3 discriminator steps per generator step), with λ·MMD² added to the generator\'s loss, λ = 10. The two terms pull differently: the adversarial term moves samples to where D says "real", which sharpens them but lets modes drop; MMD² with Gaussian kernels compares the whole batch with the data, so a missing mode leaves a positive witness there that attracts generated samples (Gretton et al. 2012; Li et al. 2015). With the kernel term the GAN covers all eight modes; without it (compare) it keeps one or two.',
  lookFor: [
    'Modes covered climbs to 8, while the compare run stays on one or two modes.',
    "The kernel view: the witness is positive on the modes G misses, and G's samples are pushed there.",
    'D(real) and D(fake) stay much closer to ½ than in the compare run: D has less to exploit.',
    'MMD² falls to about 0.01–0.02, while the adversarial loss alone leaves it near 0.8.',
  ],
  config: { ...COLLAPSING, objective: 'hybrid', mmdWeight: 10 },
  claim: {
    metric: 'modesCovered',
    comparison: '>',
    value: 7,
    afterIterations: 1000,
    text: 'All 8 modes are covered',
  },
  compare: { label: 'Adversarial loss alone', config: COLLAPSING },
};

/**
 * Measured (modes covered at 1000 / 1500 / 2000): seed 2 8 / 8 / 8 (every mode holding 13–53 of
 * the 512 samples at 1000, high-quality share 0.48); seed 1 7 / 8 / 8; seed 3 8 / 8 / 8.
 * Compare (m = 1): seed 2 1 / 1 / 2, seeds 1 and 3 1 / 1 / 1. On the k = 5 GAN of K_STEPS
 * packing was weaker (4–8 modes).
 */
const PACKING: Preset = {
  id: 'packing',
  title: 'Packing against collapse',
  story:
    "PacGAN (Lin et al. 2018): the discriminator judges m samples at once, concatenated into one input. With m = 2, seven real pairs in eight come from two different modes, while a collapsed generator's pairs sit on the same mode, so D can reject a lack of variety that it cannot see in single samples. Lin et al. prove that packing makes the total-variation distance grow much faster for a collapsed generator than for a diverse one, so the game penalises collapse more strongly. Here packing alone turns a ring GAN that collapses onto one or two modes (16-D noise, 3 discriminator steps per generator step) into one that covers seven or all eight.",
  lookFor: [
    'Modes covered: 7–8 with packing, 1–2 without (compare).',
    "D's heatmap is not drawn: with packing D judges pairs of points, not single points.",
    'MMD² and sliced W1 fall, while without packing they stay high.',
  ],
  config: { ...COLLAPSING, packing: 2, seed: 2 },
  claim: {
    metric: 'modesCovered',
    comparison: '>',
    value: 6,
    afterIterations: 1000,
    text: 'At least 7 of the 8 modes are covered',
  },
  compare: { label: 'No packing (m = 1)', config: { ...COLLAPSING, seed: 2 } },
};

/**
 * Measured (modes covered at 1000 / 1500 / 2000): 8 / 8 / 8 on seeds 1, 2 and 3 (seed 1: sliced
 * W1 0.26 / 0.14 / 0.13, and the critic's gap D(real) − D(fake) 0.65 / 0.24 / 0.21 falls with it). With
 * the paper's λ = 10 (and the same learning rates) seed 1 covered only 3 modes at 1000 and 8
 * from 1500; with both learning rates 10⁻³ (and λ = 10) G outran the critic (D(fake) > D(real)
 * at times) and covered 0–5 modes up to 2000.
 */
const WGAN: Preset = {
  id: 'wgan',
  title: 'Wasserstein critic',
  story:
    "The critic D is no longer a classifier: among functions with slope at most 1, the largest value of E D(x) − E D(G(z)) is the Wasserstein-1 (earth mover's) distance between the data and G (Kantorovich–Rubinstein duality; Arjovsky et al. 2017). Unlike the Jensen–Shannon divergence, W1 shrinks smoothly as the distributions approach even when they do not overlap, so G always gets a useful gradient. WGAN-GP keeps D about 1-Lipschitz by adding λ·E(‖∇D(x̂)‖ − 1)² at random points x̂ between real and generated samples, with k = 5 critic steps per generator step and Adam's β₂ = 0.9 (Gulrajani et al. 2017). The paper's λ = 10 was tuned for images; on this toy ring a weaker penalty, λ = 1, trains faster (the authors' own toy script uses 0.1), and a generator learning rate 5 times smaller than the critic's keeps G from outrunning it.",
  lookFor: [
    "Loss curves: the critic's loss E D(G(z)) − E D(x) + penalty is about minus its estimate of W1, and rises towards 0 as the sliced W1 curve falls.",
    'D(real) and D(fake) are raw scores, not probabilities: only their difference means anything.',
    "Distribution plot: the critic's heatmap is a smooth slope towards the modes, not a classifier's cliff.",
    'Modes covered reaches 8.',
  ],
  config: {
    dataset: 'ring-8',
    objective: 'wasserstein',
    discriminatorSteps: 5,
    gradientPenalty: 1,
    batchSize: 64,
    generatorLearningRate: 0.0002,
    generatorBeta2: 0.9,
    discriminatorBeta2: 0.9,
  },
  claim: {
    metric: 'modesCovered',
    comparison: '>',
    value: 7,
    afterIterations: 1000,
    text: 'All 8 modes are covered',
  },
};

/** Every preset, in the gallery's order. */
export const PRESETS: readonly Preset[] = [
  GAUSSIAN,
  NOISE_SIGMA,
  MODE_COLLAPSE,
  SATURATING,
  HIGH_LR,
  K_STEPS,
  MMD,
  HYBRID,
  PACKING,
  WGAN,
];

/** The preset with this id, if any. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** Defaults plus the given settings, validated by configSchema (throws if they are invalid). */
function withDefaults(settings: Partial<PlaygroundConfig>): PlaygroundConfig {
  const config: Record<string, unknown> = { ...defaultConfig() };
  // Copies, so that editing a config never edits a preset's arrays.
  for (const [key, value] of Object.entries(settings)) config[key] = cloneValue(value);
  return configSchema.parse(config);
}

/** The full config of a preset: defaults + its settings, validated by configSchema. */
export function presetConfig(preset: Preset): PlaygroundConfig {
  return withDefaults(preset.config);
}

/** The full config of a preset's comparison run, or null when it has none. */
export function compareConfig(preset: Preset): PlaygroundConfig | null {
  return preset.compare === undefined ? null : withDefaults(preset.compare.config);
}

/** Whether a claim holds for these metrics (null/NaN metric → false). */
export function claimHolds(
  claim: PresetClaim,
  metrics: Partial<Record<ClaimMetric, number | null>>,
): boolean {
  const value = metrics[claim.metric];
  if (value === null || value === undefined || Number.isNaN(value)) return false;
  return claim.comparison === '<' ? value < claim.value : value > claim.value;
}
