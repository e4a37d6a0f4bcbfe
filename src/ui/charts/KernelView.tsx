import { interpolateViridis, rgb, scaleLinear } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { FIELDS } from '../../config/schema';
import type { Snapshot } from '../../worker/protocol';
import type { Size } from '../useElementSize';
import { Axis } from './Axis';
import { divergingImage, gridCurvePath, maxAbs } from './fieldDrawing';
import { COLOURS, MARGIN } from './palette';

/** Points of each sample in the kernel matrix: [real; generated] makes a 2K × 2K matrix. */
export const KERNEL_MATRIX_POINTS = 64;

interface KernelViewProps {
  size: Size;
  snapshot: Snapshot;
  /** The kernel's bandwidth h. */
  bandwidth: number;
}

/** Viridis (perceptually uniform, colour-blind safe) as 256 RGB triples, built once. */
const VIRIDIS = (() => {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const colour = rgb(interpolateViridis(i / 255));
    table.set([colour.r, colour.g, colour.b], i * 3);
  }
  return table;
})();

/** exp(−‖a − b‖² / 2h²) between rows i of `a` and j of `b`. */
function kernel(a: Float32Array, i: number, b: Float32Array, j: number, dim: number, h: number) {
  let d2 = 0;
  for (let c = 0; c < dim; c++) {
    const diff = (a[i * dim + c] as number) - (b[j * dim + c] as number);
    d2 += diff * diff;
  }
  return Math.exp(-d2 / (2 * h * h));
}

/**
 * The first k points' indices, sorted so that neighbours sit together and clusters show as
 * blocks: by x in 1-D, by angle around the points' centre in 2-D (rings, mixtures on a circle).
 */
function orderForBlocks(points: Float32Array, k: number, dim: number): number[] {
  const indices = Array.from({ length: k }, (_, i) => i);
  if (dim === 1) return indices.sort((a, b) => (points[a] ?? 0) - (points[b] ?? 0));
  let cx = 0;
  let cy = 0;
  for (const i of indices) {
    cx += (points[2 * i] ?? 0) / k;
    cy += (points[2 * i + 1] ?? 0) / k;
  }
  const angle = (i: number) => Math.atan2((points[2 * i + 1] ?? 0) - cy, (points[2 * i] ?? 0) - cx);
  return indices.sort((a, b) => angle(a) - angle(b));
}

/**
 * The Gaussian kernel made visible: the kernel matrix of a batch of [real; generated] points
 * (its real–real, generated–generated and real–generated blocks are the three terms of MMD²),
 * and the MMD witness function, what the kernel "sees", beside what the discriminator sees.
 */
