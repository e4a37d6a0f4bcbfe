import type { PlaygroundConfig } from '../../config/schema';
import type { SavedRun } from '../../worker/protocol';
import { KeptRunNotes, KeptRunsBanner } from '../KeptRunsBanner';
import { DivergencePanel, NoticeBanner } from '../Recovery';
import type { KeptRunsState } from '../useKeptRuns';
import type { TrainerControls, TrainerState } from '../useTrainer';

export interface RunBannersProps {
  config: PlaygroundConfig;
  embed: boolean;
  trainer: TrainerState;
  controls: TrainerControls;
  saver: KeptRunsState;
  restoreSavedRun: (run: SavedRun) => Promise<void>;
  /** Back to an iteration of the run with new settings (run B keeps its own changes on top). */
  onRecover: (iteration: number, next: PlaygroundConfig) => Promise<void>;
  /** A new run with these settings, the diverged one dropped. */
  onStartOver: (next: PlaygroundConfig) => void;
}

/**
 * What the run has to say: runs kept in this browser to restore, a diverged run and the ways
 * back, a notice from the worker's supervisor, an error. Each says what happened and what is kept.
 */
export function RunBanners({
  config,
  embed,
  trainer,
  controls,
  saver,
  restoreSavedRun,
  onRecover,
  onStartOver,
}: RunBannersProps) {
  return (
    <>
      {saver.runs.length > 0 && !embed && (
        <KeptRunsBanner
          runs={saver.runs}
          tab={saver.tab}
          onRestore={(id) => saver.restore(id, restoreSavedRun)}
          onForget={saver.forget}
          onDismiss={saver.dismiss}
        />
      )}
      {saver.notes.length > 0 && !embed && (
        <KeptRunNotes notes={saver.notes} onDismiss={saver.dismissNotes} />
      )}
      {trainer.divergence !== null && (
        <DivergencePanel
          divergence={trainer.divergence}
          config={config}
          onRecover={onRecover}
          onReset={onStartOver}
          onDismiss={controls.dismissDivergence}
        />
      )}
      {trainer.notice !== null && (
        <NoticeBanner message={trainer.notice} onDismiss={controls.dismissNotice} />
      )}
      {trainer.error !== null && (
        <div className="banner banner-error" role="alert" data-testid="error">
          <p>{trainer.error}</p>
          <button type="button" onClick={controls.dismissError}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
