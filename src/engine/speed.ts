/**
 * How fast a model trains on the active tfjs backend, measured, and the choice of the fastest
 * backend from such measurements. The worker uses these to pick a backend for the current model
 * size when the user leaves the choice to it: small networks are bound by per-kernel dispatch
 * cost (WASM wins), large ones by arithmetic (a hardware GPU wins), and where the crossover
 * lies depends on the machine, so it is measured rather than guessed.
 */
import { createTrainer, type TrainerConfig } from './trainer';

export interface SpeedProbeOptions {
  /** Untimed iterations first: shader compilation, JIT, buffer pools (default 3). */
  warmupIterations?: number;
  /** Timed iterations stop once this much time has passed (default 300 ms)… */
  budgetMs?: number;
  /** …or once this many iterations ran (default 200). */
  maxIterations?: number;
  /** Clock in milliseconds (default performance.now, or Date.now where there is none). */
  now?: () => number;
}

/** performance.now() where the host has it (browsers, workers, Node), else Date.now(). */
function monotonicNow(): number {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  return clock === undefined ? Date.now() : clock.now();
}

/**
 * Iterations per second of `config` on the active backend: builds a throwaway trainer, warms
 * it up, then times whole iterations, each batch closed by the loss readback the training loop
 * also does (so queued GPU work is counted). Frees everything it built.
 */
export async function measureIterationsPerSecond(
  config: TrainerConfig,
  options: SpeedProbeOptions = {},
): Promise<number> {
  const { warmupIterations = 3, budgetMs = 300, maxIterations = 200 } = options;
  const now = options.now ?? monotonicNow;
  const trainer = createTrainer(config);
  try {
    trainer.step(warmupIterations);
    await trainer.takeLosses();
    let iterations = 0;
    let chunk = 1;
    const started = now();
    let elapsed = 0;
    while (elapsed < budgetMs && iterations < maxIterations) {
      const size = Math.min(chunk, maxIterations - iterations);
      trainer.step(size);
      await trainer.takeLosses();
      iterations += size;
      elapsed = now() - started;
      chunk *= 2;
    }
    return elapsed > 0 ? (iterations * 1000) / elapsed : Number.POSITIVE_INFINITY;
  } finally {
    trainer.dispose();
  }
}

/** One backend's measured speed. */
export interface BackendSpeed<Name extends string = string> {
  name: Name;
  /** Iterations per second; NaN when the measurement failed. */
  iterationsPerSecond: number;
}

/**
 * The fastest of the measured backends; ties (within `margin`, default 5 %) go to the earlier
 * entry, so list the preferred backend first. Null when no measurement succeeded.
 */
export function fastestBackend<Name extends string>(
  speeds: readonly BackendSpeed<Name>[],
  margin = 0.05,
): BackendSpeed<Name> | null {
  let best: BackendSpeed<Name> | null = null;
  for (const speed of speeds) {
    if (!(speed.iterationsPerSecond > 0)) continue;
    if (best === null || speed.iterationsPerSecond > best.iterationsPerSecond * (1 + margin)) {
      best = speed;
    }
  }
  return best;
}

/**
 * The settings that decide how fast an iteration is (network shapes, batch, objective and its
 * extra passes), as a cache key: two configs with the same key train at the same speed.
 */
export function speedKey(config: TrainerConfig, dimension: number): string {
  return JSON.stringify([
    config.generatorLayers,
    config.discriminatorLayers,
    config.generatorActivation,
    config.discriminatorActivation,
    config.noiseDimension,
    config.batchSize,
    config.discriminatorSteps,
    config.objective,
    config.objective === 'wasserstein' && config.gradientPenalty > 0,
    config.packing,
    config.instanceNoise > 0,
    config.mmdBandwidths.length,
    dimension,
  ]);
}
