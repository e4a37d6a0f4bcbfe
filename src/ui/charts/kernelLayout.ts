/**
 * How the kernel view arranges its two panels (the kernel matrix with its colour bar and sums,
 * and the witness with its axes) in the width its card gives it: side by side where both fit at
 * a readable size, stacked on a phone, never wider than the card (issue #15: on a phone the
 * witness and its caption ran over the next card).
 */

/** Space between the two panels, side by side or stacked. */
export const KERNEL_GAP = 16;
/** Width of the colour bar beside the matrix: a gap, the bar, its tick labels. */
export const COLOUR_BAR = { gap: 8, bar: 10, labels: 30 } as const;
/** Room around the witness plot for its axes (tick labels and axis names). */
export const WITNESS_MARGIN = { top: 8, right: 12, bottom: 36, left: 52 } as const;
/** A panel narrower than this goes under the other one rather than beside it. */
export const MIN_SIDE_BY_SIDE_PANEL = 300;
/** Largest side of the matrix and of the witness plot: bigger tells a student nothing more. */
export const MAX_SIDE = 360;

export interface KernelLayout {
  /** Whether the witness panel sits under the matrix panel (narrow cards). */
  stacked: boolean;
  /** Width of each panel. */
  panelWidth: number;
  /** Side of the square kernel matrix. */
  matrixSide: number;
  /** Side of the square witness plot (inside its axes). */
  witnessSide: number;
}

const colourBarWidth = COLOUR_BAR.gap + COLOUR_BAR.bar + COLOUR_BAR.labels;

/** The arrangement for a card body `width` pixels wide. */
export function kernelLayout(width: number): KernelLayout {
  const available = Math.max(0, Math.floor(width));
  const half = Math.floor((available - KERNEL_GAP) / 2);
  const stacked = half < MIN_SIDE_BY_SIDE_PANEL;
  const panelWidth = stacked ? available : half;
  return {
    stacked,
    panelWidth,
    matrixSide: Math.max(0, Math.min(MAX_SIDE, panelWidth - colourBarWidth)),
    witnessSide: Math.max(
      0,
      Math.min(MAX_SIDE, panelWidth - WITNESS_MARGIN.left - WITNESS_MARGIN.right),
    ),
  };
}

/** Width the matrix panel draws: the matrix and its colour bar. */
export function matrixPanelWidth(layout: KernelLayout): number {
  return layout.matrixSide + colourBarWidth;
}

/** Width the witness panel draws: the plot and its axes. */
export function witnessPanelWidth(layout: KernelLayout): number {
  return layout.witnessSide + WITNESS_MARGIN.left + WITNESS_MARGIN.right;
}
