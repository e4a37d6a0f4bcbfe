/**
 * GAN objectives: the discriminator's and the generator's loss as functions of the
 * discriminator's raw outputs t (a logit for the cross-entropy objectives, a score or critic
 * value otherwise), plus the two sample-based terms, the WGAN-GP gradient penalty and MMD².
 *
 * Every function here builds tensors and must be called inside tf.tidy (or a minimised
 * closure); none reads back.
 *
 * Cross-entropy losses are written with logits: with σ the sigmoid,
 * −log σ(t) = softplus(−t) and −log(1 − σ(t)) = softplus(t), which tfjs evaluates without
 * overflow for large |t|.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Which pair of losses the networks minimise.
 * - minimax: the saturating game of Goodfellow et al. 2014, eq. 1.
 * - nonSaturating: the same discriminator, with the generator maximising log D(G(z))
 *   (Goodfellow et al. 2014, §3).
 * - leastSquares: LSGAN (Mao et al. 2017, eq. 9 with a = 0, b = c = 1).
 * - hinge: the hinge loss (Lim & Ye 2017; Miyato et al. 2018, eq. 16–17).
 * - wasserstein: WGAN critic with gradient penalty (Gulrajani et al. 2017, Algorithm 1).
 * - mmd: generative moment matching, no discriminator (Li et al. 2015; Dziugaite et al. 2015).
 * - hybrid: non-saturating GAN plus an MMD² term in the generator loss.
 */
export type Objective =
  | 'minimax'
  | 'nonSaturating'
  | 'leastSquares'
  | 'hinge'
  | 'wasserstein'
  | 'mmd'
  | 'hybrid';

/** Every objective, in the order the UI lists them. */
export const OBJECTIVES: readonly Objective[] = [
  'minimax',
  'nonSaturating',
  'leastSquares',
  'hinge',
  'wasserstein',
  'mmd',
  'hybrid',
];

/**
 * How the WGAN critic is kept (approximately) 1-Lipschitz. tfjs 4.22 can differentiate the
 * norm of an input gradient with respect to the critic's weights (a gradient of a gradient),
 * provided the critic is built from ops whose gradients are themselves differentiable (see
 * Mlp.applyTwiceDifferentiable); the result matches central finite differences to float32
 * precision on CPU and wasm (tests/engine/objectives.test.ts). So the gradient penalty is used,
 * not weight clipping.
 */
export const WASSERSTEIN_METHOD: 'gradient-penalty' | 'weight-clipping' = 'gradient-penalty';

/** Whether the objective trains a discriminator at all ('mmd' does not). */
export function trainsDiscriminator(objective: Objective): boolean {
  return objective !== 'mmd';
}

/**
 * Whether the discriminator's output is a logit of the probability "real" (the cross-entropy
 * objectives), so that σ(t) is meaningful; otherwise it is a raw score or critic value.
 */
export function outputIsLogit(objective: Objective): boolean {
  return objective === 'minimax' || objective === 'nonSaturating' || objective === 'hybrid';
}

/** Whether one-sided label smoothing has an effect on the objective. */
export function usesLabelSmoothing(objective: Objective): boolean {
  return outputIsLogit(objective) || objective === 'leastSquares';
}

/** Whether the generator loss contains an MMD² term. */
export function usesMmd(objective: Objective): boolean {
  return objective === 'mmd' || objective === 'hybrid';
}

/**
 * The discriminator loss L_D on a batch of outputs for real (tReal) and generated (tFake)
 * inputs, without the gradient penalty (see {@link gradientPenalty}). `labelSmoothing` ε
 * replaces the real target 1 by 1 − ε (one-sided label smoothing, Salimans et al. 2016, §3.4)
 * for the cross-entropy and least-squares losses; the others ignore it. Throws for 'mmd'.
 */
