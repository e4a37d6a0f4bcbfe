import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { SnapshotFields } from '../../worker/protocol';
import { useChartMargin } from '../presentationScale';
import type { Size } from '../useElementSize';
import { Axis } from './Axis';
import { polyline } from './fieldDrawing';
import { COLOURS } from './palette';

interface NoiseViewProps {
  size: Size;
  /** Standard deviation σ of each noise coordinate. */
  sigma: number;
  law: 'gaussian' | 'uniform';
  /** Dimension of the data (the z → G(z) curve is drawn for 1-D data). */
  dimension: 1 | 2;
  fields: SnapshotFields | null;
}

/** Half-width of the noise grid the worker pushes through G (see Trainer.fields). */
function reachOf(sigma: number, law: 'gaussian' | 'uniform'): number {
  return law === 'uniform' ? Math.sqrt(3) * sigma : 2 * sigma;
}

/**
 * The generator's input: the law of one noise coordinate z₁ (its density, with ±σ marked), and for
 * 1-D data the map z₁ → G(z₁, 0, …) the generator has learnt, i.e. how it bends noise into data.
 */
export function NoiseView({ size, sigma, law, dimension, fields }: NoiseViewProps) {
  const margin = useChartMargin();
  const width = Math.max(10, size.width - margin.left - margin.right);
  const height = Math.max(10, size.height - margin.top - margin.bottom);
  const reach = reachOf(sigma, law);
  const view = useMemo(() => {
    const span = Math.max(reach, 3 * sigma);
    const z = scaleLinear([-span, span], [0, width]);
    const steps = 120;
    const densityAt = (v: number) =>
      law === 'gaussian'
        ? Math.exp(-(v * v) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI))
        : Math.abs(v) <= Math.sqrt(3) * sigma
          ? 1 / (2 * Math.sqrt(3) * sigma)
          : 0;
    const peak = densityAt(0);
    // The density fills the bottom third of the chart, on its own scale.
    const densityY = scaleLinear([0, peak], [height, height * 0.66]);
    const density = polyline(
      Array.from({ length: steps + 1 }, (_, i) => {
        const v = -span + (2 * span * i) / steps;
        return [z(v), densityY(densityAt(v))] as const;
      }),
    );
    const area = `${density}L${z(span)},${height}L${z(-span)},${height}Z`;
    let mapping: { path: string; y: ReturnType<typeof scaleLinear<number, number>> } | null = null;
    if (dimension === 1 && fields !== null && fields.manifoldAxes === 1) {
      const values = Array.from(fields.manifold).filter(Number.isFinite);
      const [lo, hi] = fields.domain[0] ?? [-1, 1];
      const y = scaleLinear([Math.min(lo, ...values), Math.max(hi, ...values)], [height, 0]).nice();
      const n = fields.manifoldResolution;
      const path = polyline(
        Array.from(fields.manifold, (g, k) => {
          const v = n === 1 ? 0 : -reach + (2 * reach * k) / (n - 1);
          return [z(v), y(Number.isFinite(g) ? g : 0)] as const;
        }),
      );
      mapping = { path, y };
    }
    return { z, area, mapping };
  }, [sigma, law, reach, dimension, fields, width, height]);

  const { z, area, mapping } = view;
  return (
    <svg
      width={size.width}
      height={size.height}
      role="img"
      aria-label={`Noise law (σ = ${sigma})${mapping ? ' and the map from noise to data' : ''}`}
    >
      <g transform={`translate(${margin.left},${margin.top})`}>
        <Axis scale={z} orientation="bottom" offset={height} gridLength={height} label="z₁" />
        {mapping && (
          <Axis scale={mapping.y} orientation="left" offset={0} gridLength={width} label="G(z)" />
        )}
        <path
          d={area}
          fill={COLOURS.mmd}
          fillOpacity={0.25}
          stroke={COLOURS.mmd}
          strokeWidth={1.5}
        />
        {[-sigma, sigma].map((v) => (
          <g key={v}>
            <line
              x1={z(v)}
              x2={z(v)}
              y1={height * 0.6}
              y2={height}
              stroke={COLOURS.mmd}
              strokeDasharray="3 3"
            />
            <text x={z(v)} y={height * 0.6 - 4} textAnchor="middle" className="plot-note">
              {v < 0 ? '−σ' : '+σ'}
            </text>
          </g>
        ))}
        {mapping && (
          <path
            d={mapping.path}
            fill="none"
            stroke={COLOURS.generated}
            strokeWidth={2.2}
            data-testid="noise-mapping"
          />
        )}
      </g>
    </svg>
  );
}
