import { describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT, type TrainerCheckpoint } from '../../src/engine/checkpoint';
import {
  FIRST_INTERVAL,
  MAX_CHECKPOINT_BYTES,
  MAX_FRAMES,
  MAX_TIMELINE_BYTES,
  Timeline,
  type TimelineFrame,
} from '../../src/worker/timeline';

/** A checkpoint holding `floats` weights in one tensor (enough for the timeline's bookkeeping). */
function checkpoint(iteration: number, floats: number): TrainerCheckpoint {
  const network = {
    inputSize: 2,
    hiddenLayers: [4],
    outputSize: 2,
    activation: 'relu' as const,
    weights: [{ shape: [floats], values: new Float32Array(floats) }],
    optimizer: { kind: 'adam' as const, steps: 0, slots: [] },
  };
  return {
    format: CHECKPOINT_FORMAT,
    iteration,
    updates: { discriminator: iteration, generator: iteration },
    dataset: 'ring-8',
    dimension: 2,
    packing: 1,
    generator: network,
    discriminator: null,
    random: {},
  };
}

function frame(iteration: number, floats = 1000): TimelineFrame {
  return {
    iteration,
    generated: new Float32Array(1024),
    fields: null,
    metrics: null,
    checkpoint: checkpoint(iteration, floats),
  };
}

/** Feeds a timeline one candidate frame per iteration up to `end`, as the worker would. */
function run(timeline: Timeline, end: number, floats = 1000): void {
  for (let iteration = 0; iteration <= end; iteration++) {
    if (timeline.due(iteration)) timeline.add(frame(iteration, floats));
  }
}

describe('Timeline', () => {
  it('takes a frame every FIRST_INTERVAL iterations at first', () => {
    const timeline = new Timeline();
    run(timeline, 5 * FIRST_INTERVAL);
    expect(timeline.iterations).toEqual([0, 1, 2, 3, 4, 5].map((i) => i * FIRST_INTERVAL));
    expect(timeline.branchable).toBe(true);
  });

  it('stays within MAX_FRAMES over a long run, spread evenly from the start to the newest', () => {
    const timeline = new Timeline();
    run(timeline, 200_000);
    const { iterations } = timeline;
    expect(iterations.length).toBeLessThanOrEqual(MAX_FRAMES);
    expect(iterations.length).toBeGreaterThanOrEqual(MAX_FRAMES / 2);
    expect(iterations[0]).toBe(0);
    expect(iterations.at(-1)).toBeGreaterThan(200_000 - (200_000 / MAX_FRAMES) * 4);
    const gaps = iterations.slice(1).map((x, i) => x - (iterations[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4 * Math.min(...gaps));
  });

  it('stays within its byte budget with large checkpoints', () => {
    const timeline = new Timeline();
    const floats = Math.floor(MAX_CHECKPOINT_BYTES / 4) - 1000;
    run(timeline, 5000, floats);
    expect(timeline.byteLength).toBeLessThanOrEqual(MAX_TIMELINE_BYTES);
    expect(timeline.iterations.length).toBeGreaterThan(4);
  });

  it('keeps frames of a model too large to branch from, without their checkpoints', () => {
    const timeline = new Timeline();
    run(timeline, 3 * FIRST_INTERVAL, Math.ceil(MAX_CHECKPOINT_BYTES / 4) + 1);
    expect(timeline.iterations).toEqual([0, 1, 2, 3].map((i) => i * FIRST_INTERVAL));
    expect(timeline.branchable).toBe(false);
    expect(timeline.frame(FIRST_INTERVAL)?.checkpoint).toBeNull();
  });

  it("counts run B's checkpoint in the budget: a comparison keeps both runs' per frame", () => {
    const single = new Timeline();
    const paired = new Timeline();
    single.add(frame(0));
    paired.add({ ...frame(0), compare: checkpoint(0, 1000) });
    // Run B's checkpoint (1000 floats and the network description) is counted on top of A's.
    expect(paired.byteLength - single.byteLength).toBeGreaterThanOrEqual(4000);
    // A long comparison with large checkpoints: within budget, and every frame keeps both.
    const floats = Math.floor(MAX_CHECKPOINT_BYTES / 4) - 1000;
    const timeline = new Timeline();
    for (let iteration = 0; iteration <= 5000; iteration++) {
      if (!timeline.due(iteration)) continue;
      timeline.add({
        ...frame(iteration, floats),
        compare: checkpoint(iteration, floats),
      });
      expect(timeline.byteLength).toBeLessThanOrEqual(MAX_TIMELINE_BYTES);
    }
    expect(timeline.iterations.length).toBeGreaterThan(2);
    for (const iteration of timeline.iterations) {
      expect(timeline.frame(iteration)?.compare?.iteration).toBe(iteration);
    }
    expect(timeline.branchable).toBe(true);
  });

  it("drops both runs' checkpoints when run B's is too large: no frame branches A alone", () => {
    const timeline = new Timeline();
    timeline.add({
      ...frame(0),
      compare: checkpoint(0, Math.ceil(MAX_CHECKPOINT_BYTES / 4) + 1),
    });
    expect(timeline.frame(0)?.checkpoint).toBeNull();
    expect(timeline.frame(0)?.compare).toBeNull();
    expect(timeline.branchable).toBe(false);
    // A stopped run B (null) leaves run A's checkpoint alone.
    timeline.add({ ...frame(FIRST_INTERVAL), compare: null });
    expect(timeline.frame(FIRST_INTERVAL)?.checkpoint?.iteration).toBe(FIRST_INTERVAL);
  });

  it('a branch drops the later frames; the timeline then grows from the branch', () => {
    const timeline = new Timeline();
    const step = FIRST_INTERVAL;
    run(timeline, 10 * step);
    timeline.truncateAfter(4 * step);
    expect(timeline.iterations).toEqual([0, 1, 2, 3, 4].map((i) => i * step));
    expect(timeline.due(4.5 * step)).toBe(false);
    expect(timeline.due(5 * step)).toBe(true);
    timeline.add(frame(5 * step));
    expect(timeline.frame(5 * step)?.iteration).toBe(5 * step);
    // A frame never goes back in time: one at an earlier iteration replaces what followed it.
    timeline.add(frame(2 * step));
    expect(timeline.iterations).toEqual([0, 1, 2].map((i) => i * step));
    timeline.clear();
    expect(timeline.iterations).toEqual([]);
    expect(timeline.byteLength).toBe(0);
  });
});
