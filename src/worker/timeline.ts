/**
 * The timeline of a run: frames taken every so many iterations, each with what the plots need to
 * show the run as it was then (samples, the networks' views, the metrics) and, when small enough,
 * a checkpoint to branch a new run from. Memory stays bounded however long the run: when the
 * frames outgrow their budget every other one is dropped and the spacing doubles, so a run of any
 * length keeps between half and all of MAX_FRAMES frames, evenly spread over its history.
 */
import type { PlaygroundConfig } from '../config/schema';
import { checkpointBytes, type TrainerCheckpoint } from '../engine/checkpoint';
import type { SnapshotFields, SnapshotMetrics } from './protocol';

/** Most frames kept. */
export const MAX_FRAMES = 120;
/**
 * Most bytes kept over all frames (checkpoints dominate: ~0.2 MB for two 64·64 networks). While
 * comparing, a frame holds both runs' checkpoints, so the same budget keeps half as many.
 */
export const MAX_TIMELINE_BYTES = 48 * 1024 * 1024;
/** Spacing of the first frames, in iterations. */
export const FIRST_INTERVAL = 25;
/** A checkpoint larger than this is not kept (the frame can be viewed but not branched from). */
export const MAX_CHECKPOINT_BYTES = MAX_TIMELINE_BYTES / 16;

/** The run as it was at one iteration. */
export interface TimelineFrame {
  iteration: number;
  /**
   * The settings the run trained with at this iteration (live changes made later are not in
   * them); absent when not known.
   */
  config?: PlaygroundConfig;
  /** Generated points from the fixed display noise, row-major. */
  generated: Float32Array;
  /** A comparison's run B's generated points at the same iteration (absent without one). */
  compareGenerated?: Float32Array;
  fields: SnapshotFields | null;
  metrics: SnapshotMetrics | null;
  /** Null when the model is too large to keep one per frame. */
  checkpoint: TrainerCheckpoint | null;
  /**
   * A comparison's run B at the same iteration, so a branch takes both runs back together: null
   * when B had stopped (or `checkpoint` is null); absent without a comparison.
   */
  compare?: TrainerCheckpoint | null;
}

function fieldsBytes(fields: SnapshotFields | null): number {
  if (fields === null) return 0;
  return (
    (fields.discriminator?.byteLength ?? 0) +
    fields.manifold.byteLength +
    fields.push.byteLength +
    fields.witness.byteLength
  );
}

export function frameBytes(frame: TimelineFrame): number {
  return (
    frame.generated.byteLength +
    (frame.compareGenerated?.byteLength ?? 0) +
    fieldsBytes(frame.fields) +
    (frame.checkpoint === null ? 0 : checkpointBytes(frame.checkpoint)) +
    (frame.compare ? checkpointBytes(frame.compare) : 0)
  );
}

/** Whether a checkpoint is too large to keep per frame. */
function oversized(checkpoint: TrainerCheckpoint | null | undefined): boolean {
  return checkpoint ? checkpointBytes(checkpoint) > MAX_CHECKPOINT_BYTES : false;
}

export class Timeline {
  private kept: TimelineFrame[] = [];
  private bytes = 0;
  private interval = FIRST_INTERVAL;

  /** Whether a frame is due at this iteration (the first one always is). */
  due(iteration: number): boolean {
    const last = this.kept.at(-1);
    return last === undefined || iteration >= last.iteration + this.interval;
  }

  /**
   * Adds a frame (replacing one at the same iteration), then thins to the budget. Run A's and run
   * B's checkpoints are kept together or not at all: a frame that one run cannot branch from is
   * not branchable (branching A alone would leave the runs out of step).
   */
  add(frame: TimelineFrame): void {
    const stored: TimelineFrame =
      oversized(frame.checkpoint) || oversized(frame.compare)
        ? { ...frame, checkpoint: null, ...(frame.compare === undefined ? {} : { compare: null }) }
        : frame;
    const last = this.kept.at(-1);
    if (last !== undefined && last.iteration >= stored.iteration) {
      // A frame never goes back in time: later ones belong to a past that was branched away from.
      this.truncateAfter(stored.iteration - 1);
    }
    this.kept.push(stored);
    this.bytes += frameBytes(stored);
    while (this.kept.length > MAX_FRAMES || this.bytes > MAX_TIMELINE_BYTES) {
      if (!this.thin()) break;
    }
  }

  /** Keeps the first frame, every other one after it and always the newest; doubles the spacing. */
  private thin(): boolean {
    if (this.kept.length <= 2) return false;
    const newest = this.kept.length - 1;
    this.kept = this.kept.filter((_, i) => i % 2 === 0 || i === newest);
    this.bytes = this.kept.reduce((sum, frame) => sum + frameBytes(frame), 0);
    this.interval *= 2;
    return true;
  }

  /** Drops every frame after `iteration` (a branch rewrites the future). */
  truncateAfter(iteration: number): void {
    this.kept = this.kept.filter((frame) => frame.iteration <= iteration);
    this.bytes = this.kept.reduce((sum, frame) => sum + frameBytes(frame), 0);
  }

  clear(): void {
    this.kept = [];
    this.bytes = 0;
    this.interval = FIRST_INTERVAL;
  }

  /** The frame at exactly this iteration, if kept. */
  frame(iteration: number): TimelineFrame | undefined {
    return this.kept.find((frame) => frame.iteration === iteration);
  }

  /** The kept frames, oldest first (their metrics may be re-measured in place). */
  get frames(): readonly TimelineFrame[] {
    return this.kept;
  }

  /** Iterations of the kept frames, oldest first. */
  get iterations(): number[] {
    return this.kept.map((frame) => frame.iteration);
  }

  /** Whether every kept frame can be branched from. */
  get branchable(): boolean {
    return this.kept.every((frame) => frame.checkpoint !== null);
  }

  get byteLength(): number {
    return this.bytes;
  }
}
