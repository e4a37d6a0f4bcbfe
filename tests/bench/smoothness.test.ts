import { describe, expect, it } from 'vitest';
import {
  type ClockReading,
  clickLatency,
  framesPerSecondMedian,
  framesPerSecondWindows,
  iterationRate,
  toolbarRate,
} from '../../bench/smoothness';

function clock(overrides: Partial<ClockReading>): ClockReading {
  return { shown: 0, workerIteration: null, workerTime: null, readAt: 0, ...overrides };
}

describe('what a bench window reads', () => {
  it('counts frames per whole second of the window, leaving out a partial last one', () => {
    const frames = [1000, 1100, 1500, 2000.5, 2999, 3100];
    expect(framesPerSecondWindows(frames, 1000, 3500)).toEqual([3, 2]);
    expect(
      framesPerSecondMedian({
        start: 0,
        end: 3000,
        frames: [10, 20, 30, 1010, 2010, 2020],
        longest: 0,
        tasks: 0,
        over100: 0,
        eventTiming: true,
      }),
    ).toBe(2);
    expect(framesPerSecondWindows([], 0, 500)).toEqual([]);
  });

  it("reads iterations/s on the worker's clock, however late the page shows them", () => {
    const before = clock({ shown: 100, workerIteration: 120, workerTime: 5_000, readAt: 0 });
    const after = clock({ shown: 300, workerIteration: 620, workerTime: 10_000, readAt: 5_000 });
    expect(iterationRate(before, after)).toEqual({ perSecond: 100, source: 'worker' });
    expect(toolbarRate(before, after)).toBe(40);
  });

  it("falls back to the toolbar on the bench's clock in builds without a worker clock", () => {
    const before = clock({ shown: 0, readAt: 0 });
    const after = clock({ shown: 500, readAt: 2_000 });
    expect(iterationRate(before, after)).toEqual({ perSecond: 250, source: 'toolbar' });
    const still = clock({ workerIteration: 10, workerTime: 1 });
    expect(iterationRate(still, still).perSecond).toBeNaN();
  });

  it('times a click by its interaction’s longest Event Timing entry', () => {
    const latency = clickLatency({
      down: 100,
      click: 110,
      painted: 130,
      entries: [
        { name: 'pointerover', start: 50, duration: 400 },
        { name: 'pointerdown', start: 100, duration: 24 },
        { name: 'click', start: 110, duration: 56 },
      ],
    });
    expect(latency).toEqual({ ms: 56, source: 'event-timing' });
  });

  it('falls back to the frame after the click when every event was under 16 ms', () => {
    expect(clickLatency({ down: 100, click: 104, painted: 115, entries: [] })).toEqual({
      ms: 11,
      source: 'raf',
    });
    expect(clickLatency({ down: null, click: null, painted: null, entries: [] })).toBeNull();
    expect(clickLatency({ down: 1, click: 2, painted: null, entries: [] })).toBeNull();
  });
});
