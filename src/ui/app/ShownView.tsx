import type { ShowableView } from '../../config/view';
import { ModelOverview } from '../charts/ModelOverview';
import { TrainingCurves } from '../charts/TrainingCurves';
import { ViewBoundary } from '../ErrorBoundary';
import { MetricsPanel } from '../MetricsPanel';
import { LossCard, MmdCard, NoiseCard } from './CurveCards';
import { focusView } from './focusView';
import { KernelCard } from './KernelCard';
import type { PlaygroundViews } from './usePlayground';

export interface ShownViewProps extends PlaygroundViews {
  /** Which view, by its `show=` name. */
  name: ShowableView;
}

/**
 * One view a reduced layout (an embed, a presentation) shows beside the main plot, by its
 * `show=` name, wired to the page's state as the full page wires it.
 */
export function ShownView({ name, playground, snapshot, dimension, xDomain }: ShownViewProps) {
  const { config, trainer, setLayers, setValue } = playground;
  const trainsDiscriminator = config.objective !== 'mmd';
  switch (name) {
    case 'losses':
      return (
        <LossCard
          history={trainer.history}
          xDomain={xDomain}
          objective={config.objective}
          hasDiscriminator={trainsDiscriminator}
          smooth={playground.smoothLosses}
          onSmooth={playground.setSmoothLosses}
        />
      );
    case 'mmd':
      return (
        <MmdCard
          history={trainer.history}
          xDomain={xDomain}
          bandwidth={config.kernelBandwidth}
          snapshot={snapshot}
        />
      );
    case 'noise':
      return <NoiseCard config={config} dimension={dimension} fields={snapshot?.fields ?? null} />;
    case 'kernel':
      return (
        <KernelCard
          snapshot={snapshot}
          bandwidth={config.kernelBandwidth}
          onBandwidth={(h) => setValue('kernelBandwidth', h)}
        />
      );
    case 'overview':
      return (
        <ViewBoundary name="model overview">
          <ModelOverview
            config={config}
            snapshot={snapshot}
            history={trainer.history}
            narration={playground.narration}
            onFocus={(target) => {
              if (target.view === 'distribution-plot' && target.layer !== undefined) {
                const layer = target.layer;
                setLayers((current) => ({ ...current, [layer]: true }));
              }
              focusView(target.view);
            }}
          />
        </ViewBoundary>
      );
    case 'curves':
      return (
        <TrainingCurves
          metrics={trainer.history.metrics}
          xDomain={xDomain}
          objective={config.objective}
          dimension={dimension}
          modeCount={snapshot?.metrics?.modeCount ?? null}
        />
      );
    case 'metrics':
      return <MetricsPanel metrics={snapshot?.metrics ?? null} />;
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}
