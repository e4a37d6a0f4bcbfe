import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { PRESETS, type Preset, presetById } from '../../config/presets';
import type { Snapshot } from '../../worker/protocol';
import { ControlPanel } from '../controls/ControlPanel';
import {
  adjacentLesson,
  claimStatus,
  claimStatusText,
  PRESENT_CHART_SCALE,
  presentationLink,
  presentedViews,
} from '../presentation';
import { ChartScaleContext } from '../presentationScale';
import { useElementSize } from '../useElementSize';
import { DistributionCard } from './DistributionCard';
import { PresentationKeysLine, useFullScreen, usePresentationKeys } from './PresentationControls';
import { ShownView } from './ShownView';
import { Toolbar } from './Toolbar';
import { useCardChrome } from './useCardChrome';
import type { PlaygroundViews } from './usePlayground';

/** The widest share of the screen the main plot takes; the chosen views get the rest. */
const MAX_PLOT_SHARE = 0.58;
/** Narrower than this (a phone, a small window) the views go below the plot, and the page scrolls. */
const MIN_SIDE_BY_SIDE_WIDTH = 900;
/** A card's horizontal padding and border in a presentation (`.presentation .chart-card`). */
const CARD_PADDING_X = 34;

export interface PresentationProps extends PlaygroundViews {
  /** The link's fixes and the run's banners. */
  banners: ReactNode;
}

/**
 * Presentation mode (`present=1`), for a lecture hall: the main plot and one or two views chosen
 * by `show=` (the losses and MMD² by default) large, with text readable from the back of the room,
 * the lesson's title and its claim, Play/Step/Reset and the iteration. The settings wait behind a
 * key (C); the arrows walk the lessons; F goes full screen; P or Exit returns to the page.
 */
export function Presentation({
  playground,
  snapshot,
  dimension,
  xDomain,
  banners,
}: PresentationProps) {
  const { config, view, trainer, liveControls, hidden, updateView } = playground;
  const preset = view.preset === null ? undefined : presetById(view.preset);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const fullScreen = useFullScreen();
  const root = useRef<HTMLDivElement>(null);
  const sheet = useRef<HTMLElement>(null);
  const sheetId = useId();
  // The keyboard drives the presentation from the start.
  useEffect(() => root.current?.focus(), []);

  const openLesson = (direction: 1 | -1): void => {
    const next = adjacentLesson(view.preset, direction);
    if (next === null) {
      setNotice(direction === 1 ? 'This is the last lesson.' : 'This is the first lesson.');
      return;
    }
    setNotice(null);
    window.location.hash = presentationLink(next, view.show);
  };
  // The keyboard drives again once the sheet hides (a focused Settings button would take Space).
  const closeSettings = (): void => {
    setSettingsOpen(false);
    root.current?.focus();
  };
  const toggleSettings = (): void => {
    if (settingsOpen) closeSettings();
    else setSettingsOpen(true);
  };
  useEffect(() => {
    if (settingsOpen) sheet.current?.focus();
  }, [settingsOpen]);
  const leave = (): void => {
    fullScreen.exit();
    updateView((current) => ({ ...current, present: false }));
    // The page comes back with its header: the focus returns to the button that presented.
    window.setTimeout(
      () => document.querySelector<HTMLElement>('[data-testid="present-button"]')?.focus(),
      0,
    );
  };
  usePresentationKeys(settingsOpen, {
    nextLesson: () => openLesson(1),
    previousLesson: () => openLesson(-1),
    toggleSettings,
    closeSettings,
    fullScreen: fullScreen.toggle,
    leave,
  });

  const live = trainer.snapshot;
  return (
    <div className="presentation" ref={root} tabIndex={-1} data-testid="presentation">
      {/* After a click on Play, Step or Full screen the keyboard drives again: a focused button
          would take Space and keep S from the global shortcuts. Keyboard users keep their focus. */}
      <header
        className="present-bar"
        onPointerUp={(event) => {
          if (event.target instanceof Element && event.target.closest('[data-refocus]') !== null) {
            window.setTimeout(() => root.current?.focus(), 0);
          }
        }}
      >
        <LessonTitle
          preset={preset}
          snapshot={live}
          running={playground.running}
          index={preset === undefined ? -1 : PRESETS.indexOf(preset)}
        />
        <div className="present-run" data-refocus>
          <Toolbar
            state={trainer}
            controls={liveControls}
            hasDiscriminator={config.objective !== 'mmd'}
            slowMotion={false}
            onSlowMotion={() => undefined}
            compact
          />
        </div>
        <nav className="present-actions" aria-label="Presentation">
          <button
            type="button"
            aria-expanded={settingsOpen}
            aria-controls={sheetId}
            aria-keyshortcuts="C"
            onClick={toggleSettings}
          >
            Settings
          </button>
          <button
            type="button"
            aria-pressed={fullScreen.active}
            aria-keyshortcuts="F"
            data-testid="present-fullscreen"
            data-refocus
            onClick={fullScreen.toggle}
          >
            Full screen
          </button>
          <button
            type="button"
            className="primary"
            aria-keyshortcuts="P"
            data-testid="present-exit"
            title="Leave presentation mode (P)"
            onClick={leave}
          >
            Exit
          </button>
        </nav>
      </header>
      {fullScreen.error !== null && (
        <p className="banner present-message" role="alert" data-testid="present-fullscreen-error">
          {fullScreen.error}
        </p>
      )}
      {notice !== null && (
        <p className="present-message" role="status">
          {notice}
        </p>
      )}
      {banners}
      <Stage playground={playground} snapshot={snapshot} dimension={dimension} xDomain={xDomain} />
      <PresentationKeysLine hasLesson={preset !== undefined} />
      <aside
        className="present-sheet"
        id={sheetId}
        ref={sheet}
        tabIndex={-1}
        hidden={!settingsOpen}
        aria-label="Presentation settings"
        data-testid="present-settings"
      >
        <header className="present-sheet-header">
          <h2>Settings</h2>
          <button type="button" className="small-button" onClick={closeSettings}>
            Hide (Esc)
          </button>
        </header>
        {settingsOpen && (
          <ControlPanel config={config} onChange={playground.setValue} hidden={hidden} />
        )}
      </aside>
    </div>
  );
}

