import { useCallback, useEffect, useRef, useState } from 'react';
import { keepsRun } from '../config/live';
import type { ConfigKey, PlaygroundConfig } from '../config/schema';
import {
  changeLabel,
  emptyHistory,
  nextRedo,
  nextUndo,
  recordChange,
  redone,
  type SettingsHistory,
  undone,
} from './settingsHistory';
import { useUndoShortcuts } from './shortcuts';
import type { Fixes } from './useLink';

/** How a change of the settings came: made by the user, or an undo or redo of one. */
export type ChangeKind = 'change' | 'undo' | 'redo';

/** A change that would discard a run that has trained, waiting for the user's answer. */
export interface RestartQuestion {
  /** The config the change makes, shown in the controls meanwhile. */
  next: PlaygroundConfig;
  kind: ChangeKind;
  /** "G · Hidden layers 8,8 → 8,8,8": what changes, from and to. */
  changes: string;
}

export interface SettingsControls {
  /** What the controls show: the config asked about while a restart is asked, else the link's. */
  shown: PlaygroundConfig;
  /** A control's change: made at once, or asked about first when it would discard the run. */
  setValue: <K extends ConfigKey>(key: K, value: PlaygroundConfig[K]) => void;
  /** A whole config from a lesson, a file or a recovery: made at once, and undoable. */
  replaceConfig: (config: PlaygroundConfig, fixes?: Fixes | null) => void;
  undo: () => void;
  redo: () => void;
  /** What an undo would take back ("Noise σ 1 → 3"), or null when there is nothing. */
  undoLabel: string | null;
  redoLabel: string | null;
  /** The change waiting for "Restart" or "Keep the run", or null. */
  question: RestartQuestion | null;
  /** Makes the change asked about (the run starts over). */
  restart: () => void;
  /** Drops the change asked about: the run and the controls stay as they were. */
  keep: () => void;
}

interface SettingsHistoryOptions {
  /** The link's config: the settings the run trains with. */
  config: PlaygroundConfig;
  /** Sets the link's config, keeping its fix notes. */
  setSettings: (config: PlaygroundConfig) => void;
  replaceConfig: (config: PlaygroundConfig, fixes?: Fixes | null) => void;
  /** The live run's iteration: a run at 0 has nothing to lose, so nothing is asked. */
  iteration: number;
  /** While a timeline frame is shown, changes are for a branch and discard nothing. */
  holding: boolean;
}

/**
 * The settings as the user changes them: every change goes into an undo history
 * (settingsHistory.ts), and a change that needs a new run (layer sizes, data, seed, …) is asked
 * about before it discards a run that has trained; live settings (config/live.ts) apply to the
 * running run at once. Undo and redo take the same path as a change, so the controls, the run
 * and the link move together. Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside text fields.
 */
export function useSettingsHistory({
  config,
  setSettings,
  replaceConfig: replaceLink,
  iteration,
  holding,
}: SettingsHistoryOptions): SettingsControls {
  const [history, setHistory] = useState<SettingsHistory>(emptyHistory);
  const [question, setQuestion] = useState<RestartQuestion | null>(null);
  // The config the next change starts from, current between renders (two changes in one tick).
  const committed = useRef(config);
  const historyRef = useRef(history);
  const asked = useRef(question);
  useEffect(() => {
    committed.current = config;
    // A config changed from elsewhere (a lesson, a pasted link) ends any question.
    asked.current = null;
    setQuestion(null);
  }, [config]);

  const commit = useCallback(
    (next: PlaygroundConfig, kind: ChangeKind): void => {
      const before = committed.current;
      const history = historyRef.current;
      historyRef.current =
        kind === 'undo'
          ? undone(history)
          : kind === 'redo'
            ? redone(history)
            : recordChange(history, before, next, performance.now());
      setHistory(historyRef.current);
      committed.current = next;
      asked.current = null;
      setQuestion(null);
      setSettings(next);
    },
    [setSettings],
  );

  const trained = iteration > 0 && !holding;
  const propose = (next: PlaygroundConfig, kind: ChangeKind): void => {
    const before = committed.current;
    if (!trained || keepsRun(before, next)) {
      commit(next, kind);
      return;
    }
    asked.current = { next, kind, changes: changeLabel(before, next) };
    setQuestion(asked.current);
  };

  const setValue = <K extends ConfigKey>(key: K, value: PlaygroundConfig[K]): void => {
    // A second change while asked builds on the first (the controls show it).
    const base = asked.current?.next ?? committed.current;
    propose({ ...base, [key]: value }, 'change');
  };
  const replaceConfig = (next: PlaygroundConfig, fixes: Fixes | null = null): void => {
    historyRef.current = recordChange(
      historyRef.current,
      committed.current,
      next,
      performance.now(),
    );
    setHistory(historyRef.current);
    committed.current = next;
    replaceLink(next, fixes);
  };
  const keep = (): void => {
    asked.current = null;
    setQuestion(null);
  };
  const undo = (): void => {
    // With a question open, an undo withdraws the change asked about.
    if (asked.current !== null) keep();
    else {
      const change = nextUndo(historyRef.current);
      if (change !== null) propose(change.before, 'undo');
    }
  };
  const redo = (): void => {
    if (asked.current !== null) keep();
    else {
      const change = nextRedo(historyRef.current);
      if (change !== null) propose(change.after, 'redo');
    }
  };
  useUndoShortcuts(undo, redo);

  return {
    shown: question?.next ?? config,
    setValue,
    replaceConfig,
    undo,
    redo,
    undoLabel: nextUndo(history)?.label ?? null,
    redoLabel: nextRedo(history)?.label ?? null,
    question,
    restart: () => {
      const pending = asked.current;
      if (pending !== null) commit(pending.next, pending.kind);
    },
    keep,
  };
}
