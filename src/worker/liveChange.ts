/**
 * How the worker takes a change of settings (src/config/live.ts says which are live): a running
 * run takes live ones without starting over, and a new kernel bandwidth re-measures the MMD² of
 * the frames the timeline keeps, so the curve is redrawn at the new h over the run's history.
 */
import { changedKeys, LIVE_KEYS, MEASUREMENT_KEYS } from '../config/live';
import type { ConfigKey, PlaygroundConfig } from '../config/schema';
import { mmdSquared } from '../engine';
import type { MmdHistory, SnapshotMetrics } from './protocol';
import type { TimelineFrame } from './timeline';

/** What a change of settings asks of the run. */
export type ChangePlan =
  /** Nothing changed. */
  | { kind: 'none' }
  /**
   * Every change is live: `training` when one changes the updates (else only what is measured),
   * `bandwidth` when the kernel bandwidth changed (the MMD² history is re-measured).
   */
  | { kind: 'live'; keys: ConfigKey[]; training: boolean; bandwidth: boolean }
  /** A change needs a new run. */
  | { kind: 'rebuild'; keys: ConfigKey[] };

/** What going from `previous` to `next` asks of the run. */
export function planChange(previous: PlaygroundConfig, next: PlaygroundConfig): ChangePlan {
  const keys = changedKeys(previous, next);
  if (keys.length === 0) return { kind: 'none' };
  if (!keys.every((key) => LIVE_KEYS.has(key))) return { kind: 'rebuild', keys };
  return {
    kind: 'live',
    keys,
    training: keys.some((key) => !MEASUREMENT_KEYS.has(key)),
    bandwidth: keys.includes('kernelBandwidth'),
  };
}

/** Settings whose change alters how long an iteration takes (the pacing measures anew). */
const COST_KEYS: ReadonlySet<ConfigKey> = new Set<ConfigKey>([
  'batchSize',
  'discriminatorSteps',
  'gradientPenalty',
  'mmdWeight',
]);

/** Whether a live change alters the cost of an iteration. */
export function changesCost(keys: readonly ConfigKey[]): boolean {
  return keys.some((key) => COST_KEYS.has(key));
}

/** Which generated samples of a frame to re-measure: run A's, or a comparison's run B's. */
export type FrameSamples = (frame: TimelineFrame) => Float32Array | undefined;

/**
 * Most frames re-measured at a new bandwidth (evenly spread, the first and the newest always):
 * one estimate on 512 + 512 points costs ~30–45 ms in JS on a busy 2-core machine, so the 120
 * frames of a long run would hold the worker for seconds.
 */
export const MAX_REMEASURED_FRAMES = 48;

/** At most `max` of `frames`, evenly spread, the first and the last always among them. */
export function spreadFrames<T>(frames: readonly T[], max: number): T[] {
  if (frames.length <= max) return [...frames];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(Math.round((i * (frames.length - 1)) / (max - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => frames[i] as T);
}

/**
 * The MMD² at bandwidth `kernelBandwidth` of the frames' samples against `real` (the plotted
 * real points, which the live curve is measured against), oldest first, for at most
 * MAX_REMEASURED_FRAMES of them; frames without samples of that run are skipped. The estimate
 * is the one the live metrics use (unbiased, Gaussian kernel), so re-measured points and later
 * live ones are one curve. `between` runs after each frame (the worker answers its messages
 * there); when it says false the re-measure is abandoned (a newer change supersedes it): null.
 */
export async function remeasureMmd(
  frames: readonly TimelineFrame[],
  samplesOf: FrameSamples,
  real: Float32Array,
  dimension: 1 | 2,
  kernelBandwidth: number,
  between: () => Promise<boolean> = async () => true,
): Promise<MmdHistory | null> {
  const measurable = frames.filter((frame) => {
    const generated = samplesOf(frame);
    return generated !== undefined && generated.length >= 2 * dimension;
  });
  const iterations: number[] = [];
  const values: number[] = [];
  for (const frame of spreadFrames(measurable, MAX_REMEASURED_FRAMES)) {
    iterations.push(frame.iteration);
    values.push(mmdSquared(samplesOf(frame) as Float32Array, real, dimension, kernelBandwidth));
    if (!(await between())) return null;
  }
  return { kernelBandwidth, iterations, values };
}

/**
 * Puts run A's re-measured MMD² into its frames' metrics, so a frame scrubbed back to shows the
 * value at the current bandwidth (a frame not re-measured keeps its value, at its bandwidth).
 * Each frame gets its own metrics object (frames may share one).
 */
export function updateFrameMetrics(frames: readonly TimelineFrame[], history: MmdHistory): void {
  const byIteration = new Map(history.iterations.map((it, i) => [it, history.values[i]]));
  for (const frame of frames) {
    const value = byIteration.get(frame.iteration);
    const metrics: SnapshotMetrics | null = frame.metrics;
    if (value === undefined || metrics === null) continue;
    frame.metrics = { ...metrics, mmdSquared: value, kernelBandwidth: history.kernelBandwidth };
  }
}
