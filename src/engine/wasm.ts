/**
 * The WASM backend of tfjs, with one measured fix: matrix products with a transposed operand.
 *
 * tfjs-backend-wasm 4.22 hands a product whose `transposeA` or `transposeB` flag is set to a
 * naive triple loop instead of XNNPACK's packed kernel. Backpropagation through a dense layer
 * is made of exactly such products (∂L/∂W = xᵀ·δ and ∂L/∂x = δ·Wᵀ), so on a 2×64 GAN they took
 * 11 of the 19 ms of a training iteration. Measured in Node (tfjs 4.22, 2-core machine, µs per
 * product, `npx tsx bench/micro.ts`):
 *
 * | product (m×k · k×n)    | flag   | explicit transpose + plain product |
 * | ---------------------- | ------ | ---------------------------------- |
 * | 256×64 · 64×64, Aᵀ     | 1 797  | 142                                |
 * | 512×64 · 64×64, Aᵀ     | 2 469  | 264                                |
 * | 1024×256 · 256×256, Aᵀ | 96 098 | 9 043                              |
 * | 256×64 · 64×1, Aᵀ      | 31     | 65                                 |
 *
 * So this module re-registers the WASM BatchMatMul and _FusedMatMul kernels with a wrapper that
 * transposes the flagged operand first (the WASM Transpose kernel is a fast copy) and runs the
 * plain product, whenever the product is large enough (m·k·n ≥ 2¹⁵) for the naive loop to lose.
 * Results are identical up to float32 summation order. Importing this module registers the
 * WASM backend and installs the fix; it is idempotent.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Products with at least this many multiply-adds take the transpose-then-multiply path. */
export const EXPLICIT_TRANSPOSE_MIN_WORK = 1 << 15;

/** The kernels whose inputs `a`, `b` and attributes `transposeA`, `transposeB` are patched. */
const PATCHED_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

const installed = new Set<string>();

/** The swap of the last two axes of a rank-r tensor. */
function lastAxesSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Multiply-adds of the product described by the inputs and flags. */
function productWork(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean) {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  const batch = Math.max(tf.util.sizeFromShape(a.shape.slice(0, -2)), 1);
  return (m ?? 1) * (k ?? 1) * (n ?? 1) * batch;
}

function patch(kernelName: (typeof PATCHED_KERNELS)[number]): void {
  if (installed.has(kernelName)) return;
  const original = tf.getKernel(kernelName, 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (original === undefined || transpose === undefined) return;
  const kernelFunc: tf.KernelFunc = (params) => {
    const { inputs, backend, attrs } = params;
    const a = inputs.a as tf.TensorInfo | undefined;
    const b = inputs.b as tf.TensorInfo | undefined;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    if (
      a === undefined ||
      b === undefined ||
      (!transposeA && !transposeB) ||
      productWork(a, b, transposeA, transposeB) < EXPLICIT_TRANSPOSE_MIN_WORK
    ) {
      return original.kernelFunc(params);
    }
    const temporaries: tf.TensorInfo[] = [];
    const transposed = (x: tf.TensorInfo): tf.TensorInfo => {
      const result = transpose.kernelFunc({
        inputs: { x },
        backend,
        attrs: { perm: lastAxesSwapped(x.shape.length) },
      }) as tf.TensorInfo;
      temporaries.push(result);
      return result;
    };
    try {
      return original.kernelFunc({
        inputs: { ...inputs, a: transposeA ? transposed(a) : a, b: transposeB ? transposed(b) : b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      // Kernel-level intermediates are not tracked by the engine: free them here, as the
      // WASM kernels themselves do with their reshaped operands.
      for (const t of temporaries) (backend as tf.KernelBackend).disposeData(t.dataId);
    }
  };
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
  installed.add(kernelName);
}

/** Installs the fast transposed products on the WASM backend (idempotent). */
export function installWasmMatMulFix(): void {
  for (const name of PATCHED_KERNELS) patch(name);
}

installWasmMatMulFix();
