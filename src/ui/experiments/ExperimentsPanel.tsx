/**
 * "My experiments": a header button and its dialog, where a lecturer saves the current setup
 * under a name (with a thumbnail of the main plot, the lesson's claim as it stands, and the run
 * when the page has one) and reopens, renames, copies or deletes (with Undo) what was saved.
 */
import { type FormEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PlaygroundConfig } from '../../config/schema';
import { encodeLink } from '../../config/url';
import type { ViewState } from '../../config/view';
import type { SavedRun, Snapshot } from '../../worker/protocol';
import { Dialog, type DialogHandle } from '../Dialog';
import { timeAgo } from '../timeAgo';
import {
  claimOf,
  defaultName,
  type Experiment,
  MAX_EXPERIMENTS,
  MAX_NAME_LENGTH,
  runOfExperiment,
} from './store';
import { samplesThumbnail } from './thumbnail';
import { type ExperimentsState, useExperiments } from './useExperiments';
import './experiments.css';

export interface ExperimentsPanelProps {
  config: PlaygroundConfig;
  view: ViewState;
  /** The live run's latest snapshot (its iteration, samples and metrics), or null before one. */
  snapshot: Snapshot | null;
  /** The page's latest saved run (useTrainer's onSaved); kept with the experiment when it is its. */
  latestRun: () => SavedRun | null;
  /**
   * Opens an experiment: restores `run` when there is one (as a kept run's Restore), then opens
   * the link (openLink below). Rejects with why when the run is refused.
   */
  onOpen: (link: string, run: SavedRun | null) => Promise<void>;
}

/** Opens a link in this page, as a lesson's link does (a history entry; useLink re-reads it). */
export function openLink(link: string): void {
  window.location.hash = link;
}

/** The page's address with this link. */
function addressOf(link: string): string {
  const url = new URL(window.location.href);
  url.hash = link;
  return url.href;
}

const CLAIM_WORDS = { holds: 'holds', fails: 'does not hold', pending: 'not checked yet' } as const;
const CLAIM_ICONS = { holds: '✓', fails: '✗', pending: '…' } as const;

function ClaimLine({ claim }: { claim: NonNullable<Experiment['claim']> }) {
  return (
    <p
      className={`experiment-claim claim-${claim.status}`}
      data-testid="experiment-claim"
      data-status={claim.status}
    >
      <span className="claim-icon" aria-hidden="true">
        {CLAIM_ICONS[claim.status]}
      </span>{' '}
      {claim.title}: “{claim.text}” {CLAIM_WORDS[claim.status]}
    </p>
  );
}

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; why: string };

function ExperimentName({
  experiment,
  onRename,
}: {
  experiment: Experiment;
  onRename: (name: string) => Promise<string | null>;
}) {
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const stop = (): void => {
    setEditing(false);
    setProblem(null);
    // The button is rendered again first.
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const commit = async (text: string): Promise<void> => {
    if (text.trim() === experiment.name) return stop();
    const why = await onRename(text);
    if (why === null) stop();
    else setProblem(why);
  };
  if (!editing) {
    return (
      <div className="experiment-title">
        <h3 className="experiment-name">{experiment.name}</h3>
        <button
          ref={renameButton}
          type="button"
          className="small-button"
          onClick={() => setEditing(true)}
          aria-label={`Rename “${experiment.name}”`}
        >
          Rename
        </button>
      </div>
    );
  }
  return (
    <form
      className="experiment-title"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        void commit(String(data.get('name') ?? ''));
      }}
    >
      <input
        name="name"
        defaultValue={experiment.name}
        maxLength={MAX_NAME_LENGTH}
        aria-label={`New name of “${experiment.name}”`}
        aria-invalid={problem !== null}
        aria-describedby={problem === null ? undefined : `rename-problem-${experiment.id}`}
        // biome-ignore lint/a11y/noAutofocus: the field appears because its Rename button was pressed.
        autoFocus
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Escape leaves the field, not the dialog.
          event.preventDefault();
          stop();
        }}
      />
      <button type="submit" className="small-button">
        Save name
      </button>
      {problem !== null && (
        <p className="experiment-problem" role="alert" id={`rename-problem-${experiment.id}`}>
          {problem}
        </p>
      )}
    </form>
  );
}

