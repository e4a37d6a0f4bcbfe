import { bin, max, scaleLinear } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { Size } from '../useElementSize';
import { Axis } from './Axis';
import { COLOURS, MARGIN } from './palette';

interface DistributionPlotProps {
  size: Size;
  dimension: 1 | 2;
  /** Real points, row-major n×dimension. */
  real: Float32Array;
  /** Generated points, row-major n×dimension. */
  generated: Float32Array;
}

type Interval = [number, number];

/**
 * The plotted range along one axis: the real data's range with a margin, widened to show
 * generated points that stray outside it, but never more than 3× (a diverging generator must not
 * shrink the real data to a dot).
 */
function axisDomain(real: ArrayLike<number>, generated: ArrayLike<number>): Interval {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < real.length; i++) {
    const v = real[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return [lo - 1 || -1, hi + 1 || 1];
  const centre = (lo + hi) / 2;
  const half = ((hi - lo) / 2) * 1.25;
  let reach = half;
  for (let i = 0; i < generated.length; i++) {
    const v = generated[i] as number;
    if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v - centre) * 1.05);
  }
  reach = Math.min(reach, half * 3);
  return [centre - reach, centre + reach];
}

function column(points: Float32Array, dimension: number, index: number): Float32Array {
  const out = new Float32Array(points.length / dimension);
  for (let i = 0; i < out.length; i++) out[i] = points[i * dimension + index] as number;
  return out;
}

/** Real vs generated samples: a scatter plot in 2-D, overlaid histograms in 1-D. */
export function DistributionPlot(props: DistributionPlotProps) {
  return props.dimension === 2 ? <Scatter {...props} /> : <Histogram {...props} />;
}

function Scatter({ size, real, generated }: DistributionPlotProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const side = Math.min(size.width, size.height);
  const plot = side - MARGIN.left - MARGIN.right;
  const { x, y } = useMemo(() => {
    // One span for both axes so that circles stay circles.
    const dx = axisDomain(column(real, 2, 0), column(generated, 2, 0));
    const dy = axisDomain(column(real, 2, 1), column(generated, 2, 1));
    const half = Math.max(dx[1] - dx[0], dy[1] - dy[0]) / 2;
    const cx = (dx[0] + dx[1]) / 2;
    const cy = (dy[0] + dy[1]) / 2;
    return {
      x: scaleLinear([cx - half, cx + half], [0, plot]),
      y: scaleLinear([cy - half, cy + half], [plot, 0]),
    };
  }, [real, generated, plot]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(plot * ratio);
    canvas.height = Math.round(plot * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, plot, plot);
    const draw = (points: Float32Array, colour: string, radius: number, alpha: number): void => {
      context.globalAlpha = alpha;
      context.fillStyle = colour;
      context.beginPath();
      for (let i = 0; i + 1 < points.length; i += 2) {
        const px = x(points[i] as number);
        const py = y(points[i + 1] as number);
        if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
        context.moveTo(px + radius, py);
        context.arc(px, py, radius, 0, 2 * Math.PI);
      }
      context.fill();
    };
    draw(real, COLOURS.real, 2.6, 0.55);
    draw(generated, COLOURS.generated, 2.4, 0.85);
    context.globalAlpha = 1;
  }, [real, generated, x, y, plot]);

  return (
    <div className="plot-stack" style={{ width: side, height: side }}>
      <svg width={side} height={side} className="plot-overlay" aria-hidden="true">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <Axis scale={x} orientation="bottom" offset={plot} gridLength={plot} label="x₁" />
          <Axis scale={y} orientation="left" offset={0} gridLength={plot} label="x₂" />
        </g>
      </svg>
      <canvas
        ref={canvasRef}
        className="plot-canvas"
        style={{ left: MARGIN.left, top: MARGIN.top, width: plot, height: plot }}
        role="img"
        aria-label={`Scatter plot of ${real.length / 2} real and ${generated.length / 2} generated points`}
      />
    </div>
  );
}

const BINS = 48;

function Histogram({ size, real, generated }: DistributionPlotProps) {
  const width = size.width - MARGIN.left - MARGIN.right;
  const height = size.height - MARGIN.top - MARGIN.bottom;
  const { x, y, realBins, generatedBins } = useMemo(() => {
    const domain = axisDomain(real, generated);
    const x = scaleLinear(domain, [0, width]);
    const binner = bin<number, number>()
      .domain(domain)
      .thresholds(x.ticks(BINS).length > 2 ? BINS : 10);
    // Densities (count / (n · bin width)) so both histograms have unit area whatever n is.
    const density = (values: Float32Array) =>
      binner(Array.from(values).filter(Number.isFinite)).map((b) => ({
        x0: b.x0 ?? 0,
        x1: b.x1 ?? 0,
        density: b.length / (values.length * Math.max((b.x1 ?? 0) - (b.x0 ?? 0), 1e-12)),
      }));
    const realBins = density(real);
    const generatedBins = density(generated);
    const top = max([...realBins, ...generatedBins], (b) => b.density) ?? 1;
    const y = scaleLinear([0, top * 1.1], [height, 0]).nice();
    return { x, y, realBins, generatedBins };
  }, [real, generated, width, height]);

  const outline = generatedBins
    .map((b) => `L${x(b.x0)},${y(b.density)}L${x(b.x1)},${y(b.density)}`)
    .join('');
  const first = generatedBins[0];
  const path = first
    ? `M${x(first.x0)},${y(0)}${outline}L${x(generatedBins.at(-1)?.x1 ?? 0)},${y(0)}`
    : '';

  return (
    <svg
      width={size.width}
      height={size.height}
      role="img"
      aria-label="Histograms of real and generated samples"
    >
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <Axis scale={x} orientation="bottom" offset={height} gridLength={height} label="x" />
        <Axis scale={y} orientation="left" offset={0} gridLength={width} label="density" />
        {realBins.map((b) => (
          <rect
            key={b.x0}
            x={x(b.x0)}
            width={Math.max(0, x(b.x1) - x(b.x0) - 1)}
            y={y(b.density)}
            height={Math.max(0, y(0) - y(b.density))}
            fill={COLOURS.real}
            fillOpacity={0.45}
          />
        ))}
        <path
          d={path}
          fill={COLOURS.generated}
          fillOpacity={0.2}
          stroke={COLOURS.generated}
          strokeWidth={2}
        />
      </g>
    </svg>
  );
}