export function discriminatorLoss(
  objective: Objective,
  tReal: tf.Tensor,
  tFake: tf.Tensor,
  labelSmoothing: number,
): tf.Scalar {
  const target = 1 - labelSmoothing;
  switch (objective) {
    case 'minimax':
    case 'nonSaturating':
    case 'hybrid': {
      // Binary cross-entropy (Goodfellow et al. 2014, eq. 1), real target 1 − ε:
      //   L_D = E_x[(1 − ε)·softplus(−t) + ε·softplus(t)] + E_z softplus(t(G(z)))
      // i.e. −[(1 − ε) log σ(t) + ε log(1 − σ(t))] on the real side.
      const realTerm =
        labelSmoothing === 0
          ? tf.softplus(tf.neg(tReal))
          : tf.add(
              tf.mul(tf.softplus(tf.neg(tReal)), target),
              tf.mul(tf.softplus(tReal), labelSmoothing),
            );
      return tf.add(tf.mean(realTerm), tf.mean(tf.softplus(tFake)));
    }
    case 'leastSquares':
      // LSGAN (Mao et al. 2017, eq. 9, a = 0, b = 1 − ε):
      //   L_D = ½E_x (t − (1 − ε))² + ½E_z t(G(z))²
      return tf.mul(
        tf.add(tf.mean(tf.square(tf.sub(tReal, target))), tf.mean(tf.square(tFake))),
        0.5,
      );
    case 'hinge':
      // Hinge loss (Lim & Ye 2017; Miyato et al. 2018, eq. 16):
      //   L_D = E_x relu(1 − t) + E_z relu(1 + t(G(z)))
      return tf.add(tf.mean(tf.relu(tf.sub(1, tReal))), tf.mean(tf.relu(tf.add(1, tFake))));
    case 'wasserstein':
      // WGAN critic (Arjovsky et al. 2017, eq. 3; Gulrajani et al. 2017, eq. 3 without the
      // penalty): L_D = E_z t(G(z)) − E_x t(x)
      return tf.sub(tf.mean(tFake), tf.mean(tReal));
    case 'mmd':
      throw new Error('The mmd objective trains no discriminator');
  }
}

/**
 * The adversarial part of the generator loss L_G on the discriminator's outputs for generated
 * inputs; for 'hybrid' the MMD² term is added by the caller, and 'mmd' has no adversarial part
 * (throws).
 */
export function generatorAdversarialLoss(objective: Objective, tFake: tf.Tensor): tf.Scalar {
  switch (objective) {
    case 'minimax':
      // Saturating generator (Goodfellow et al. 2014, eq. 1): minimise E log(1 − D(G(z))),
      // and log(1 − σ(t)) = −softplus(t): L_G = −E_z softplus(t(G(z))).
      return tf.neg(tf.mean<tf.Scalar>(tf.softplus(tFake)));
    case 'nonSaturating':
    case 'hybrid':
      // Non-saturating generator (Goodfellow et al. 2014, §3): maximise E log D(G(z)),
      // L_G = E_z softplus(−t(G(z))).
      return tf.mean(tf.softplus(tf.neg(tFake)));
    case 'leastSquares':
      // LSGAN (Mao et al. 2017, eq. 9, c = 1): L_G = ½E_z (t(G(z)) − 1)².
      return tf.mul(tf.mean(tf.square(tf.sub(tFake, 1))), 0.5);
    case 'hinge':
    case 'wasserstein':
      // Hinge generator (Lim & Ye 2017; Miyato et al. 2018, eq. 17) and WGAN generator
      // (Arjovsky et al. 2017, Algorithm 1) alike: L_G = −E_z t(G(z)).
      return tf.neg(tf.mean<tf.Scalar>(tFake));
    case 'mmd':
      throw new Error('The mmd objective has no adversarial generator loss');
  }
}

/**
 * WGAN-GP gradient penalty (Gulrajani et al. 2017, eq. 3):
 *   GP = E_x̂ (‖∇_x̂ t(x̂)‖₂ − 1)²,  x̂ = ε·x_real + (1 − ε)·x_fake,  ε ~ U[0, 1] per sample.
 * `epsilon` is [batch, 1]. The caller multiplies by λ. `critic` must be twice differentiable
 * (Mlp.applyTwiceDifferentiable), since the optimiser differentiates this penalty with
 * respect to the critic's weights. A 1e-12 inside the square root keeps its gradient finite
 * where the input gradient vanishes.
 */
export function gradientPenalty(
  critic: (x: tf.Tensor2D) => tf.Tensor2D,
  real: tf.Tensor2D,
  fake: tf.Tensor2D,
  epsilon: tf.Tensor2D,
): tf.Scalar {
  const interpolates: tf.Tensor2D = tf.add(tf.mul(epsilon, real), tf.mul(tf.sub(1, epsilon), fake));
  // Σ over the batch: each sample's output depends only on its own input, so the gradient of
  // the sum with respect to the batch is the stack of per-sample input gradients.
  const inputGradient = tf.grad((x) => tf.sum(critic(x as tf.Tensor2D)))(interpolates);
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(inputGradient), 1), 1e-12));
  return tf.mean(tf.square(tf.sub(norm, 1)));
}

