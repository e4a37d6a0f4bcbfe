import { extent, line, scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import type { Size } from '../useElementSize';
import type { Series } from '../useTrainer';
import { Axis } from './Axis';
import { MARGIN } from './palette';
import { decimateM4 } from './series';

export interface LineSeries {
  label: string;
  colour: string;
  series: Series;
  /** Drawn thin and translucent (e.g. the raw series under its smoothed version). */
  faint?: boolean;
}

interface LineChartProps {
  size: Size;
  lines: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Logarithmic y axis; values ≤ 0 are drawn at the axis floor. */
  logY?: boolean;
}

/** Curves over training iterations: d3 computes scales and path strings, React renders. */
export function LineChart({ size, lines, xLabel, yLabel, logY = false }: LineChartProps) {
  const width = Math.max(10, size.width - MARGIN.left - MARGIN.right);
  const height = Math.max(10, size.height - MARGIN.top - MARGIN.bottom);
  const { x, y, paths } = useMemo(() => {
    const xs = lines.flatMap((l) => l.series.x);
    const ys = lines.flatMap((l) => l.series.y).filter(Number.isFinite);
    const [x0 = 0, x1 = 1] = extent(xs);
    const x = scaleLinear([x0, Math.max(x1, x0 + 1)], [0, width]);
    let y:
      | ReturnType<typeof scaleLinear<number, number>>
      | ReturnType<typeof scaleLog<number, number>>;
    if (logY) {
      const positive = ys.filter((v) => v > 0);
      const [lo = 1e-4, hi = 1] = extent(positive);
      y = scaleLog([Math.max(lo, 1e-8), Math.max(hi, lo * 10)], [height, 0]).nice();
    } else {
      const [lo = 0, hi = 1] = extent(ys);
      const pad = (hi - lo) * 0.05 || 0.5;
      y = scaleLinear([Math.min(0, lo - pad), hi + pad], [height, 0]).nice();
    }
    const floor = y.domain()[0] as number;
    const paths = lines.map((l) => {
      const { x: iterations, y: values } = l.series;
      // Only the points that change the drawing: at most four per pixel column (M4).
      const kept = decimateM4(iterations, values, x);
      const path = line<number>()
        .defined((i) => Number.isFinite(values[i] ?? Number.NaN))
        .x((i) => x(iterations[i] ?? 0))
        .y((i) => y(logY ? Math.max(values[i] ?? 0, floor) : (values[i] ?? 0)));
      return path(kept) ?? '';
    });
    return { x, y, paths };
  }, [lines, width, height, logY]);

  return (
    <svg width={size.width} height={size.height} role="img" aria-label={`${yLabel} over ${xLabel}`}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <Axis scale={x} orientation="bottom" offset={height} gridLength={height} label={xLabel} />
        <Axis scale={y} orientation="left" offset={0} gridLength={width} label={yLabel} />
        {lines.map((l, i) => (
          <path
            key={`${l.label}${l.faint ? ' (raw)' : ''}`}
            d={paths[i]}
            fill="none"
            stroke={l.colour}
            strokeWidth={l.faint ? 1 : 1.8}
            strokeOpacity={l.faint ? 0.3 : 1}
            strokeLinejoin="round"
            data-points={l.series.x.length}
          />
        ))}
      </g>
    </svg>
  );
}
