/// <reference lib="webworker" />
/**
 * The training worker: owns the backend, the engine's trainer and the training loop, so the page's
 * main thread never runs a training step. It runs many iterations per turn, reads losses back once
 * per turn (never per iteration), and posts a compact snapshot about ten times a second.
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import type { PlaygroundConfig } from '../config/schema';
import {
  artifactsToFiles,
  checkpointBytes,
  createTrainer,
  datasetDimension,
  filesToArtifacts,
  mmdWitnessOnGrid,
  speedKey,
  type Trainer,
  type TrainerCheckpoint,
} from '../engine';
import { plotDomain } from '../engine/view';
import {
  choiceDependsOnModel,
  fallbackBackend,
  type ModelUnderTest,
  selectBackend,
} from './backend';
import {
  BACKEND_LABELS,
  type BackendInfo,
  type BackendName,
  type CompareSnapshot,
  type Divergence,
  type EngineMemory,
  type FaultKind,
  type GeneratorModelFiles,
  PROTOCOL_VERSION,
  type SavedRun,
  type Snapshot,
  type SnapshotFields,
  type SnapshotMetrics,
  type StepPhase,
  type TimelineView,
  type TrainerWorkerApi,
  transferablesOf,
  type UserPoints,
  type WorkerEvent,
} from './protocol';
import { Timeline } from './timeline';

/** Points of each kind in a snapshot; also the sample size of the MMD² estimate. */
const DISPLAY_POINTS = 512;
/** Snapshots are at least this far apart while training. */
const SNAPSHOT_INTERVAL_MS = 100;
/** Target length of one loop turn; bounds how long a message from the UI waits. */
const TURN_BUDGET_MS = 40;
const MAX_ITERATIONS_PER_TURN = 2000;
/**
 * Full metrics (two O(n²) MMD² estimates, sliced W1, grid KL/JS, a diagnostics pass) cost about
 * 40–60 ms on WASM: measured twice a second they take ~10% of the worker's time, not ~50%.
 */
const METRICS_INTERVAL_MS = 500;
/**
 * Grid of the discriminator heatmap in 2-D (cells per axis; 48² costs ~3.6 ms per snapshot on WASM
 * for the default D, smoothed by the canvas) and of the D(x) curve in 1-D.
 */
const FIELD_RESOLUTION_2D = 48;
const FIELD_RESOLUTION_1D = 200;
/** Lines per noise axis of the generator's manifold mesh (2-D), points of z → G(z) (1-D). */
const MANIFOLD_RESOLUTION_2D = 21;
const MANIFOLD_RESOLUTION_1D = 101;
/** Generated points that get a gradient arrow. */
const PUSH_POINTS = 128;
/** Fields are recomputed at most this often while training (every snapshot when paused). */
const FIELDS_INTERVAL_MS = 200;
/**
 * Points of each sample in the MMD witness (48² grid × 2 × 128 kernel terms: ~13 ms in JS,
 * `npx tsx bench/micro.ts`).
 */
const WITNESS_POINTS = 128;
/** Evaluation batch of the diagnostics pass (mean D outputs, gradient norms). */
const DIAGNOSTICS_BATCH = 256;
/**
 * The run's state is sent to the UI (to survive a worker crash or a reload) at most this often
 * while training, and on every pause: a crash loses at most this much training.
 */
const SAVE_INTERVAL_MS = 2000;
/** Larger checkpoints are not saved (the largest model allowed has about 2.4 M weights). */
const MAX_SAVED_BYTES = 32 * 1024 * 1024;

type Listener = (event: WorkerEvent) => void;

/**
 * The second run of a side-by-side comparison: its own trainer, stepped in lockstep with the
 * first (same iterations per turn), measured against the same plotted real points. It never stops
 * the first run: when it fails to build or diverges it stops and says why in its snapshot part.
 */
class CompareRun {
  private trainer: Trainer | null = null;
  private error: string | null = null;
  private lossIterations: number[] = [];
  private discriminatorLoss: number[] = [];
  private generatorLoss: number[] = [];
  private metrics: SnapshotMetrics | null = null;
  private fields: SnapshotFields | null = null;

  constructor(readonly config: PlaygroundConfig) {}

