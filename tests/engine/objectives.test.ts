import * as tf from '@tensorflow/tfjs';
import '../../src/engine/wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mmdSquared } from '../../src/engine/metrics';
import { type Activation, createMlp, LEAKY_RELU_SLOPE } from '../../src/engine/mlp';
import {
  discriminatorLoss,
  generatorAdversarialLoss,
  gradientPenalty,
  mmdSquaredLoss,
  OBJECTIVES,
  type Objective,
  pairwiseSquaredDistances,
  trainsDiscriminator,
  WASSERSTEIN_METHOD,
} from '../../src/engine/objectives';
import { createRandom } from '../../src/engine/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

const softplus = (t: number) => Math.log1p(Math.exp(-Math.abs(t))) + Math.max(t, 0);
const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const read = (scalar: tf.Scalar): number => {
  const value = scalar.dataSync()[0]!;
  scalar.dispose();
  return value;
};

describe('GAN losses on logits', () => {
  const tReal = [2.5, -0.3, 0.8, 1.7];
  const tFake = [-1.2, 0.4, -2.2, 0.1];
  const losses = (objective: Objective, smoothing: number) => {
    const real = tf.tensor1d(tReal);
    const fake = tf.tensor1d(tFake);
    const d = read(discriminatorLoss(objective, real, fake, smoothing));
    const g = read(generatorAdversarialLoss(objective, fake));
    real.dispose();
    fake.dispose();
    return { d, g };
  };

  it('minimax, non-saturating and hybrid use the cross-entropy with a smoothed real target', () => {
    const eps = 0.1;
    const dExpected =
      mean(tReal.map((t) => (1 - eps) * softplus(-t) + eps * softplus(t))) +
      mean(tFake.map((t) => softplus(t)));
    for (const objective of ['minimax', 'nonSaturating', 'hybrid'] as const) {
      expect(losses(objective, eps).d).toBeCloseTo(dExpected, 5);
    }
    // −[(1 − ε) log σ(t) + ε log(1 − σ(t))] with ε = 0 is the plain cross-entropy.
    expect(losses('nonSaturating', 0).d).toBeCloseTo(
      mean(tReal.map((t) => softplus(-t))) + mean(tFake.map((t) => softplus(t))),
      5,
    );
    // Saturating: minimise log(1 − σ(t)) = −softplus(t); non-saturating: −log σ(t).
    expect(losses('minimax', 0).g).toBeCloseTo(-mean(tFake.map((t) => softplus(t))), 5);
    expect(losses('nonSaturating', 0).g).toBeCloseTo(mean(tFake.map((t) => softplus(-t))), 5);
    expect(losses('hybrid', 0).g).toBeCloseTo(mean(tFake.map((t) => softplus(-t))), 5);
  });

  it('least squares (LSGAN, a = 0, b = 1 − ε, c = 1)', () => {
    const eps = 0.2;
    const { d, g } = losses('leastSquares', eps);
    expect(d).toBeCloseTo(
      0.5 * mean(tReal.map((t) => (t - (1 - eps)) ** 2)) + 0.5 * mean(tFake.map((t) => t * t)),
      5,
    );
    expect(g).toBeCloseTo(0.5 * mean(tFake.map((t) => (t - 1) ** 2)), 5);
  });

  it('hinge and Wasserstein ignore label smoothing', () => {
    const hinge = losses('hinge', 0.3);
    expect(hinge.d).toBeCloseTo(
      mean(tReal.map((t) => Math.max(0, 1 - t))) + mean(tFake.map((t) => Math.max(0, 1 + t))),
      5,
    );
    expect(hinge.g).toBeCloseTo(-mean(tFake), 5);
    const critic = losses('wasserstein', 0.3);
    expect(critic.d).toBeCloseTo(mean(tFake) - mean(tReal), 5);
    expect(critic.g).toBeCloseTo(-mean(tFake), 5);
  });

  it('mmd has no discriminator', () => {
    expect(OBJECTIVES.filter((o) => !trainsDiscriminator(o))).toEqual(['mmd']);
    expect(() => losses('mmd', 0)).toThrow(/no discriminator/);
  });
});

