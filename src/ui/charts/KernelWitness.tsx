import { scaleLinear } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { plotDomain } from '../../engine/view';
import type { SnapshotFields } from '../../worker/protocol';
import { Axis } from './Axis';
import { divergingImage, gridCurvePath, imageCanvas, maxAbs } from './fieldDrawing';
import { WITNESS_MARGIN } from './kernelLayout';
import { COLOURS, POINT_HALO } from './palette';
import { drawDots, useColourScheme } from './sampleDots';

interface KernelWitnessProps {
  /** Side of the square plot, inside its axes. */
  side: number;
  /** Width of the panel (plot and axes). */
  width: number;
  dim: 1 | 2;
  real: Float32Array;
  generated: Float32Array;
  /** The witness over the plotted region (null before the worker evaluated it). */
  fields: SnapshotFields | null;
}

const CAPTION =
  'Witness f(x) = mean k(x, real) − mean k(x, generated): positive (blue) where the kernel sees more real mass, negative (orange) where it sees more generated';

/**
 * The MMD witness function, what the kernel "sees", with its axes and the samples on it: over the
 * plane in 2-D (a heatmap with the points), along x in 1-D (a curve with the points as rug marks).
 */
export function KernelWitness(props: KernelWitnessProps) {
  const { dim, real, generated, width } = props;
  return (
    <figure
      className="kernel-panel"
      style={{ width }}
      data-testid="kernel-witness"
      data-witness-points={(real.length + generated.length) / dim}
      data-witness-real={real.length / dim}
      data-witness-generated={generated.length / dim}
    >
      {dim === 2 ? <WitnessPlane {...props} /> : <WitnessCurve {...props} />}
      <figcaption data-export-text>{CAPTION}</figcaption>
    </figure>
  );
}

/** The plane: the witness as a diverging heatmap on a canvas, the points over it, SVG axes. */
function WitnessPlane({ side, real, generated, fields }: KernelWitnessProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scheme = useColourScheme();
  const { x, y } = useMemo(() => {
    // The worker evaluated the witness over exactly this region; the same function without it.
    const [dx = [-1, 1], dy = [-1, 1]] = fields?.domain ?? plotDomain(real, generated, 2);
    return { x: scaleLinear(dx, [0, side]), y: scaleLinear(dy, [side, 0]) };
  }, [fields, real, generated, side]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    const pixels = Math.round(side * ratio);
    if (canvas.width !== pixels) canvas.width = pixels;
    if (canvas.height !== pixels) canvas.height = pixels;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, side, side);
    if (fields !== null) {
      const n = fields.resolution;
      const reach = maxAbs(fields.witness) || 1;
      const cells = imageCanvas(
        divergingImage(n, (cell) => (fields.witness[cell] ?? 0) / reach, 0.85),
      );
      context.imageSmoothingEnabled = true;
      context.drawImage(cells, 0, 0, side, side);
    }
    drawDots(context, real, x, y, {
      colour: COLOURS.real,
      radius: 2,
      alpha: 0.85,
      halo: POINT_HALO[scheme],
    });
    drawDots(context, generated, x, y, {
      colour: COLOURS.generated,
      radius: 1.8,
      alpha: 0.9,
      halo: null,
    });
  }, [fields, real, generated, x, y, side, scheme]);

  const width = side + WITNESS_MARGIN.left + WITNESS_MARGIN.right;
  const height = side + WITNESS_MARGIN.top + WITNESS_MARGIN.bottom;
  return (
    <div className="plot-stack" style={{ width, height }}>
      <svg width={width} height={height} className="plot-overlay" aria-hidden="true">
        <g transform={`translate(${WITNESS_MARGIN.left},${WITNESS_MARGIN.top})`}>
          <Axis
            scale={x}
            orientation="bottom"
            offset={side}
            gridLength={0}
            label="x₁"
            tickCount={4}
          />
          <Axis scale={y} orientation="left" offset={0} gridLength={0} label="x₂" tickCount={4} />
        </g>
      </svg>
      <canvas
        ref={canvasRef}
        className="plot-canvas"
        style={{ left: WITNESS_MARGIN.left, top: WITNESS_MARGIN.top, width: side, height: side }}
        role="img"
        aria-label={`MMD witness function over the plotted plane, with ${real.length / 2} real and ${generated.length / 2} generated points`}
      />
    </div>
  );
}

/** Length of a rug mark, and the gap between the real and the generated row. */
const RUG = 6;

/** The line: f(x) as a curve over x with its axes; the samples as rug marks along the bottom. */
function WitnessCurve({ side, real, generated, fields }: KernelWitnessProps) {
  const curve = useMemo(() => {
    const [lo, hi] = (fields?.domain ?? plotDomain(real, generated, 1))[0] ?? [0, 1];
    const reach = (fields !== null && maxAbs(fields.witness)) || 1;
    const x = scaleLinear([lo, hi], [0, side]);
    const y = scaleLinear([-reach, reach], [side, 0]).nice();
    const rug = (points: Float32Array, top: number): string => {
      let path = '';
      for (const value of points) {
        const px = x(value);
        if (Number.isFinite(px) && px >= 0 && px <= side) {
          path += `M${px.toFixed(1)},${top}v${RUG}`;
        }
      }
      return path;
    };
    return {
      x,
      y,
      path: fields === null ? '' : gridCurvePath(fields.witness, [lo, hi], x, y),
      realRug: rug(real, side - 2 * RUG - 2),
      generatedRug: rug(generated, side - RUG - 1),
    };
  }, [fields, real, generated, side]);

  const width = side + WITNESS_MARGIN.left + WITNESS_MARGIN.right;
  const height = side + WITNESS_MARGIN.top + WITNESS_MARGIN.bottom;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`MMD witness function over x, with ${real.length} real and ${generated.length} generated points as marks along the axis`}
    >
      <g transform={`translate(${WITNESS_MARGIN.left},${WITNESS_MARGIN.top})`}>
        <Axis
          scale={curve.x}
          orientation="bottom"
          offset={side}
          gridLength={0}
          label="x"
          tickCount={4}
        />
        <Axis
          scale={curve.y}
          orientation="left"
          offset={0}
          gridLength={side}
          label="f(x)"
          tickCount={4}
        />
        <line x1={0} x2={side} y1={curve.y(0)} y2={curve.y(0)} className="axis-line" />
        <path
          d={curve.realRug}
          stroke={COLOURS.real}
          strokeOpacity={0.6}
          data-testid="witness-rug-real"
        />
        <path
          d={curve.generatedRug}
          stroke={COLOURS.generated}
          strokeOpacity={0.7}
          data-testid="witness-rug-generated"
        />
        <path d={curve.path} fill="none" stroke={COLOURS.mmd} strokeWidth={2} />
      </g>
    </svg>
  );
}
