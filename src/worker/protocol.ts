/**
 * The typed contract between the UI thread and the training worker. The UI calls the worker's
 * `TrainerWorkerApi` through Comlink; the worker pushes `WorkerEvent`s back to one listener.
 * Every `switch` over a `WorkerEvent['type']` ends in a `never` check, so a new event type is a
 * compile error wherever it is not handled.
 */
import type { BackendChoice, ConfigKey, PlaygroundConfig } from '../config/schema';
import type { TrainerCheckpoint, TrainingMetrics } from '../engine';

/** Bumped on any incompatible change to the messages below. */
export const PROTOCOL_VERSION = 6;

/** A tfjs backend the worker can run on. */
export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** How each backend is named to the user. */
export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  wasm: 'WASM',
  webgl: 'WebGL',
  cpu: 'CPU',
};

/** Which backend runs, and why that one. */
export interface BackendInfo {
  /** The backend tfjs is running on. */
  name: BackendName;
  /** What the config asked for. */
  requested: BackendChoice;
  /** One sentence for the user, e.g. "WebGPU is a software fallback here: using WASM." */
  reason: string;
  /**
   * Iterations/s of the current model per candidate, when the automatic choice measured them
   * (only where a hardware GPU competes with WASM).
   */
  speeds?: { name: BackendName; iterationsPerSecond: number }[];
}

/** Drawn or uploaded data points (row-major, n × dimension); never in the URL. */
export interface UserPoints {
  dimension: 1 | 2;
  values: Float32Array;
}

/** Everything measured about the run at one iteration, off the hot path. */
export type SnapshotMetrics = TrainingMetrics;

/** A compact picture of training, sent at a bounded rate (≈10 per second), never per step. */
export interface Snapshot {
  type: 'snapshot';
  /** Increments on every reset or model change; the UI clears its history when it changes. */
  runId: number;
  /** Completed iterations (k discriminator updates + 1 generator update each). */
  iteration: number;
  /** Updates of each network so far (D steps and G steps can also be taken one at a time). */
  updates: { discriminator: number; generator: number };
  /** Iterations per second over the last snapshot interval (0 while paused). */
  stepsPerSecond: number;
  /**
   * When the worker took this snapshot, on its own clock (performance.timeOrigin + now(), ms since
   * the epoch): with `iteration`, the worker's true speed between two snapshots, however late the
   * page shows them (`npm run bench` reads it). Optional: snapshots made outside the worker
   * (tests, views derived from one) need not invent it.
   */
  workerTime?: number;
  /**
   * Numbers the worker's snapshots in the order sent: the page acknowledges each with
   * `snapshotDrawn(sequence)` once drawn, and the training loop sends its next one only then
   * (back-pressure, see ./backpressure). Optional: snapshots made outside the worker need none.
   */
  sequence?: number;
  /** Whether the training loop is running. */
  running: boolean;
  /** Dimension of the data (1 or 2). */
  dimension: 1 | 2;
  /** Generated points from a fixed noise batch, row-major n×dimension. */
  generated: Float32Array;
  /** Real points (a fixed display sample), row-major n×dimension. */
  real: Float32Array;
  /** Iteration numbers of the loss points since the previous snapshot. */
  lossIterations: Float64Array;
  /** Mean discriminator loss per point (NaN when the objective trains no discriminator). */
  discriminatorLoss: Float32Array;
  /** Mean generator loss per point. */
  generatorLoss: Float32Array;
  /**
   * The latest full metrics (MMD² of the plotted samples included), recomputed about twice a
   * second while training and at every snapshot while paused; null before the first.
   */
  metrics: SnapshotMetrics | null;
  /** The worker's memory when the snapshot was taken (flat over a long run when nothing leaks). */
  memory: EngineMemory;
  /** The networks evaluated over the plotted region (see SnapshotFields); null if unavailable. */
  fields: SnapshotFields | null;
  /** The frames the worker keeps of this run, to scrub back to. */
  timeline: TimelineSummary;
  /**
   * Set on the first snapshot after a branch: the history after this iteration belongs to the
   * abandoned future and is dropped.
   */
  branchedAt: number | null;
  /**
   * Set on the first snapshot measured at a new kernel bandwidth: the MMD² of the kept frames
   * re-measured at it, so the curve is redrawn over the run's history instead of starting over.
   */
  mmdHistory: MmdHistory | null;
  /** The second run of a side-by-side comparison, in step with this one; null when off. */
  compare: CompareSnapshot | null;
}

