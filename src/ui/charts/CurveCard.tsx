import { type ReactNode, useState } from 'react';
import { ChartCard, type LegendItem } from './ChartCard';
import { LineChart, type LineSeries, type ReferenceLine } from './LineChart';
import type { ValueScaleKind } from './scales';

export interface CurveCardProps {
  title: string;
  info: string;
  testId: string;
  lines: readonly LineSeries[];
  yLabel: string;
  /** The step axis shared by every curve of the run. */
  xDomain: readonly [number, number];
  /** The scale shown first; a "log scale" toggle switches between linear and log. */
  initialScale?: ValueScaleKind;
  yDomain?: readonly [number, number];
  references?: readonly ReferenceLine[];
  steps?: boolean;
  /** Extra header controls, before the log toggle. */
  actions?: ReactNode;
  data?: Record<`data-${string}`, string | number>;
}

/** A chart card holding one line chart of quantities over training, with a log-scale toggle. */
export function CurveCard({
  title,
  info,
  testId,
  lines,
  yLabel,
  xDomain,
  initialScale = 'linear',
  yDomain,
  references,
  steps,
  actions,
  data,
}: CurveCardProps) {
  const [scale, setScale] = useState<ValueScaleKind>(initialScale);
  const legend: LegendItem[] = lines
    .filter((l) => !l.faint)
    .map((l) => ({ label: l.label, colour: l.colour, dashed: l.dashed ?? false }));
  return (
    <ChartCard
      title={title}
      info={info}
      legend={legend}
      testId={testId}
      data={{
        'data-points': lines[0]?.series.x.length ?? 0,
        'data-scale': scale,
        ...data,
      }}
      actions={
        <>
          {actions}
          <label className="chart-toggle">
            <input
              type="checkbox"
              checked={scale === 'log'}
              onChange={(event) => setScale(event.currentTarget.checked ? 'log' : 'linear')}
            />
            log scale
          </label>
        </>
      }
    >
      {(size) => (
        <LineChart
          size={size}
          xLabel="iteration"
          yLabel={yLabel}
          lines={lines}
          yScale={scale}
          yDomain={yDomain}
          xDomain={xDomain}
          references={references}
          steps={steps}
        />
      )}
    </ChartCard>
  );
}