describe('MMD²', () => {
  it('computes non-negative pairwise squared distances', () => {
    const a = tf.tensor2d([0, 0, 1, 2, -3, 0.5], [3, 2]);
    const b = tf.tensor2d([1, 2, 0, -1], [2, 2]);
    const d = pairwiseSquaredDistances(a, b);
    expect(d.shape).toEqual([3, 2]);
    const expected = [5, 1, 0, 10, 18.25, 11.25];
    Array.from(d.dataSync()).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 4);
    });
    // Identical rows: the rounding of ‖a‖² + ‖a‖² − 2a·a is clamped at 0.
    const self = pairwiseSquaredDistances(a, a);
    expect(Math.min(...self.dataSync())).toBeGreaterThanOrEqual(0);
    tf.dispose([a, b, d, self]);
  });

  it('equals the unbiased estimator of metrics.mmdSquared, summed over the mixture', () => {
    const random = createRandom(3);
    const x = random.fillNormal(new Float32Array(40 * 2), 1);
    const y = random.fillNormal(new Float32Array(30 * 2), 1.5).map((v) => v + 0.5);
    const bandwidths = [0.5, 1, 2];
    const expected = bandwidths.reduce((s, h) => s + mmdSquared(x, y, 2, h), 0);
    const xt = tf.tensor2d(x, [40, 2]);
    const yt = tf.tensor2d(y, [30, 2]);
    expect(read(mmdSquaredLoss(xt, yt, bandwidths))).toBeCloseTo(expected, 4);
    // Zero in expectation for equal laws: a second sample of x's law gives ≈ 0.
    const x2 = tf.tensor2d(random.fillNormal(new Float32Array(40 * 2), 1), [40, 2]);
    expect(Math.abs(read(mmdSquaredLoss(xt, x2, bandwidths)))).toBeLessThan(0.1);
    tf.dispose([xt, yt, x2]);
  });

  it('pulls a generated batch towards the data (gradient descent lowers it)', () => {
    const random = createRandom(4);
    const y = tf.tensor2d(
      random.fillNormal(new Float32Array(64), 0.5).map((v) => v + 2),
      [64, 1],
    );
    const x = tf.variable(tf.tensor2d(random.fillNormal(new Float32Array(64), 1), [64, 1]));
    const optimizer = tf.train.adam(0.05);
    const loss = () => mmdSquaredLoss(x, y, [0.5, 1, 2]);
    const before = read(tf.tidy(loss));
    for (let i = 0; i < 100; i++) {
      tf.tidy(() => {
        optimizer.minimize(loss, false, [x]);
      });
    }
    expect(read(tf.tidy(loss))).toBeLessThan(0.1 * before);
    tf.dispose([x, y]);
    optimizer.dispose();
  });
});

/*
 * WGAN-GP needs the gradient of ‖∇ₓ D‖ with respect to D's weights: a second-order gradient.
 * The reference below evaluates the same tiny critic, its input gradient and the penalty in
 * float64 JavaScript, and differentiates the penalty by central finite differences.
 */
interface Derivatives {
  f(z: number): number;
  df(z: number): number;
}

const GELU_C = Math.sqrt(2 / Math.PI);
const REFERENCE: Record<Activation, Derivatives> = {
  relu: { f: (z) => Math.max(z, 0), df: (z) => (z > 0 ? 1 : 0) },
  leakyRelu: {
    f: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
    df: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE),
  },
  tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  elu: { f: (z) => (z > 0 ? z : Math.expm1(z)), df: (z) => (z > 0 ? 1 : Math.exp(z)) },
  gelu: {
    f: (z) => 0.5 * z * (1 + Math.tanh(GELU_C * (z + 0.044715 * z ** 3))),
    df: (z) => {
      const u = GELU_C * (z + 0.044715 * z ** 3);
      const th = Math.tanh(u);
      return 0.5 * (1 + th) + 0.5 * z * (1 - th * th) * GELU_C * (1 + 3 * 0.044715 * z * z);
    },
  },
};

/** Weights of a dense network as float64 arrays: kernels [in][out] flattened, then biases. */
type Weights = { kernels: Float64Array[]; biases: Float64Array[]; widths: number[] };

/** ∇ₓ t(x) of the MLP at one input, in float64. */
function inputGradient(w: Weights, act: Derivatives, x: readonly number[]): number[] {
  const layers = w.kernels.length;
  const pre: number[][] = [];
  let h = [...x];
  for (let l = 0; l < layers; l++) {
    const fanIn = w.widths[l]!;
    const fanOut = w.widths[l + 1]!;
    const z = Array.from({ length: fanOut }, (_, j) => {
      let s = w.biases[l]![j]!;
      for (let i = 0; i < fanIn; i++) s += h[i]! * w.kernels[l]![i * fanOut + j]!;
      return s;
    });
    pre.push(z);
    h = l < layers - 1 ? z.map(act.f) : z;
  }
  // Backward from the single output.
  let g = [1];
  for (let l = layers - 1; l >= 0; l--) {
    const fanIn = w.widths[l]!;
    const fanOut = w.widths[l + 1]!;
    const gz = l < layers - 1 ? g.map((v, j) => v * act.df(pre[l]![j]!)) : g;
    g = Array.from({ length: fanIn }, (_, i) => {
      let s = 0;
      for (let j = 0; j < fanOut; j++) s += w.kernels[l]![i * fanOut + j]! * gz[j]!;
      return s;
    });
  }
  return g;
}