/**
 * The MMD² of a run's kept timeline frames, re-measured at a new kernel bandwidth h from each
 * frame's plotted samples against the plotted real points (as the live curve measures it).
 */
export interface MmdHistory {
  /** The bandwidth h of every value. */
  kernelBandwidth: number;
  /** Iterations of the re-measured frames, oldest first. */
  iterations: number[];
  /** MMD² at each of `iterations`. */
  values: number[];
}

/** How the worker took a change of settings. */
export interface SettingsChange {
  /**
   * 'live': the running run took them (iteration, weights, optimiser state and curves kept; the
   * new values are used from the next update on); 'rebuilt': a new run started from the seed.
   */
  applied: 'live' | 'rebuilt';
  /** The settings that changed. */
  keys: ConfigKey[];
  /** The iteration the run was at when they changed (for 'rebuilt', of the run discarded). */
  iteration: number;
}

/** What a snapshot says of the comparison's second run (same data, seed and plotted real points). */
export interface CompareSnapshot {
  iteration: number;
  updates: { discriminator: number; generator: number };
  generated: Float32Array;
  lossIterations: Float64Array;
  discriminatorLoss: Float32Array;
  generatorLoss: Float32Array;
  metrics: SnapshotMetrics | null;
  fields: SnapshotFields | null;
  /** As Snapshot.mmdHistory, for this run's frames. */
  mmdHistory: MmdHistory | null;
  /** Why the second run stopped (it failed to build or diverged), or null while it trains. */
  error: string | null;
}

/** The iterations the timeline can show, and whether a new run can branch from them. */
export interface TimelineSummary {
  iterations: number[];
  /** False when the model is too large to keep a checkpoint per frame. */
  branchable: boolean;
  /** Memory the frames hold in the worker. */
  bytes: number;
}

/** The run as it was at one iteration of its timeline: what the plots need to show it. */
export interface TimelineView {
  iteration: number;
  /**
   * The settings the run was training with at this frame: live changes (σ, learning rates, …)
   * made later are not in them. A branch with them continues as the run did from there.
   */
  config: PlaygroundConfig;
  dimension: 1 | 2;
  generated: Float32Array;
  real: Float32Array;
  fields: SnapshotFields | null;
  metrics: SnapshotMetrics | null;
}

/** What the distribution view draws besides the samples, computed by the worker per snapshot. */
export interface SnapshotFields {
  /** The plotted region, [lo, hi] per data dimension (plotDomain of the snapshot's points). */
  domain: [number, number][];
  /** Cells per axis of `discriminator`. */
  resolution: number;
  /**
   * D over the region's grid cell centres, row-major from the low corner: σ(D) for the
   * cross-entropy objectives, else the raw score; null without a per-point discriminator.
   */
  discriminator: Float32Array | null;
  discriminatorIsProbability: boolean;
  /** G over a grid in noise space (manifoldResolution per noise axis), row-major points. */
  manifold: Float32Array;
  manifoldResolution: number;
  manifoldAxes: 1 | 2;
  /** −∇ₓ L_G at each of the first `push.length / dimension` generated points. */
  push: Float32Array;
  /**
   * The Gaussian kernel's MMD witness f(x) = mean k(x, real) − mean k(x, generated) on the same
   * grid as `discriminator` (from the first WITNESS_POINTS points of each sample).
   */
  witness: Float32Array;
  /** The bandwidth h of the witness's kernel. */
  kernelBandwidth: number;
}

/** What the training worker holds in memory. */
export interface EngineMemory {
  /** Live tfjs tensors (tf.memory().numTensors): weights, optimiser slots, data atlas. */
  tensors: number;
  /** Bytes of tensor data the backend holds (tf.memory().numBytes). */
  tensorBytes: number;
}

/**
 * A run's state, to continue it elsewhere: in a restarted worker after a crash, or after a
 * reload (kept in IndexedDB). Plain data, structured-cloneable.
 */
