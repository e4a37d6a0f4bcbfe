import type { Snapshot } from '../../worker/protocol';
import { CompareView } from '../CompareView';
import { ModelOverview } from '../charts/ModelOverview';
import { TrainingCurves } from '../charts/TrainingCurves';
import { ControlPanel, controlPanelProps } from '../controls/ControlPanel';
import { ViewBoundary } from '../ErrorBoundary';
import { compareAsSnapshot } from '../history';
import { MetricsPanel } from '../MetricsPanel';
import { PointsEditor } from '../PointsEditor';
import { LossCard, MmdCard, NoiseCard } from './CurveCards';
import { DistributionCard } from './DistributionCard';
import { focusView } from './focusView';
import { KernelCard } from './KernelCard';
import { type SettingsDrawerState, SettingsSheet } from './PhoneLayout';
import type { Playground } from './usePlayground';

export interface WorkspaceProps {
  playground: Playground;
  /** What the plots show: the live snapshot or the scrubbed frame. */
  snapshot: Snapshot | null;
  dimension: 1 | 2;
  /** The step axis every curve shares. */
  xDomain: readonly [number, number];
  /** On a phone, the drawer the settings open in (its button is in the toolbar); else null. */
  settings?: SettingsDrawerState | null;
}

/**
 * The controls beside the views: the model overview, the main plot, the curves, the kernel. On a
 * phone the controls are in a drawer and the main plot comes first.
 */
export function Workspace({
  playground,
  snapshot,
  dimension,
  xDomain,
  settings = null,
}: WorkspaceProps) {
  const { config, view, trainer, hidden, layers, setLayers, setValue } = playground;
  const live = trainer.snapshot;
  const fields = snapshot?.fields ?? null;
  const trainsDiscriminator = config.objective !== 'mmd';
  return (
    <main className={`workspace${hidden('controls') ? ' no-controls' : ''}`}>
      {!hidden('controls') &&
        (settings !== null ? (
          <SettingsSheet drawer={settings}>
            <ControlPanel {...controlPanelProps(playground)} />
          </SettingsSheet>
        ) : (
          <ControlPanel {...controlPanelProps(playground)} />
        ))}
      <div className="charts">
        {!hidden('overview') && (
          <div className="full-width">
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
          </div>
        )}
        {view.compare !== null && (
          <div className="full-width">
            <CompareView
              config={config}
              compare={view.compare}
              snapshotA={live}
              snapshotB={compareAsSnapshot(live)}
              historyA={trainer.history}
              historyB={trainer.compareHistory}
              layers={layers}
              xDomain={xDomain}
              onChange={playground.setCompare}
              onClose={() => playground.setCompare(null)}
            />
          </div>
        )}
        {config.dataset === 'points' && !hidden('points') && (
          <div className="full-width">
            <PointsEditor points={playground.points} onChange={playground.setPoints} />
          </div>
        )}
        <DistributionCard
          snapshot={snapshot}
          dimension={dimension}
          layers={layers}
          hasDiscriminator={trainsDiscriminator}
          onLayers={(next) => setLayers(() => next)}
        />
        <div className="curves">
          <LossCard
            history={trainer.history}
            xDomain={xDomain}
            objective={config.objective}
            hasDiscriminator={trainsDiscriminator}
            smooth={playground.smoothLosses}
            onSmooth={playground.setSmoothLosses}
          />
          <MmdCard
            history={trainer.history}
            xDomain={xDomain}
            bandwidth={config.kernelBandwidth}
            snapshot={snapshot}
          />
          {!hidden('noise') && <NoiseCard config={config} dimension={dimension} fields={fields} />}
        </div>
        {!hidden('kernel') && (
          <div className="full-width">
            <KernelCard
              snapshot={snapshot}
              bandwidth={config.kernelBandwidth}
              onBandwidth={(h) => setValue('kernelBandwidth', h)}
            />
          </div>
        )}
        {!hidden('curves') && (
          <div className="full-width">
            <TrainingCurves
              metrics={trainer.history.metrics}
              xDomain={xDomain}
              objective={config.objective}
              dimension={dimension}
              modeCount={snapshot?.metrics?.modeCount ?? null}
            />
          </div>
        )}
        {!hidden('metrics') && (
          <div className="full-width">
            <MetricsPanel metrics={snapshot?.metrics ?? null} />
          </div>
        )}
      </div>
    </main>
  );
}
