import { type ReactNode, useContext, useState } from 'react';
import { ShownIterationContext, useCurveScales } from '../curveView';
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
  /** A marker at this iteration; by default the timeline frame shown, if any. */
  marker?: number | null;
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
  marker,
}: CurveCardProps) {
  const [ownScale, setOwnScale] = useState<ValueScaleKind>(initialScale);
  // The link keeps the scale of the run's curves (`log=`, `linear=`); others keep their own.
  const linked = useCurveScales(testId);
  const scale = linked?.scales.scaleOf(linked.name, initialScale) ?? ownScale;
  const setScale = (next: ValueScaleKind): void =>
    linked === null ? setOwnScale(next) : linked.scales.setScale(linked.name, initialScale, next);
  const shownIteration = useContext(ShownIterationContext);
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
          marker={marker === undefined ? shownIteration : marker}
        />
      )}
    </ChartCard>
  );
}
