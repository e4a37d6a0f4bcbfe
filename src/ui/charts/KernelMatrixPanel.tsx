import { interpolateViridis, rgb, scaleLinear } from 'd3';
import { useEffect, useId, useMemo, useRef } from 'react';
import { type BlockMeans, blockMeans, formatKernelValue, kernelMatrix } from './kernelBlocks';
import { COLOUR_BAR } from './kernelLayout';
import { formatReading } from './LineChart';

/** Viridis (perceptually uniform, colour-blind safe) as 256 RGB triples, built once. */
const VIRIDIS = (() => {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const colour = rgb(interpolateViridis(i / 255));
    table.set([colour.r, colour.g, colour.b], i * 3);
  }
  return table;
})();

/** Stops of the colour bar's gradient (k from 0 to 1). */
const BAR_STOPS = Array.from({ length: 11 }, (_, i) => i / 10);

/** The MMD² of the curve, as the worker measured it, to set beside the batch's sum. */
export interface CurveMmd {
  value: number;
  /** Points of each sample it was measured on. */
  points: number;
  iteration: number;
  bandwidth: number;
}

interface KernelMatrixPanelProps {
  /** Side of the square matrix in pixels. */
  side: number;
  /** Width of the panel (matrix, colour bar), for the text under it. */
  width: number;
  real: Float32Array;
  generated: Float32Array;
  dim: 1 | 2;
  /** Points of each sample in the matrix. */
  count: number;
  bandwidth: number;
  /** The iteration of the shown samples. */
  iteration: number;
  curve: CurveMmd | null;
}

/**
 * The kernel matrix of [real; generated] points, its blocks labelled with their mean k, a colour
 * bar for k, and in words and numbers how the three block means add up to MMD².
 */
export function KernelMatrixPanel(props: KernelMatrixPanelProps) {
  const { side, width, real, generated, dim, count, bandwidth } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const matrix = useMemo(
    () => kernelMatrix(real, generated, count, dim, bandwidth),
    [real, generated, count, dim, bandwidth],
  );
  const means = useMemo(() => blockMeans(matrix), [matrix]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    const n = 2 * matrix.count;
    if (!canvas || !context || n === 0) return;
    const image = new ImageData(n, n);
    for (let cell = 0; cell < n * n; cell++) {
      const value = matrix.values[cell] ?? 0;
      const lut = Math.min(255, Math.max(0, Math.round(value * 255))) * 3;
      image.data[cell * 4] = VIRIDIS[lut] ?? 0;
      image.data[cell * 4 + 1] = VIRIDIS[lut + 1] ?? 0;
      image.data[cell * 4 + 2] = VIRIDIS[lut + 2] ?? 0;
      image.data[cell * 4 + 3] = 255;
    }
    // Resized only when the size changes (a resize reallocates the bitmap).
    if (canvas.width !== n) canvas.width = n;
    if (canvas.height !== n) canvas.height = n;
    context.putImageData(image, 0, 0);
  }, [matrix]);

  const overlayWidth = side + COLOUR_BAR.gap + COLOUR_BAR.bar + COLOUR_BAR.labels;
  return (
    <figure className="kernel-panel" style={{ width }}>
      <div className="kernel-matrix" style={{ width: overlayWidth, height: side }}>
        <canvas
          ref={canvasRef}
          className="pixelated"
          style={{ width: side, height: side }}
          role="img"
          aria-label={`Kernel matrix of ${count} real and ${count} generated points`}
          data-testid="kernel-matrix"
          data-size={2 * count}
        />
        <svg
          className="kernel-matrix-overlay"
          width={overlayWidth}
          height={side}
          aria-hidden="true"
        >
          <BlockLabels side={side} means={means} />
          <ColourBar side={side} />
        </svg>
      </div>
      <figcaption data-export-text>
        k(xᵢ, xⱼ) = exp(−‖xᵢ − xⱼ‖² / 2h²) for {count} real then {count} generated points, each
        sample sorted so that clusters form blocks
      </figcaption>
      {means !== null && <MmdSum means={means} {...props} />}
    </figure>
  );
}

interface Block {
  key: 'rr' | 'rg' | 'gr' | 'gg';
  /** Column and row of the block (0: real, 1: generated). */
  column: 0 | 1;
  row: 0 | 1;
  name: readonly [string, string];
  mean: (means: BlockMeans) => number;
}

const BLOCKS: readonly Block[] = [
  { key: 'rr', column: 0, row: 0, name: ['real', 'real'], mean: (m) => m.realReal },
  { key: 'rg', column: 1, row: 0, name: ['real', 'generated'], mean: (m) => m.realGenerated },
  { key: 'gr', column: 0, row: 1, name: ['generated', 'real'], mean: (m) => m.realGenerated },
  {
    key: 'gg',
    column: 1,
    row: 1,
    name: ['generated', 'generated'],
    mean: (m) => m.generatedGenerated,
  },
];

/** Line height of the labels on the matrix, in pixels. */
const LABEL_LINE = 13;

