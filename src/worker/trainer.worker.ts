/// <reference lib="webworker" />
/**
 * The training worker: owns the backend, the engine's trainer and the training loop, so the page's
 * main thread never runs a training step. It runs many iterations per turn, reads losses back once
 * per turn (never per iteration), and posts a compact snapshot about ten times a second, never
 * faster than the page draws them (./backpressure).
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
  liveSettingsOf,
  speedKey,
  type Trainer,
  type TrainerCheckpoint,
} from '../engine';
import {
  choiceDependsOnModel,
  fallbackBackend,
  type ModelUnderTest,
  selectBackend,
} from './backend';
import { SnapshotGate } from './backpressure';
import { backendThroughput, calibrateBackend } from './calibration';
import { type CompareOutcome, CompareRun, compareSuffix, recoveredRuns } from './compareRun';
import {
  type ChangePlan,
  changesCost,
  planChange,
  remeasureMmd,
  updateFrameMetrics,
} from './liveChange';
import { ANNOUNCE_MS, type Pacing } from './pacing';
import {
  BACKEND_LABELS,
  type BackendInfo,
  type BackendName,
  type Divergence,
  type EngineMemory,
  type FaultKind,
  type GeneratorModelFiles,
  type MmdHistory,
  PROTOCOL_VERSION,
  type SavedRun,
  SLOW_FAULT_MS,
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
import { copyFields, DISPLAY_POINTS, evaluateFields, measureRun } from './runViews';
import { Timeline, type TimelineFrame } from './timeline';
import { blockFor, TurnRunner } from './turns';

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
/** Fields are recomputed at most this often while training (every snapshot when paused). */
const FIELDS_INTERVAL_MS = 200;
/**
 * The run's state is sent to the UI (to survive a worker crash or a reload) at most this often
 * while training, and on every pause: a crash loses at most this much training.
 */
const SAVE_INTERVAL_MS = 2000;
/**
 * Larger checkpoints are not saved (the largest model allowed has 3.7 M weights, about 44 MB
 * with Adam's two slots each: such a run is not kept, and a restart starts it over).
 */
const MAX_SAVED_BYTES = 32 * 1024 * 1024;

