/**
 * The Node micro-benchmarks behind docs/performance.md's explanations (not product figures:
 * those come from `npm run bench`):
 *
 *   npx tsx bench/micro.ts
 *
 * 1. tfjs-backend-wasm's own matrix products with a transpose flag against an explicit
 *    transpose followed by a plain product (what src/engine/wasm.ts does for large products);
 * 2. the pieces of tfjs's leaky-ReLU gradient (Greater against a broadcast 0, Select) against
 *    the Step kernel the masked leaky ReLU uses;
 * 3. what one refresh of the teaching views costs the worker: Trainer.fields on the default
 *    model with the worker's sizes, and the MMD witness on its grid.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { defaultConfig } from '../src/config/schema';
import { createTrainer, mmdWitness, mmdWitnessOnGrid, regularGrid } from '../src/engine';

await tf.setBackend('wasm');
await tf.ready();

function microseconds(run: () => tf.TensorContainer, repetitions = 200): number {
  for (let i = 0; i < 20; i++) tf.dispose(tf.tidy(run));
  const started = performance.now();
  for (let i = 0; i < repetitions; i++) tf.dispose(tf.tidy(run));
  return ((performance.now() - started) / repetitions) * 1000;
}

console.log('| product (m×k · k×n) | flag (µs) | explicit transpose + plain product (µs) |');
console.log('| --- | --- | --- |');
for (const [m, k, n] of [
  [256, 64, 64],
  [512, 64, 64],
  [256, 64, 1],
  [1024, 256, 256],
] as const) {
  const a = tf.randomNormal<tf.Rank.R2>([k, m]); // stored transposed: the product is aᵀ·b
  const b = tf.randomNormal<tf.Rank.R2>([k, n]);
  const reps = m * k * n > 1e7 ? 10 : 200;
  const flagged = microseconds(() => tf.matMul(a, b, true, false), reps);
  const explicit = microseconds(() => tf.matMul(tf.transpose(a), b), reps);
  console.log(`| ${m}×${k} · ${k}×${n}, Aᵀ | ${flagged.toFixed(0)} | ${explicit.toFixed(0)} |`);
  tf.dispose([a, b]);
}

const x = tf.randomNormal<tf.Rank.R2>([256, 64]);
console.log('\n| kernel on 256×64 | µs |');
console.log('| --- | --- |');
console.log(`| Greater(x, 0) | ${microseconds(() => tf.greater(x, 0)).toFixed(0)} |`);
console.log(
  `| Select | ${microseconds(() => tf.where(tf.greater(x, 0), x, x)).toFixed(0)} (with Greater) |`,
);
console.log(`| Step(x, 0.2) | ${microseconds(() => tf.step(x, 0.2)).toFixed(0)} |`);
x.dispose();

await import('../src/engine/wasm'); // the fixed products, as the worker runs them
const trainer = createTrainer(defaultConfig());
trainer.step(20);
const generated = await trainer.sampleGenerator(512);
const real = trainer.sampleReal(512);
const domain: [number, number][] = [
  [-3, 3],
  [-3, 3],
];
const options = {
  domain,
  resolution: 48,
  manifoldResolution: 21,
  samples: generated.slice(0, 256),
};
for (let i = 0; i < 3; i++) await trainer.fields(options);
let started = performance.now();
for (let i = 0; i < 20; i++) await trainer.fields(options);
const fieldsMs = (performance.now() - started) / 20;
const grid = regularGrid(domain, 48);
started = performance.now();
for (let i = 0; i < 20; i++)
  mmdWitness(grid, real.subarray(0, 256), generated.subarray(0, 256), 2, 0.5);
const witnessMs = (performance.now() - started) / 20;
started = performance.now();
for (let i = 0; i < 20; i++)
  mmdWitnessOnGrid(domain, 48, real.subarray(0, 256), generated.subarray(0, 256), 0.5);
const separableMs = (performance.now() - started) / 20;
console.log(
  `\nOne views refresh, default model: Trainer.fields (48² D grid, 21² manifold, 128 arrows) ${fieldsMs.toFixed(1)} ms; MMD witness (48² grid, 128 + 128 points) ${separableMs.toFixed(1)} ms separable as the worker computes it (${witnessMs.toFixed(1)} ms point by point)`,
);
trainer.dispose();
