/**
 * The page's side of the saved experiments (store.ts): the list, read when the panel opens and
 * again whenever another tab of this browser changes it (a BroadcastChannel), and the actions,
 * each of which says in words what went wrong. A deletion can be undone for a few seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedRun } from '../../worker/protocol';
import type { RunStore } from '../keptRuns';
import { indexedDbStore } from '../persist';
import {
  type DeletedExperiment,
  deleteExperiment,
  describeStorageError,
  type Experiment,
  type ExperimentDraft,
  listExperiments,
  type OpenedExperiment,
  openExperiment,
  renameExperiment,
  saveExperiment,
  undoDelete,
} from './store';

/** Their own database: the kept runs' code never lists, caps or drops them. */
export const experimentsStore: RunStore = indexedDbStore(
  'gan-playground-experiments',
  'experiments',
);
/** The channel on which a tab says that it changed the list. */
export const EXPERIMENTS_CHANNEL = 'gan-playground-experiments';
/** How long a deletion can be undone. */
export const UNDO_MS = 8000;

export type Availability =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'unavailable'; why: string };

export interface ExperimentsMessage {
  kind: 'done' | 'error';
  text: string;
}

export interface ExperimentsState {
  availability: Availability;
  /** Newest first. */
  experiments: Experiment[];
  /** Stored entries that could not be read (another version's, damaged). */
  unreadable: number;
  /** What the last action did, or why it failed. */
  message: ExperimentsMessage | null;
  /** The experiment just deleted, until its Undo expires. */
  deleted: Experiment | null;
  save: (draft: ExperimentDraft, run: SavedRun | null) => Promise<boolean>;
  /** Resolves to why the name was refused, or null once renamed. */
  rename: (id: string, name: string) => Promise<string | null>;
  remove: (id: string) => Promise<void>;
  undo: () => Promise<void>;
  /** The link and run to open, or null when it could not be read (the message says why). */
  open: (experiment: Experiment) => Promise<OpenedExperiment | null>;
  say: (message: ExperimentsMessage | null) => void;
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function channel(): BroadcastChannel | null {
  // Absent in a few embedded browsers: the list is then fresh each time the panel opens.
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(EXPERIMENTS_CHANNEL);
}

export function useExperiments(store: RunStore = experimentsStore): ExperimentsState {
  const [availability, setAvailability] = useState<Availability>({ kind: 'loading' });
  const [experiments, setExperiments] = useState<Experiment[]>([]);
  const [unreadable, setUnreadable] = useState(0);
  const [message, say] = useState<ExperimentsMessage | null>(null);
  const [deleted, setDeleted] = useState<DeletedExperiment | null>(null);
  const broadcast = useRef<BroadcastChannel | null>(null);
  const undoTimer = useRef<number | undefined>(undefined);

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const list = await listExperiments(store);
      setExperiments(list.experiments);
      setUnreadable(list.unreadable);
      setAvailability({ kind: 'ready' });
    } catch (error) {
      setAvailability({ kind: 'unavailable', why: describeStorageError(error) });
    }
  }, [store]);

  useEffect(() => {
    const bus = channel();
    broadcast.current = bus;
    void refresh();
    if (bus !== null) bus.onmessage = () => void refresh();
    return () => {
      bus?.close();
      broadcast.current = null;
      window.clearTimeout(undoTimer.current);
    };
  }, [refresh]);

  /** After a write: this list, and every other tab's. */
  const changed = async (): Promise<void> => {
    broadcast.current?.postMessage('changed');
    await refresh();
  };

  return {
    availability,
    experiments,
    unreadable,
    message,
    deleted: deleted?.experiment ?? null,
    say,
    save: async (draft, run) => {
      try {
        const outcome = await saveExperiment(store, draft, run);
        const kept = outcome.experiment.runIteration === null ? '' : ', with its run';
        say({ kind: 'done', text: outcome.note ?? `Saved “${outcome.experiment.name}”${kept}.` });
        await changed();
        return true;
      } catch (error) {
        say({ kind: 'error', text: errorText(error) });
        return false;
      }
    },
    rename: async (id, name) => {
      try {
        await renameExperiment(store, id, name);
        await changed();
        return null;
      } catch (error) {
        return errorText(error);
      }
    },
    remove: async (id) => {
      try {
        const gone = await deleteExperiment(store, id);
        await changed();
        if (gone === null) return;
        window.clearTimeout(undoTimer.current);
        setDeleted(gone);
        say(null);
        undoTimer.current = window.setTimeout(() => setDeleted(null), UNDO_MS);
      } catch (error) {
        say({ kind: 'error', text: `It could not be deleted: ${describeStorageError(error)}.` });
      }
    },
    undo: async () => {
      if (deleted === null) return;
      window.clearTimeout(undoTimer.current);
      setDeleted(null);
      try {
        await undoDelete(store, deleted);
        say({ kind: 'done', text: `“${deleted.experiment.name}” is back.` });
        await changed();
      } catch (error) {
        say({ kind: 'error', text: errorText(error) });
      }
    },
    open: async (experiment) => {
      try {
        return await openExperiment(store, experiment);
      } catch (error) {
        say({ kind: 'error', text: `It could not be read: ${describeStorageError(error)}.` });
        return null;
      }
    },
  };
}
