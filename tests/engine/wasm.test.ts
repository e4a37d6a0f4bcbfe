import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installWasmMatMulFix } from '../../src/engine/wasm';

/**
 * The WASM backend's transposed products are rerouted through an explicit transpose (see
 * src/engine/wasm.ts). They must give the CPU backend's results, free every intermediate, and
 * leave small products on the original kernel.
 */
describe('WASM matrix products with transposed operands', () => {
  beforeAll(async () => {
    installWasmMatMulFix(); // idempotent: the import already installed it
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  const cases: [string, number[], number[], boolean, boolean][] = [
    ['Aᵀ·B, 64×256ᵀ · 256×64', [256, 64], [256, 64], true, false],
    ['A·Bᵀ, 256×64 · 64×64ᵀ', [256, 64], [64, 64], false, true],
    ['Aᵀ·Bᵀ', [128, 64], [32, 128], true, true],
    ['batched Aᵀ·B', [3, 100, 40], [3, 100, 20], true, false],
    ['small Aᵀ·B, under the 2¹⁵ threshold (original kernel)', [16, 8], [16, 4], true, false],
    ['plain product', [256, 64], [64, 64], false, false],
  ];

  /** Deterministic values in [−1, 1). */
  function values(shape: number[], seed: number): Float32Array {
    const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < out.length; i++)
      out[i] = (((i * 7919 + seed * 104729) % 2000) - 1000) / 1000;
    return out;
  }

  for (const [name, aShape, bShape, transposeA, transposeB] of cases) {
    it(`matches the CPU backend: ${name}`, async () => {
      const aValues = values(aShape, 1);
      const bValues = values(bShape, 2);
      const run = () =>
        tf.tidy(() =>
          tf.matMul(tf.tensor(aValues, aShape), tf.tensor(bValues, bShape), transposeA, transposeB),
        );
      const onWasm = run();
      const wasmResult = await onWasm.data();
      onWasm.dispose();
      await tf.setBackend('cpu');
      const onCpu = run();
      const cpuResult = await onCpu.data();
      onCpu.dispose();
      await tf.setBackend('wasm');
      expect(wasmResult.length).toBe(cpuResult.length);
      let worst = 0;
      for (let i = 0; i < cpuResult.length; i++) {
        worst = Math.max(worst, Math.abs((wasmResult[i] ?? 0) - (cpuResult[i] ?? 0)));
      }
      expect(worst).toBeLessThan(1e-3);
    });
  }

  it('frees the transposed copies (backend data and tensors stay flat)', () => {
    const a = tf.randomNormal<tf.Rank.R2>([256, 64]);
    const b = tf.randomNormal<tf.Rank.R2>([64, 64]);
    const before = tf.memory();
    const dataBefore = tf.engine().backend.numDataIds();
    for (let i = 0; i < 50; i++) {
      tf.tidy(() => {
        tf.matMul(a, a, true, false);
        tf.matMul(a, b, false, true);
        // Through a gradient too, where these products come from in training.
        tf.grad((x: tf.Tensor) => tf.sum(tf.matMul(x as tf.Tensor2D, b)))(a);
      });
    }
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.engine().backend.numDataIds()).toBe(dataBefore);
    a.dispose();
    b.dispose();
  });
});
