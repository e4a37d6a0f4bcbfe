import type { ScaleContinuousNumeric } from 'd3';
import { chartFont, useChartScale } from '../presentationScale';

interface AxisProps {
  /** The d3 scale the axis shows (d3 computes ticks; React renders them). */
  scale: ScaleContinuousNumeric<number, number>;
  orientation: 'bottom' | 'left';
  /** Distance of the axis line from the plot's origin (its y for bottom, x for left). */
  offset: number;
  /** Plot extent along the other direction, for grid lines. */
  gridLength: number;
  label: string;
  tickCount?: number;
  /** Tick values to use instead of the scale's own. */
  ticks?: readonly number[];
}

const format = (value: number): string => {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
};

/** An SVG axis with light grid lines and a label. */
export function Axis({
  scale,
  orientation,
  offset,
  gridLength,
  label,
  tickCount = 5,
  ticks: given,
}: AxisProps) {
  const ticks = given ?? scale.ticks(tickCount);
  // Larger text in a presentation (11 px ticks, 12 px labels on the page), its offsets with it.
  const k = useChartScale();
  const [tickFont, labelFont] = [chartFont(11, k), chartFont(12, k)];
  const [r0, r1] = scale.range() as [number, number];
  if (orientation === 'bottom') {
    return (
      <g className="axis" transform={`translate(0,${offset})`}>
        <line x1={r0} x2={r1} className="axis-line" />
        {ticks.map((tick) => (
          <g key={tick} transform={`translate(${scale(tick)},0)`}>
            <line y1={-gridLength} y2={0} className="grid-line" />
            <line y2={5} className="axis-line" />
            <text y={6 + 11 * k} textAnchor="middle" style={tickFont}>
              {format(tick)}
            </text>
          </g>
        ))}
        <text
          className="axis-label"
          x={(r0 + r1) / 2}
          y={6 + 25 * k}
          textAnchor="middle"
          style={labelFont}
        >
          {label}
        </text>
      </g>
    );
  }
  return (
    <g className="axis" transform={`translate(${offset},0)`}>
      <line y1={r0} y2={r1} className="axis-line" />
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(0,${scale(tick)})`}>
          <line x1={0} x2={gridLength} className="grid-line" />
          <line x1={-5} className="axis-line" />
          <text x={-8} dy="0.32em" textAnchor="end" style={tickFont}>
            {format(tick)}
          </text>
        </g>
      ))}
      <text
        className="axis-label"
        transform={`translate(${-40 * k},${(r0 + r1) / 2}) rotate(-90)`}
        textAnchor="middle"
        style={labelFont}
      >
        {label}
      </text>
    </g>
  );
}
