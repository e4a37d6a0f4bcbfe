/**
 * How long the worker's long synchronous blocks take, so the page can tell a busy worker from a
 * stuck one (see the 'busy' event in ./protocol), the loop can split an iteration that is
 * longer than a turn into its phases, and a model that would never finish is refused up front.
 *
 * Before any measurement a block's time is estimated from its multiply-adds (counted from the
 * layer sizes, see modelCost) and the backend's measured throughput (calibrate(), one short
 * matrix product at start-up); once a block of that kind has run, its measured time is used.
 * Pure arithmetic apart from calibrate(): unit-tested in Node with a fake clock.
 */
import type { TrainerConfig } from '../engine';

/** The long blocks the worker announces. */
export type BlockKind = 'discriminator' | 'generator' | 'snapshot';

/** Multiply-adds of one block of each kind for a model. */
export type ModelCost = Readonly<Record<BlockKind, number>>;

/**
 * A block expected to take this long is announced to the page with a 'busy' event (shorter ones
 * are covered by the heartbeat's 10 s: they would have to run 20× slower than measured).
 */
export const ANNOUNCE_MS = 500;
/**
 * The longest single synchronous phase (one discriminator or generator update, or a snapshot)
 * allowed to start. Pause, edits and exports wait for the phase in progress: beyond a minute the
 * page is no longer interactive, and at that speed 100 iterations of k = 1 take over three
 * hours. Anything shorter trains, slowly, with its progress shown.
 */
export const MAX_PHASE_MS = 60_000;
/**
 * Estimates from multiply-adds are this much longer than the bare matrix products: the
 * activations, the optimiser's updates and tidy() cost extra (measured on WASM and the CPU
 * backend: 1.2–1.9× for 256- and 512-wide layers, more for small ones, where overheads dominate
 * but which take milliseconds anyway).
 */
const OVERHEAD = 1.5;
/**
 * An iteration longer than this runs one phase per turn (k discriminator updates, then the
 * generator's), so pings, pause and exports are answered between phases; shorter ones run whole.
 */
export const SPLIT_MS = 250;
/** A measured block's time is smoothed over about this many blocks (exponential average). */
const SMOOTHING = 0.3;

/** Multiply-adds of one forward pass of an MLP with these widths, per sample. */
function forwardMacs(widths: readonly number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < widths.length; i += 1) total += (widths[i] ?? 0) * (widths[i + 1] ?? 0);
  return total;
}

/**
 * Multiply-adds of a discriminator update, a generator update and a snapshot (the views,
 * metrics and diagnostics at the worker's sizes) of `config` with data of `dimension`.
 * A backward pass costs about twice its forward pass (input and weight gradients).
 */
export function modelCost(config: TrainerConfig, dimension: number): ModelCost {
  const pack = Math.max(1, config.packing);
  const g = forwardMacs([config.noiseDimension, ...config.generatorLayers, dimension]);
  const hasD = config.objective !== 'mmd';
  const d = hasD ? forwardMacs([dimension * pack, ...config.discriminatorLayers, 1]) / pack : 0;
  const batch = config.batchSize;
  const penalty = config.objective === 'wasserstein' && config.gradientPenalty > 0 ? 2 : 1;
  const mmd = config.objective === 'mmd' || config.objective === 'hybrid';
  const kernel = mmd ? batch * batch * (dimension + 2) * config.mmdBandwidths.length : 0;
  return {
    // G forward; D forward and backward on the real and the generated batch.
    discriminator: hasD ? batch * (g + 6 * d * penalty) : 0,
    // G forward and backward; D forward and backward through to its input.
    generator: batch * (3 * g + 3 * d) + kernel,
    // 512 samples, the 48² heatmap, the manifold mesh, 128 push arrows, the diagnostics pass.
    snapshot: 512 * g + 2304 * d + 441 * g + 128 * 3 * (g + d) + 256 * 3 * (g + 2 * d),
  };
}

/** Multiply-adds per millisecond of a matrix product on the active backend. */
export type Throughput = number;

