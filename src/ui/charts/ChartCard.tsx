import type { ReactNode } from 'react';
import { type Size, useElementSize } from '../useElementSize';

export interface LegendItem {
  label: string;
  colour: string;
}

interface ChartCardProps {
  title: string;
  /** Two sentences on what the chart shows. */
  info: string;
  legend: readonly LegendItem[];
  testId: string;
  /** Extra attributes describing the drawn data, for tests and assistive tech. */
  data?: Record<`data-${string}`, string | number>;
  /** Fixed aspect ratio (height / width) of the plot area; otherwise the CSS height. */
  aspect?: number;
  actions?: ReactNode;
  children: (size: Size) => ReactNode;
}

/** A titled, self-sizing chart container with a legend and an info note. */
export function ChartCard({
  title,
  info,
  legend,
  testId,
  data,
  aspect,
  actions,
  children,
}: ChartCardProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const plotSize =
    aspect === undefined ? size : { width: size.width, height: Math.round(size.width * aspect) };
  return (
    <section className="chart-card" data-testid={testId} aria-label={title} {...data}>
      <header className="chart-header">
        <h2>{title}</h2>
        <ul className="legend">
          {legend.map((item) => (
            <li key={item.label}>
              <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
        {actions}
      </header>
      <div
        ref={ref}
        className={aspect === undefined ? 'chart-body' : 'chart-body chart-body-square'}
        style={aspect === undefined ? undefined : { height: plotSize.height }}
      >
        {plotSize.width > 0 && plotSize.height > 0 ? children(plotSize) : null}
      </div>
      <p className="chart-info">{info}</p>
    </section>
  );
}