  build(points: UserPoints | null): void {
    this.dispose();
    this.error = null;
    this.metrics = null;
    this.fields = null;
    this.clearLosses();
    try {
      this.trainer = createTrainer({ ...this.config, points });
    } catch (error) {
      this.error = `Run B cannot start: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  step(iterations: number, phase: StepPhase = 'iteration'): void {
    const trainer = this.trainer;
    if (trainer === null) return;
    try {
      if (phase === 'discriminator') {
        // Run B may have no discriminator (the MMD objective): it then waits for G's turn.
        if (trainer.config.objective !== 'mmd') trainer.stepDiscriminator();
      } else if (phase === 'generator') trainer.stepGenerator();
      else trainer.step(iterations);
    } catch (error) {
      this.stop(error);
    }
  }

  async takeLosses(): Promise<void> {
    const trainer = this.trainer;
    if (trainer === null) return;
    const losses = await trainer.takeLosses();
    if (losses === null) return;
    this.lossIterations.push(trainer.iteration);
    this.discriminatorLoss.push(losses.discriminator ?? Number.NaN);
    this.generatorLoss.push(losses.generator);
    if (losses.iterations > 0 && !Number.isFinite(losses.generator)) {
      this.stop(new Error(`diverged at iteration ${trainer.iteration} (a loss became not finite)`));
    }
  }

  /** This run's part of a snapshot; measures afresh when asked (at the first run's cadence). */
  async part(real: Float32Array, measure: boolean, evaluate: boolean): Promise<CompareSnapshot> {
    const trainer = this.trainer;
    const generated =
      trainer === null ? new Float32Array(0) : await trainer.sampleGenerator(DISPLAY_POINTS);
    if (trainer !== null && trainer === this.trainer) {
      if (measure || this.metrics === null) {
        this.metrics = await measureRun(trainer, real, generated, this.config.kernelBandwidth);
      }
      if (evaluate || this.fields === null) {
        this.fields = await evaluateFields(trainer, real, generated, this.config.kernelBandwidth);
      }
    }
    const part: CompareSnapshot = {
      iteration: trainer?.iteration ?? 0,
      updates: trainer === null ? { discriminator: 0, generator: 0 } : { ...trainer.updates },
      generated,
      lossIterations: Float64Array.from(this.lossIterations),
      discriminatorLoss: Float32Array.from(this.discriminatorLoss),
      generatorLoss: Float32Array.from(this.generatorLoss),
      metrics: this.metrics,
      fields: this.fields === null ? null : copyFields(this.fields),
      error: this.error,
    };
    this.clearLosses();
    return part;
  }

  private stop(error: unknown): void {
    this.error = `Run B stopped: ${error instanceof Error ? error.message : String(error)}`;
    this.dispose();
  }

  private clearLosses(): void {
    this.lossIterations = [];
    this.discriminatorLoss = [];
    this.generatorLoss = [];
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }
}

/** Settings that only change how results are measured, not the run itself. */
const MEASUREMENT_KEYS: ReadonlySet<keyof PlaygroundConfig> = new Set(['kernelBandwidth']);

class TrainingSession {
  private config: PlaygroundConfig | null = null;
  private points: UserPoints | null = null;
  private metrics: SnapshotMetrics | null = null;
  private lastMetricsTime = Number.NEGATIVE_INFINITY;
  /** The latest views' fields (see evaluateFields) and when they were computed. */
  private fields: SnapshotFields | null = null;
  private lastFieldsTime = Number.NEGATIVE_INFINITY;
  private listener: Listener | null = null;
  private trainer: Trainer | null = null;
  private backend: BackendInfo | null = null;
  /** speedKey() of the model the backend was chosen for. */
  private backendKey: string | null = null;
  private running = false;
  private runId = 0;
  /** Bumped whenever the loop must stop (pause, reset, config change): a stale loop sees it and exits. */
  private generation = 0;
  private loopDone: Promise<void> = Promise.resolve();
  private iterationsPerTurn = 1;
  private realDisplay: Float32Array = new Float32Array(0);
  private lossIterations: number[] = [];
  private discriminatorLoss: number[] = [];
  private generatorLoss: number[] = [];
  private lastSnapshotTime = 0;
  private lastSnapshotIteration = 0;
  /** The second run of a side-by-side comparison, or null. */
  private compare: CompareRun | null = null;
  /** Frames of the run to scrub back to and branch from. */
  private readonly timeline = new Timeline();
  /** The iteration a branch continued from, until the next snapshot tells the UI. */
  private branchedAt: number | null = null;
  /** Serialises commands so that two of them never rebuild the trainer at once. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A divergence the loop found in the losses, reported with the next snapshot. */
  private pendingDivergence: Omit<Divergence, 'iteration' | 'lastGood'> | null = null;
  /** The latest finite state (saved or a frame): a backend that fails continues from it. */
  private lastGood: TrainerCheckpoint | null = null;
  private lastSavedTime = Number.NEGATIVE_INFINITY;
  private lastSavedIteration = -1;
  /** Backends that failed mid-run in this session: the fallback skips them. */
  private readonly failedBackends = new Set<BackendName>();
  /** A failure injected by a test, thrown by the loop's next turn. */
  private injectedFailure: string | null = null;
  /** The WebGPU device whose loss is being watched, if any. */
  private watchedDevice: WebGpuDevice | null = null;

  /** Completed iterations of the current run (the heartbeat's answer). */
  get iteration(): number {
    return this.trainer?.iteration ?? 0;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private emit(event: WorkerEvent): void {
    const listener = this.listener;
    if (listener === null) return;
    try {
      // Comlink proxies return a promise; the UI may be gone, so a rejection is not an error here.
      const sent: unknown = listener(Comlink.transfer(event, transferablesOf(event)));
      if (sent instanceof Promise) sent.catch(() => undefined);
    } catch {
      // The page went away; nothing to tell.
    }
  }

  private fail(error: unknown): void {
    this.running = false;
    this.generation += 1;
    const message = error instanceof Error ? error.message : String(error);
    this.emit({ type: 'error', message });
  }

  init(config: PlaygroundConfig, listener: Listener): Promise<BackendInfo> {
    return this.enqueue(async () => {
      this.listener = listener;
      this.config = config;
      const model = this.modelUnderTest();
      this.backend = await selectBackend(config.backend, model);
      this.backendKey = model?.key ?? null;
      this.watchDevice();
      this.emit({ type: 'backend', backend: this.backend });
      await this.rebuild();
      return this.backend;
    });
  }

  setConfig(next: PlaygroundConfig, compare: PlaygroundConfig | null = null): Promise<void> {
    return this.enqueue(async () => {
      const previous = this.config;
      this.config = next;
      const compareChanged =
        JSON.stringify(this.compare?.config ?? null) !== JSON.stringify(compare);
      if (compareChanged) {
        this.compare?.dispose();
        this.compare = compare === null ? null : new CompareRun(compare);
      }
      if (previous === null) return;
      const changed = (Object.keys(next) as (keyof PlaygroundConfig)[]).filter(
        (key) => JSON.stringify(previous[key]) !== JSON.stringify(next[key]),
      );
      if (compareChanged && compare !== null && changed.length === 0) {
        // Both runs start again together, so they stay in step (ending a comparison does not
        // restart run A).
        const wasRunning = this.running;
        await this.stopLoop();
        await this.rebuild();
        if (wasRunning) this.startLoop();
        return;
      }
      if (changed.length === 0) return;
      if (changed.every((key) => MEASUREMENT_KEYS.has(key))) {
        if (!this.running) await this.sendSnapshot(this.generation);
        return;
      }
      const wasRunning = this.running;
      await this.stopLoop();
      const model = this.modelUnderTest();
      if (
        changed.includes('backend') ||
        (choiceDependsOnModel(this.backend) && model?.key !== this.backendKey)
      ) {
        this.disposeTrainer();
        this.backend = await selectBackend(next.backend, model);
        this.backendKey = model?.key ?? null;
        this.watchDevice();
        this.emit({ type: 'backend', backend: this.backend });
      }
      await this.rebuild();
      if (wasRunning) this.startLoop();
    });
  }

  setPoints(points: UserPoints | null): Promise<void> {
    return this.enqueue(async () => {
      this.points = points;
      if (this.config?.dataset !== 'points') return;
      const wasRunning = this.running;
      await this.stopLoop();
      await this.rebuild();
      if (wasRunning) this.startLoop();
    });
  }

  play(): void {
    void this.enqueue(async () => {
      if (!this.running && this.trainer !== null) this.startLoop();
    });
  }

  pause(): void {
    void this.enqueue(async () => {
      await this.stopLoop();
      await this.sendSnapshot(this.generation);
    });
  }

  step(phase: StepPhase = 'iteration'): Promise<void> {
    return this.enqueue(async () => {
      await this.stopLoop();
      const trainer = this.trainer;
      if (trainer === null) return;
      try {
        if (phase === 'discriminator') trainer.stepDiscriminator();
        else if (phase === 'generator') trainer.stepGenerator();
        else trainer.step(1);
        this.compare?.step(1, phase);
        const losses = await trainer.takeLosses();
        this.recordLosses(losses);
        this.pendingDivergence = lossDivergence(losses);
        await this.compare?.takeLosses();
        await this.sendSnapshot(this.generation);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  exportGenerator(baseName: string): Promise<GeneratorModelFiles> {
    return this.enqueue(async () => {
      const trainer = this.trainer;
      if (trainer === null) throw new Error('There is no generator to export yet.');
      const files = artifactsToFiles(await trainer.exportGenerator(), baseName);
      return Comlink.transfer(files, [files.weights]);
    });
  }

  loadGenerator(modelJson: string, weights: ArrayBuffer): Promise<string> {
    return this.enqueue(async () => {
      const trainer = this.trainer;
      if (trainer === null) throw new Error('The model is not built yet; try again in a moment.');
      // Read and checked before anything stops: a refused file leaves the run as it was.
      const artifacts = filesToArtifacts(modelJson, weights);
      const wasRunning = this.running;
      await this.stopLoop();
      try {
        await trainer.loadGenerator(artifacts);
        this.fields = null;
        await this.sendSnapshot(this.generation);
      } finally {
        // Training goes on whether or not the file was taken.
        if (wasRunning && trainer === this.trainer) this.startLoop();
      }
      return 'Loaded the generator’s weights into this run; the discriminator keeps its own.';
    });
  }

  timelineFrame(iteration: number): Promise<TimelineView | null> {
    return this.enqueue(async () => {
      const wasRunning = this.running;
      await this.stopLoop();
      // The toolbar must learn that training paused (its last snapshot still says running).
      if (wasRunning) await this.sendSnapshot(this.generation);
      const frame = this.timeline.frame(iteration);
      if (frame === undefined || this.trainer === null) return null;
      return {
        iteration: frame.iteration,
        dimension: this.trainer.dimension,
        generated: frame.generated.slice(),
        real: this.realDisplay.slice(),
        fields: frame.fields === null ? null : copyFields(frame.fields),
        metrics: frame.metrics,
      };
    });
  }

  branch(iteration: number, config: PlaygroundConfig): Promise<string> {
    return this.enqueue(async () => {
      await this.stopLoop();
      const frame = this.timeline.frame(iteration);
      // The latest save also counts: a diverged run goes back to it (see lastGoodIteration).
      const checkpoint =
        frame?.checkpoint ?? (this.lastGood?.iteration === iteration ? this.lastGood : null);
      if (checkpoint === null) {
        throw new Error(
          frame === undefined
            ? `No snapshot of iteration ${iteration} is kept.`
            : 'This model is too large to keep a snapshot per frame; it cannot branch.',
        );
      }
      const { trainer, note } = this.restoredTrainer(config, checkpoint);
      this.install(trainer, config);
      this.timeline.truncateAfter(iteration);
      this.branchedAt = iteration;
      await this.sendSnapshot(this.generation);
      return `Branched a new run from iteration ${iteration.toLocaleString('en')}${note === null ? '' : `: ${note}`}.`;
    });
  }

  reset(): Promise<void> {
    return this.enqueue(async () => {
      const wasRunning = this.running;
      await this.stopLoop();
      await this.rebuild();
      if (wasRunning) this.startLoop();
    });
  }

  restoreRun(run: SavedRun, config: PlaygroundConfig): Promise<string> {
    return this.enqueue(async () => {
      await this.stopLoop();
      const { trainer, note } = this.restoredTrainer(config, run.checkpoint);
      this.install(trainer, config);
      this.runId += 1;
      this.timeline.clear();
      this.compare?.build(this.points);
      await this.sendSnapshot(this.generation);
      const iteration = run.checkpoint.iteration.toLocaleString('en');
      return `Restored the run at iteration ${iteration}${note === null ? '' : ` (${note})`}.`;
    });
  }

  injectFault(kind: FaultKind): void {
    switch (kind) {
      case 'crash':
        // Thrown outside any promise: an uncaught error, the worker's 'error' event on the page.
        setTimeout(() => {
          throw new Error('Simulated crash of the training worker');
        }, 0);
        return;
      case 'hang':
        setTimeout(() => {
          const forever = Number.POSITIVE_INFINITY;
          while (performance.now() < forever) {
            // A stuck worker answers nothing; only terminate() ends it.
          }
        }, 0);
        return;
      case 'device-lost': {
        const device = webGpuDevice();
        // On WebGPU the real thing: destroying the device fires its `lost` promise.
        if (device !== null) device.destroy();
        else this.failBackendSoon('the device was lost (simulated)');
        return;
      }
      case 'backend-failure':
        this.failBackendSoon('simulated backend failure');
        return;
      case 'nan-weights':
        void this.enqueue(async () => {
          const trainer = this.trainer;
          if (trainer === null) return;
          const wasRunning = this.running;
          await this.stopLoop();
          trainer.restore(poisoned(await trainer.checkpoint()));
          if (wasRunning) this.startLoop();
          else await this.sendSnapshot(this.generation);
        });
        return;
      default: {
        const unknown: never = kind;
        throw new Error(`Unknown fault ${String(unknown)}`);
      }
    }
  }

  /** Makes the backend fail: at the loop's next turn while training, else at once. */
  private failBackendSoon(why: string): void {
    if (this.running) {
      this.injectedFailure = why;
      return;
    }
    const name = this.backend?.name;
    if (name !== undefined) void this.enqueue(() => this.fallBack(name, why, false));
  }

  /** A trainer for `config` restored from `checkpoint`; throws, changing nothing, if it does not fit. */
  private restoredTrainer(
    config: PlaygroundConfig,
    checkpoint: TrainerCheckpoint,
  ): { trainer: Trainer; note: string | null } {
    // Built and restored before the old one goes: a refused snapshot leaves the run as it was.
    const trainer = createTrainer({ ...config, points: this.points });
    try {
      return { trainer, note: trainer.restore(checkpoint).optimizerNote };
    } catch (error) {
      trainer.dispose();
      throw error;
    }
  }

  /** Makes `trainer` (restored from a checkpoint) the run, with fresh views and losses. */
  private install(trainer: Trainer, config: PlaygroundConfig): void {
    try {
      this.disposeTrainer();
    } catch {
      // A lost device may refuse to free its tensors; they went with it.
      this.trainer = null;
    }
    this.trainer = trainer;
    this.config = config;
    this.metrics = null;
    this.fields = null;
    this.iterationsPerTurn = 1;
    this.realDisplay = trainer.sampleReal(DISPLAY_POINTS);
    this.clearLosses();
    this.lastSnapshotIteration = trainer.iteration;
    this.lastSavedIteration = -1;
    this.lastGood = null;
  }

  /** The training loop hit an error: a backend that failed falls back to the next one. */
  private loopFailed(error: unknown): void {
    const name = this.backend?.name;
    if (name === undefined || name === 'cpu') {
      this.fail(error);
      return;
    }
    this.running = false;
    this.generation += 1;
    const device = this.watchedDevice;
    void this.enqueue(async () => {
      // A readback often fails before the device's loss is announced: wait briefly for it, so
      // the user hears the cause, not its symptom.
      const lost = device === null ? null : await Promise.race([device.lost, delay(250)]);
      return this.fallBack(name, lost ? deviceLostReason(lost) : errorMessage(error), true);
    });
  }

  /**
   * Continues the run on the next backend after `failed` stopped working, from the latest good
   * state (at most SAVE_INTERVAL_MS of training is lost), and tells the UI.
   */
  private async fallBack(failed: BackendName, why: string, resume: boolean): Promise<void> {
    const config = this.config;
    if (this.backend?.name !== failed || config === null) return;
    this.running = false;
    this.generation += 1;
    // The old loop may wait forever on a dead device's readback: it is abandoned (its
    // generation is stale, so it exits if it ever wakes).
    this.loopDone = Promise.resolve();
    this.failedBackends.add(failed);
    this.watchedDevice = null;
    const saved = this.lastGood;
    try {
      this.disposeTrainer();
    } catch {
      this.trainer = null;
    }
    try {
      this.compare?.dispose();
    } catch {
      // As above: its tensors went with the device.
    }
    const info = await fallbackBackend(failed, this.failedBackends, config.backend, why);
    if (info === null) {
      this.fail(
        new Error(
          `${BACKEND_LABELS[failed]} failed during training (${why}), and no other backend could start.`,
        ),
      );
      return;
    }
    this.backend = info;
    this.backendKey = this.modelUnderTest()?.key ?? null;
    this.watchDevice();
    this.emit({ type: 'backend', backend: info });
    let trainer: Trainer;
    try {
      trainer =
        saved === null
          ? createTrainer({ ...config, points: this.points })
          : this.restoredTrainer(config, saved).trainer;
    } catch (error) {
      this.fail(error);
      return;
    }
    this.install(trainer, config);
    this.compare?.build(this.points);
    const from = trainer.iteration;
    this.timeline.truncateAfter(from);
    this.branchedAt = from;
    this.emit({
      type: 'notice',
      message: `${BACKEND_LABELS[failed]} failed during training (${why}). The run continues on ${
        BACKEND_LABELS[info.name]
      } from iteration ${from.toLocaleString('en')}.`,
    });
    await this.sendSnapshot(this.generation);
    if (resume) this.startLoop();
  }

  /** Falls back to another backend when the WebGPU device is lost (driver reset, GPU removed). */
  private watchDevice(): void {
    const device = webGpuDevice();
    if (device === null || device === this.watchedDevice) return;
    this.watchedDevice = device;
    void device.lost.then((info) => {
      if (this.watchedDevice !== device) return;
      const resume = this.running;
      this.running = false;
      this.generation += 1;
      void this.enqueue(() => this.fallBack('webgpu', deviceLostReason(info), resume));
    });
  }

  /** The current model, for the automatic backend choice to measure. */
  private modelUnderTest(): ModelUnderTest | null {
    const config = this.config;
    if (config === null) return null;
    const trainerConfig = { ...config, points: this.points };
    return {
      config: trainerConfig,
      key: speedKey(trainerConfig, datasetDimension(config.dataset, trainerConfig)),
    };
  }

  private disposeTrainer(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }

  /** A new run: fresh weights from the seed, history cleared, and a first snapshot. */
  private async rebuild(): Promise<void> {
    const config = this.config;
    if (config === null) return;
    this.disposeTrainer();
    this.metrics = null;
    this.fields = null;
    try {
      this.trainer = createTrainer({ ...config, points: this.points });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.compare?.build(this.points);
    this.runId += 1;
    this.timeline.clear();
    this.branchedAt = null;
    this.lastSavedIteration = -1;
    this.lastGood = null;
    this.iterationsPerTurn = 1;
    this.realDisplay = this.trainer.sampleReal(DISPLAY_POINTS);
    this.clearLosses();
    this.lastSnapshotIteration = 0;
    await this.sendSnapshot(this.generation);
  }

  private startLoop(): void {
    this.running = true;
    this.generation += 1;
    const generation = this.generation;
    this.lastSnapshotTime = performance.now();
    this.lastSnapshotIteration = this.trainer?.iteration ?? 0;
    this.loopDone = this.loop(generation);
  }

  private async stopLoop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    await this.loopDone;
  }

  private async loop(generation: number): Promise<void> {
    try {
      while (this.running && generation === this.generation && this.trainer !== null) {
        const trainer = this.trainer;
        const started = performance.now();
        if (this.injectedFailure !== null) {
          const why = this.injectedFailure;
          this.injectedFailure = null;
          throw new Error(why);
        }
        trainer.step(this.iterationsPerTurn);
        this.compare?.step(this.iterationsPerTurn);
        // One readback per turn: it also waits for queued GPU work, which bounds the queue.
        const losses = await trainer.takeLosses();
        await this.compare?.takeLosses();
        this.recordLosses(losses);
        this.pendingDivergence = lossDivergence(losses);
        if (this.pendingDivergence !== null) {
          await this.sendSnapshot(generation);
          return;
        }
        this.adaptTurnLength(performance.now() - started);
        if (performance.now() - this.lastSnapshotTime >= SNAPSHOT_INTERVAL_MS) {
          await this.sendSnapshot(generation);
        }
        await yieldToMessages();
      }
    } catch (error) {
      if (generation === this.generation) this.loopFailed(error);
    }
  }

  /** Scales the iterations per turn so one turn lasts about TURN_BUDGET_MS. */
  private adaptTurnLength(elapsedMs: number): void {
    const perIteration = Math.max(elapsedMs, 0.01) / this.iterationsPerTurn;
    const target = Math.floor(TURN_BUDGET_MS / perIteration);
    // Grow at most 2× per turn: the first turns include shader compilation and JIT warm-up.
    const next = Math.min(target, this.iterationsPerTurn * 2, MAX_ITERATIONS_PER_TURN);
    this.iterationsPerTurn = Math.max(1, next);
  }

  private clearLosses(): void {
    this.lossIterations = [];
    this.discriminatorLoss = [];
    this.generatorLoss = [];
  }

  private recordLosses(losses: Awaited<ReturnType<Trainer['takeLosses']>>): void {
    if (losses === null || this.trainer === null) return;
    this.lossIterations.push(this.trainer.iteration);
    this.discriminatorLoss.push(losses.discriminator ?? Number.NaN);
    this.generatorLoss.push(losses.generator);
  }

  /** Full metrics of the generator against the display sample, plus a diagnostics pass. */
  private async measure(
    trainer: Trainer,
    generated: Float32Array,
    config: PlaygroundConfig,
  ): Promise<void> {
    this.metrics = await measureRun(trainer, this.realDisplay, generated, config.kernelBandwidth);
    this.lastMetricsTime = performance.now();
  }

  private async sendSnapshot(generation: number): Promise<void> {
    const trainer = this.trainer;
    const config = this.config;
    if (trainer === null || config === null) return;
    const generated = await trainer.sampleGenerator(DISPLAY_POINTS);
    if (trainer !== this.trainer) return;
    const found = this.pendingDivergence ?? (await healthCheck(trainer, generated));
    this.pendingDivergence = null;
    if (trainer !== this.trainer) return;
    if (found !== null) {
      this.running = false;
      this.generation += 1;
    }
    const healthy = found === null;
    const loopRunning = this.running && generation === this.generation;
    // A diverged run keeps its last views and metrics: those of NaNs say nothing.
    const measure =
      healthy && (!loopRunning || performance.now() - this.lastMetricsTime >= METRICS_INTERVAL_MS);
    if (measure) {
      await this.measure(trainer, generated, config);
      if (trainer !== this.trainer) return;
    }
    // The views' fields follow the samples at most FIELDS_INTERVAL_MS behind while training
    // (they change slowly, and a refresh costs ~17 ms of the worker's time); always fresh when paused.
    const evaluate =
      healthy &&
      (!loopRunning ||
        this.fields === null ||
        performance.now() - this.lastFieldsTime >= FIELDS_INTERVAL_MS);
    // The second run of a comparison is measured and viewed at the same moments.
    const compare =
      this.compare === null ? null : await this.compare.part(this.realDisplay, measure, evaluate);
    if (trainer !== this.trainer) return;
    if (evaluate) {
      this.fields = await evaluateFields(
        trainer,
        this.realDisplay,
        generated,
        config.kernelBandwidth,
      );
      this.lastFieldsTime = performance.now();
      if (trainer !== this.trainer) return;
    }
    // Only finite states are kept: a frame or a save is something to return to.
    const frameDue = healthy && this.timeline.due(trainer.iteration);
    const saveDue =
      healthy &&
      trainer.iteration !== this.lastSavedIteration &&
      (!loopRunning || performance.now() - this.lastSavedTime >= SAVE_INTERVAL_MS);
    if (frameDue || saveDue) {
      const checkpoint = await trainer.checkpoint();
      if (trainer !== this.trainer) return;
      this.lastGood = checkpoint;
      if (frameDue) {
        // The frame keeps the exact samples of this iteration; its views and metrics are the
        // latest (at most FIELDS_INTERVAL_MS and METRICS_INTERVAL_MS behind while training).
        this.timeline.add({
          iteration: trainer.iteration,
          generated: generated.slice(),
          fields: this.fields === null ? null : copyFields(this.fields),
          metrics: this.metrics,
          checkpoint,
        });
      }
      if (saveDue) this.save(checkpoint, config);
    }
    // A copy: the snapshot's arrays are transferred (detached here) and this.fields is reused.
    const fields = this.fields === null ? null : copyFields(this.fields);
    const now = performance.now();
    const elapsedSeconds = (now - this.lastSnapshotTime) / 1000;
    const iterations = trainer.iteration - this.lastSnapshotIteration;
    const snapshot: Snapshot = {
      type: 'snapshot',
      runId: this.runId,
      iteration: trainer.iteration,
      updates: { ...trainer.updates },
      stepsPerSecond: loopRunning && elapsedSeconds > 0 ? iterations / elapsedSeconds : 0,
      running: loopRunning,
      dimension: trainer.dimension,
      generated,
      real: this.realDisplay.slice(),
      lossIterations: Float64Array.from(this.lossIterations),
      discriminatorLoss: Float32Array.from(this.discriminatorLoss),
      generatorLoss: Float32Array.from(this.generatorLoss),
      metrics: this.metrics,
      memory: engineMemory(),
      fields,
      timeline: {
        iterations: this.timeline.iterations,
        branchable: this.timeline.branchable,
        bytes: this.timeline.byteLength,
      },
      branchedAt: this.branchedAt,
      compare,
    };
    this.branchedAt = null;
    this.clearLosses();
    this.lastSnapshotTime = now;
    this.lastSnapshotIteration = trainer.iteration;
    this.emit(snapshot);
    if (found !== null) {
      this.emit({
        type: 'diverged',
        divergence: {
          ...found,
          iteration: trainer.iteration,
          message: `Training diverged at iteration ${trainer.iteration.toLocaleString('en')}: ${found.message}.`,
          lastGood: this.lastGoodIteration(),
        },
      });
    }
  }

  /** Tells the UI the run's latest good state, to survive a worker crash or a reload. */
  private save(checkpoint: TrainerCheckpoint, config: PlaygroundConfig): void {
    this.lastSavedTime = performance.now();
    this.lastSavedIteration = checkpoint.iteration;
    if (this.backend === null || checkpointBytes(checkpoint) > MAX_SAVED_BYTES) return;
    this.emit({
      type: 'saved',
      run: {
        config,
        points: this.points,
        checkpoint,
        savedAt: Date.now(),
        backend: this.backend.name,
      },
    });
  }

  /**
   * The latest finite state a diverged run can go back to: the last save (at most
   * SAVE_INTERVAL_MS old, kept for any model size) or a later timeline frame.
   */
  private lastGoodIteration(): number | null {
    let latest = this.lastGood?.iteration ?? null;
    const iterations = this.timeline.iterations;
    for (let i = iterations.length - 1; i >= 0; i -= 1) {
      const iteration = iterations[i] as number;
      if (this.timeline.frame(iteration)?.checkpoint) {
        if (latest === null || iteration > latest) latest = iteration;
        break;
      }
    }
    return latest;
  }
}

/** The loss that stopped being finite, if one did (NaN also marks a network not updated). */
function lossDivergence(
  losses: Awaited<ReturnType<Trainer['takeLosses']>>,
): Omit<Divergence, 'iteration' | 'lastGood'> | null {
  if (losses === null) return null;
  const checks: [string, number | null, number][] = [
    ['generator', losses.generator, losses.updates.generator],
    ['discriminator', losses.discriminator, losses.updates.discriminator],
  ];
  for (const [network, value, updates] of checks) {
    if (value !== null && updates > 0 && !Number.isFinite(value)) {
      return {
        cause: 'loss',
        message: `the ${network}'s loss became ${Number.isNaN(value) ? 'NaN' : 'infinite'}`,
      };
    }
  }
  return null;
}

