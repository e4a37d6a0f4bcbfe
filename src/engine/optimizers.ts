/**
 * The optimisers a network can be trained with: Adam, SGD with momentum and RMSprop, with the
 * update rules of tfjs's tf.train.adam / momentum / rmsprop, applied to all of a network's
 * weights at once.
 *
 * Why not tfjs's own optimisers: they update each weight tensor separately, about 14 kernels
 * per tensor for Adam, so one Adam step of a 3-layer MLP (6 tensors) is ~84 small kernels, and
 * with two networks that was over half of the ~400 kernels of a training iteration. On WASM a
 * kernel costs ~5–10 µs of dispatch however small, so tiny networks were bound by optimiser
 * bookkeeping, not arithmetic. Here the gradients are flattened into one vector, the moment
 * estimates are single flat variables, and the step is split back into the weight tensors:
 * ~30 kernels per update whatever the depth (docs/performance.md has the measurements).
 */
import * as tf from '@tensorflow/tfjs';
import { assertUnitInterval } from './assert';

/**
 * Which optimiser updates a network.
 * - adam: Adam (Kingma & Ba 2015) with moment decays β1, β2.
 * - sgd: stochastic gradient descent with (heavy-ball) momentum μ (Polyak 1964).
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

/** An optimiser bound to the variables it trains. */
export interface Optimizer {
  /** Which update rule it applies. */
  readonly kind: OptimizerKind;
  /** Number of scalars it trains: the length of every slot vector. */
  readonly size: number;
  /** Updates taken so far (t of Adam's bias corrections). */
  readonly steps: number;
  /**
   * The flat state vectors of the update rule, in a fixed order per kind (Adam: m, v; SGD: the
   * momentum accumulation; RMSprop: mean square, moment). Read them; never assign them.
   */
  readonly slots: readonly tf.Variable[];
  /**
   * Continues from a saved state: `steps` updates taken and the slot vectors' values (in the
   * order of {@link Optimizer.slots}). Throws, changing nothing, when they do not fit.
   */
  setState(steps: number, slots: readonly Float32Array[]): void;
  /** Starts fresh: zero slots and no updates taken, as just after creation. */
  reset(): void;
  /** The step size and decays it applies now (see {@link Optimizer.setSettings}). */
  readonly settings: Omit<OptimizerSettings, 'kind'>;
  /**
   * Changes the step size, β's or momentum from the next update on, keeping the slots and the
   * step count (a running run's optimiser state). Validated as at creation; throws, changing
   * nothing, on a bad value. Adam's bias corrections then use the new β's with the same t.
   */
  setSettings(settings: Omit<OptimizerSettings, 'kind'>): void;
  /**
   * Differentiates `loss` with respect to the variables, takes one step, and returns the loss
   * value. Call inside tf.tidy: the returned scalar and the intermediates belong to it.
   */
  minimize(loss: () => tf.Scalar): tf.Scalar;
  /** Frees the optimiser's state (not the variables it trains). */
  dispose(): void;
}

/**
 * An update rule on the flat gradient g: returns the vector to subtract from the flat weights,
 * updating its own flat state variables. `t` counts steps from 1.
 */
interface UpdateRule {
  readonly state: tf.Variable[];
  step(g: tf.Tensor, t: number): tf.Tensor;
}

/** The hyperparameters an update rule reads at every step: a live change is seen by the next. */
type Hyperparameters = { -readonly [K in Exclude<keyof OptimizerSettings, 'kind'>]: number };

