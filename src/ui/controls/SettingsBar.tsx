import type { SettingsControls } from '../useSettingsHistory';

interface SettingsBarProps {
  settings: SettingsControls;
  /** The live run's iteration, said in the question. */
  iteration: number;
}

/**
 * Above the settings: Undo and Redo (their titles say what they take back or make again), and
 * the question a change that needs a new run asks before it discards a run that has trained.
 */
export function SettingsBar({ settings, iteration }: SettingsBarProps) {
  const { undoLabel, redoLabel, question } = settings;
  return (
    <div className="settings-bar">
      <div className="settings-undo">
        <button
          type="button"
          onClick={settings.undo}
          disabled={undoLabel === null && question === null}
          title={undoLabel === null ? 'Nothing to undo' : `Undo ${undoLabel} (Ctrl+Z)`}
          aria-keyshortcuts="Control+Z"
          data-testid="undo-settings"
        >
          <span aria-hidden="true">↶</span> Undo
        </button>
        <button
          type="button"
          onClick={settings.redo}
          disabled={redoLabel === null}
          title={redoLabel === null ? 'Nothing to redo' : `Redo ${redoLabel} (Ctrl+Shift+Z)`}
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          data-testid="redo-settings"
        >
          <span aria-hidden="true">↷</span> Redo
        </button>
      </div>
      {question !== null && (
        <fieldset className="restart-question" data-testid="restart-question">
          <legend className="visually-hidden">Restart the run?</legend>
          <p className="restart-question-text" role="alert">
            {question.kind === 'undo'
              ? 'Undo: restart'
              : question.kind === 'redo'
                ? 'Redo: restart'
                : 'Restart'}{' '}
            the run with {question.changes}? The current run (iteration{' '}
            {iteration.toLocaleString('en')}) will start over.
          </p>
          <div className="restart-actions">
            <button type="button" className="primary" onClick={settings.restart}>
              Restart
            </button>
            <button type="button" onClick={settings.keep}>
              Keep the run
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