/**
 * The main plot as large as the screen allows beside the chosen views, their text large for a
 * projector; on a narrow screen (a phone) the views go below it at the page's own text size.
 */
function Stage({ playground, snapshot, dimension, xDomain }: Omit<PresentationProps, 'banners'>) {
  const { config, view } = playground;
  const [stageRef, stage] = useElementSize<HTMLDivElement>();
  const [mainRef, chrome] = useCardChrome(90);
  const extras = presentedViews(view.show, view.hide);
  const aspect = dimension === 2 ? 1 : 0.62;
  const fitting = Math.floor((stage.height - chrome) / aspect) + CARD_PADDING_X;
  const share = extras.length > 0 ? MAX_PLOT_SHARE : 1;
  const plotWidth = Math.max(200, Math.min(fitting, Math.floor(stage.width * share)));
  const stacked = stage.width > 0 && stage.width < MIN_SIDE_BY_SIDE_WIDTH;
  return (
    <ChartScaleContext.Provider value={stacked ? 1 : PRESENT_CHART_SCALE}>
      <div
        ref={stageRef}
        className={stacked ? 'present-stage is-stacked' : 'present-stage'}
        style={
          stage.width > 0 && !stacked
            ? { gridTemplateColumns: `${plotWidth}px minmax(0, 1fr)` }
            : undefined
        }
      >
        <div ref={mainRef} className="present-main">
          <DistributionCard
            snapshot={snapshot}
            dimension={dimension}
            layers={view.layers}
            hasDiscriminator={config.objective !== 'mmd'}
            onLayers={(next) => playground.setLayers(() => next)}
          />
        </div>
        {extras.length > 0 && (
          <section className="present-side" aria-label="Chosen views">
            {extras.map((name) => (
              <ShownView
                key={name}
                name={name}
                playground={playground}
                snapshot={snapshot}
                dimension={dimension}
                xDomain={xDomain}
              />
            ))}
          </section>
        )}
      </div>
    </ChartScaleContext.Provider>
  );
}

/** The lesson's number, title and claim, with whether the claim holds now. */
function LessonTitle({
  preset,
  snapshot,
  running,
  index,
}: {
  preset: Preset | undefined;
  snapshot: Snapshot | null;
  running: boolean;
  index: number;
}) {
  if (preset === undefined) {
    return (
      <div className="present-title">
        <h1>GAN Playground</h1>
        <p className="present-claim">No lesson is open: press → for the first lesson.</p>
      </div>
    );
  }
  const status = claimStatus(preset, snapshot?.metrics ?? null, snapshot?.iteration ?? 0);
  return (
    <div className="present-title">
      <p className="present-kicker" data-testid="present-lesson-number">
        Lesson {index + 1} of {PRESETS.length}
      </p>
      <h1 data-testid="present-lesson-title">{preset.title}</h1>
      <p
        className={`present-claim claim-${status}`}
        data-testid="present-claim"
        data-status={status}
      >
        <span className="claim-icon" aria-hidden="true">
          {status === 'holds' ? '✓' : status === 'fails' ? '✗' : '…'}
        </span>{' '}
        <strong>{preset.claim.text}</strong> — {claimStatusText(preset, status, running)}
      </p>
    </div>
  );
}