/** A flat slot of `size` zeros; tidy() because tf.variable() does not own its initial value. */
function slot(size: number): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros([size]), false));
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1), as tf.train.adam computes it:
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
 *   w ← w − lr · m̂ / (√v̂ + ε),  m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ),
 * with the bias corrections folded into two scalars (the rearrangement at the end of the
 * paper's §2, exact here because ε is rescaled with them):
 *   lr · m̂ / (√v̂ + ε) = αₜ · m / (√v + ε̂),  αₜ = lr √(1 − β2ᵗ) / (1 − β1ᵗ),  ε̂ = ε √(1 − β2ᵗ).
 */
function adam(size: number, h: Hyperparameters, epsilon: number): UpdateRule {
  const m = slot(size);
  const v = slot(size);
  return {
    state: [m, v],
    step(g, t) {
      const { learningRate: lr, beta1, beta2 } = h;
      const nextM = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
      const nextV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
      m.assign(nextM);
      v.assign(nextV);
      const correction = Math.sqrt(1 - beta2 ** t);
      const alpha = (lr * correction) / (1 - beta1 ** t);
      return tf.mul(tf.div(nextM, tf.add(tf.sqrt(nextV), epsilon * correction)), alpha);
    },
  };
}

/**
 * SGD with heavy-ball momentum (Polyak 1964), as tf.train.momentum computes it:
 *   a ← μ a + g,  w ← w − lr · a.
 */
function momentumSgd(size: number, h: Hyperparameters): UpdateRule {
  const accumulation = slot(size);
  return {
    state: [accumulation],
    step(g) {
      const { learningRate: lr, momentum } = h;
      const next = tf.add(tf.mul(accumulation, momentum), g);
      accumulation.assign(next);
      return tf.mul(next, lr);
    },
  };
}

/**
 * RMSprop (Tieleman & Hinton 2012) with momentum, as tf.train.rmsprop computes it (uncentred):
 *   s ← ρ s + (1 − ρ) g²,  u ← μ u + lr · g / √(s + ε),  w ← w − u.
 */
function rmsprop(size: number, h: Hyperparameters, epsilon: number): UpdateRule {
  const meanSquare = slot(size);
  const moment = slot(size);
  return {
    state: [meanSquare, moment],
    step(g) {
      const { learningRate: lr, momentum } = h;
      const nextMeanSquare = tf.add(
        tf.mul(meanSquare, RMSPROP_DECAY),
        tf.mul(tf.square(g), 1 - RMSPROP_DECAY),
      );
      const nextMoment = tf.add(
        tf.mul(moment, momentum),
        tf.mul(tf.div(g, tf.sqrt(tf.add(nextMeanSquare, epsilon))), lr),
      );
      meanSquare.assign(nextMeanSquare);
      moment.assign(nextMoment);
      return nextMoment;
    },
  };
}

/**
 * Builds the optimiser of `variables`. `what` names it in error messages (e.g. "generator").
 * Only the settings the kind uses are validated, so e.g. an unused β2 is ignored. ε is the
 * backend's float epsilon, as in tfjs (1e-7 in float32).
 */
export function createOptimizer(
  settings: OptimizerSettings,
  variables: readonly tf.Variable[],
  what: string,
): Optimizer {
  const { kind } = settings;
  if (!OPTIMIZER_KINDS.includes(kind))
    throw new Error(`Unknown ${what} optimizer "${String(kind)}"`);
  checkSettings(kind, settings, what);
  if (variables.length === 0) throw new Error(`The ${what} optimizer has no variables to train`);
  const sizes = variables.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const epsilon = tf.backend().epsilon();
  // One mutable copy the update rule reads at every step: setSettings() changes it in place.
  const h: Hyperparameters = {
    learningRate: settings.learningRate,
    beta1: settings.beta1,
    beta2: settings.beta2,
    momentum: settings.momentum,
  };
  const rule: UpdateRule =
    kind === 'adam'
      ? adam(total, h, epsilon)
      : kind === 'sgd'
        ? momentumSgd(total, h)
        : rmsprop(total, h, epsilon);
  let t = 0;
  return {
    kind,
    size: total,
    get steps() {
      return t;
    },
    slots: rule.state,
    get settings() {
      return { ...h };
    },
    setSettings(next) {
      checkSettings(kind, next, what);
      h.learningRate = next.learningRate;
      h.beta1 = next.beta1;
      h.beta2 = next.beta2;
      h.momentum = next.momentum;
    },
    setState(steps, values) {
      if (!Number.isInteger(steps) || steps < 0) {
        throw new Error(`The ${what} optimizer's step count must be a non-negative integer`);
      }
      if (values.length !== rule.state.length || values.some((v) => v.length !== total)) {
        throw new Error(
          `The ${what} ${kind} optimizer keeps ${rule.state.length} vectors of ${total} values`,
        );
      }
      rule.state.forEach((slotVariable, i) => {
        // slice(): the CPU backend would otherwise alias the caller's array.
        tf.tidy(() => slotVariable.assign(tf.tensor1d((values[i] as Float32Array).slice())));
      });
      t = steps;
    },
    reset() {
      for (const slotVariable of rule.state) {
        tf.tidy(() => slotVariable.assign(tf.zerosLike(slotVariable)));
      }
      t = 0;
    },
    minimize(loss) {
      const { value, grads } = tf.variableGrads(loss, [...variables]);
      const flat = tf.concat(
        variables.map((v) => {
          const g = grads[v.name];
          if (g === undefined) throw new Error(`No gradient for ${v.name}`);
          return tf.reshape(g, [-1]);
        }),
      );
      t += 1;
      const update = rule.step(flat, t);
      const parts = variables.length === 1 ? [update] : tf.split(update, sizes);
      variables.forEach((v, i) => {
        v.assign(tf.sub(v, tf.reshape(parts[i] as tf.Tensor, v.shape)));
      });
      return value;
    },
    dispose() {
      for (const v of rule.state) v.dispose();
    },
  };
}

/** Throws, naming `what`, unless the settings the kind uses are valid (an unused β2 is ignored). */
function checkSettings(
  kind: OptimizerKind,
  settings: Omit<OptimizerSettings, 'kind'>,
  what: string,
): void {
  const { learningRate, beta1, beta2, momentum } = settings;
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(`${what} learning rate must be a positive finite number, got ${learningRate}`);
  }
  if (kind === 'adam') {
    assertUnitInterval(beta1, `${what} Adam β1`);
    assertUnitInterval(beta2, `${what} Adam β2`);
  } else {
    assertUnitInterval(momentum, `${what} momentum`);
  }
}
