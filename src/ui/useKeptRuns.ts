/**
 * The page's side of the kept runs: the runs other pages kept (listed once as the page opens,
 * this tab's first), this page's keeper, and the notes both leave for the user.
 */
import { useEffect, useRef, useState } from 'react';
import type { SavedRun } from '../worker/protocol';
import {
  describeKept,
  type KeptRunInfo,
  listKeptRuns,
  type RunStore,
  readKeptRun,
} from './keptRuns';
import { indexedDbRuns, pageIdentity } from './persist';
import { createRunKeeper } from './runKeeper';

export interface KeptRunsState {
  /** Runs kept by other pages (this tab's earlier loads first), until restored or dismissed. */
  runs: KeptRunInfo[];
  /** This page's tab id: the runs it kept are "this tab's". */
  tab: string;
  /** What happened to kept runs that the user should know (dropped, copied), until dismissed. */
  notes: string[];
  remember: (run: SavedRun) => void;
  flush: () => Promise<void>;
  /**
   * Reads a kept run and hands it to `apply` (which restores it, or throws why not); once it
   * resolves, this page goes on keeping that run. Rejects, with why, changing nothing.
   */
  restore: (id: string, apply: (run: SavedRun) => Promise<unknown>) => Promise<void>;
  forget: (id: string) => void;
  dismiss: () => void;
  dismissNotes: () => void;
}

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function useKeptRuns(store: RunStore = indexedDbRuns): KeptRunsState {
  const [identity] = useState(pageIdentity);
  const [runs, setRuns] = useState<KeptRunInfo[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const note = useRef((message: string) => setNotes((current) => [...current, message]));
  const [keeper] = useState(() => createRunKeeper(store, identity, note.current));

  useEffect(() => {
    let alive = true;
    listKeptRuns(store).then(
      (kept) => {
        if (!alive) return;
        const own = (run: KeptRunInfo): number => (run.tab === identity.tab ? 0 : 1);
        setRuns(kept.runs.sort((a, b) => own(a) - own(b) || b.savedAt - a.savedAt));
        if (kept.notes.length > 0) setNotes((current) => [...current, ...kept.notes]);
      },
      // No IndexedDB (private browsing, blocked storage): nothing was kept to offer; the first
      // write says so if this page trains.
      () => undefined,
    );
    // A page being hidden may never come back (closed, discarded): write the latest run now.
    // A failed write was already reported in a note (runKeeper.ts).
    const flushNow = (): void => void keeper.flush().catch(() => undefined);
    const flush = (): void => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('pagehide', flushNow);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('pagehide', flushNow);
    };
  }, [store, identity, keeper]);

  const drop = (id: string): void => setRuns((current) => current.filter((run) => run.id !== id));
  return {
    runs,
    tab: identity.tab,
    notes,
    remember: keeper.remember,
    flush: keeper.flush,
    restore: async (id, apply) => {
      let run: SavedRun;
      try {
        run = await readKeptRun(store, id);
      } catch (error) {
        // Its row goes: the note says why.
        const name = runs.find((kept) => kept.id === id);
        const what = name === undefined ? 'The kept run' : `The kept run ${describeKept(name)}`;
        note.current(`${what} could not be restored: ${errorMessage(error)}.`);
        drop(id);
        return;
      }
      await apply(run);
      keeper.adopt(id);
      drop(id);
    },
    forget: (id) => {
      drop(id);
      keeper.forget(id).catch((error: unknown) => {
        note.current(`The kept run could not be deleted (${errorMessage(error)}).`);
      });
    },
    dismiss: () => setRuns([]),
    dismissNotes: () => setNotes([]),
  };
}
