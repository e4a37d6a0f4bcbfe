/**
 * The pieces of the model overview's diagram (./ModelOverview): the boxes, their thumbnails, and
 * the small drawings inside them, in the diagram's units.
 */
import { bin, extent, scaleLinear } from 'd3';
import type { KeyboardEvent, ReactNode } from 'react';
import { maxAbs, polyline } from './fieldDrawing';

/** Thumbnail size inside each box, in the diagram's units. */
export const THUMB = { width: 96, height: 58 } as const;
export const BOX = { width: 122, height: 104 } as const;

export type Point = readonly [number, number];

/** Row-major points (n × d) as thumbnail dots, at most `limit` of them. */
export function dots(points: Float32Array, d: 1 | 2, domain: [number, number][], limit: number) {
  const [dx = [-1, 1], dy = [-1, 1]] = domain;
  const x = scaleLinear(dx, [2, THUMB.width - 2]);
  const y = scaleLinear(dy, [THUMB.height - 2, 2]);
  const n = Math.min(limit, Math.floor(points.length / d));
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    const px = x(points[i * d] ?? 0);
    const py = d === 2 ? y(points[i * d + 1] ?? 0) : THUMB.height / 2;
    if (Number.isFinite(px) && Number.isFinite(py)) out.push([px, py]);
  }
  return out;
}

/** A 1-D sample as a histogram outline over the thumbnail. */
export function histogramPath(points: Float32Array, [lo, hi]: [number, number]): string {
  const x = scaleLinear([lo, hi], [0, THUMB.width]);
  const bins = bin().domain([lo, hi]).thresholds(24)(Array.from(points));
  const peak = Math.max(1, ...bins.map((b) => b.length));
  const y = scaleLinear([0, peak], [THUMB.height, 4]);
  return bins
    .map((b) => `M${x(b.x0 ?? lo)},${THUMB.height}V${y(b.length)}H${x(b.x1 ?? hi)}V${THUMB.height}`)
    .join('');
}

/** Values along a 1-D grid as a curve over the whole thumbnail. */
export function curvePath(values: ArrayLike<number>, symmetric: boolean): string {
  const finite = Array.from(values).filter(Number.isFinite);
  const reach = maxAbs(finite) || 1;
  const [lo = 0, hi = 1] = symmetric ? [-reach, reach] : extent(finite);
  const y = scaleLinear([lo, hi === lo ? lo + 1 : hi], [THUMB.height - 3, 3]);
  return polyline(
    Array.from(values, (v, i) => [(i / Math.max(1, values.length - 1)) * THUMB.width, y(v)]),
  );
}

export function Thumb({ children, label }: { children: ReactNode; label: string }) {
  return (
    <g transform={`translate(${(BOX.width - THUMB.width) / 2},24)`} data-thumbnail={label}>
      <rect className="overview-thumb" width={THUMB.width} height={THUMB.height} rx={3} />
      {children}
    </g>
  );
}

export interface NodeProps {
  at: Point;
  title: string;
  subtitle: string;
  /** What a click shows, for the accessible name. */
  action: string;
  testId: string;
  /** Lit up by the slow-motion narration. */
  active: boolean;
  onActivate: () => void;
  children: ReactNode;
}

export function OverviewNode({
  at,
  title,
  subtitle,
  action,
  testId,
  active,
  onActivate,
  children,
}: NodeProps) {
  const onKeyDown = (event: KeyboardEvent<SVGGElement>): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate();
    }
  };
  return (
    <>
      {/* Outside the button: its text would otherwise count as the button's visible text. */}
      <desc id={`${testId}-action`}>{action}</desc>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it has the role, focus and keys of one. */}
      <g
        className={`overview-node${active ? ' is-active' : ''}`}
        data-active={active}
        transform={`translate(${at[0]},${at[1]})`}
        role="button"
        tabIndex={0}
        // The name is the box's visible text (WCAG 2.5.3, label in name); what a click does is
        // its description.
        aria-labelledby={`${testId}-title ${testId}-subtitle`}
        aria-describedby={`${testId}-action`}
        data-testid={testId}
        onClick={onActivate}
        onKeyDown={onKeyDown}
      >
        <rect className="overview-box" width={BOX.width} height={BOX.height} rx={8} />
        <text
          id={`${testId}-title`}
          x={BOX.width / 2}
          y={16}
          textAnchor="middle"
          className="overview-title"
        >
          {title}
        </text>
        {children}
        <text
          id={`${testId}-subtitle`}
          x={BOX.width / 2}
          y={BOX.height - 8}
          textAnchor="middle"
          className="overview-subtitle"
        >
          {subtitle}
        </text>
      </g>
    </>
  );
}
