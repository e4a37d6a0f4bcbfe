/**
 * The second run of a side-by-side comparison (run B): its own trainer, stepped in lockstep with
 * run A (same iterations per turn), measured against the same plotted real points. It never stops
 * run A: when it fails to build or diverges it stops and says why in its snapshot part. It is
 * checkpointed with run A (frames, saves) and restored with it, so every recovery keeps the two
 * at the same iteration, or says why it cannot.
 */
import type { PlaygroundConfig } from '../config/schema';
import { createTrainer, liveSettingsOf, type Trainer, type TrainerCheckpoint } from '../engine';
import { type ChangePlan, type FrameSamples, planChange, remeasureMmd } from './liveChange';
import type {
  CompareSnapshot,
  MmdHistory,
  SnapshotFields,
  SnapshotMetrics,
  StepPhase,
  UserPoints,
} from './protocol';
import { copyFields, DISPLAY_POINTS, evaluateFields, measureRun } from './runViews';
import type { TimelineFrame } from './timeline';

/** What became of run B when run A was restored or branched. */
export type CompareOutcome =
  /** Restored at run A's iteration; `note` says what of its optimiser started fresh, if any. */
  | { kind: 'restored'; note: string | null }
  /** Started over from iteration 0, out of step with run A, because of `reason`. */
  | { kind: 'restarted'; reason: string }
  /** Stopped (as it was when saved, or it cannot be built), because of `reason`. */
  | { kind: 'stopped'; reason: string };

/** Who a recovery brought back: both runs when run B is in step, else run A. */
export function recoveredRuns(outcome: CompareOutcome): string {
  return outcome.kind === 'restored' ? 'run A and run B' : 'run A';
}

