import { type CSSProperties, createContext, useContext } from 'react';
import { MARGIN } from './charts/palette';

/**
 * How much larger than on the page the charts draw their text, and the margins that hold it: 1
 * on the page, PRESENT_CHART_SCALE in a presentation (read from the back of a lecture hall). A
 * chart drawn on a canvas scales its font by the same factor.
 */
export const ChartScaleContext = createContext(1);

/** The chart text scale of the layout the chart is drawn in (1 outside a presentation). */
export function useChartScale(): number {
  return useContext(ChartScaleContext);
}

/** The space around a chart's plot, in px. */
export interface ChartMargin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** A chart's margins around its plot, grown with its text so that the tick labels still fit. */
export function scaledMargin(scale: number): ChartMargin {
  if (scale === 1) return MARGIN;
  return {
    top: Math.round(MARGIN.top * scale),
    right: Math.round(MARGIN.right * scale),
    bottom: Math.round(MARGIN.bottom * scale),
    left: Math.round(MARGIN.left * scale),
  };
}

/** The margins of a chart in the current layout. */
export function useChartMargin(): ChartMargin {
  return scaledMargin(useChartScale());
}

/**
 * An inline font size for chart text whose stylesheet size is `base` px, scaled; none at scale 1,
 * so the stylesheet keeps deciding on the page.
 */
export function chartFont(base: number, scale: number): CSSProperties | undefined {
  return scale === 1 ? undefined : { fontSize: `${Math.round(base * scale * 10) / 10}px` };
}
