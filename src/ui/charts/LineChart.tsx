import { bisector, curveStepAfter, line, scaleLinear } from 'd3';
import { type PointerEvent, useMemo } from 'react';
import type { Series } from '../history';
import { useChartMargin } from '../presentationScale';
import type { Size } from '../useElementSize';
import { Axis } from './Axis';
import { useHoveredIteration } from './hover';
import { type ValueScaleKind, valueScale } from './scales';
import { decimateM4 } from './series';

export interface LineSeries {
  label: string;
  colour: string;
  series: Series;
  /** Drawn thin and translucent (e.g. the raw series under its smoothed version). */
  faint?: boolean;
  /** Drawn dashed (a second quantity in the same units, e.g. D(fake) beside D(real)). */
  dashed?: boolean;
}

/** A horizontal line marking a value worth knowing (an equilibrium, a bound). */
export interface ReferenceLine {
  value: number;
  label: string;
}

interface LineChartProps {
  size: Size;
  lines: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Logarithmic y axis (signed-logarithmic where values are ≤ 0). */
  yScale?: ValueScaleKind;
  /** Pins the y domain of a linear scale (e.g. [0, 1] for probabilities). */
  yDomain?: readonly [number, number];
  /** The step axis shared by the charts of a run, [first, last] iteration. */
  xDomain?: readonly [number, number];
  references?: readonly ReferenceLine[];
  /** Steps between measurements instead of straight segments (counts, e.g. modes covered). */
  steps?: boolean;
  /** A vertical marker at this iteration (the timeline frame shown), or none. */
  marker?: number | null;
}

const bisectX = bisector((x: number) => x).center;

/** A value for the read-out: 3 significant digits, exponent form for the very large or small. */
export function formatReading(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

/** The point of `series` nearest to `iteration`, or null for an empty series. */
export function nearestPoint(series: Series, iteration: number): { x: number; y: number } | null {
  if (series.x.length === 0) return null;
  const i = bisectX(series.x, iteration);
  return { x: series.x[i] as number, y: series.y[i] as number };
}

/**
 * Curves over training iterations: d3 computes scales and path strings, React renders. Hovering
 * shows every line's value at the nearest measurement, on this chart and on every other chart
 * sharing the step axis.
 */
export function LineChart({
  size,
  lines,
  xLabel,
  yLabel,
  yScale = 'linear',
  yDomain,
  xDomain,
  references = [],
  steps = false,
  marker = null,
}: LineChartProps) {
  const margin = useChartMargin();
  const width = Math.max(10, size.width - margin.left - margin.right);
  const height = Math.max(10, size.height - margin.top - margin.bottom);
  const [hovered, setHovered] = useHoveredIteration();
  const { x, y, paths } = useMemo(() => {
    let x0 = xDomain?.[0] ?? Number.POSITIVE_INFINITY;
    let x1 = xDomain?.[1] ?? Number.NEGATIVE_INFINITY;
    if (xDomain === undefined) {
      for (const l of lines) {
        x0 = Math.min(x0, l.series.x[0] ?? x0);
        x1 = Math.max(x1, l.series.x[l.series.x.length - 1] ?? x1);
      }
    }
    if (!Number.isFinite(x0)) x0 = 0;
    if (!Number.isFinite(x1)) x1 = 1;
    const x = scaleLinear([x0, Math.max(x1, x0 + 1)], [0, width]);
    const values = lines.flatMap((l) => l.series.y).concat(references.map((r) => r.value));
    const y = valueScale(values, yScale, height, yDomain);
    const paths = lines.map((l) => {
      const { x: iterations, y: ys } = l.series;
      // Only the points that change the drawing: at most four per pixel column (M4).
      const kept = decimateM4(iterations, ys, x);
      const path = line<number>()
        .defined((i) => Number.isFinite(ys[i] ?? Number.NaN))
        .x((i) => x(iterations[i] ?? 0))
        .y((i) => y.scale(y.clamp(ys[i] ?? 0)));
      if (steps) path.curve(curveStepAfter);
      return path(kept) ?? '';
    });
    return { x, y, paths };
  }, [lines, width, height, yScale, yDomain, xDomain, references, steps]);

  const onPointerMove = (event: PointerEvent<SVGRectElement>): void => {
    const box = event.currentTarget.getBoundingClientRect();
    setHovered(Math.round(x.invert(event.clientX - box.left)));
  };
  const readings =
    hovered === null
      ? []
      : lines
          .filter((l) => !l.faint)
          .map((l) => ({ line: l, point: nearestPoint(l.series, hovered) }))
          .filter(
            (r): r is { line: LineSeries; point: { x: number; y: number } } => r.point !== null,
          );

  return (
    <svg
      width={size.width}
      height={size.height}
      role="img"
      aria-label={`${yLabel} over ${xLabel}`}
      data-scale={y.kind}
    >
      <g transform={`translate(${margin.left},${margin.top})`}>
        <Axis scale={x} orientation="bottom" offset={height} gridLength={height} label={xLabel} />
        <Axis
          scale={y.scale}
          ticks={y.ticks}
          orientation="left"
          offset={0}
          gridLength={width}
          label={yLabel}
        />
        {references.map((r) => (
          <g key={r.label} className="reference" transform={`translate(0,${y.scale(r.value)})`}>
            <line x2={width} />
            <text x={width - 4} y={-4} textAnchor="end">
              {r.label}
            </text>
          </g>
        ))}
        {lines.map((l, i) => (
          <path
            key={`${l.label}${l.faint ? ' (raw)' : ''}`}
            d={paths[i]}
            fill="none"
            stroke={l.colour}
            strokeWidth={l.faint ? 1 : 1.8}
            strokeOpacity={l.faint ? 0.3 : 1}
            strokeDasharray={l.dashed ? '5 3' : undefined}
            strokeLinejoin="round"
            data-points={l.series.x.length}
          />
        ))}
        {marker !== null && x(marker) >= 0 && x(marker) <= width && (
          <g
            className="shown-frame-marker"
            data-testid="frame-marker"
            data-iteration={marker}
            transform={`translate(${x(marker)},0)`}
          >
            <line y2={height} stroke="currentColor" strokeWidth={1.5} strokeDasharray="4 3" />
            <text y={-3} textAnchor="middle" fontSize={10} fill="currentColor">
              {marker.toLocaleString('en')}
            </text>
          </g>
        )}
        {hovered !== null && (
          <Readout
            x={x(hovered)}
            width={width}
            height={height}
            iteration={hovered}
            readings={readings.map((r) => ({
              label: r.line.label,
              colour: r.line.colour,
              value: r.point.y,
              x: x(r.point.x),
              y: y.scale(y.clamp(r.point.y)),
            }))}
          />
        )}
        <rect
          className="hover-target"
          width={width}
          height={height}
          fill="transparent"
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHovered(null)}
        />
      </g>
    </svg>
  );
}

