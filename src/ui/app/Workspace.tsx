import { CompareView } from '../CompareView';
import { ControlPanel, controlPanelProps } from '../controls/ControlPanel';
import { compareAsSnapshot } from '../history';
import { PointsEditor } from '../PointsEditor';
import { DistributionCard } from './DistributionCard';
import { type SettingsDrawerState, SettingsSheet } from './PhoneLayout';
import { ShownView } from './ShownView';
import type { PlaygroundViews } from './usePlayground';

export interface WorkspaceProps extends PlaygroundViews {
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
  const { config, view, trainer, hidden, layers, setLayers } = playground;
  const live = trainer.snapshot;
  const trainsDiscriminator = config.objective !== 'mmd';
  const views = { playground, snapshot, dimension, xDomain };
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
            <ShownView name="overview" {...views} />
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
          <ShownView name="losses" {...views} />
          <ShownView name="mmd" {...views} />
          {!hidden('noise') && <ShownView name="noise" {...views} />}
        </div>
        {(['kernel', 'curves', 'metrics'] as const).map(
          (name) =>
            !hidden(name) && (
              <div className="full-width" key={name}>
                <ShownView name={name} {...views} />
              </div>
            ),
        )}
      </div>
    </main>
  );
}
