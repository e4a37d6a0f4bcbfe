import { useRef, useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import type { TimelineView } from '../worker/protocol';
import { changedKeys, describeChanges } from './settingNames';
import type { Fixes } from './useLink';
import type { TimelineControls } from './useTrainer';

/** Settings changed while scrubbed back, set aside when the user went back to the live run. */
export interface SetAsideEdits {
  /** The frame they were made at: a branch with them starts there. */
  iteration: number;
  /** The config with the edits, as it was when they were set aside. */
  config: PlaygroundConfig;
  /** "G · Learning rate 0.001 → 0.0003, …". */
  changes: string;
}

export interface TimelineScrub {
  /** The frame shown instead of the live run (training paused), or null when live. */
  scrub: TimelineView | null;
  /** The edits set aside by the last return to live, until dismissed or branched with. */
  setAside: SetAsideEdits | null;
  /** Shows the run as it was at a frame (null: back to live, setting edits aside). */
  scrubTo: (iteration: number | null, timeline: TimelineControls) => void;
  /**
   * Back to the live run, intact: settings changed while scrubbed were for a branch, so they
   * return to the live run's and are offered as `setAside`.
   */
  toLive: () => void;
  /** Leaves the frame keeping the settings as they are (a branch, a reset, a config replaced). */
  leave: () => void;
  /** Branches from the set-aside edits' frame with them; resolves with a sentence for the user. */
  branchWithSetAside: (
    branch: (iteration: number, config: PlaygroundConfig) => Promise<string>,
  ) => Promise<string>;
  dismissSetAside: () => void;
}

/**
 * The timeline's scrubbing state. While a frame is shown, useTrainer holds config changes back
 * (they are for a branch); going back to live must not send them, since a changed model setting
 * rebuilds the run and the live run would be lost. So the live config is remembered when
 * scrubbing starts and restored on the way back, and the edits are kept aside, one click from a
 * branch.
 */
export function useTimelineScrub(
  config: PlaygroundConfig,
  fixes: Fixes | null,
  replaceConfig: (config: PlaygroundConfig, fixes?: Fixes | null) => void,
): TimelineScrub {
  const [scrub, setScrub] = useState<TimelineView | null>(null);
  const [setAside, setSetAside] = useState<SetAsideEdits | null>(null);
  /** The live run's config, from the moment scrubbing began; null when live. */
  const liveConfig = useRef<PlaygroundConfig | null>(null);
  /** Counts requests, so that a frame arriving after a return to live is not shown. */
  const request = useRef(0);

  const leave = (): void => {
    request.current += 1;
    liveConfig.current = null;
    setScrub(null);
  };
  const toLive = (): void => {
    const live = liveConfig.current;
    const at = scrub?.iteration ?? null;
    leave();
    if (live === null || changedKeys(live, config).length === 0) return;
    setSetAside({ iteration: at ?? 0, config, changes: describeChanges(live, config) });
    // The link's fix banner, if any, stays as it is.
    replaceConfig(live, fixes);
  };
  const scrubTo = (iteration: number | null, timeline: TimelineControls): void => {
    if (iteration === null) {
      toLive();
      return;
    }
    liveConfig.current ??= config;
    setSetAside(null);
    request.current += 1;
    const mine = request.current;
    timeline
      .view(iteration)
      .catch(() => null)
      .then((view) => {
        if (mine !== request.current) return;
        if (view === null) toLive();
        else setScrub(view);
      });
  };
  const branchWithSetAside = async (
    branch: (iteration: number, config: PlaygroundConfig) => Promise<string>,
  ): Promise<string> => {
    if (setAside === null) return '';
    const message = await branch(setAside.iteration, setAside.config);
    setSetAside(null);
    replaceConfig(setAside.config, fixes);
    return message;
  };
  return {
    scrub,
    setAside,
    scrubTo,
    toLive,
    leave,
    branchWithSetAside,
    dismissSetAside: () => setSetAside(null),
  };
}