const ExperimentRow = memo(function ExperimentRow({
  experiment,
  onOpen,
  onRename,
  onDelete,
}: {
  experiment: Experiment;
  onOpen: (experiment: Experiment) => Promise<void>;
  onRename: (id: string, name: string) => Promise<string | null>;
  onDelete: (id: string) => Promise<void>;
}) {
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });
  const address = addressOf(experiment.link);
  const copyLink = async (): Promise<void> => {
    try {
      if (navigator.clipboard === undefined) throw new Error('there is no clipboard on this page');
      await navigator.clipboard.writeText(address);
      setCopy({ kind: 'copied' });
    } catch (error) {
      const why = error instanceof Error && error.message !== '' ? error.message : String(error);
      setCopy({ kind: 'manual', why: why.replace(/[.!?]$/, '') });
    }
  };
  const iteration = experiment.iteration.toLocaleString('en');
  return (
    <li
      className="experiment"
      data-testid="experiment"
      data-id={experiment.id}
      data-iteration={experiment.iteration}
      data-run={experiment.runIteration ?? ''}
    >
      {experiment.thumbnail === null ? (
        <div className="experiment-thumbnail is-empty" aria-hidden="true" />
      ) : (
        <img
          className="experiment-thumbnail"
          src={experiment.thumbnail}
          width={72}
          height={72}
          alt={`The samples of “${experiment.name}” at iteration ${iteration}`}
        />
      )}
      <div className="experiment-body">
        <ExperimentName
          experiment={experiment}
          onRename={(name) => onRename(experiment.id, name)}
        />
        <p className="experiment-meta">
          Iteration {iteration}
          {experiment.runIteration === null ? ', settings only' : ', with its run'} · saved{' '}
          <time dateTime={new Date(experiment.savedAt).toISOString()}>
            {timeAgo(experiment.savedAt)}
          </time>
        </p>
        {experiment.claim !== null && <ClaimLine claim={experiment.claim} />}
        <a
          className="experiment-link"
          href={address}
          target="_blank"
          rel="noopener"
          data-testid="experiment-link"
        >
          #{experiment.link}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <div className="experiment-actions">
          <button
            type="button"
            className="primary"
            onClick={() => void onOpen(experiment)}
            aria-label={`Open “${experiment.name}”`}
          >
            Open
          </button>
          <button
            type="button"
            onClick={() => void copyLink()}
            aria-label={`Copy link of “${experiment.name}”`}
          >
            Copy link
          </button>
          <button
            type="button"
            onClick={() => void onDelete(experiment.id)}
            aria-label={`Delete “${experiment.name}”`}
          >
            Delete
          </button>
        </div>
        <p className="experiment-copy" role="status">
          {copy.kind === 'copied' && 'Link copied.'}
          {copy.kind === 'manual' && (
            <>
              The browser refused the clipboard ({copy.why}). Copy it from here:{' '}
              <input
                readOnly
                aria-label={`The link of “${experiment.name}”`}
                value={address}
                onFocus={(e) => e.currentTarget.select()}
              />
            </>
          )}
        </p>
      </div>
    </li>
  );
});

function SaveForm({ state, props }: { state: ExperimentsState; props: ExperimentsPanelProps }) {
  const { config, view, snapshot } = props;
  const [name, setName] = useState(() => defaultName(config, view.preset, new Date()));
  const [busy, setBusy] = useState(false);
  const full = state.experiments.length >= MAX_EXPERIMENTS;
  const usable = state.availability.kind === 'ready';
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const iteration = snapshot?.iteration ?? 0;
    setBusy(true);
    const saved = await state.save(
      {
        name,
        link: encodeLink(config, view),
        thumbnail:
          snapshot === null
            ? null
            : samplesThumbnail(snapshot.real, snapshot.generated, snapshot.dimension),
        iteration,
        claim: claimOf(view.preset, snapshot?.metrics ?? null, iteration),
      },
      runOfExperiment(props.latestRun(), config, view, iteration),
    );
    setBusy(false);
    if (saved) setName(defaultName(config, view.preset, new Date()));
  };
  return (
    <form className="experiment-save" onSubmit={(event) => void save(event)}>
      <label htmlFor="experiment-save-name">Name</label>
      <input
        id="experiment-save-name"
        value={name}
        maxLength={MAX_NAME_LENGTH}
        onChange={(event) => setName(event.currentTarget.value)}
        disabled={!usable || full}
      />
      <button type="submit" className="primary" disabled={!usable || full || busy}>
        Save current
      </button>
      {full && (
        <p className="experiment-problem" data-testid="experiments-full">
          At most {MAX_EXPERIMENTS} experiments are kept in this browser: delete one to save
          another.
        </p>
      )}
    </form>
  );
}