export interface SavedRun {
  /** The settings it trained with. */
  config: PlaygroundConfig;
  /** The user's own points, when the data set is 'points'. */
  points: UserPoints | null;
  /** Weights, optimiser state, random streams and counters (see Trainer.checkpoint). */
  checkpoint: TrainerCheckpoint;
  /** When it was taken, in ms since the epoch. */
  savedAt: number;
  /** The backend that trained it. */
  backend: BackendName;
  /**
   * A side-by-side comparison's run B, saved at the same iteration as run A (so a restore keeps
   * the two in step); `checkpoint` is null when B had stopped (it failed or diverged). Absent or
   * null without a comparison (and in runs kept before comparisons were saved).
   */
  compare?: { config: PlaygroundConfig; checkpoint: TrainerCheckpoint | null } | null;
}

/** Where a run's numbers first stopped being finite. */
export type DivergenceCause = 'loss' | 'weights' | 'samples';

/** A run stopped because a number became NaN or infinite. */
export interface Divergence {
  /** The iteration at which it was found (within one snapshot of where it happened). */
  iteration: number;
  cause: DivergenceCause;
  /** One sentence for the user: what became what. */
  message: string;
  /** The latest finite state to go back to (the last save or a timeline frame), or null. */
  lastGood: number | null;
}

/**
 * A fault the tests (and the curious, from the console) can inject to see the app recover.
 * 'slow' blocks the worker for SLOW_FAULT_MS, announced as a long iteration would be (a busy
 * worker, not a stuck one).
 */
export type FaultKind =
  | 'crash'
  | 'hang'
  | 'slow'
  | 'device-lost'
  | 'backend-failure'
  | 'nan-weights';

/** How long the 'slow' fault blocks the worker: longer than the heartbeat's 10 s. */
export const SLOW_FAULT_MS = 14_000;

/**
 * Posted by the worker just before a long synchronous block (it arrives while the block runs):
 * an iteration or one phase of it, or a snapshot's views and metrics. The page allows the block
 * well over `expectedMs` before it judges the worker stuck, and shows the progress.
 */
export interface BusyEvent {
  type: 'busy';
  phase: 'iteration' | 'discriminator' | 'generator' | 'snapshot';
  /** Completed iterations when the block began. */
  iteration: number;
  /** How long the block is expected to take (measured in earlier turns, else estimated). */
  expectedMs: number;
  /** Of the iteration in progress: ms spent before this block, and expected in all. */
  progress: { elapsedMs: number; expectedMs: number } | null;
}

/** The debugging hook the page puts on `window.ganPlayground` (the end-to-end tests use it). */
export interface PlaygroundDebugHook {
  /** Asks the worker to fail in one of the ways the app recovers from. */
  injectFault: (kind: FaultKind) => void;
  /** Ends the worker without telling the page, as a browser killing it would. */
  terminateWorker: () => void;
}

export type WorkerEvent =
  | { type: 'backend'; backend: BackendInfo }
  | Snapshot
  | { type: 'error'; message: string }
  | { type: 'diverged'; divergence: Divergence }
  /** The latest good state of the run (at most every SAVE_INTERVAL_MS, and on pause). */
  | { type: 'saved'; run: SavedRun }
  /** Something the worker recovered from by itself (a backend that failed mid-run). */
  | { type: 'notice'; message: string }
  /** A change of settings was taken by the running run, or started a new one. */
  | { type: 'settings'; change: SettingsChange }
  | BusyEvent;

/**
 * What one press of a step button runs: a whole iteration (k discriminator updates, then one
 * generator update), or one update of one network, for teaching the alternation step by step.
 */
export type StepPhase = 'iteration' | 'discriminator' | 'generator';

/** A trained generator as tfjs model files: `model.json` text and its weights file. */
export interface GeneratorModelFiles {
  modelJson: string;
  weights: ArrayBuffer;
  /** The weights file's name, as model.json's weightsManifest refers to it. */
  weightsFileName: string;
}