/** Each block's name and mean k, on a dark tab at the block's centre; rules between the blocks. */
function BlockLabels({ side, means }: { side: number; means: BlockMeans | null }) {
  const half = side / 2;
  // "generated / generated" on one line needs ~130 px; narrower blocks break it after the slash.
  const oneLine = half >= 150;
  return (
    <g>
      <line x1={half} x2={half} y1={0} y2={side} className="kernel-block-rule" />
      <line x1={0} x2={side} y1={half} y2={half} className="kernel-block-rule" />
      {means !== null &&
        BLOCKS.map((block) => {
          const [a, b] = block.name;
          const lines = oneLine ? [`${a} / ${b}`] : [`${a} /`, b];
          const mean = formatKernelValue(block.mean(means));
          const all = [...lines, `mean ${mean}`];
          const longest = Math.max(...all.map((line) => line.length));
          const boxWidth = Math.min(half - 4, longest * 6.6 + 10);
          const boxHeight = all.length * LABEL_LINE + 6;
          const cx = block.column * half + half / 2;
          const cy = block.row * half + half / 2;
          return (
            <g
              key={block.key}
              data-testid={`kernel-block-${block.key}`}
              data-mean={block.mean(means)}
              className="kernel-block-label"
            >
              <rect
                x={cx - boxWidth / 2}
                y={cy - boxHeight / 2}
                width={boxWidth}
                height={boxHeight}
                rx={4}
                className="kernel-block-tab"
              />
              <text x={cx} y={cy - boxHeight / 2 + 3} textAnchor="middle">
                {all.map((line, i) => (
                  <tspan
                    key={line}
                    x={cx}
                    dy={i === 0 ? '1em' : LABEL_LINE}
                    className={i === all.length - 1 ? 'kernel-block-mean' : undefined}
                  >
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
    </g>
  );
}

/** Room above the colour bar for its name, k, and below it for the half of its "0". */
const BAR_TOP = 16;
const BAR_BOTTOM = 6;

/** The viridis scale of k from 0 to 1 beside the matrix, with its ticks (d3 picks them). */
function ColourBar({ side }: { side: number }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const scale = scaleLinear([0, 1], [side - BAR_BOTTOM - 0.5, BAR_TOP + 0.5]);
  const left = side + COLOUR_BAR.gap;
  return (
    <g data-testid="kernel-colour-bar" className="kernel-colour-bar">
      <defs>
        <linearGradient id={`kernel-bar-${id}`} x1={0} x2={0} y1={1} y2={0}>
          {BAR_STOPS.map((t) => (
            <stop key={t} offset={t} stopColor={interpolateViridis(t)} />
          ))}
        </linearGradient>
      </defs>
      <rect
        x={left}
        y={BAR_TOP}
        width={COLOUR_BAR.bar}
        height={side - BAR_TOP - BAR_BOTTOM}
        fill={`url(#kernel-bar-${id})`}
        className="kernel-bar"
      />
      <g className="axis">
        <text
          x={left + COLOUR_BAR.bar / 2}
          y={BAR_TOP - 5}
          textAnchor="middle"
          className="axis-label"
        >
          k
        </text>
        {scale.ticks(2).map((tick) => (
          <g key={tick} transform={`translate(${left + COLOUR_BAR.bar},${scale(tick)})`}>
            <line x2={4} className="axis-line" />
            <text x={6} dy="0.32em">
              {tick}
            </text>
          </g>
        ))}
      </g>
    </g>
  );
}

/** The decomposition MMD² = mean k_rr + mean k_gg − 2·mean k_rg, in words and in numbers. */
function MmdSum({
  means,
  width,
  count,
  iteration,
  bandwidth,
  curve,
}: KernelMatrixPanelProps & { means: BlockMeans }) {
  const [rr, gg, rg, sum] = [
    means.realReal,
    means.generatedGenerated,
    means.realGenerated,
    means.mmdSquared,
  ].map(formatKernelValue);
  return (
    <div
      className="kernel-sum"
      style={{ maxWidth: width }}
      data-testid="kernel-mmd-sum"
      data-mmd={means.mmdSquared}
    >
      <p data-export-text>
        MMD² of these {count} + {count} points = mean k(real, real) + mean k(generated, generated) −
        2 × mean k(real, generated):
      </p>
      <p className="kernel-sum-numbers" data-export-text>
        {rr} + {gg} − 2 × {rg} = <strong data-testid="kernel-mmd-batch">{sum}</strong>
      </p>
      <p data-export-text>
        Unbiased, as on the curve: the diagonal’s k(x, x) = 1 is left out of the within-sample
        means.{' '}
        {curve === null ? (
          'The MMD² curve has no point yet.'
        ) : (
          <>
            The curve uses all {curve.points} + {curve.points} plotted points:{' '}
            <strong data-testid="kernel-mmd-curve">{formatReading(curve.value)}</strong>
            {curve.iteration !== iteration && ` at iteration ${curve.iteration}`}
            {curve.bandwidth !== bandwidth && ` with h = ${curve.bandwidth}`} (this batch is a
            sample of them: close, not equal).
          </>
        )}
      </p>
    </div>
  );
}