function referencePenalty(w: Weights, act: Derivatives, points: readonly number[][]): number {
  return mean(
    points.map((x) => {
      const g = inputGradient(w, act, x);
      return (Math.sqrt(g.reduce((s, v) => s + v * v, 0)) - 1) ** 2;
    }),
  );
}

describe(`WGAN gradient penalty (WASSERSTEIN_METHOD = ${WASSERSTEIN_METHOD})`, () => {
  it('uses the gradient penalty', () => {
    expect(WASSERSTEIN_METHOD).toBe('gradient-penalty');
  });

  const activations: Activation[] = ['relu', 'leakyRelu', 'tanh', 'elu', 'gelu'];
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const activation of activations) {
      it(`matches float64 finite differences of the penalty w.r.t. the critic's weights (${activation}, ${backend})`, async () => {
        await tf.setBackend(backend);
        const before = tf.memory().numTensors;
        const critic = createMlp({
          inputSize: 2,
          hiddenLayers: [5, 4],
          outputSize: 1,
          hiddenActivation: activation,
          random: createRandom(11).fork(activation),
          name: 'critic',
        });
        // Non-zero biases so the relu kinks sit away from the origin.
        const random = createRandom(12);
        for (const layer of critic.layers) {
          const n = layer.bias.size;
          tf.tidy(() => {
            layer.bias.assign(tf.tensor1d(random.fillNormal(new Float32Array(n), 0.5)));
          });
        }
        const n = 6;
        const real = random.fillNormal(new Float32Array(n * 2), 1).map((v) => v + 1.5);
        const fake = random.fillNormal(new Float32Array(n * 2), 1);
        const eps = Float32Array.from({ length: n }, () => random.next());
        const realT = tf.tensor2d(real, [n, 2]);
        const fakeT = tf.tensor2d(fake, [n, 2]);
        const epsT = tf.tensor2d(eps, [n, 1]);
        const { value, grads } = tf.variableGrads(
          () => gradientPenalty(critic.applyTwiceDifferentiable, realT, fakeT, epsT),
          critic.variables,
        );

        // The same in float64: interpolates, penalty and central differences.
        const points = Array.from({ length: n }, (_, i) =>
          [0, 1].map((k) => eps[i]! * real[2 * i + k]! + (1 - eps[i]!) * fake[2 * i + k]!),
        );
        const weights: Weights = {
          kernels: critic.layers.map((l) => Float64Array.from(l.kernel.dataSync())),
          biases: critic.layers.map((l) => Float64Array.from(l.bias.dataSync())),
          widths: [2, 5, 4, 1],
        };
        const act = REFERENCE[activation];
        expect(read(value)).toBeCloseTo(referencePenalty(weights, act, points), 4);

        const h = 1e-6;
        let compared = 0;
        critic.layers.forEach((layer, l) => {
          for (const [kind, variable] of [
            ['kernels', layer.kernel],
            ['biases', layer.bias],
          ] as const) {
            const analytic = grads[variable.name]?.dataSync() ?? new Float32Array(variable.size);
            const params = weights[kind][l]!;
            for (let i = 0; i < params.length; i++) {
              const saved = params[i]!;
              params[i] = saved + h;
              const plus = referencePenalty(weights, act, points);
              params[i] = saved - h;
              const minus = referencePenalty(weights, act, points);
              params[i] = saved;
              const numeric = (plus - minus) / (2 * h);
              expect(Math.abs(analytic[i]! - numeric)).toBeLessThan(
                2e-4 * Math.max(1, Math.abs(numeric)),
              );
              compared++;
            }
          }
        });
        // Every weight and bias except the output bias, which the penalty does not depend on.
        expect(compared).toBe(critic.parameterCount);
        tf.dispose([realT, fakeT, epsT, ...Object.values(grads)]);
        critic.dispose();
        expect(tf.memory().numTensors).toBe(before);
        await tf.setBackend('cpu');
      });
    }
  }
});
