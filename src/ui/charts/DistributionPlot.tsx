import { bin, max, scaleLinear } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { DistributionLayers } from '../../config/view';
import { kernelDensity, silvermanBandwidth } from '../../engine/metrics';
import { plotDomain } from '../../engine/view';
import type { SnapshotFields } from '../../worker/protocol';
import { useChartMargin } from '../presentationScale';
import type { Size } from '../useElementSize';
import { Axis } from './Axis';
import { discriminatorCanvas, gridCurvePath, maxAbs, polyline } from './fieldDrawing';
import { COLOURS, POINT_HALO } from './palette';
import { drawDots, useColourScheme } from './sampleDots';

export type { DistributionLayers } from '../../config/view';

/** The layers that exist in each dimension. */
export const LAYERS_OF_DIMENSION: Readonly<Record<1 | 2, readonly (keyof DistributionLayers)[]>> = {
  1: ['discriminator', 'density'],
  2: ['discriminator', 'manifold', 'push'],
};

interface DistributionPlotProps {
  size: Size;
  dimension: 1 | 2;
  /** Real points, row-major n×dimension. */
  real: Float32Array;
  /** Generated points, row-major n×dimension. */
  generated: Float32Array;
  /** The networks evaluated over the plotted region (null: samples only). */
  fields: SnapshotFields | null;
  layers: DistributionLayers;
}

/** Real vs generated samples: a scatter plot in 2-D, overlaid histograms in 1-D. */
export function DistributionPlot(props: DistributionPlotProps) {
  return props.dimension === 2 ? <Scatter {...props} /> : <Histogram {...props} />;
}

function Scatter({ size, real, generated, fields, layers }: DistributionPlotProps) {
  const margin = useChartMargin();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scheme = useColourScheme();
  const side = Math.min(size.width, size.height);
  const plot = side - margin.left - margin.right;
  const { x, y } = useMemo(() => {
    // The worker evaluated the networks over exactly this region; same function without fields.
    const [dx = [-1, 1], dy = [-1, 1]] = fields?.domain ?? plotDomain(real, generated, 2);
    return { x: scaleLinear(dx, [0, plot]), y: scaleLinear(dy, [plot, 0]) };
  }, [real, generated, fields, plot]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    // Resized only when the size changes: setting a canvas's size, even to the same value,
    // reallocates its bitmap, which on a GPU-process canvas is a round trip at every snapshot.
    const [width, height] = [Math.round(plot * ratio), Math.round(plot * ratio)];
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, plot, plot);
    if (fields !== null && layers.discriminator && fields.discriminator !== null) {
      drawHeatmap(context, fields, plot);
    }
    if (fields !== null && layers.manifold) drawManifold(context, fields, x, y);
    drawDots(context, real, x, y, {
      colour: COLOURS.real,
      radius: 2.6,
      alpha: 0.8,
      halo: POINT_HALO[scheme],
    });
    drawDots(context, generated, x, y, {
      colour: COLOURS.generated,
      radius: 2.4,
      alpha: 0.85,
      halo: null,
    });
    if (fields !== null && layers.push) drawPush(context, generated, fields.push, x, y, plot);
  }, [real, generated, fields, layers, x, y, plot, scheme]);

  return (
    <div className="plot-stack" style={{ width: side, height: side }}>
      <svg width={side} height={side} className="plot-overlay" aria-hidden="true">
        <g transform={`translate(${margin.left},${margin.top})`}>
          <Axis scale={x} orientation="bottom" offset={plot} gridLength={plot} label="x₁" />
          <Axis scale={y} orientation="left" offset={0} gridLength={plot} label="x₂" />
        </g>
      </svg>
      <canvas
        ref={canvasRef}
        className="plot-canvas"
        style={{ left: margin.left, top: margin.top, width: plot, height: plot }}
        role="img"
        aria-label={`Scatter plot of ${real.length / 2} real and ${generated.length / 2} generated points`}
      />
    </div>
  );
}

type Scale = (value: number) => number;

/** D over the plane, one cell per grid value, smoothed by the browser's image scaling. */
function drawHeatmap(
  context: CanvasRenderingContext2D,
  fields: SnapshotFields,
  plot: number,
): void {
  const cells = discriminatorCanvas(fields, 0.42);
  if (cells === null) return;
  context.imageSmoothingEnabled = true;
  context.drawImage(cells, 0, 0, plot, plot);
}

/** The generator's manifold: its noise grid's lines, bent by G. */
function drawManifold(
  context: CanvasRenderingContext2D,
  fields: SnapshotFields,
  x: Scale,
  y: Scale,
): void {
  const points = fields.manifold;
  const n = fields.manifoldResolution;
  const at = (k: number): [number, number] => [
    x(points[2 * k] ?? Number.NaN),
    y(points[2 * k + 1] ?? Number.NaN),
  ];
  const polyline = (indices: number[]): void => {
    let started = false;
    for (const k of indices) {
      const [px, py] = at(k);
      if (!Number.isFinite(px) || !Number.isFinite(py)) {
        started = false;
        continue;
      }
      if (started) context.lineTo(px, py);
      else context.moveTo(px, py);
      started = true;
    }
  };
  context.beginPath();
  const range = Array.from({ length: n }, (_, k) => k);
  if (fields.manifoldAxes === 2) {
    for (let row = 0; row < n; row++) polyline(range.map((i) => row * n + i));
    for (let col = 0; col < n; col++) polyline(range.map((j) => j * n + col));
  } else {
    polyline(range);
  }
  context.strokeStyle = 'rgba(90, 90, 110, 0.55)';
  context.lineWidth = 0.8;
  context.stroke();
}