/** The worker's API, as the UI sees it through Comlink. */
export interface TrainerWorkerApi {
  /** Protocol version the worker speaks. */
  version(): number;
  /** Chooses the backend, builds the trainer and sends a first snapshot. */
  init(config: PlaygroundConfig, listener: (event: WorkerEvent) => void): Promise<BackendInfo>;
  /**
   * Applies a new config: live settings (src/config/live.ts) are taken by the running run, any
   * other change starts a new run ('settings' event says which); a backend change re-selects.
   * `compare` is the full config of a second run trained side by side (null: none); a change to
   * it restarts both runs together.
   */
  setConfig(config: PlaygroundConfig, compare?: PlaygroundConfig | null): Promise<void>;
  /** Replaces the user's own data points; starts a new run when the data set is 'points'. */
  setPoints(points: UserPoints | null): Promise<void>;
  play(): void;
  pause(): void;
  /** Pauses, runs one iteration or one network's update, then sends a snapshot. */
  step(phase?: StepPhase): Promise<void>;
  /** The current generator as tfjs model files (tf.loadLayersModel reads them). */
  exportGenerator(baseName: string): Promise<GeneratorModelFiles>;
  /**
   * Loads generator weights from tfjs model files into the current run (same architecture);
   * resolves with a sentence for the user, rejects with one saying what does not match.
   */
  loadGenerator(modelJson: string, weights: ArrayBuffer): Promise<string>;
  /** The timeline's frame at this iteration (pauses training), or null when none is kept. */
  timelineFrame(iteration: number): Promise<TimelineView | null>;
  /**
   * Continues from the timeline's frame at `iteration` with `config` (the frame's settings or
   * changed ones of the same architecture): the frames after it are dropped. A comparison's run B
   * goes back to the same iteration with `compare` (undefined: its settings as they are).
   * Resolves with a sentence for the user (saying so when run B could not follow); rejects with
   * one saying why it cannot.
   */
  branch(
    iteration: number,
    config: PlaygroundConfig,
    compare?: PlaygroundConfig | null,
  ): Promise<string>;
  /** Starts a new run with the same config (fresh weights from the seed). */
  reset(): Promise<void>;
  /** Answers at once between training turns: the UI's heartbeat. Returns the iteration. */
  ping(): number;
  /**
   * The page drew the snapshot numbered `sequence` (in the animation frame after its render):
   * the training loop may send the next one. Answered at once, between training turns.
   */
  snapshotDrawn(sequence: number): void;
  /**
   * Continues a saved run (paused) with `config`, which must have the saved run's architecture;
   * starts a new history. `compare` is the comparison's run B to continue with it (null: none;
   * undefined: the comparison as it is), restored from `run.compare` at the same iteration, so
   * that a following setConfig(config, compare) finds nothing changed. Resolves with a sentence
   * for the user, saying when run B started over or stays stopped and why; rejects with one
   * saying what does not match, changing nothing.
   */
  restoreRun(
    run: SavedRun,
    config: PlaygroundConfig,
    compare?: PlaygroundConfig | null,
  ): Promise<string>;
  /** Injects a fault, to test recovery (see FaultKind). */
  injectFault(kind: FaultKind): void;
}

/** The transferable buffers of an event, so that posting it moves them instead of copying. */
export function transferablesOf(event: WorkerEvent): ArrayBuffer[] {
  switch (event.type) {
    case 'snapshot':
      return [
        event.generated.buffer,
        event.real.buffer,
        event.lossIterations.buffer,
        event.discriminatorLoss.buffer,
        event.generatorLoss.buffer,
        ...(event.fields === null
          ? []
          : [
              event.fields.manifold.buffer,
              event.fields.push.buffer,
              event.fields.witness.buffer,
              ...(event.fields.discriminator === null ? [] : [event.fields.discriminator.buffer]),
            ]),
        ...(event.compare === null
          ? []
          : [
              event.compare.generated.buffer,
              event.compare.lossIterations.buffer,
              event.compare.discriminatorLoss.buffer,
              event.compare.generatorLoss.buffer,
            ]),
      ] as ArrayBuffer[];
    case 'backend':
    case 'error':
    case 'diverged':
    case 'notice':
    case 'settings':
    case 'busy':
    // Copied, not moved: the worker keeps the same checkpoint in its timeline.
    case 'saved':
      return [];
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