type Listener = (event: WorkerEvent) => void;

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
  /** The run that diverged (a `diverged` event was sent of it), while it is the current one. */
  private divergedTrainer: Trainer | null = null;
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
  /** The frames' MMD² re-measured at a new bandwidth, until a snapshot at that bandwidth sends it. */
  private pendingMmdHistory: MmdHistory | null = null;
  /**
   * While the history is re-measured at a new bandwidth, the metrics stay at the old one (so the
   * page gets the new h's first value together with its history); null otherwise.
   */
  private heldBandwidth: number | null = null;
  /**
   * The bandwidths of the latest setConfig call, as it arrives (run A's, run B's): a re-measure
   * that sees another one coming gives way to it (a slider being dragged).
   */
  private requestedBandwidths = '';
  /** Serialises commands so that two of them never rebuild the trainer at once. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A divergence the loop found in the losses, reported with the next snapshot. */
  private pendingDivergence: Omit<Divergence, 'iteration' | 'lastGood'> | null = null;
  /** The latest finite state (saved or a frame): a backend that fails continues from it. */
  private lastGood: TrainerCheckpoint | null = null;
  /** Run B's checkpoint at lastGood's iteration (null: B had stopped; undefined: no comparison). */
  private lastGoodCompare: TrainerCheckpoint | null | undefined = undefined;
  private lastSavedTime = Number.NEGATIVE_INFINITY;
  private lastSavedIteration = -1;
  /** Backends that failed mid-run in this session: the fallback skips them. */
  private readonly failedBackends = new Set<BackendName>();
  /** A failure injected by a test, thrown by the loop's next turn. */
  private injectedFailure: string | null = null;
  /** The WebGPU device whose loss is being watched, if any. */
  private watchedDevice: WebGpuDevice | null = null;
  /**
   * Why the current model is refused (an update would take over MAX_PHASE_MS here), or null: a
   * refused model gets no views or metrics either, so the refusal comes at once, not after them.
   */
  private refusedModel: string | null = null;
  /** Runs the loop's turns, whole or one phase at a time, and paces them (see ./turns). */
  private readonly turns = new TurnRunner();
  /** Holds the loop's next snapshot until the page has drawn the last (see ./backpressure). */
  private readonly snapshotGate = new SnapshotGate();

  /** Completed iterations of the current run (the heartbeat's answer). */
  /** The page drew snapshot `sequence`: the loop may send its next one. */
  snapshotDrawn(sequence: number): void {
    this.snapshotGate.drawn(sequence);
  }

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
      await calibrateBackend();
      await this.rebuild();
      return this.backend;
    });
  }

  setConfig(next: PlaygroundConfig, compare: PlaygroundConfig | null = null): Promise<void> {
    const bandwidths = (a: PlaygroundConfig, b: PlaygroundConfig | null | undefined) =>
      `${a.kernelBandwidth} ${b?.kernelBandwidth}`;
    this.requestedBandwidths = bandwidths(next, compare);
    return this.enqueue(async () => {
      const previous = this.config;
      this.config = next;
      // Run B follows the same rule as run A: live settings are taken by its running run.
      const comparePlan =
        this.compare !== null && compare !== null ? this.compare.takeSettings(compare) : null;
      const compareChanged =
        comparePlan === null
          ? JSON.stringify(this.compare?.config ?? null) !== JSON.stringify(compare)
          : comparePlan.kind === 'rebuild';
      if (compareChanged) {
        this.compare?.dispose();
        this.compare = compare === null ? null : new CompareRun(compare);
      }
      if (previous === null) return;
      const plan = planChange(previous, next);
      // A new run B starts again together with run A, so they stay in step (ending a comparison
      // does not restart run A).
      const restartBoth = compareChanged && compare !== null;
      const compareLive = comparePlan?.kind === 'live' ? comparePlan : null;
      const superseded = () => this.requestedBandwidths !== bandwidths(next, this.compare?.config);
      // A diverged run has nothing left to keep (its weights are not finite): any change of
      // what trains starts a new run, as before live settings.
      const diverged = this.trainer !== null && this.trainer === this.divergedTrainer;
      if (
        !restartBoth &&
        plan.kind !== 'rebuild' &&
        !(diverged && plan.kind === 'live' && plan.training) &&
        (await this.takeLive(plan, compareLive, superseded))
      ) {
        return;
      }
      const discarded = this.iteration;
      const wasRunning = this.running;
      await this.stopLoop();
      const model = this.modelUnderTest();
      if (
        previous.backend !== next.backend ||
        (choiceDependsOnModel(this.backend) && model?.key !== this.backendKey)
      ) {
        this.disposeTrainer();
        this.backend = await selectBackend(next.backend, model);
        this.backendKey = model?.key ?? null;
        this.watchDevice();
        this.emit({ type: 'backend', backend: this.backend });
      }
      await this.rebuild();
      if (plan.kind !== 'none') {
        const change = { applied: 'rebuilt' as const, keys: plan.keys, iteration: discarded };
        this.emit({ type: 'settings', change });
      }
      if (wasRunning) this.startLoop();
    });
  }

  /**
   * Gives the running run (and run B, `compare`) the live settings of the config, without
   * stopping or rebuilding it; a new bandwidth re-measures the kept history. False, changing
   * nothing, when the trainer refuses them (the caller then builds a new run).
   */
  private async takeLive(
    plan: Exclude<ChangePlan, { kind: 'rebuild' }>,
    compare: Extract<ChangePlan, { kind: 'live' }> | null,
    superseded: () => boolean,
  ): Promise<boolean> {
    const trainer = this.trainer;
    const config = this.config;
    if (plan.kind === 'none' && compare === null) return true;
    if (trainer === null || config === null) return plan.kind === 'none';
    if (plan.kind === 'live' && plan.training) {
      try {
        trainer.applySettings(liveSettingsOf(config));
      } catch {
        return false;
      }
      if (changesCost(plan.keys)) {
        // An iteration now costs more or less: the pacing measures it anew.
        this.turns.forget();
        this.iterationsPerTurn = 1;
        this.refusedModel = this.pacingOf(trainer).refusal();
      }
    }
    if (plan.kind === 'live') {
      const change = { applied: 'live' as const, keys: plan.keys, iteration: trainer.iteration };
      this.emit({ type: 'settings', change });
    }
    const a = plan.kind === 'live' && plan.bandwidth;
    const b = compare?.bandwidth === true;
    if (a || b) await this.remeasureHistory(a, b, superseded);
    if (!this.running && !superseded()) await this.sendSnapshot(this.generation);
    if (this.refusedModel !== null) this.fail(new Error(this.refusedModel));
    return true;
  }

  /**
   * Re-measures the MMD² of the kept frames at run A's (`a`) and run B's (`b`) new bandwidth,
   * answering messages between frames (the loop trains on meanwhile); the next snapshot measured
   * at it sends the history, and the frames keep the new values. A newer config change
   * (`superseded`) or run abandons it: that one re-measures.
   */
  private async remeasureHistory(a: boolean, b: boolean, superseded: () => boolean): Promise<void> {
    const trainer = this.trainer;
    const config = this.config;
    if (trainer === null || config === null) return;
    const frames = this.timeline.frames;
    const real = this.realDisplay;
    const { dimension } = trainer;
    const between = async () => {
      await yieldToMessages();
      return !superseded() && trainer === this.trainer;
    };
    this.heldBandwidth = this.metrics?.kernelBandwidth ?? null;
    try {
      if (a) {
        this.pendingMmdHistory = null;
        const samples = (frame: TimelineFrame) => frame.generated;
        const h = config.kernelBandwidth;
        const history = await remeasureMmd(frames, samples, real, dimension, h, between);
        if (history === null) return;
        updateFrameMetrics(frames, history);
        this.pendingMmdHistory = history;
      }
      if (b) await this.compare?.remeasure(frames, real, dimension, between);
    } finally {
      // The next snapshot measures at the new bandwidth, with the history (if it was finished).
      this.heldBandwidth = null;
      this.lastMetricsTime = Number.NEGATIVE_INFINITY;
      if (b) this.compare?.settleBandwidth();
    }
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
        this.announceStep(this.pacingOf(trainer), phase);
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
      const config = frame?.config ?? this.config;
      if (frame === undefined || this.trainer === null || config === null) return null;
      return {
        iteration: frame.iteration,
        config,
        dimension: this.trainer.dimension,
        generated: frame.generated.slice(),
        real: this.realDisplay.slice(),
        fields: frame.fields === null ? null : copyFields(frame.fields),
        metrics: frame.metrics,
      };
    });
  }

  branch(
    iteration: number,
    config: PlaygroundConfig,
    compare?: PlaygroundConfig | null,
  ): Promise<string> {
    return this.enqueue(async () => {
      await this.stopLoop();
      const frame = this.timeline.frame(iteration);
      // The latest save also counts: a diverged run goes back to it (see lastGoodIteration).
      const checkpoint =
        frame?.checkpoint ?? (this.lastGood?.iteration === iteration ? this.lastGood : null);
      const compareCheckpoint = frame?.checkpoint ? frame.compare : this.lastGoodCompare;
      if (checkpoint === null) {
        throw new Error(
          frame === undefined
            ? `No snapshot of iteration ${iteration} is kept.`
            : 'This model is too large to keep a snapshot per frame; it cannot branch.',
        );
      }
      const { trainer, note } = this.restoredTrainer(config, checkpoint);
      this.install(trainer, config);
      const pair = this.restoreCompare(compare, compareCheckpoint, iteration);
      this.timeline.truncateAfter(iteration);
      this.branchedAt = iteration;
      await this.sendSnapshot(this.generation);
      const runs = pair === null ? 'a new run' : recoveredRuns(pair);
      return `Branched ${runs} from iteration ${iteration.toLocaleString('en')}${note === null ? '' : `: ${note}`}${pair === null ? '' : compareSuffix(pair)}.`;
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

  restoreRun(
    run: SavedRun,
    config: PlaygroundConfig,
    compare?: PlaygroundConfig | null,
  ): Promise<string> {
    return this.enqueue(async () => {
      await this.stopLoop();
      // Built with the run's own points: a refused run leaves the current run and its points.
      const { trainer, note } = this.restoredTrainer(config, run.checkpoint, run.points);
      this.points = run.points;
      this.install(trainer, config);
      this.runId += 1;
      this.timeline.clear();
      // Run B from its own checkpoint: the setConfig that follows then finds nothing changed.
      const from = run.checkpoint.iteration;
      const pair = this.restoreCompare(compare, run.compare?.checkpoint, from);
      await this.sendSnapshot(this.generation);
      const iteration = from.toLocaleString('en');
      const optimiser = note === null ? '' : ` (${note})`;
      return pair === null
        ? `Restored the run at iteration ${iteration}${optimiser}.`
        : `Restored ${recoveredRuns(pair)} from iteration ${iteration}${optimiser}${compareSuffix(pair)}.`;
    });
  }

  /**
   * Run B once run A was restored at `iteration`: `config` is its settings (undefined: as they
   * are), restored from `checkpoint` (see CompareRun.restore); null without a comparison.
   */
  private restoreCompare(
    config: PlaygroundConfig | null | undefined,
    checkpoint: TrainerCheckpoint | null | undefined,
    iteration: number,
  ): CompareOutcome | null {
    const next = config === undefined ? (this.compare?.config ?? null) : config;
    this.compare?.dispose();
    this.compare = next === null ? null : new CompareRun(next);
    return this.compare?.restore(checkpoint, iteration, this.points) ?? null;
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
      case 'slow':
        setTimeout(() => {
          const progress = { elapsedMs: 0, expectedMs: SLOW_FAULT_MS };
          const iteration = this.iteration;
          this.emit({
            type: 'busy',
            phase: 'iteration',
            iteration,
            expectedMs: SLOW_FAULT_MS,
            progress,
          });
          blockFor(SLOW_FAULT_MS, () => performance.now());
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
    points: UserPoints | null = this.points,
  ): { trainer: Trainer; note: string | null } {
    // Built and restored before the old one goes: a refused snapshot leaves the run as it was.
    const trainer = createTrainer({ ...config, points });
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
    this.refusedModel = null;
    this.config = config;
    this.metrics = null;
    this.pendingMmdHistory = null;
    this.fields = null;
    this.iterationsPerTurn = 1;
    this.realDisplay = trainer.sampleReal(DISPLAY_POINTS);
    this.clearLosses();
    this.lastSnapshotIteration = trainer.iteration;
    this.lastSavedIteration = -1;
    this.lastGood = null;
    this.lastGoodCompare = undefined;
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
    const savedCompare = this.lastGoodCompare;
    try {
      this.disposeTrainer();
    } catch {
      this.trainer = null;
    }
    this.compare?.dispose();
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
    const from = trainer.iteration;
    // Run B continues from its checkpoint of the same iteration, or starts over with run A.
    const pair = saved === null ? null : this.restoreCompare(undefined, savedCompare, from);
    if (saved === null) this.compare?.build(this.points);
    this.timeline.truncateAfter(from);
    this.branchedAt = from;
    const runs =
      pair === null
        ? 'The run continues'
        : pair.kind === 'restored'
          ? 'Run A and run B continue'
          : 'Run A continues';
    this.emit({
      type: 'notice',
      message: `${BACKEND_LABELS[failed]} failed during training (${why}). ${runs} on ${
        BACKEND_LABELS[info.name]
      } from iteration ${from.toLocaleString('en')}${pair === null ? '' : compareSuffix(pair)}.`,
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
    this.divergedTrainer = null;
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
    this.pendingMmdHistory = null;
    this.lastSavedIteration = -1;
    this.lastGood = null;
    this.lastGoodCompare = undefined;
    this.iterationsPerTurn = 1;
    this.realDisplay = this.trainer.sampleReal(DISPLAY_POINTS);
    this.clearLosses();
    this.lastSnapshotIteration = 0;
    // Judged before the first snapshot: a model too large for this backend is refused at once.
    await calibrateBackend();
    this.refusedModel = this.pacingOf(this.trainer).refusal();
    await this.sendSnapshot(this.generation);
    if (this.refusedModel !== null) this.fail(new Error(this.refusedModel));
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
      await calibrateBackend();
      while (this.running && generation === this.generation && this.trainer !== null) {
        const trainer = this.trainer;
        const started = performance.now();
        if (this.injectedFailure !== null) {
          const why = this.injectedFailure;
          this.injectedFailure = null;
          throw new Error(why);
        }
        const pacing = this.pacingOf(trainer);
        const refused = pacing.refusal();
        if (refused !== null) return this.fail(new Error(refused));
        const turn = this.turns.turn(trainer, pacing, this.iterationsPerTurn, {
          stepCompare: (iterations) => this.compare?.step(iterations),
          announce: (busy) => this.emit({ type: 'busy', ...busy }),
          now: () => performance.now(),
        });
        if (!turn.readLosses) {
          // A discriminator phase of a split iteration: the losses are read once it completes.
          this.turns.finish(pacing, performance.now());
          await yieldToMessages();
          continue;
        }
        // One readback per turn: it also waits for queued GPU work, which bounds the queue.
        const losses = await trainer.takeLosses();
        await this.compare?.takeLosses();
        this.turns.finish(pacing, performance.now());
        this.recordLosses(losses);
        this.pendingDivergence = lossDivergence(losses);
        if (this.pendingDivergence !== null) {
          await this.sendSnapshot(generation);
          return;
        }
        if (!turn.split) this.adaptTurnLength(performance.now() - started);
        // Back-pressure: a page still drawing the last snapshot gets the newest state once it
        // is done, not a queue of stale ones (the iterations/s it shows then stay true).
        const now = performance.now();
        if (now - this.lastSnapshotTime >= SNAPSHOT_INTERVAL_MS && this.snapshotGate.ready(now)) {
          await this.sendSnapshot(generation);
        }
        await yieldToMessages();
      }
    } catch (error) {
      if (generation === this.generation) this.loopFailed(error);
    }
  }

  /** The pacing of `trainer` on the current backend (see ./pacing). */
  private pacingOf(trainer: Trainer): Pacing {
    const label = this.backend === null ? 'this backend' : BACKEND_LABELS[this.backend.name];
    return this.turns.pacingOf(trainer, backendThroughput(), label);
  }

  /** Announces a step button's block, when it is long (a big model on a slow backend). */
  private announceStep(pacing: Pacing, phase: StepPhase): void {
    const refused = pacing.refusal();
    if (refused !== null) throw new Error(refused);
    const kind = phase === 'iteration' ? null : phase;
    const expectedMs = kind === null ? pacing.iterationMs() : pacing.expectedMs(kind);
    if (expectedMs < ANNOUNCE_MS) return;
    const iteration = this.iteration;
    this.emit({ type: 'busy', phase, iteration, expectedMs, progress: null });
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
    const h = this.heldBandwidth ?? config.kernelBandwidth;
    this.metrics = await measureRun(trainer, this.realDisplay, generated, h);
    this.lastMetricsTime = performance.now();
  }

  private async sendSnapshot(generation: number): Promise<void> {
    const trainer = this.trainer;
    const config = this.config;
    if (trainer === null || config === null) return;
    const snapshotStarted = this.announceSnapshot(trainer);
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
    // A diverged run keeps its last views and metrics: those of NaNs say nothing. A refused
    // model gets none (they would take minutes).
    const viewable = healthy && this.refusedModel === null;
    const measure =
      viewable && (!loopRunning || performance.now() - this.lastMetricsTime >= METRICS_INTERVAL_MS);
    if (measure) {
      await this.measure(trainer, generated, config);
      if (trainer !== this.trainer) return;
    }
    // The views' fields follow the samples at most FIELDS_INTERVAL_MS behind while training
    // (they change slowly, and a refresh costs ~17 ms of the worker's time); always fresh when paused.
    const evaluate =
      viewable &&
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
      // Run B's at the same iteration (lockstep): restores and branches then keep both in step.
      const compareCheckpoint = await this.compare?.checkpoint();
      if (trainer !== this.trainer) return;
      this.lastGood = checkpoint;
      this.lastGoodCompare = compareCheckpoint;
      if (frameDue) {
        // The frame keeps the exact samples of this iteration; its views and metrics are the
        // latest (at most FIELDS_INTERVAL_MS and METRICS_INTERVAL_MS behind while training).
        this.timeline.add({
          iteration: trainer.iteration,
          config,
          generated: generated.slice(),
          ...(compare === null ? {} : { compareGenerated: compare.generated.slice() }),
          fields: this.fields === null ? null : copyFields(this.fields),
          metrics: this.metrics,
          checkpoint,
          compare: compareCheckpoint,
        });
      }
      if (saveDue) this.save(checkpoint, config, compareCheckpoint);
    }
    // A copy: the snapshot's arrays are transferred (detached here) and this.fields is reused.
    const fields = this.fields === null ? null : copyFields(this.fields);
    const now = performance.now();
    if (measure) this.pacingOf(trainer).observe('snapshot', now - snapshotStarted);
    const elapsedSeconds = (now - this.lastSnapshotTime) / 1000;
    const iterations = trainer.iteration - this.lastSnapshotIteration;
    const snapshot: Snapshot = {
      type: 'snapshot',
      runId: this.runId,
      iteration: trainer.iteration,
      updates: { ...trainer.updates },
      stepsPerSecond: loopRunning && elapsedSeconds > 0 ? iterations / elapsedSeconds : 0,
      workerTime: performance.timeOrigin + now,
      sequence: this.snapshotGate.sent(now),
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
      mmdHistory: this.takeMmdHistory(),
      compare,
    };
    this.branchedAt = null;
    this.clearLosses();
    this.lastSnapshotTime = now;
    this.lastSnapshotIteration = trainer.iteration;
    this.emit(snapshot);
    if (found !== null) {
      this.divergedTrainer = trainer;
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

  /** The re-measured MMD² history, once the metrics sent with it are at its bandwidth. */
  private takeMmdHistory(): MmdHistory | null {
    const history = this.pendingMmdHistory;
    if (history === null || history.kernelBandwidth !== this.metrics?.kernelBandwidth) return null;
    this.pendingMmdHistory = null;
    return history;
  }

  /** Announces a snapshot expected to be long (its views and metrics); returns when it began. */
  private announceSnapshot(trainer: Trainer): number {
    const expectedMs = this.pacingOf(trainer).expectedMs('snapshot');
    const iteration = trainer.iteration;
    if (expectedMs >= ANNOUNCE_MS) {
      this.emit({ type: 'busy', phase: 'snapshot', iteration, expectedMs, progress: null });
    }
    return performance.now();
  }

  /** Tells the UI the run's latest good state, to survive a worker crash or a reload. */
  private save(
    checkpoint: TrainerCheckpoint,
    config: PlaygroundConfig,
    compareCheckpoint: TrainerCheckpoint | null | undefined,
  ): void {
    this.lastSavedTime = performance.now();
    this.lastSavedIteration = checkpoint.iteration;
    const bytes = checkpointBytes(checkpoint);
    if (this.backend === null || bytes > MAX_SAVED_BYTES) return;
    const compare = this.compare;
    // Run B goes with run A when both fit; without it a restore says that B starts over.
    const withB =
      compare !== null &&
      compareCheckpoint !== undefined &&
      bytes + (compareCheckpoint === null ? 0 : checkpointBytes(compareCheckpoint)) <=
        MAX_SAVED_BYTES;
    this.emit({
      type: 'saved',
      run: {
        config,
        points: this.points,
        checkpoint,
        savedAt: Date.now(),
        backend: this.backend.name,
        compare: withB ? { config: compare.config, checkpoint: compareCheckpoint } : null,
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

/** Tensor count and bytes, from tfjs. (Workers have no performance.memory; the benchmark reads the worker's heap over the DevTools protocol.) */
function engineMemory(): EngineMemory {
  const { numTensors, numBytes } = tf.memory();
  return { tensors: numTensors, tensorBytes: numBytes };
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
  branch: (iteration, config, compare) => session.branch(iteration, config, compare),
  reset: () => session.reset(),
  ping: () => session.iteration,
  snapshotDrawn: (sequence) => session.snapshotDrawn(sequence),
  restoreRun: (run, config, compare) => session.restoreRun(run, config, compare),
  injectFault: (kind) => session.injectFault(kind),
};

Comlink.expose(api);