/** What became of run B, to end a sentence about run A ('' when B is in step with nothing to add). */
export function compareSuffix(outcome: CompareOutcome): string {
  switch (outcome.kind) {
    case 'restored':
      return outcome.note === null ? '' : ` (run B: ${outcome.note})`;
    case 'restarted':
      return `; run B started over from iteration 0 (${outcome.reason})`;
    case 'stopped':
      return `; run B stays stopped (${outcome.reason})`;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class CompareRun {
  private trainer: Trainer | null = null;
  private error: string | null = null;
  private lossIterations: number[] = [];
  private discriminatorLoss: number[] = [];
  private generatorLoss: number[] = [];
  private metrics: SnapshotMetrics | null = null;
  private fields: SnapshotFields | null = null;
  /** The frames' MMD² re-measured at a new bandwidth, until a part measured at it sends it. */
  private pendingMmdHistory: MmdHistory | null = null;
  private settings: PlaygroundConfig;
  /**
   * The bandwidth of the metrics: a new one takes over once the history is re-measured at it
   * (see remeasure), so the page gets both together.
   */
  private measuredBandwidth: number;

  constructor(config: PlaygroundConfig) {
    this.settings = config;
    this.measuredBandwidth = config.kernelBandwidth;
  }

  /** Run B's settings: those it was built with, and the live ones it took since. */
  get config(): PlaygroundConfig {
    return this.settings;
  }

  /**
   * Takes `next` as run A does (see ./liveChange): live settings go to the running run B, which
   * keeps its iteration, weights and optimiser state. Returns the plan; a 'rebuild' one (also
   * when the trainer refuses the values) changed nothing: the caller replaces run B.
   */
  takeSettings(next: PlaygroundConfig): ChangePlan {
    const plan = planChange(this.settings, next);
    if (plan.kind !== 'live') return plan;
    if (plan.training) {
      try {
        this.trainer?.applySettings(liveSettingsOf(next));
      } catch {
        return { kind: 'rebuild', keys: plan.keys };
      }
    }
    this.settings = next;
    // The witness is drawn at the new bandwidth at once; the metrics once remeasure() is done.
    if (plan.bandwidth) this.fields = null;
    return plan;
  }

  /**
   * Re-measures run B's MMD² in the kept frames at its bandwidth (sent with the next part);
   * `between` runs after each frame, and abandons the re-measure when it says false.
   */
  async remeasure(
    frames: readonly TimelineFrame[],
    real: Float32Array,
    dimension: 1 | 2,
    between?: () => Promise<boolean>,
  ): Promise<void> {
    const samples: FrameSamples = (frame) => frame.compareGenerated;
    const h = this.settings.kernelBandwidth;
    const history = await remeasureMmd(frames, samples, real, dimension, h, between);
    if (history !== null) this.pendingMmdHistory = history;
    this.settleBandwidth();
  }

  /** The metrics follow the bandwidth set now (measured afresh by the next part if it changed). */
  settleBandwidth(): void {
    if (this.measuredBandwidth === this.settings.kernelBandwidth) return;
    this.measuredBandwidth = this.settings.kernelBandwidth;
    this.metrics = null;
  }

  /** Completed iterations, or null while stopped. */
  get iteration(): number | null {
    return this.trainer?.iteration ?? null;
  }

  /** Why the run stopped, or null while it trains. */
  get stoppedBecause(): string | null {
    return this.error;
  }

  /** A new run B: fresh weights from the seed. */
  build(points: UserPoints | null): void {
    this.reset();
    try {
      this.trainer = createTrainer({ ...this.settings, points });
    } catch (error) {
      this.error = `Run B cannot start: ${messageOf(error)}`;
    }
  }

  /**
   * Continues from run B's checkpoint taken with run A's at `iteration`: `undefined` when none was
   * taken (the comparison was not saved with run A), null when B had stopped by then. Never
   * throws: a checkpoint that does not fit starts B over and says why.
   */
  restore(
    checkpoint: TrainerCheckpoint | null | undefined,
    iteration: number,
    points: UserPoints | null,
  ): CompareOutcome {
    if (checkpoint === null) {
      const reason = `it had stopped before iteration ${iteration.toLocaleString('en')}; Reset starts both runs over`;
      this.build(points);
      if (this.trainer === null) return { kind: 'stopped', reason: this.error ?? reason };
      this.dispose();
      this.error = `Run B stopped: ${reason}.`;
      return { kind: 'stopped', reason };
    }
    const misfit =
      checkpoint === undefined
        ? 'it was not saved with run A'
        : checkpoint.iteration !== iteration
          ? `its checkpoint is of iteration ${checkpoint.iteration.toLocaleString('en')}, not ${iteration.toLocaleString('en')}`
          : null;
    if (misfit === null && checkpoint !== undefined) {
      this.reset();
      let trainer: Trainer | null = null;
      try {
        trainer = createTrainer({ ...this.settings, points });
        const { optimizerNote } = trainer.restore(checkpoint);
        this.trainer = trainer;
        return { kind: 'restored', note: optimizerNote };
      } catch (error) {
        trainer?.dispose();
        return this.restart(points, messageOf(error));
      }
    }
    return this.restart(points, misfit ?? 'no checkpoint');
  }

  /** Run B's state now, to keep with run A's at the same iteration; null while stopped. */
  async checkpoint(): Promise<TrainerCheckpoint | null> {
    return (await this.trainer?.checkpoint()) ?? null;
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
        this.metrics = await measureRun(trainer, real, generated, this.measuredBandwidth);
      }
      if (evaluate || this.fields === null) {
        this.fields = await evaluateFields(trainer, real, generated, this.settings.kernelBandwidth);
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
      mmdHistory: this.takeMmdHistory(),
      error: this.error,
    };
    this.clearLosses();
    return part;
  }

  /** The re-measured history, once the metrics sent with it are at its bandwidth. */
  private takeMmdHistory(): MmdHistory | null {
    const history = this.pendingMmdHistory;
    if (history === null || history.kernelBandwidth !== this.metrics?.kernelBandwidth) return null;
    this.pendingMmdHistory = null;
    return history;
  }

  /** Frees the trainer; on a lost device its tensors went with it, and that is not an error. */
  dispose(): void {
    try {
      this.trainer?.dispose();
    } catch {
      // A lost device may refuse to free its tensors.
    }
    this.trainer = null;
  }

  private restart(points: UserPoints | null, reason: string): CompareOutcome {
    this.build(points);
    return this.trainer === null
      ? { kind: 'stopped', reason: this.error ?? reason }
      : { kind: 'restarted', reason };
  }

  private reset(): void {
    this.dispose();
    this.error = null;
    this.measuredBandwidth = this.settings.kernelBandwidth;
    this.metrics = null;
    this.pendingMmdHistory = null;
    this.fields = null;
    this.clearLosses();
  }

  private stop(error: unknown): void {
    this.error = `Run B stopped: ${messageOf(error)}`;
    this.dispose();
  }

  private clearLosses(): void {
    this.lossIterations = [];
    this.discriminatorLoss = [];
    this.generatorLoss = [];
  }
}
