import { describe, expect, it } from 'vitest';
import { exportFileName, fileStamp } from '../../src/ui/charts/fileStamp';

describe('exported file names', () => {
  it('name the view, the lesson or data set and the iteration', () => {
    expect(exportFileName('loss-chart', fileStamp('ring', 600), 'png')).toBe(
      'gan-playground-loss-chart-ring-iteration-600.png',
    );
    expect(fileStamp('Mode collapse: PacGAN (Lin et al.)', 12)).toBe(
      'mode-collapse-pacgan-lin-et-al-iteration-12',
    );
  });

  it('leave the stamp out before the first snapshot', () => {
    expect(fileStamp('', null)).toBe('');
    expect(exportFileName('distribution-plot', '', 'svg')).toBe(
      'gan-playground-distribution-plot.svg',
    );
  });
});