/** Whether the samples and the weights are finite; what is not, if not. */
async function healthCheck(
  trainer: Trainer,
  generated: Float32Array,
): Promise<Omit<Divergence, 'iteration' | 'lastGood'> | null> {
  if (!generated.every((value) => Number.isFinite(value))) {
    return { cause: 'samples', message: "the generator's samples became NaN or infinite" };
  }
  if (!(await trainer.weightsFinite())) {
    return { cause: 'weights', message: 'a weight of the networks became NaN or infinite' };
  }
  return null;
}

/** A checkpoint whose first discriminator (else generator) weight tensor is all NaN. */
function poisoned(checkpoint: TrainerCheckpoint): TrainerCheckpoint {
  const poison = (network: TrainerCheckpoint['generator']): TrainerCheckpoint['generator'] => ({
    ...network,
    weights: network.weights.map((w, i) =>
      i === 0 ? { ...w, values: w.values.map(() => Number.NaN) } : w,
    ),
  });
  return checkpoint.discriminator === null
    ? { ...checkpoint, generator: poison(checkpoint.generator) }
    : { ...checkpoint, discriminator: poison(checkpoint.discriminator) };
}

function deviceLostReason(info: { readonly message: string }): string {
  return `the GPU device was lost${info.message ? `: ${info.message}` : ''}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

/** What the WebGPU backend's device offers that recovery needs. */
interface WebGpuDevice {
  readonly lost: Promise<{ readonly message: string }>;
  destroy(): void;
}

/** The WebGPU backend's device (tfjs-backend-webgpu keeps it as `device`), when it runs. */
function webGpuDevice(): WebGpuDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: WebGpuDevice }).device ?? null;
}

/** Full metrics of a generator's samples against the plotted real ones, plus a diagnostics pass. */
function measureRun(
  trainer: Trainer,
  real: Float32Array,
  generated: Float32Array,
  kernelBandwidth: number,
): Promise<SnapshotMetrics> {
  return trainer.metrics({ kernelBandwidth, real, generated, diagnosticsSize: DIAGNOSTICS_BATCH });
}

/** D over the plotted region, G's manifold and the push on the first generated points. */
async function evaluateFields(
  trainer: Trainer,
  real: Float32Array,
  generated: Float32Array,
  kernelBandwidth: number,
): Promise<SnapshotFields | null> {
  const dimension = trainer.dimension;
  const domain = plotDomain(real, generated, dimension);
  const resolution = dimension === 2 ? FIELD_RESOLUTION_2D : FIELD_RESOLUTION_1D;
  const manifoldResolution = dimension === 2 ? MANIFOLD_RESOLUTION_2D : MANIFOLD_RESOLUTION_1D;
  try {
    const fields = await trainer.fields({
      domain,
      resolution,
      manifoldResolution,
      samples: generated.slice(0, PUSH_POINTS * dimension),
    });
    const witness = mmdWitnessOnGrid(
      domain,
      resolution,
      real.subarray(0, WITNESS_POINTS * dimension),
      generated.subarray(0, WITNESS_POINTS * dimension),
      kernelBandwidth,
    );
    return {
      ...fields,
      domain,
      resolution,
      manifoldResolution,
      witness,
      kernelBandwidth,
    };
  } catch {
    // A view is not worth stopping training for; the plot falls back to the samples alone.
    return null;
  }
}

/** Tensor count and bytes, from tfjs. (Workers have no performance.memory; the benchmark reads the worker's heap over the DevTools protocol.) */
function engineMemory(): EngineMemory {
  const { numTensors, numBytes } = tf.memory();
  return { tensors: numTensors, tensorBytes: numBytes };
}

function copyFields(fields: SnapshotFields): SnapshotFields {
  return {
    ...fields,
    discriminator: fields.discriminator?.slice() ?? null,
    manifold: fields.manifold.slice(),
    push: fields.push.slice(),
    witness: fields.witness.slice(),
  };
}

/** Lets queued messages (pause, config changes) run between turns, without setTimeout's clamping. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

const session = new TrainingSession();

const api: TrainerWorkerApi = {
  version: () => PROTOCOL_VERSION,
  init: (config, listener) => session.init(config, listener),
  setConfig: (config, compare) => session.setConfig(config, compare ?? null),
  setPoints: (points) => session.setPoints(points),
  play: () => session.play(),
  pause: () => session.pause(),
  step: (phase) => session.step(phase),
  exportGenerator: (baseName) => session.exportGenerator(baseName),
  loadGenerator: (modelJson, weights) => session.loadGenerator(modelJson, weights),
  timelineFrame: (iteration) => session.timelineFrame(iteration),
  branch: (iteration, config) => session.branch(iteration, config),
  reset: () => session.reset(),
  ping: () => session.iteration,
  restoreRun: (run, config) => session.restoreRun(run, config),
  injectFault: (kind) => session.injectFault(kind),
};

Comlink.expose(api);
