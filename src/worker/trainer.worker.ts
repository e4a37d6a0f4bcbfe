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
  createTrainer,
  datasetDimension,
  filesToArtifacts,
  mmdWitnessOnGrid,
  speedKey,
  type Trainer,
} from '../engine';
import { plotDomain } from '../engine/view';
import { choiceDependsOnModel, type ModelUnderTest, selectBackend } from './backend';
import {
  type BackendInfo,
  type CompareSnapshot,
  type EngineMemory,
  type GeneratorModelFiles,
  PROTOCOL_VERSION,
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
        this.recordLosses(await trainer.takeLosses());
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
      const wasRunning = this.running;
      await this.stopLoop();
      await trainer.loadGenerator(filesToArtifacts(modelJson, weights));
      this.fields = null;
      await this.sendSnapshot(this.generation);
      if (wasRunning) this.startLoop();
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
      const checkpoint = this.timeline.frame(iteration)?.checkpoint;
      if (checkpoint === undefined)
        throw new Error(`No snapshot of iteration ${iteration} is kept.`);
      if (checkpoint === null) {
        throw new Error('This model is too large to keep a snapshot per frame; it cannot branch.');
      }
      // The new trainer is built and restored before the old one goes: a refused snapshot leaves
      // the run as it was.
      const trainer = createTrainer({ ...config, points: this.points });
      let note: string | null;
      try {
        note = trainer.restore(checkpoint).optimizerNote;
      } catch (error) {
        trainer.dispose();
        throw error;
      }
      this.disposeTrainer();
      this.trainer = trainer;
      this.config = config;
      this.metrics = null;
      this.fields = null;
      this.iterationsPerTurn = 1;
      this.realDisplay = trainer.sampleReal(DISPLAY_POINTS);
      this.clearLosses();
      this.timeline.truncateAfter(iteration);
      this.branchedAt = iteration;
      this.lastSnapshotIteration = trainer.iteration;
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
        trainer.step(this.iterationsPerTurn);
        this.compare?.step(this.iterationsPerTurn);
        // One readback per turn: it also waits for queued GPU work, which bounds the queue.
        const losses = await trainer.takeLosses();
        await this.compare?.takeLosses();
        this.recordLosses(losses);
        const bad =
          losses === null
            ? undefined
            : [losses.generator, losses.discriminator ?? 0].find((v) => !Number.isFinite(v));
        if (bad !== undefined) {
          this.running = false;
          await this.sendSnapshot(generation);
          this.emit({
            type: 'error',
            message: `Training diverged at iteration ${trainer.iteration}: a loss became ${
              Number.isNaN(bad) ? 'NaN' : 'infinite'
            }. Lower the learning rates, then reset.`,
          });
          return;
        }
        this.adaptTurnLength(performance.now() - started);
        if (performance.now() - this.lastSnapshotTime >= SNAPSHOT_INTERVAL_MS) {
          await this.sendSnapshot(generation);
        }
        await yieldToMessages();
      }
    } catch (error) {
      if (generation === this.generation) this.fail(error);
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
    const loopRunning = this.running && generation === this.generation;
    const measure = !loopRunning || performance.now() - this.lastMetricsTime >= METRICS_INTERVAL_MS;
    if (measure) {
      await this.measure(trainer, generated, config);
      if (trainer !== this.trainer) return;
    }
    // The views' fields follow the samples at most FIELDS_INTERVAL_MS behind while training
    // (they change slowly, and a refresh costs ~17 ms of the worker's time); always fresh when paused.
    const evaluate =
      !loopRunning ||
      this.fields === null ||
      performance.now() - this.lastFieldsTime >= FIELDS_INTERVAL_MS;
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
    if (this.timeline.due(trainer.iteration)) {
      // The frame keeps the exact samples of this iteration; its views and metrics are the
      // latest (at most FIELDS_INTERVAL_MS and METRICS_INTERVAL_MS behind while training).
      const checkpoint = await trainer.checkpoint();
      if (trainer !== this.trainer) return;
      this.timeline.add({
        iteration: trainer.iteration,
        generated: generated.slice(),
        fields: this.fields === null ? null : copyFields(this.fields),
        metrics: this.metrics,
        checkpoint,
      });
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
  }
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
};

Comlink.expose(api);