export function KernelView({ size, snapshot, bandwidth }: KernelViewProps) {
  const matrixRef = useRef<HTMLCanvasElement>(null);
  const witnessRef = useRef<HTMLCanvasElement>(null);
  const dim = snapshot.dimension;
  const half = Math.floor((size.width - 16) / 2);
  // Room under each panel for its two-line caption.
  const side = Math.max(60, Math.min(half, size.height - 48));
  const k = Math.min(
    KERNEL_MATRIX_POINTS,
    Math.floor(snapshot.real.length / dim),
    Math.floor(snapshot.generated.length / dim),
  );

  // The kernel matrix, 2k × 2k: rows and columns are the k real points, then the k generated.
  useEffect(() => {
    const canvas = matrixRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || k === 0) return;
    const n = 2 * k;
    const image = new ImageData(n, n);
    const realOrder = orderForBlocks(snapshot.real, k, dim);
    const generatedOrder = orderForBlocks(snapshot.generated, k, dim);
    const point = (index: number): [Float32Array, number] =>
      index < k
        ? [snapshot.real, realOrder[index] ?? 0]
        : [snapshot.generated, generatedOrder[index - k] ?? 0];
    for (let r = 0; r < n; r++) {
      const [a, i] = point(r);
      for (let c = 0; c < n; c++) {
        const [b, j] = point(c);
        const value = kernel(a, i, b, j, dim, bandwidth);
        const lut = Math.min(255, Math.max(0, Math.round(value * 255))) * 3;
        const offset = (r * n + c) * 4;
        image.data[offset] = VIRIDIS[lut] ?? 0;
        image.data[offset + 1] = VIRIDIS[lut + 1] ?? 0;
        image.data[offset + 2] = VIRIDIS[lut + 2] ?? 0;
        image.data[offset + 3] = 255;
      }
    }
    canvas.width = n;
    canvas.height = n;
    context.putImageData(image, 0, 0);
  }, [snapshot, k, dim, bandwidth]);

  // The witness over the plotted plane (2-D); the 1-D curve is SVG below.
  const fields = snapshot.fields;
  useEffect(() => {
    const canvas = witnessRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !fields || dim !== 2) return;
    const n = fields.resolution;
    const scale = maxAbs(fields.witness) || 1;
    const image = divergingImage(n, (cell) => (fields.witness[cell] ?? 0) / scale, 0.85);
    canvas.width = n;
    canvas.height = n;
    context.putImageData(image, 0, 0);
  }, [fields, dim]);

  const curve = useMemo(() => {
    if (!fields || dim !== 1) return null;
    const [lo, hi] = fields.domain[0] ?? [0, 1];
    const width = side - MARGIN.left / 2;
    const reach = maxAbs(fields.witness) || 1;
    const x = scaleLinear([lo, hi], [0, width]);
    const y = scaleLinear([-reach, reach], [side - 30, 0]).nice();
    const path = gridCurvePath(fields.witness, [lo, hi], x, y);
    return { x, y, path, width };
  }, [fields, dim, side]);

  return (
    <div className="kernel-view">
      <figure className="kernel-panel">
        <div className="kernel-matrix" style={{ width: side, height: side }}>
          <canvas
            ref={matrixRef}
            className="pixelated"
            style={{ width: side, height: side }}
            role="img"
            aria-label={`Kernel matrix of ${k} real and ${k} generated points`}
            data-testid="kernel-matrix"
            data-size={2 * k}
          />
          <span className="block-label block-label-top-left" data-export-text>
            real
          </span>
          <span className="block-label block-label-bottom-right" data-export-text>
            generated
          </span>
          <div className="block-rule block-rule-vertical" data-export-box />
          <div className="block-rule block-rule-horizontal" data-export-box />
        </div>
        <figcaption data-export-text>
          k(xᵢ, xⱼ), {k} real then {k} generated points, sorted (dark 0, yellow 1)
        </figcaption>
      </figure>
      <figure className="kernel-panel" data-testid="kernel-witness">
        {dim === 2 ? (
          <canvas
            ref={witnessRef}
            style={{ width: side, height: side }}
            role="img"
            aria-label="MMD witness function over the plotted plane"
          />
        ) : curve ? (
          <svg width={side} height={side} role="img" aria-label="MMD witness function over x">
            <g transform={`translate(${MARGIN.left / 2},0)`}>
              <Axis
                scale={curve.x}
                orientation="bottom"
                offset={side - 30}
                gridLength={0}
                label=""
              />
              <line x1={0} x2={curve.width} y1={curve.y(0)} y2={curve.y(0)} className="grid-line" />
              <path d={curve.path} fill="none" stroke={COLOURS.mmd} strokeWidth={2} />
            </g>
          </svg>
        ) : null}
        <figcaption data-export-text>
          Witness f(x) = mean k(x, real) − mean k(x, generated), over the plot's region
        </figcaption>
      </figure>
    </div>
  );
}

/** The bandwidth slider: logarithmic over the schema's range, so small h are reachable. */
export function BandwidthSlider({
  value,
  onChange,
}: {
  value: number;
  onChange: (h: number) => void;
}) {
  const { min, max } = FIELDS.kernelBandwidth;
  const toSlider = (h: number) => Math.log(h / min) / Math.log(max / min);
  const fromSlider = (t: number) => Number((min * (max / min) ** t).toPrecision(2));
  return (
    <label className="chart-toggle bandwidth-slider">
      h = {value}
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={toSlider(value)}
        aria-label="Kernel bandwidth h"
        onChange={(event) => onChange(fromSlider(Number(event.currentTarget.value)))}
      />
    </label>
  );
}