/**
 * Pairwise squared Euclidean distances between the rows of a [m, d] and b [n, d]:
 * D_ij = ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j, clamped at 0 against rounding.
 *
 * The three terms are summed by one matrix product of augmented rows,
 * [−2a_i, ‖a_i‖², 1] · [b_j, 1, ‖b_j‖²], instead of a broadcast addition: tfjs's CPU backend
 * broadcasts (and reduces the broadcast gradient) slowly, and this halves the ops.
 */
export function pairwiseSquaredDistances(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const m = a.shape[0];
  const n = b.shape[0];
  const left = tf.concat2d(
    [
      tf.mul<tf.Tensor2D>(a, -2),
      tf.sum<tf.Tensor2D>(tf.square(a), 1, true),
      tf.ones<tf.Rank.R2>([m, 1]),
    ],
    1,
  );
  const right = tf.concat2d(
    [b, tf.ones<tf.Rank.R2>([n, 1]), tf.sum<tf.Tensor2D>(tf.square(b), 1, true)],
    1,
  );
  return tf.relu(tf.matMul<tf.Tensor2D>(left, right, false, true));
}

/** Σ_h exp(−D / (2h²)) elementwise: the mixture of Gaussian kernels on squared distances D. */
function mixtureKernel(squaredDistances: tf.Tensor2D, bandwidths: readonly number[]): tf.Tensor2D {
  let total: tf.Tensor2D | null = null;
  for (const h of bandwidths) {
    const k = tf.exp(tf.mul<tf.Tensor2D>(squaredDistances, -1 / (2 * h * h)));
    total = total === null ? k : tf.add<tf.Tensor2D>(total, k);
  }
  if (total === null) throw new Error('MMD needs at least one kernel bandwidth');
  return total;
}

/**
 * Unbiased estimate of the squared maximum mean discrepancy between the laws of the rows of
 * x [m, d] (generated) and y [n, d] (real), with the mixture kernel k(u, v) = Σ_h
 * exp(−‖u − v‖² / 2h²) over `bandwidths` (Gretton et al. 2012, eq. 3; used as a generator loss
 * by Li et al. 2015 and Dziugaite et al. 2015):
 *
 *   MMD²_u = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j)
 *            − 2/(mn) Σ_{i,j} k(x_i, y_j)
 *
 * Unbiased rather than biased (the V-statistic that keeps i = j): the biased one weights the
 * generated points' mutual repulsion by 1/m² instead of 1/(m(m−1)), so its minimiser on a
 * finite batch is slightly too concentrated, while the unbiased estimate's gradient is an
 * unbiased estimate of the population MMD²'s gradient. The price, a value that can dip
 * slightly below 0 near convergence, does not matter for a loss. The diagonal k(x_i, x_i) = H
 * (the number of bandwidths) is subtracted as a constant instead of masked: float32 rounding
 * makes the computed diagonal differ from H by ~1e-6 at most, and its gradient vanishes (the
 * distance of a point to itself does not depend on the point).
 *
 * m, n ≥ 2.
 */
export function mmdSquaredLoss(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  bandwidths: readonly number[],
): tf.Scalar {
  const m = x.shape[0];
  const n = y.shape[0];
  if (m < 2 || n < 2) throw new Error(`MMD² needs at least 2 points per sample, got ${m} and ${n}`);
  const diagonal = bandwidths.length;
  const xx = tf.div(
    tf.sub(tf.sum(mixtureKernel(pairwiseSquaredDistances(x, x), bandwidths)), m * diagonal),
    m * (m - 1),
  );
  const yy = tf.div(
    tf.sub(tf.sum(mixtureKernel(pairwiseSquaredDistances(y, y), bandwidths)), n * diagonal),
    n * (n - 1),
  );
  const xy = tf.mean(mixtureKernel(pairwiseSquaredDistances(x, y), bandwidths));
  return tf.sub(tf.add(xx, yy), tf.mul(xy, 2));
}
