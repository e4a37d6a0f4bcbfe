/**
 * The optimisers a network can be trained with, built from tfjs's own implementations.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Which optimiser updates a network.
 * - adam: Adam (Kingma & Ba 2015) with moment decays β1, β2.
 * - sgd: stochastic gradient descent with (heavy-ball) momentum μ (Polyak 1964), tf.train.momentum.
 * - rmsprop: RMSprop (Tieleman & Hinton 2012) with squared-gradient decay 0.9 and momentum μ.
 */
export type OptimizerKind = 'adam' | 'sgd' | 'rmsprop';

/** Every optimiser, in the order the UI lists them. */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['adam', 'sgd', 'rmsprop'];

/** Decay of RMSprop's running mean of squared gradients (Tieleman & Hinton 2012). */
export const RMSPROP_DECAY = 0.9;

/** What optimiser to build. */
export interface OptimizerSettings {
  readonly kind: OptimizerKind;
  /** Step size. */
  readonly learningRate: number;
  /** Adam's first-moment decay β1 (only for 'adam'). */
  readonly beta1: number;
  /** Adam's second-moment decay β2 (only for 'adam'). */
  readonly beta2: number;
  /** Momentum μ (only for 'sgd' and 'rmsprop'). */
  readonly momentum: number;
}

/**
 * The optimiser tf.train.momentum builds, with one fix: in tfjs 4.22 MomentumOptimizer's
 * dispose() frees its momentum scalar and slots but not the learning-rate scalar `c` it
 * inherits from SGDOptimizer, so every disposed optimiser leaked one tensor.
 */
class MomentumOptimizer extends tf.MomentumOptimizer {
  override dispose(): void {
    super.dispose();
    this.c.dispose();
  }
}

function assertUnitInterval(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new Error(`${what} must lie in [0, 1), got ${value}`);
  }
}

/**
 * Builds the optimiser. `what` names it in error messages (e.g. "generator"). Only the
 * settings the kind uses are validated, so e.g. an unused β2 is ignored.
 */
export function createOptimizer(settings: OptimizerSettings, what: string): tf.Optimizer {
  const { kind, learningRate, beta1, beta2, momentum } = settings;
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(`${what} learning rate must be a positive finite number, got ${learningRate}`);
  }
  switch (kind) {
    case 'adam':
      assertUnitInterval(beta1, `${what} Adam β1`);
      assertUnitInterval(beta2, `${what} Adam β2`);
      return tf.train.adam(learningRate, beta1, beta2);
    case 'sgd':
      assertUnitInterval(momentum, `${what} momentum`);
      // What tf.train.momentum(learningRate, momentum) returns, minus its dispose() leak.
      return new MomentumOptimizer(learningRate, momentum);
    case 'rmsprop':
      assertUnitInterval(momentum, `${what} momentum`);
      return tf.train.rmsprop(learningRate, RMSPROP_DECAY, momentum);
    default:
      throw new Error(`Unknown ${what} optimizer "${String(kind)}"`);
  }
}
