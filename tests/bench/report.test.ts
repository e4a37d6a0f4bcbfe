import { describe, expect, it } from 'vitest';
import { summariseLoad } from '../../bench/load';
import {
  clickMax,
  clickMedian,
  clickMethod,
  compareTables,
  failedRun,
  judged,
  keptPercent,
  medianRun,
  type RunResult,
  runTable,
  show,
  TARGETS,
  targetsLine,
} from '../../bench/report';

function run(overrides: Partial<RunResult> = {}): RunResult {
  return {
    backend: 'wasm',
    iterationsPerSecond: 100,
    iterationsSource: 'worker',
    toolbarIterationsPerSecond: 80,
    unloadedIterationsPerSecond: 120,
    framesPerSecondMedian: 55,
    framesPerSecond: 54.2,
    longestTaskMs: 90,
    tasksOver100Ms: 0,
    clicksMs: [20, 40, 120],
    clicksByEventTiming: 2,
    firstUpdateMs: 300,
    load: summariseLoad([{ loadAverage: 1.2, runnable: 2 }]),
    ...overrides,
  };
}

describe("the bench's figures and tables", () => {
  it('judges the figures against the issue targets', () => {
    expect(TARGETS.framesPerSecondMedian.pass(50)).toBe(true);
    expect(TARGETS.framesPerSecondMedian.pass(49.9)).toBe(false);
    expect(TARGETS.longestTaskMs.pass(101)).toBe(false);
    expect(TARGETS.clickMs.pass(100)).toBe(true);
    expect(TARGETS.keptPercent.pass(79)).toBe(false);
    expect(judged(55, 'framesPerSecondMedian')).toBe('55 ✓');
    expect(judged(230.4, 'longestTaskMs', 0)).toBe('230 ✗');
    expect(judged(Number.NaN, 'clickMs')).toBe('—');
    expect(show(Number.NaN)).toBe('—');
    expect(show(12.345, 2)).toBe('12.35');
    expect(targetsLine()).toContain('≥ 50');
  });

  it('reads the share of the unloaded speed and the click figures', () => {
    const r = run();
    expect(keptPercent(r)).toBeCloseTo(83.33, 2);
    expect(keptPercent(run({ unloadedIterationsPerSecond: Number.NaN }))).toBeNaN();
    expect(clickMedian(r)).toBe(40);
    expect(clickMax(r)).toBe(120);
    expect(clickMax(run({ clicksMs: [] }))).toBeNaN();
    expect(clickMethod([r])).toBe('Event Timing 2/3, rAF after the click 1/3');
    expect(clickMethod([run({ clicksMs: [], clicksByEventTiming: 0 })])).toBe('no clicks measured');
  });

  it('takes the median of each figure over runs, pools the clicks, widens the load', () => {
    const m = medianRun([
      run({ framesPerSecondMedian: 40, load: summariseLoad([{ loadAverage: 1, runnable: 2 }]) }),
      run({ framesPerSecondMedian: 60, iterationsSource: 'toolbar' }),
      failedRun(new Error('page crashed\nstack')),
    ]);
    expect(m.framesPerSecondMedian).toBe(50);
    expect(m.iterationsSource).toBe('toolbar');
    expect(m.clicksMs).toHaveLength(6);
    expect(m.load).toMatchObject({ loadAverageMin: 1, loadAverageMax: 1.2 });
    expect(m.error).toBe('page crashed');
    expect(m.backend).toBe('wasm');
  });

  it('prints one matrix row per run with targets and the load seen', () => {
    const lines = runTable([{ label: 'default wasm', run: run() }]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('frames/s median');
    expect(lines[2]).toContain('| default wasm | wasm | 100 | 80 | 120 | 83 % ✓ | 55 ✓ | 90 ✓ |');
    expect(lines[2]).toContain('40 ✓ / 120 ✗');
    expect(lines[2]).toContain('load average 1.20 (1 min), median 2 runnable');
    expect(runTable([{ label: 'x', run: failedRun('no WebGPU') }])[2]).toContain('no WebGPU');
  });

  it('prints one compare table per figure, round by round, with medians and B/A', () => {
    const a = [run({ framesPerSecondMedian: 20 }), run({ framesPerSecondMedian: 30 })];
    const b = [run({ framesPerSecondMedian: 60 }), run({ framesPerSecondMedian: 50 })];
    const text = compareTables(['before', 'after'], [a, b]).join('\n');
    for (const title of [
      'frames/s, median',
      'longest main-thread task',
      'click-to-paint, median',
      'click-to-paint, max',
      "worker iterations/s (the worker's clock)",
      '% of unloaded',
      'load seen',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('| round | A: before | B: after | B/A |');
    expect(text).toContain('| 1 | 20 ✗ | 60 ✓ | 3 |');
    expect(text).toContain('| median | 25 ✗ | 55 ✓ | 2.2 |');
  });

  it('fills a missing round with dashes', () => {
    const text = compareTables(['a', 'b'], [[run()], []]).join('\n');
    expect(text).toContain('| 1 | 55 ✓ | — | — |');
  });
});