/** The dialog's content, mounted while it is open (the list is read then, and kept fresh). */
function ExperimentsBody({ props, close }: { props: ExperimentsPanelProps; close: () => void }) {
  const state = useExperiments();
  const undoButton = useRef<HTMLButtonElement>(null);
  const { availability, experiments, message, deleted } = state;
  // The deleted row took the focus with it: once its Undo is drawn, the focus goes there (an
  // effect, not a timer, so it holds however late the list redraws on a busy machine).
  const focusUndo = useRef(false);
  useEffect(() => {
    if (deleted === null || !focusUndo.current) return;
    focusUndo.current = false;
    undoButton.current?.focus();
  }, [deleted]);
  // The rows' actions read the latest props and state: the rows then draw again only when their
  // experiment changes, not at every snapshot of the live run.
  const latest = useRef({ props, state });
  latest.current = { props, state };
  const open = useCallback(
    async (experiment: Experiment): Promise<void> => {
      const { props, state } = latest.current;
      const opened = await state.open(experiment);
      if (opened === null) return;
      try {
        await props.onOpen(opened.link, opened.run);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        state.say({ kind: 'error', text: `“${experiment.name}” could not be opened: ${why}` });
        return;
      }
      // A note (its run was not usable) is worth reading before the dialog goes.
      if (opened.note === null) close();
      else state.say({ kind: 'done', text: `Opened “${experiment.name}”. ${opened.note}` });
    },
    [close],
  );
  const remove = useCallback(async (id: string): Promise<void> => {
    focusUndo.current = true;
    await latest.current.state.remove(id);
  }, []);
  const rename = useCallback(
    (id: string, name: string) => latest.current.state.rename(id, name),
    [],
  );
  return (
    <div
      className="experiments"
      data-testid="experiments"
      data-availability={availability.kind}
      data-count={experiments.length}
    >
      <p className="dialog-lead">
        Save this setup under a name, to open it again in class. They are kept in this browser only;
        each one's link reproduces it in any browser.
      </p>
      {availability.kind === 'unavailable' ? (
        <p className="experiment-problem" role="alert" data-testid="experiments-unavailable">
          Experiments cannot be kept in this browser: its storage is unavailable ({availability.why}
          ). Private browsing, or storage blocked for this site, does this; copy the link instead
          (Copy link in the header).
        </p>
      ) : (
        <SaveForm state={state} props={props} />
      )}
      <div className="experiments-status" role="status" data-testid="experiments-status">
        {deleted !== null ? (
          <>
            Deleted “{deleted.name}”.{' '}
            <button
              ref={undoButton}
              type="button"
              className="small-button"
              onClick={() => void state.undo()}
            >
              Undo
            </button>
          </>
        ) : (
          message !== null && (
            <span className={message.kind === 'error' ? 'experiment-problem' : undefined}>
              {message.text}
            </span>
          )
        )}
      </div>
      {availability.kind === 'ready' && experiments.length === 0 && (
        <p className="experiments-empty">No experiment saved yet.</p>
      )}
      {experiments.length > 0 && (
        <>
          <h3 className="experiments-count">
            {experiments.length === 1 ? 'One experiment' : `${experiments.length} experiments`} (at
            most {MAX_EXPERIMENTS})
          </h3>
          <ul className="experiment-list">
            {experiments.map((experiment) => (
              <ExperimentRow
                key={experiment.id}
                experiment={experiment}
                onOpen={open}
                onRename={rename}
                onDelete={remove}
              />
            ))}
          </ul>
        </>
      )}
      {state.unreadable > 0 && (
        <p className="experiments-unreadable">
          {state.unreadable === 1
            ? 'One saved experiment'
            : `${state.unreadable} saved experiments`}{' '}
          could not be read (saved by another version of the playground, or damaged) and{' '}
          {state.unreadable === 1 ? 'is' : 'are'} not shown.
        </p>
      )}
    </div>
  );
}

/** The header button "My experiments" and its dialog. */
export function ExperimentsPanel(props: ExperimentsPanelProps) {
  const dialog = useRef<DialogHandle>(null);
  const close = useCallback(() => dialog.current?.close(), []);
  return (
    <>
      <button type="button" onClick={() => dialog.current?.open()} data-testid="experiments-button">
        My experiments
      </button>
      <Dialog
        ref={dialog}
        title="My experiments"
        className="experiments-dialog"
        testId="experiments-dialog"
      >
        <ExperimentsBody props={props} close={close} />
      </Dialog>
    </>
  );
}