/**
 * The active backend's throughput, from timing `run` (which performs `macs` multiply-adds and
 * resolves when they are done) after one warm-up call. `now` is the clock (ms).
 */
export async function calibrate(
  run: () => Promise<void>,
  macs: number,
  now: () => number,
  repeats = 3,
): Promise<Throughput> {
  await run();
  const started = now();
  for (let i = 0; i < repeats; i += 1) await run();
  const elapsed = Math.max(now() - started, 0.001);
  return (macs * repeats) / elapsed;
}

/** Per-block estimates and measurements for one model on one backend. */
export class Pacing {
  private readonly measured = new Map<BlockKind, number>();

  constructor(
    private readonly cost: ModelCost,
    private readonly throughput: Throughput,
    /** k: discriminator updates per iteration (0 without a discriminator). */
    private readonly discriminatorSteps: number,
    private readonly backendLabel: string,
  ) {}

  /** Expected milliseconds of one block of this kind: measured if one ran, else estimated. */
  expectedMs(kind: BlockKind): number {
    return this.measured.get(kind) ?? this.estimatedMs(kind);
  }

  /** Whether the expectation of this kind comes from a measurement. */
  isMeasured(kind: BlockKind): boolean {
    return this.measured.has(kind);
  }

  /** The estimate from multiply-adds and the backend's throughput. */
  estimatedMs(kind: BlockKind): number {
    return (this.cost[kind] * OVERHEAD) / Math.max(this.throughput, 1e-9);
  }

  /** Expected milliseconds of a whole iteration (k discriminator updates and a generator update). */
  iterationMs(): number {
    return (
      this.discriminatorSteps * this.expectedMs('discriminator') + this.expectedMs('generator')
    );
  }

  /** Records that a block of this kind took `elapsedMs`. */
  observe(kind: BlockKind, elapsedMs: number): void {
    const previous = this.measured.get(kind);
    const value = Math.max(elapsedMs, 0);
    this.measured.set(
      kind,
      previous === undefined ? value : previous + SMOOTHING * (value - previous),
    );
  }

  /**
   * Records a turn of `iterations` whole iterations that took `elapsedMs`, shared between the
   * phases in proportion to their estimates.
   */
  observeIterations(iterations: number, elapsedMs: number): void {
    if (iterations <= 0) return;
    const perIteration = elapsedMs / iterations;
    const d = this.discriminatorSteps * this.estimatedMs('discriminator');
    const g = this.estimatedMs('generator');
    const share = d + g > 0 ? g / (d + g) : 1;
    this.observe('generator', perIteration * share);
    if (this.discriminatorSteps > 0) {
      this.observe('discriminator', (perIteration * (1 - share)) / this.discriminatorSteps);
    }
  }

  /** Whether an iteration runs one phase per turn (it is longer than SPLIT_MS and has phases). */
  splits(): boolean {
    return this.discriminatorSteps > 0 && this.iterationMs() > SPLIT_MS;
  }

  /**
   * Why this model must not train here, measured or estimated; null when every training phase
   * fits MAX_PHASE_MS. (Snapshots are announced but not refused: their estimate is the roughest,
   * and a paused run's views can wait.)
   */
  refusal(): string | null {
    const kinds: BlockKind[] = ['discriminator', 'generator'];
    const longest = Math.max(...kinds.map((kind) => this.expectedMs(kind)));
    if (longest <= MAX_PHASE_MS) return null;
    const measured = kinds.every((kind) => this.isMeasured(kind) || this.cost[kind] === 0);
    return refusalMessage(this.iterationMs(), this.backendLabel, measured);
  }
}

/** The sentence shown when a model is refused. */
export function refusalMessage(
  iterationMs: number,
  backendLabel: string,
  measured: boolean,
): string {
  const seconds = Math.round(iterationMs / 1000).toLocaleString('en');
  return `This model is too large to train here: one iteration takes ~${seconds} s on ${backendLabel} (${
    measured ? 'measured' : 'estimated from its size and this backend’s measured speed'
  }), and a single update over ${MAX_PHASE_MS / 1000} s would leave the page unresponsive. Reduce the batch or the layers (or k).`;
}