interface Reading {
  label: string;
  colour: string;
  value: number;
  /** Pixel position of the measurement read (the nearest to the pointer). */
  x: number;
  y: number;
}

/** The cross-hair at the hovered iteration and a box with each line's value there. */
function Readout({
  x,
  width,
  height,
  iteration,
  readings,
}: {
  x: number;
  width: number;
  height: number;
  iteration: number;
  readings: readonly Reading[];
}) {
  if (x < 0 || x > width) return null;
  const rows = [
    `iteration ${iteration.toLocaleString('en')}`,
    ...readings.map((r) => `${r.label}: ${formatReading(r.value)}`),
  ];
  const boxWidth = 22 + 6.4 * Math.max(...rows.map((row) => row.length));
  const boxHeight = 8 + 15 * rows.length;
  const left = x + 10 + boxWidth > width ? x - 10 - boxWidth : x + 10;
  return (
    <g className="readout" data-testid="readout" data-readings={rows.join('; ')}>
      <line className="crosshair" x1={x} x2={x} y1={0} y2={height} />
      {readings.map((r) =>
        Number.isFinite(r.y) ? (
          <circle key={r.label} cx={r.x} cy={r.y} r={3.5} fill={r.colour} stroke="white" />
        ) : null,
      )}
      <g transform={`translate(${left},4)`}>
        <rect width={boxWidth} height={boxHeight} rx={5} />
        {rows.map((row, i) => (
          <g key={row} transform={`translate(0,${16 + 15 * i})`}>
            {i > 0 && <circle cx={10} cy={-4} r={4} fill={readings[i - 1]?.colour} />}
            <text x={i === 0 ? 6 : 18} className={i === 0 ? 'readout-title' : undefined}>
              {row}
            </text>
          </g>
        ))}
      </g>
    </g>
  );
}
