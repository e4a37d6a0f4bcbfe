/**
 * Where the time of a training iteration goes, kernel by kernel, in Node:
 *
 *   npx tsx bench/kernels.ts [wasm|cpu] [default|small|ganlab|wide] [iterations]
 *
 * Wraps tfjs's kernel dispatch, runs the trainer, and prints per kernel (matrix products split
 * by their transpose flags) the calls and the time per iteration, with the input shapes seen.
 * This is how the transposed-product and leaky-ReLU fixes were found (docs/performance.md).
 * Node's WASM runs the same binary as the browser's but timings differ: use `npm run bench` for
 * the figures, this for the breakdown.
 */
import * as tf from '@tensorflow/tfjs';
import '../src/engine/wasm';
import { createTrainer } from '../src/engine';
import { isModelSize, MODEL_SIZES, sizeConfig } from './sizes';

const backend = process.argv[2] ?? 'wasm';
const size = process.argv[3] ?? 'default';
const iterations = Number(process.argv[4] ?? 50);

if (!isModelSize(size))
  throw new Error(`Unknown size ${size}: ${Object.keys(MODEL_SIZES).join(', ')}`);
if (!(await tf.setBackend(backend))) throw new Error(`Backend ${backend} did not start`);
await tf.ready();

// The app's own defaults (ring of 8, the default optimiser settings), at the chosen size.
const trainer = createTrainer(sizeConfig(size));
trainer.step(20); // warm-up

interface KernelStats {
  calls: number;
  ms: number;
  shapes: Set<string>;
}
const stats = new Map<string, KernelStats>();
const engine = tf.engine() as unknown as {
  runKernel(
    name: string,
    inputs: Record<string, tf.TensorInfo | undefined>,
    attrs: object,
  ): unknown;
};
const dispatch = engine.runKernel.bind(engine);
engine.runKernel = (name, inputs, attrs) => {
  const started = performance.now();
  const result = dispatch(name, inputs, attrs);
  const elapsed = performance.now() - started;
  const flags = attrs as { transposeA?: boolean; transposeB?: boolean };
  const key =
    name === 'BatchMatMul'
      ? `${name} (${flags.transposeA ? 'Aᵀ' : 'A'}·${flags.transposeB ? 'Bᵀ' : 'B'})`
      : name;
  const entry = stats.get(key) ?? { calls: 0, ms: 0, shapes: new Set<string>() };
  entry.calls += 1;
  entry.ms += elapsed;
  entry.shapes.add(
    Object.values(inputs)
      .map((t) => (t === undefined ? '-' : t.shape.join('×') || 'scalar'))
      .join(', '),
  );
  stats.set(key, entry);
  return result;
};

const started = performance.now();
trainer.step(iterations);
await trainer.takeLosses();
const total = (performance.now() - started) / iterations;
engine.runKernel = dispatch;
trainer.dispose();

const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
const inKernels = rows.reduce((sum, [, s]) => sum + s.ms, 0) / iterations;
console.log(
  `${backend}, ${size} model: ${total.toFixed(2)} ms per iteration, ${inKernels.toFixed(2)} ms in kernels`,
);
console.log('| kernel | calls/iteration | µs/iteration | input shapes (first 3) |');
console.log('| --- | --- | --- | --- |');
for (const [name, s] of rows) {
  const shapes = [...s.shapes].slice(0, 3).join(' · ');
  console.log(
    `| ${name} | ${(s.calls / iterations).toFixed(0)} | ${((s.ms / iterations) * 1000).toFixed(0)} | ${shapes} |`,
  );
}
