/**
 * The runs kept in this browser, each named (data set, objective, iteration, when), with whose
 * it is (this tab's, another tab's, an earlier version's) and its own Restore and Forget; and
 * what happened to kept runs (dropped, copied) in words.
 */
import { useState } from 'react';
import { describeKept, type KeptRunInfo } from './keptRuns';

type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string };

function whose(run: KeptRunInfo, tab: string): string {
  if (run.tab === '') return 'kept by an earlier version of the playground';
  return run.tab === tab ? 'kept by this tab' : 'kept by another tab';
}

function KeptRunRow({
  run,
  tab,
  onRestore,
  onForget,
}: {
  run: KeptRunInfo;
  tab: string;
  onRestore: () => Promise<unknown>;
  onForget: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const restore = (): void => {
    setOutcome({ kind: 'busy' });
    onRestore().then(
      () => setOutcome({ kind: 'idle' }),
      (error: unknown) =>
        setOutcome({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  return (
    <li
      data-testid="kept-run"
      data-iteration={run.iteration}
      data-whose={run.tab === tab ? 'this-tab' : 'other'}
    >
      <span>
        {describeKept(run)}, {whose(run, tab)}.
      </span>{' '}
      <button type="button" disabled={outcome.kind === 'busy'} onClick={restore}>
        Restore it
      </button>
      <button type="button" onClick={onForget}>
        Forget it
      </button>
      {outcome.kind === 'failed' && (
        <p className="banner-outcome" role="alert">
          It could not be restored: {outcome.message}. Nothing on this page was changed.
        </p>
      )}
    </li>
  );
}

/** Runs kept by earlier loads of this tab, by other tabs, or by an earlier version. */
export function KeptRunsBanner({
  runs,
  tab,
  onRestore,
  onForget,
  onDismiss,
}: {
  runs: KeptRunInfo[];
  tab: string;
  onRestore: (id: string) => Promise<unknown>;
  onForget: (id: string) => void;
  onDismiss: () => void;
}) {
  return (
    <section
      className="banner banner-info kept-runs"
      aria-label="Kept runs"
      data-testid="saved-run"
      data-count={runs.length}
    >
      <div>
        <p>
          {runs.length === 1
            ? 'A run is kept in this browser:'
            : `${runs.length} runs are kept in this browser:`}
        </p>
        <ul className="kept-runs-list">
          {runs.map((run) => (
            <KeptRunRow
              key={run.id}
              run={run}
              tab={tab}
              onRestore={() => onRestore(run.id)}
              onForget={() => onForget(run.id)}
            />
          ))}
        </ul>
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}

/** What happened to kept runs (dropped as unreadable or to make room, copied, not kept). */
export function KeptRunNotes({ notes, onDismiss }: { notes: string[]; onDismiss: () => void }) {
  return (
    <div className="banner banner-warning" role="status" data-testid="kept-notes">
      <div>
        {notes.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
