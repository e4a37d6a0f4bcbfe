/**
 * The active tfjs backend's matrix-product throughput, measured once per backend in a session
 * (three 192² products, plain and transposed as in a backward pass; ~2 ms on WASM, ~250 ms on
 * the CPU backend), for the pacing's first estimates (see ./pacing).
 */
import * as tf from '@tensorflow/tfjs';
import { calibrate, type Throughput } from './pacing';

const SIZE = 192;
const measured = new Map<string, Throughput>();
/** Until a backend is measured: about the CPU backend's speed, the slowest (a generous allowance). */
const UNMEASURED: Throughput = 300_000;

/** Measures the active backend unless it already was; resolves with its throughput. */
export async function calibrateBackend(): Promise<Throughput> {
  const name = tf.getBackend();
  const known = measured.get(name);
  if (known !== undefined) return known;
  const a = tf.randomUniform([SIZE, SIZE]);
  const b = tf.randomUniform([SIZE, SIZE]);
  try {
    const throughput = await calibrate(
      async () => {
        const c = tf.tidy(() =>
          tf
            .matMul(a, b)
            .add(tf.matMul(a, b, true, false))
            .add(tf.matMul(a, b, false, true)),
        );
        await c.data();
        c.dispose();
      },
      3 * SIZE ** 3,
      () => performance.now(),
    );
    measured.set(name, throughput);
    return throughput;
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** The active backend's measured throughput, or a slow default before it is measured. */
export function backendThroughput(): Throughput {
  return measured.get(tf.getBackend()) ?? UNMEASURED;
}
