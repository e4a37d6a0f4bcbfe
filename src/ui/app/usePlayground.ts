import { useRef, useState } from 'react';
import { isPartHidden } from '../../config/needs';
import type { ConfigKey, PlaygroundConfig } from '../../config/schema';
import {
  type CompareOverrides,
  compareConfig,
  type DistributionLayers,
  SHARED_BY_COMPARISON,
} from '../../config/view';
import type { SavedRun, Snapshot, UserPoints } from '../../worker/protocol';
import { compareOverridesOf } from '../keptRuns';
import { useSlowMotion } from '../slowMotion';
import { useKeptRuns } from '../useKeptRuns';
import { useLink } from '../useLink';
import { useSettingsHistory } from '../useSettingsHistory';
import { useTimelineScrub } from '../useTimelineScrub';
import { type TrainerControls, useTrainer } from '../useTrainer';

/**
 * The page's state in one place, for every layout to arrange: the link's settings and view, the
 * user's points, the training worker (run A, and run B when comparing), the timeline scrub, slow
 * motion and the runs kept in this browser, with the controls that keep them in step (Play ends
 * slow motion and returns to the live run; a restore changes the link only once the worker has
 * taken the checkpoint).
 */
export function usePlayground() {
  const { config, view, fixes, setSettings, replaceConfig, updateView, dismissFixes } = useLink();
  const [points, setPoints] = useState<UserPoints | null>(null);
  // A frame of the timeline shown instead of the live run (training paused), and the edits
  // set aside on the way back to live (useTimelineScrub.ts).
  const scrubbing = useTimelineScrub(config, fixes, replaceConfig);
  const { scrub } = scrubbing;
  /** Run B's full settings over run A's `settings` (null without a comparison). */
  const compareOf = (settings: PlaygroundConfig): PlaygroundConfig | null =>
    view.compare === null ? null : compareConfig(settings, view.compare);
  const compareWith = compareOf(config);
  // The runs kept in this browser, offered until restored or dismissed, and this page's own,
  // kept as it trains (useKeptRuns.ts).
  const saver = useKeptRuns();
  // The latest save of the run, kept with an experiment saved now (My experiments).
  const latestRun = useRef<SavedRun | null>(null);
  const [trainer, controls] = useTrainer(config, points, compareWith, scrub !== null, {
    onSaved: (run) => {
      latestRun.current = run;
      saver.remember(run);
    },
  });
  // The link, settings and points change only once the worker has taken the checkpoint.
  const restoreSavedRun = async (run: SavedRun): Promise<void> => {
    const compare = compareOverridesOf(run);
    await controls.restoreRun(run, compare === null ? null : compareConfig(run.config, compare));
    scrubbing.leave();
    setPoints(run.points);
    replaceConfig(run.config);
    updateView((current) => ({ ...current, compare }));
  };
  const setCompare = (compare: CompareOverrides | null): void => {
    scrubbing.toLive();
    // Both runs share the data and the seed: a lesson's comparison may not change them.
    const own =
      compare === null
        ? null
        : (Object.fromEntries(
            Object.entries(compare).filter(([key]) => !SHARED_BY_COMPARISON.has(key as ConfigKey)),
          ) as CompareOverrides);
    updateView((current) => ({ ...current, compare: own }));
  };
  const { layers, smoothLosses } = view;
  const setLayers = (change: (layers: DistributionLayers) => DistributionLayers): void =>
    updateView((current) => ({ ...current, layers: change(current.layers) }));
  const setSmoothLosses = (on: boolean): void =>
    updateView((current) => ({ ...current, smoothLosses: on }));
  // What the link hides, except what the situation needs (the points editor, Play): needs.ts.
  const hidden = (target: string): boolean => isPartHidden(view, config, target);
  const running = trainer.snapshot?.running ?? false;
  const ready = trainer.snapshot !== null;
  const [slowMotion, setSlowMotion] = useState(false);
  const narration = useSlowMotion(slowMotion, config, controls.step);
  // Playing at full speed ends slow motion and returns to the live run.
  const play = (): void => {
    setSlowMotion(false);
    scrubbing.toLive();
    controls.play();
  };
  // Stepping returns to the live run first (intact); a reset starts over with the settings shown.
  const liveControls: TrainerControls = {
    ...controls,
    play,
    step: (phase) => {
      scrubbing.toLive();
      controls.step(phase);
    },
    reset: () => {
      scrubbing.leave();
      controls.reset();
    },
  };
  const scrubTo = (iteration: number | null): void => {
    if (iteration !== null) setSlowMotion(false);
    scrubbing.scrubTo(iteration, controls.timeline);
  };
  // The user's changes of the settings: undoable, and asked about before they discard a run
  // that has trained (useSettingsHistory.ts). Lessons, files and recoveries are undoable too.
  const settings = useSettingsHistory({
    config,
    setSettings,
    replaceConfig,
    iteration: trainer.snapshot?.iteration ?? 0,
    holding: scrub !== null,
  });
  const setShowAdvanced = (on: boolean): void =>
    updateView((current) => ({ ...current, advanced: on }));
  return {
    config,
    view,
    fixes,
    setValue: settings.setValue,
    replaceConfig: settings.replaceConfig,
    settings,
    setShowAdvanced,
    updateView,
    dismissFixes,
    points,
    setPoints,
    scrubbing,
    scrub,
    compareOf,
    saver,
    latestRun,
    trainer,
    controls,
    liveControls,
    restoreSavedRun,
    setCompare,
    layers,
    smoothLosses,
    setLayers,
    setSmoothLosses,
    hidden,
    running,
    ready,
    slowMotion,
    setSlowMotion,
    narration,
    play,
    scrubTo,
  };
}

export type Playground = ReturnType<typeof usePlayground>;

/** What every arrangement of the views is given: the page's state and what the plots show. */
export interface PlaygroundViews {
  playground: Playground;
  /** What the plots show: the live snapshot or the scrubbed frame. */
  snapshot: Snapshot | null;
  dimension: 1 | 2;
  /** The step axis every curve shares. */
  xDomain: readonly [number, number];
}
