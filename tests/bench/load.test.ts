import { describe, expect, it } from 'vitest';
import {
  BUSY_SCRIPT,
  combineLoad,
  describeLoad,
  parseLoadavg,
  startLoad,
  summariseLoad,
} from '../../bench/load';

describe('the load seen by a bench run', () => {
  it('reads /proc/loadavg: the 1-minute average and the runnable count', () => {
    expect(parseLoadavg('3.12 2.50 1.75 4/512 12345\n')).toEqual({
      loadAverage: 3.12,
      runnable: 4,
    });
  });

  it('falls back to os.loadavg without /proc, with no runnable count', () => {
    const reading = parseLoadavg(null);
    expect(Number.isFinite(reading.loadAverage)).toBe(true);
    expect(reading.runnable).toBeNull();
  });

  it('summarises readings: the range, the last average, the median runnable', () => {
    const seen = summariseLoad([
      { loadAverage: 2, runnable: 3 },
      { loadAverage: 4, runnable: 5 },
      { loadAverage: 3, runnable: 4 },
      { loadAverage: 3.5, runnable: 6 },
    ]);
    expect(seen).toEqual({
      samples: 4,
      loadAverageMin: 2,
      loadAverageMax: 4,
      loadAverageLast: 3.5,
      runnableMedian: 4.5,
    });
    expect(describeLoad(seen)).toBe('load average 2.00–4.00 (1 min), median 4.5 runnable');
  });

  it('describes a steady load as one figure, and none without runnable counts', () => {
    const seen = summariseLoad([
      { loadAverage: 1.5, runnable: null },
      { loadAverage: 1.5, runnable: null },
    ]);
    expect(describeLoad(seen)).toBe('load average 1.50 (1 min)');
  });

  it('combines several windows into the widest range', () => {
    const a = summariseLoad([{ loadAverage: 2, runnable: 3 }]);
    const b = summariseLoad([
      { loadAverage: 5, runnable: 7 },
      { loadAverage: 6, runnable: 7 },
    ]);
    const both = combineLoad([a, b]);
    expect(both).toMatchObject({ samples: 3, loadAverageMin: 2, loadAverageMax: 6 });
    expect(both.loadAverageLast).toBe(6);
    expect(both.runnableMedian).toBe(5);
  });

  it('starts nothing for --load 0', () => {
    const load = startLoad(0);
    expect(load.pids).toEqual([]);
    expect(load.spinning).toBe(false);
    load.stop();
  });

  it('starts, pauses, resumes and stops its busy processes', async () => {
    const load = startLoad(1);
    try {
      expect(load.pids).toHaveLength(1);
      expect(load.spinning).toBe(true);
      load.pause();
      expect(load.spinning).toBe(false);
      load.resume();
      expect(load.spinning).toBe(true);
    } finally {
      load.stop();
    }
    expect(load.pids).toEqual([]);
    expect(load.spinning).toBe(false);
    expect(BUSY_SCRIPT).toContain('process.ppid');
  });
});