/** Arrows along the generator's push, the longest a tenth of the plot. */
function drawPush(
  context: CanvasRenderingContext2D,
  generated: Float32Array,
  push: Float32Array,
  x: Scale,
  y: Scale,
  plot: number,
): void {
  let longest = 0;
  for (let k = 0; k + 1 < push.length; k += 2) {
    longest = Math.max(longest, Math.hypot(push[k] ?? 0, push[k + 1] ?? 0));
  }
  if (!(longest > 0) || !Number.isFinite(longest)) return;
  const unit = (plot * 0.1) / longest;
  context.beginPath();
  for (let k = 0; k + 1 < push.length && k + 1 < generated.length; k += 2) {
    const px = x(generated[k] ?? Number.NaN);
    const py = y(generated[k + 1] ?? Number.NaN);
    // Screen y grows downwards.
    const vx = (push[k] ?? 0) * unit;
    const vy = -(push[k + 1] ?? 0) * unit;
    const length = Math.hypot(vx, vy);
    if (!Number.isFinite(px) || !Number.isFinite(py) || length < 1.5) continue;
    const ex = px + vx;
    const ey = py + vy;
    context.moveTo(px, py);
    context.lineTo(ex, ey);
    // Arrow head: two short strokes back from the tip.
    const head = Math.min(4, length / 2);
    const angle = Math.atan2(vy, vx);
    context.moveTo(ex, ey);
    context.lineTo(ex - head * Math.cos(angle - 0.5), ey - head * Math.sin(angle - 0.5));
    context.moveTo(ex, ey);
    context.lineTo(ex - head * Math.cos(angle + 0.5), ey - head * Math.sin(angle + 0.5));
  }
  context.strokeStyle = COLOURS.generator;
  context.globalAlpha = 0.8;
  context.lineWidth = 1.1;
  context.stroke();
  context.globalAlpha = 1;
}

const BINS = 48;
/** Points of each smoothed density curve. */
const DENSITY_POINTS = 120;

function Histogram({ size, real, generated, fields, layers }: DistributionPlotProps) {
  const margin = useChartMargin();
  const width = size.width - margin.left - margin.right;
  const height = size.height - margin.top - margin.bottom;
  const { x, y, realBins, generatedBins } = useMemo(() => {
    const [domain = [-1, 1] as [number, number]] = fields?.domain ?? plotDomain(real, generated, 1);
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
  }, [real, generated, fields, width, height]);

  // D(x) on its own scale: [0, 1] for probabilities, else symmetric around 0.
  const verdict = useMemo(() => {
    const values = fields?.discriminator;
    const [lo, hi] = fields?.domain[0] ?? [0, 1];
    if (!fields || !values || !layers.discriminator) return null;
    const reach = maxAbs(values) || 1;
    const scale = fields.discriminatorIsProbability
      ? scaleLinear([0, 1], [height, 0])
      : scaleLinear([-reach, reach], [height, 0]);
    const path = gridCurvePath(values, [lo, hi], x, scale);
    return { path, scale, probability: fields.discriminatorIsProbability };
  }, [fields, layers.discriminator, x, height]);

  // Smoothed densities: Gaussian KDEs with Silverman's bandwidth, on the histograms' scale.
  const densities = useMemo(() => {
    if (!layers.density) return null;
    const [lo, hi] = x.domain() as [number, number];
    const at = Array.from(
      { length: DENSITY_POINTS },
      (_, i) => lo + ((i + 0.5) / DENSITY_POINTS) * (hi - lo),
    );
    const curve = (values: Float32Array) => {
      const p = kernelDensity(values, at, silvermanBandwidth(values));
      const top = y.domain()[1] as number;
      return polyline(at.map((v, i) => [x(v), y(Math.min(p[i] ?? 0, top))] as const));
    };
    return { real: curve(real), generated: curve(generated) };
  }, [layers.density, real, generated, x, y]);

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
      <g transform={`translate(${margin.left},${margin.top})`}>
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
        {densities && (
          <g data-testid="density-curves" fill="none" strokeWidth={2.2}>
            <path d={densities.real} stroke={COLOURS.real} />
            <path d={densities.generated} stroke={COLOURS.generated} strokeDasharray="6 3" />
          </g>
        )}
        {verdict && (
          <g data-testid="discriminator-curve">
            {/* D's own vertical scale: [0, 1] (or ±max score) over the plot's height. */}
            <line
              x1={0}
              x2={width}
              y1={verdict.scale(verdict.probability ? 0.5 : 0)}
              y2={verdict.scale(verdict.probability ? 0.5 : 0)}
              stroke={COLOURS.discriminator}
              strokeDasharray="4 4"
              strokeOpacity={0.6}
            />
            <text
              x={width - 4}
              y={verdict.scale(verdict.probability ? 0.5 : 0) - 5}
              textAnchor="end"
              className="plot-note"
              fill={COLOURS.discriminator}
            >
              {verdict.probability ? 'D(x) = ½' : 'D(x) = 0'}
            </text>
            <path d={verdict.path} fill="none" stroke={COLOURS.discriminator} strokeWidth={2} />
          </g>
        )}
      </g>
    </svg>
  );
}
