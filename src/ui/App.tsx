import { useMemo, useRef, useState } from 'react';
import { dataDimension } from '../config/schema';
import { AppHeader } from './app/AppHeader';
import { EmbedLayout } from './app/EmbedLayout';
import { FixesBanner } from './app/FixesBanner';
import { HelpDialog } from './app/HelpDialog';
import { SettingsButton, usePhoneLayout, useSettingsDrawer } from './app/PhoneLayout';
import { Presentation } from './app/Presentation';
import { RunBanners } from './app/RunBanners';
import { shownSnapshot } from './app/shownSnapshot';
import { Toolbar } from './app/Toolbar';
import { usePlayground } from './app/usePlayground';
import { Workspace } from './app/Workspace';
import { CurveViewProvider } from './CurveViewProvider';
import { FileStampContext, fileStamp } from './charts/fileStamp';
import { createHoverStore } from './charts/hover';
import { stepAxisEnd } from './charts/scales';
import type { DialogHandle } from './Dialog';
import { openLink } from './experiments/ExperimentsPanel';
import { LessonCard } from './Lessons';
import { UpdateBanner } from './offline/UpdateBanner';
import { useShortcuts } from './shortcuts';
import { TimelineBar } from './TimelineBar';
import { TourPrompt } from './TourPrompt';

/**
 * The playground: the link's settings, the training worker's state and the page's own (scrubbing,
 * slow motion, the kept runs), composed from the rooms in `./app/`. Layouts (embed, phone,
 * presentation) are arrangements of the same components.
 */
export function App() {
  const playground = usePlayground();
  const {
    config,
    view,
    fixes,
    replaceConfig,
    updateView,
    dismissFixes,
    points,
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
    hidden,
    running,
    setSlowMotion,
    slowMotion,
    play,
    scrubTo,
  } = playground;
  const [hover] = useState(createHoverStore);
  const help = useRef<DialogHandle>(null);
  useShortcuts({
    playPause: running ? controls.pause : play,
    step: () => liveControls.step('iteration'),
    stepDiscriminator: () => liveControls.step('discriminator'),
    stepGenerator: () => liveControls.step('generator'),
    reset: liveControls.reset,
    help: () => help.current?.open(),
    lessons: () =>
      document.querySelector<HTMLButtonElement>('[data-testid="lessons-button"]')?.click(),
  });
  const live = trainer.snapshot;
  // The plots show the scrubbed frame when there is one; the toolbar and lesson stay live.
  const snapshot = shownSnapshot(live, scrub);
  // Until the first snapshot of a new data set arrives, the plot keeps the previous run's points.
  const dimension = snapshot?.dimension ?? dataDimension(config, points);
  const trainsDiscriminator = config.objective !== 'mmd';
  // The step axis every curve shares, so that hovering one reads all of them at one iteration.
  const axisEnd = stepAxisEnd(trainer.history.lastIteration);
  const xDomain = useMemo(() => [0, axisEnd] as const, [axisEnd]);

  // On a phone the settings wait in a drawer opened from the toolbar (PhoneLayout.tsx).
  const drawer = useSettingsDrawer();
  const settings = usePhoneLayout() && !hidden('controls') ? drawer : null;
  const fixesBanner = fixes !== null && <FixesBanner fixes={fixes} onDismiss={dismissFixes} />;
  const runBanners = (
    <RunBanners
      config={config}
      embed={view.embed}
      trainer={trainer}
      controls={controls}
      saver={saver}
      restoreSavedRun={restoreSavedRun}
      onRecover={async (iteration, next) => {
        scrubbing.leave();
        // Run B keeps its own changes on top of run A's new settings.
        await controls.recover(iteration, next, compareOf(next));
        replaceConfig(next);
      }}
      onStartOver={(next) => {
        scrubbing.leave();
        controls.dismissDivergence();
        replaceConfig(next);
      }}
    />
  );
  const toolbar = !hidden('toolbar') && (
    <Toolbar
      state={trainer}
      controls={liveControls}
      hasDiscriminator={trainsDiscriminator}
      slowMotion={slowMotion}
      onSlowMotion={(on) => {
        scrubbing.toLive();
        setSlowMotion(on);
      }}
      compact={view.embed}
      extra={settings !== null && <SettingsButton drawer={settings} />}
      viewing={scrub?.iteration ?? null}
    />
  );
  const views = { playground, snapshot, dimension, xDomain };

  return (
    <CurveViewProvider playground={playground} hover={hover}>
      <FileStampContext.Provider
        value={fileStamp(view.preset ?? config.dataset, snapshot?.iteration ?? null)}
      >
        <div className={`app${view.embed ? ' is-embed' : ''}`}>
          <HelpDialog handle={help} />
          <TourPrompt embed={view.embed || view.present} lessonOpen={view.preset !== null} />
          {view.embed ? (
            <EmbedLayout
              {...views}
              toolbar={toolbar}
              banners={
                <>
                  {fixesBanner}
                  {runBanners}
                </>
              }
            />
          ) : view.present ? (
            <Presentation
              {...views}
              banners={
                <>
                  {fixesBanner}
                  {runBanners}
                </>
              }
            />
          ) : (
            <>
              <AppHeader
                config={config}
                view={view}
                points={points}
                snapshot={trainer.snapshot}
                generator={controls.generatorFiles}
                hidden={hidden}
                help={help}
                latestRun={() => latestRun.current}
                onOpenExperiment={async (link, run) => {
                  if (run !== null) await restoreSavedRun(run);
                  openLink(link);
                }}
                onImport={(next, importFixes) => {
                  updateView((current) => ({ ...current, preset: null }));
                  replaceConfig(next, importFixes);
                }}
                onCompare={() => setCompare(view.compare === null ? {} : null)}
                onPresent={() => updateView((current) => ({ ...current, present: true }))}
              />
              {fixesBanner}
              <UpdateBanner running={running} keep={saver.flush} />
              {view.preset !== null && !hidden('lessons') && (
                <LessonCard
                  presetId={view.preset}
                  config={config}
                  metrics={live?.metrics ?? null}
                  iteration={live?.iteration ?? 0}
                  running={running}
                  onRestore={(next) => replaceConfig(next)}
                  onCompare={setCompare}
                  onClose={() => updateView((current) => ({ ...current, preset: null }))}
                />
              )}
              {runBanners}
              {toolbar}
              {!hidden('timeline') && view.compare === null && (
                <TimelineBar
                  summary={live?.timeline ?? null}
                  scrubbed={scrub?.iteration ?? null}
                  onScrub={scrubTo}
                  onBranch={async () => {
                    if (scrub === null) return '';
                    const message = await controls.timeline.branch(scrub.iteration);
                    scrubbing.leave();
                    return message;
                  }}
                  setAside={scrubbing.setAside}
                  onBranchSetAside={() =>
                    scrubbing.branchWithSetAside((iteration, next) =>
                      controls.recover(iteration, next, compareOf(next)),
                    )
                  }
                  onDismissSetAside={scrubbing.dismissSetAside}
                />
              )}
              <Workspace {...views} settings={settings} />
              <footer className="app-footer">
                Everything runs in your browser. The whole setup lives in the link: share it to
                reproduce this experiment. Press <kbd>?</kbd> for keyboard shortcuts.
              </footer>
            </>
          )}
        </div>
      </FileStampContext.Provider>
    </CurveViewProvider>
  );
}
