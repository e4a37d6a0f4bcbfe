import { describe, expect, it } from 'vitest';
import {
  KERNEL_GAP,
  kernelLayout,
  MAX_SIDE,
  matrixPanelWidth,
  witnessPanelWidth,
} from '../../src/ui/charts/kernelLayout';

describe('the kernel view: layout in the card', () => {
  it('stacks the panels on a phone, puts them side by side on a wide card', () => {
    // Card bodies at 360 and 390 px phones, a tablet and a desktop.
    expect(kernelLayout(312).stacked).toBe(true);
    expect(kernelLayout(342).stacked).toBe(true);
    expect(kernelLayout(720).stacked).toBe(false);
    expect(kernelLayout(950).stacked).toBe(false);
  });

  it('never draws wider than the card, at any width', () => {
    for (let width = 0; width <= 2000; width += 7) {
      const layout = kernelLayout(width);
      const matrix = matrixPanelWidth(layout);
      const witness = witnessPanelWidth(layout);
      if (width >= 120) {
        expect(matrix).toBeLessThanOrEqual(width);
        expect(witness).toBeLessThanOrEqual(width);
      }
      if (!layout.stacked) expect(matrix + KERNEL_GAP + witness).toBeLessThanOrEqual(width);
      expect(layout.matrixSide).toBeLessThanOrEqual(MAX_SIDE);
      expect(layout.witnessSide).toBeLessThanOrEqual(MAX_SIDE);
      expect(layout.matrixSide).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps both plots big enough to read on a 360 px phone', () => {
    const layout = kernelLayout(312);
    expect(layout.matrixSide).toBeGreaterThanOrEqual(240);
    expect(layout.witnessSide).toBeGreaterThanOrEqual(240);
  });
});
