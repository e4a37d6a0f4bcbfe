import { describe, expect, it } from 'vitest';
import { errorAfterSnapshot } from '../../src/ui/staleError';

const NO_POINTS = 'There are no points yet: draw some on the plot or upload a CSV file.';

describe('an error the page shows, as snapshots arrive', () => {
  it('is cleared by the first run built after it (points loaded after "no points yet")', () => {
    expect(errorAfterSnapshot(NO_POINTS, null, { runId: 1, running: false })).toBeNull();
    expect(errorAfterSnapshot(NO_POINTS, { runId: 3 }, { runId: 4, running: false })).toBeNull();
  });

  it('is cleared when the run trains again', () => {
    expect(errorAfterSnapshot('Failed.', { runId: 2 }, { runId: 2, running: true })).toBeNull();
  });

  it('stays while the same run stays stopped', () => {
    expect(errorAfterSnapshot('Failed.', { runId: 2 }, { runId: 2, running: false })).toBe(
      'Failed.',
    );
    expect(errorAfterSnapshot(null, { runId: 2 }, { runId: 2, running: false })).toBeNull();
  });
});
