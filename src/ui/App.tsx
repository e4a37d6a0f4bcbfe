import { useEffect, useMemo, useRef, useState } from 'react';
import { isPartHidden } from '../config/needs';
import { type ConfigKey, dataDimension, type PlaygroundConfig } from '../config/schema';
import {
  type CompareOverrides,
  compareConfig,
  type DistributionLayers,
  SHARED_BY_COMPARISON,
} from '../config/view';
import { BACKEND_LABELS, type SavedRun, type Snapshot, type UserPoints } from '../worker/protocol';
import { BusyProgress } from './BusyProgress';
import { CompareView } from './CompareView';
import { CopyLinkButton } from './CopyLinkButton';
import { ChartCard } from './charts/ChartCard';
import { CurveCard } from './charts/CurveCard';
import { DistributionPlot, LAYERS_OF_DIMENSION } from './charts/DistributionPlot';
import { FileStampContext, fileStamp } from './charts/fileStamp';
import { createHoverStore, HoverContext } from './charts/hover';
import { BandwidthSlider, KernelView } from './charts/KernelView';
import type { LineSeries } from './charts/LineChart';
import { ModelOverview } from './charts/ModelOverview';
import { NoiseView } from './charts/NoiseView';
import { COLOURS, SAMPLES_LEGEND } from './charts/palette';
import { stepAxisEnd } from './charts/scales';
import { exponentialMovingAverage } from './charts/series';
import { TrainingCurves } from './charts/TrainingCurves';
import { ControlPanel } from './controls/ControlPanel';
import { Dialog, type DialogHandle } from './Dialog';
import { ViewBoundary } from './ErrorBoundary';
import { ExperimentsPanel, openLink } from './experiments/ExperimentsPanel';
import { compareAsSnapshot } from './history';
import { KeptRunNotes, KeptRunsBanner } from './KeptRunsBanner';
import { compareOverridesOf } from './keptRuns';
import { LessonCard, LessonGallery } from './Lessons';
import { MetricsPanel } from './MetricsPanel';
import { UpdateBanner } from './offline/UpdateBanner';
import { PointsEditor } from './PointsEditor';
import { DivergencePanel, NoticeBanner } from './Recovery';
import { SamplesCsvButton } from './SamplesCsvButton';
import { ShareMenu } from './ShareMenu';
import { ShortcutTable, useShortcuts } from './shortcuts';
import { useSlowMotion } from './slowMotion';
import { TimelineBar } from './TimelineBar';
import { isFirstVisit, startTour } from './tour';
import { useKeptRuns } from './useKeptRuns';
import { type Fixes, useLink } from './useLink';
import { useTimelineScrub } from './useTimelineScrub';
import { type TrainerControls, type TrainerState, useTrainer } from './useTrainer';

export function App() {
  const { config, view, fixes, setValue, replaceConfig, updateView, dismissFixes } = useLink();
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
  const [hover] = useState(createHoverStore);
  const help = useRef<DialogHandle>(null);
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
  // The tour waits for the first snapshot, so the plots it points at are drawn; never in embeds.
  useEffect(() => {
    if (ready && !view.embed && isFirstVisit()) startTour();
  }, [ready, view.embed]);
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
  const snapshot: Snapshot | null =
    scrub === null || live === null
      ? live
      : {
          ...live,
          iteration: scrub.iteration,
          dimension: scrub.dimension,
          generated: scrub.generated,
          real: scrub.real,
          fields: scrub.fields,
          metrics: scrub.metrics ?? live.metrics,
        };
  const fields = snapshot?.fields ?? null;
  // Until the first snapshot of a new data set arrives, the plot keeps the previous run's points.
  const dimension = snapshot?.dimension ?? dataDimension(config, points);
  const trainsDiscriminator = config.objective !== 'mmd';
  // The step axis every curve shares, so that hovering one reads all of them at one iteration.
  const axisEnd = stepAxisEnd(trainer.history.lastIteration);
  const xDomain = useMemo(() => [0, axisEnd] as const, [axisEnd]);

  return (
    <HoverContext.Provider value={hover}>
      <FileStampContext.Provider
        value={fileStamp(view.preset ?? config.dataset, snapshot?.iteration ?? null)}
      >
        <div className={`app${view.embed ? ' is-embed' : ''}`}>
          {view.embed ? (
            <header className="embed-header">
              <span className="embed-title">GAN Playground</span>
              <a href={fullPageLink()} target="_blank" rel="noopener">
                Open the full playground ↗
              </a>
            </header>
          ) : (
            <header className="app-header">
              <div>
                <h1>GAN Playground</h1>
                <p className="tagline">
                  Watch a generator learn to imitate data, live, while a discriminator tells it how.
                </p>
              </div>
              <nav className="header-actions" aria-label="Playground">
                {!hidden('lessons') && <LessonGallery current={view.preset} />}
                <ExperimentsPanel
                  config={config}
                  view={view}
                  snapshot={trainer.snapshot}
                  latestRun={() => latestRun.current}
                  onOpen={async (link, run) => {
                    if (run !== null) await restoreSavedRun(run);
                    openLink(link);
                  }}
                />
                {!hidden('share') && (
                  <>
                    <ShareMenu
                      config={config}
                      preset={view.preset}
                      points={points}
                      generator={controls.generatorFiles}
                      onImport={(next, importFixes) => {
                        updateView((current) => ({ ...current, preset: null }));
                        replaceConfig(next, importFixes);
                      }}
                    />
                    <CopyLinkButton />
                  </>
                )}
                <button
                  type="button"
                  aria-pressed={view.compare !== null}
                  className="toggle-button"
                  data-testid="compare-button"
                  title="Train a second run with some settings changed, side by side with this one"
                  onClick={() => setCompare(view.compare === null ? {} : null)}
                >
                  Compare
                </button>
                <button
                  type="button"
                  onClick={() => help.current?.open()}
                  aria-label="Help and keyboard shortcuts"
                  title="Help and keyboard shortcuts (?)"
                >
                  ?
                </button>
              </nav>
            </header>
          )}
          <Dialog ref={help} title="Help" testId="help-dialog">
            <p className="dialog-lead">
              Pick a target distribution and the two networks' settings on the left, press Play, and
              watch the generator's samples (orange) chase the real ones (blue). Every setting is in
              the link: share it to reproduce the experiment.
            </p>
            <h3>Keyboard</h3>
            <ShortcutTable />
            <p>
              <button
                type="button"
                onClick={() => {
                  help.current?.close();
                  startTour();
                }}
              >
                Take the tour
              </button>
            </p>
          </Dialog>

          {fixes !== null && <FixesBanner fixes={fixes} onDismiss={dismissFixes} />}
          {!view.embed && <UpdateBanner running={running} keep={saver.flush} />}
          {view.preset !== null && !hidden('lessons') && (
            <LessonCard
              presetId={view.preset}
              config={config}
              metrics={live?.metrics ?? null}
              iteration={live?.iteration ?? 0}
              onRestore={(next) => replaceConfig(next)}
              onCompare={setCompare}
              onClose={() => updateView((current) => ({ ...current, preset: null }))}
            />
          )}
          {saver.runs.length > 0 && !view.embed && (
            <KeptRunsBanner
              runs={saver.runs}
              tab={saver.tab}
              onRestore={(id) => saver.restore(id, restoreSavedRun)}
              onForget={saver.forget}
              onDismiss={saver.dismiss}
            />
          )}
          {saver.notes.length > 0 && !view.embed && (
            <KeptRunNotes notes={saver.notes} onDismiss={saver.dismissNotes} />
          )}
          {trainer.divergence !== null && (
            <DivergencePanel
              divergence={trainer.divergence}
              config={config}
              onRecover={async (iteration, next) => {
                scrubbing.leave();
                // Run B keeps its own changes on top of run A's new settings.
                await controls.recover(iteration, next, compareOf(next));
                replaceConfig(next);
              }}
              onReset={(next) => {
                scrubbing.leave();
                controls.dismissDivergence();
                replaceConfig(next);
              }}
              onDismiss={controls.dismissDivergence}
            />
          )}
          {trainer.notice !== null && (
            <NoticeBanner message={trainer.notice} onDismiss={controls.dismissNotice} />
          )}
          {trainer.error !== null && (
            <div className="banner banner-error" role="alert" data-testid="error">
              <p>{trainer.error}</p>
              <button type="button" onClick={controls.dismissError}>
                Dismiss
              </button>
            </div>
          )}

          {!hidden('toolbar') && (
            <Toolbar
              state={trainer}
              controls={liveControls}
              hasDiscriminator={trainsDiscriminator}
              slowMotion={slowMotion}
              onSlowMotion={(on) => {
                scrubbing.toLive();
                setSlowMotion(on);
              }}
            />
          )}
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

          <main className={`workspace${hidden('controls') ? ' no-controls' : ''}`}>
            {!hidden('controls') && (
              <ControlPanel config={config} onChange={setValue} hidden={hidden} />
            )}
            <div className="charts">
              {!hidden('overview') && (
                <div className="full-width">
                  <ViewBoundary name="model overview">
                    <ModelOverview
                      config={config}
                      snapshot={snapshot}
                      history={trainer.history}
                      narration={narration}
                      onFocus={(target) => {
                        if (target.view === 'distribution-plot' && target.layer !== undefined) {
                          const layer = target.layer;
                          setLayers((current) => ({ ...current, [layer]: true }));
                        }
                        focusView(target.view);
                      }}
                    />
                  </ViewBoundary>
                </div>
              )}
              {view.compare !== null && (
                <div className="full-width">
                  <CompareView
                    config={config}
                    compare={view.compare}
                    snapshotA={live}
                    snapshotB={compareAsSnapshot(live)}
                    historyA={trainer.history}
                    historyB={trainer.compareHistory}
                    layers={layers}
                    xDomain={xDomain}
                    onChange={setCompare}
                    onClose={() => setCompare(null)}
                  />
                </div>
              )}
              {config.dataset === 'points' && !hidden('points') && (
                <div className="full-width">
                  <PointsEditor points={points} onChange={setPoints} />
                </div>
              )}
              <ChartCard
                title="Real vs generated"
                info={
                  dimension === 2
                    ? "Blue points are real samples, orange ones the generator's output for a fixed batch of noise. Behind them the discriminator's verdict (blue: 'real', orange: 'generated'), the grey mesh is a grid of noise bent by the generator, and the red arrows show where the generator's loss pushes each sample."
                    : "Blue bars are the real distribution and the orange outline the generator's, each with its smoothed density (solid blue, dashed orange). The green curve is the discriminator's verdict D(x) over the axis: training succeeds when it flattens at ½ because the two distributions coincide."
                }
                legend={SAMPLES_LEGEND}
                testId="distribution-plot"
                data={{
                  'data-dimension': dimension,
                  'data-iteration': snapshot?.iteration ?? 0,
                  'data-generated-digest': snapshot ? digest(snapshot.generated) : '',
                  'data-generated-count': snapshot ? snapshot.generated.length / dimension : 0,
                  'data-field-cells': fields?.discriminator?.length ?? 0,
                  'data-manifold-points': fields ? fields.manifold.length / dimension : 0,
                  'data-push-arrows': fields ? fields.push.length / dimension : 0,
                  'data-layers': LAYERS_OF_DIMENSION[dimension]
                    .filter((name) => layers[name])
                    .join(' '),
                }}
                actions={
                  <>
                    <LayerToggles
                      layers={layers}
                      dimension={dimension}
                      hasDiscriminator={trainsDiscriminator}
                      onChange={(next) => setLayers(() => next)}
                    />
                    <SamplesCsvButton snapshot={snapshot} />
                  </>
                }
                aspect={dimension === 2 ? 1 : 0.62}
              >
                {(size) =>
                  snapshot ? (
                    <DistributionPlot
                      size={size}
                      dimension={snapshot.dimension}
                      real={snapshot.real}
                      generated={snapshot.generated}
                      fields={fields}
                      layers={layers}
                    />
                  ) : (
                    <p className="placeholder">Starting the training worker…</p>
                  )
                }
              </ChartCard>
              <div className="curves">
                <CurveCard
                  title="Losses"
                  info="Each network's loss under the chosen objective, averaged over each stretch of iterations. For the non-saturating GAN at equilibrium D outputs ½ everywhere: L_D → 2·ln 2 ≈ 1.39 and L_G → ln 2 ≈ 0.69."
                  testId="loss-chart"
                  yLabel="loss"
                  xDomain={xDomain}
                  data={{ 'data-smoothed': String(smoothLosses) }}
                  references={
                    config.objective === 'nonSaturating'
                      ? [
                          { value: 2 * Math.LN2, label: '2 ln 2' },
                          { value: Math.LN2, label: 'ln 2' },
                        ]
                      : []
                  }
                  actions={
                    <label
                      className="chart-toggle"
                      title="Exponential moving average over ~20 points"
                    >
                      <input
                        type="checkbox"
                        checked={smoothLosses}
                        onChange={(event) => setSmoothLosses(event.currentTarget.checked)}
                      />
                      smoothed
                    </label>
                  }
                  lines={lossLines(
                    [
                      ...(trainsDiscriminator
                        ? [
                            {
                              label: 'discriminator',
                              colour: COLOURS.discriminator,
                              series: trainer.history.discriminatorLoss,
                            },
                          ]
                        : []),
                      {
                        label: 'generator',
                        colour: COLOURS.generator,
                        series: trainer.history.generatorLoss,
                      },
                    ],
                    smoothLosses,
                  )}
                />
                <CurveCard
                  title={`Gaussian-kernel MMD² (h = ${trainer.history.kernelBandwidth || config.kernelBandwidth})`}
                  info="The squared maximum mean discrepancy between the plotted real and generated samples, with the kernel k(x,y) = exp(−‖x−y‖²/2h²) (unbiased estimate, Gretton et al. 2012). It falls towards 0 as the two distributions become indistinguishable to the kernel."
                  testId="mmd-chart"
                  yLabel="MMD²"
                  xDomain={xDomain}
                  data={{
                    'data-latest': snapshot?.metrics
                      ? snapshot.metrics.mmdSquared.toPrecision(4)
                      : '',
                  }}
                  lines={[
                    {
                      label: 'MMD²',
                      colour: COLOURS.mmd,
                      series: trainer.history.metrics.mmdSquared,
                    },
                  ]}
                />
                {!hidden('noise') && (
                  <ChartCard
                    title={`The noise z (σ = ${config.noiseSigma})`}
                    info={
                      dimension === 1
                        ? "The pink area is the law of one noise coordinate z₁, with ±σ marked; the orange curve is the map z₁ → G(z₁) the generator has learnt, how it stretches and folds the noise into the data's shape."
                        : 'The law of one noise coordinate z₁, with ±σ marked. The generator bends this noise into the data: its grid of noise values is the grey mesh in the plot of real vs generated samples.'
                    }
                    legend={[
                      { label: 'noise density', colour: COLOURS.mmd },
                      ...(dimension === 1
                        ? [{ label: 'z₁ → G(z)', colour: COLOURS.generated }]
                        : []),
                    ]}
                    testId="noise-view"
                    data={{ 'data-sigma': config.noiseSigma, 'data-law': config.noiseDistribution }}
                  >
                    {(size) => (
                      <NoiseView
                        size={size}
                        sigma={config.noiseSigma}
                        law={config.noiseDistribution}
                        dimension={dimension}
                        fields={fields}
                      />
                    )}
                  </ChartCard>
                )}
              </div>
              {!hidden('kernel') && (
                <div className="full-width">
                  <ChartCard
                    title="The Gaussian kernel, made visible"
                    info="Left, the kernel between every pair of a batch of real and generated points: MMD² is the mean of the real–real block plus the generated–generated block minus twice the real–generated one, so it vanishes when the blocks look alike. Right, the witness function the kernel uses to tell the samples apart, to set beside the discriminator's heatmap; the slider changes h live."
                    legend={[
                      { label: 'more real', colour: COLOURS.real },
                      { label: 'more generated', colour: COLOURS.generated },
                    ]}
                    testId="kernel-view"
                    data={{
                      'data-bandwidth': config.kernelBandwidth,
                      'data-witness-cells': fields?.witness.length ?? 0,
                    }}
                    aspect={0.5}
                    actions={
                      <BandwidthSlider
                        value={config.kernelBandwidth}
                        onChange={(h) => setValue('kernelBandwidth', h)}
                      />
                    }
                  >
                    {(size) =>
                      snapshot ? (
                        <KernelView
                          size={size}
                          snapshot={snapshot}
                          bandwidth={config.kernelBandwidth}
                        />
                      ) : null
                    }
                  </ChartCard>
                </div>
              )}
              {!hidden('curves') && (
                <div className="full-width">
                  <TrainingCurves
                    metrics={trainer.history.metrics}
                    xDomain={xDomain}
                    objective={config.objective}
                    dimension={dimension}
                    modeCount={snapshot?.metrics?.modeCount ?? null}
                  />
                </div>
              )}
              {!hidden('metrics') && (
                <div className="full-width">
                  <MetricsPanel metrics={snapshot?.metrics ?? null} />
                </div>
              )}
            </div>
          </main>
          {!view.embed && (
            <footer className="app-footer">
              Everything runs in your browser. The whole setup lives in the link: share it to
              reproduce this experiment. Press <kbd>?</kbd> for keyboard shortcuts.
            </footer>
          )}
        </div>
      </FileStampContext.Provider>
    </HoverContext.Provider>
  );
}

/**
 * Scrolls a chart card into view, moves keyboard focus to it and flashes its outline, so the eye
 * finds it (no smooth scrolling for those who asked the system for reduced motion).
 */
function focusView(view: string): void {
  const card = document.getElementById(`view-${view}`);
  if (card === null) return;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  card.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'center' });
  card.focus({ preventScroll: true });
  card.classList.remove('focused');
  // Restart the animation when the same card is focused twice in a row.
  void card.offsetWidth;
  card.classList.add('focused');
}

/** Smoothing weight of the loss curves' moving average: about the last 20 points. */
const LOSS_SMOOTHING = 0.05;

/**
 * The loss curves as drawn: as they are, or each raw curve faint under its exponential moving
 * average (the raw points stay visible, the trend becomes readable).
 */
function lossLines(lines: LineSeries[], smooth: boolean): LineSeries[] {
  if (!smooth) return lines;
  return lines.flatMap((line) => [
    { ...line, faint: true },
    {
      ...line,
      series: { x: line.series.x, y: exponentialMovingAverage(line.series.y, LOSS_SMOOTHING) },
    },
  ]);
}

/** A short fingerprint of the first generated points, so tests can see the points move. */
function digest(points: Float32Array): string {
  let sum = 0;
  for (let i = 0; i < Math.min(points.length, 64); i++) sum += (points[i] as number) * (i + 1);
  return sum.toFixed(5);
}

/** The same page without `embed=1`: the embed's way out to the full playground. */
function fullPageLink(): string {
  const url = new URL(window.location.href);
  url.hash = url.hash
    .replace(/(^#|&)embed=[^&]*/i, '$1')
    .replace(/&&+/g, '&')
    .replace(/&$/, '');
  return url.href;
}

function Toolbar({
  state,
  controls,
  hasDiscriminator,
  slowMotion,
  onSlowMotion,
}: {
  state: TrainerState;
  controls: TrainerControls;
  hasDiscriminator: boolean;
  slowMotion: boolean;
  onSlowMotion: (on: boolean) => void;
}) {
  const snapshot = state.snapshot;
  const running = snapshot?.running ?? false;
  const ready = !state.starting && snapshot !== null;
  return (
    <section className="toolbar" aria-label="Training" data-tour="toolbar">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={!ready}
          onClick={running ? controls.pause : controls.play}
          aria-keyshortcuts="Space"
        >
          {running ? 'Pause' : 'Play'}
        </button>
        <fieldset className="step-group">
          <legend className="visually-hidden">Step by step</legend>
          <button
            type="button"
            disabled={!ready}
            onClick={() => controls.step('iteration')}
            aria-keyshortcuts="S"
            title="One iteration: k discriminator updates, then one generator update (S)"
          >
            Step
          </button>
          <button
            type="button"
            disabled={!ready || !hasDiscriminator}
            onClick={() => controls.step('discriminator')}
            aria-keyshortcuts="D"
            title="One discriminator update only (D)"
          >
            D step
          </button>
          <button
            type="button"
            disabled={!ready}
            onClick={() => controls.step('generator')}
            aria-keyshortcuts="G"
            title="One generator update only (G)"
          >
            G step
          </button>
        </fieldset>
        <button
          type="button"
          className="toggle-button"
          disabled={!ready}
          aria-pressed={slowMotion}
          onClick={() => {
            if (!slowMotion && running) controls.pause();
            onSlowMotion(!slowMotion);
          }}
          title="Narrate one iteration phase by phase on the model overview, running each update as it is told"
        >
          Slow motion
        </button>
        <button type="button" disabled={!ready} onClick={controls.reset} aria-keyshortcuts="R">
          Reset
        </button>
      </div>
      <dl className="stats">
        <div>
          <dt>Iteration</dt>
          <dd data-testid="iteration">{(snapshot?.iteration ?? 0).toLocaleString('en')}</dd>
        </div>
        <div title="Updates of each network so far: k discriminator updates and one generator update per iteration, or one at a time with D step and G step.">
          <dt>Updates</dt>
          <dd
            data-testid="update-counts"
            data-discriminator={snapshot?.updates.discriminator ?? 0}
            data-generator={snapshot?.updates.generator ?? 0}
          >
            {hasDiscriminator
              ? `D ${(snapshot?.updates.discriminator ?? 0).toLocaleString('en')} · `
              : ''}
            G {(snapshot?.updates.generator ?? 0).toLocaleString('en')}
          </dd>
        </div>
        <div>
          <dt>Iterations/s</dt>
          <dd data-testid="steps-per-second">{(snapshot?.stepsPerSecond ?? 0).toFixed(1)}</dd>
          <BusyProgress busy={state.busy} />
        </div>
        <div title="Live tfjs tensors and their bytes in the training worker; flat while training when nothing leaks.">
          <dt>Memory</dt>
          <dd data-testid="memory" data-tensors={snapshot?.memory.tensors ?? ''}>
            {snapshot
              ? `${snapshot.memory.tensors} tensors · ${formatBytes(snapshot.memory.tensorBytes)}`
              : '—'}
          </dd>
        </div>
        <div className="backend">
          <dt>Backend</dt>
          <dd data-testid="backend" data-backend={state.backend?.name ?? ''}>
            {state.backend ? BACKEND_LABELS[state.backend.name] : 'choosing…'}
            {state.backend && <span className="backend-reason">{state.backend.reason}</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** Checkboxes for the layers of the distribution view (those that exist for this model). */
function LayerToggles({
  layers,
  dimension,
  hasDiscriminator,
  onChange,
}: {
  layers: DistributionLayers;
  dimension: 1 | 2;
  hasDiscriminator: boolean;
  onChange: (layers: DistributionLayers) => void;
}) {
  const options: { key: keyof DistributionLayers; label: string; title: string }[] = [
    ...(hasDiscriminator
      ? [
          {
            key: 'discriminator' as const,
            label: dimension === 2 ? 'D heatmap' : 'D(x)',
            title: "The discriminator's output over the plot.",
          },
        ]
      : []),
    ...(dimension === 2
      ? [
          {
            key: 'manifold' as const,
            label: 'G manifold',
            title: 'A grid in noise space, mapped through the generator.',
          },
          {
            key: 'push' as const,
            label: 'gradients',
            title: "Where the generator's loss pushes each generated sample (−∇ₓ L_G).",
          },
        ]
      : [
          {
            key: 'density' as const,
            label: 'densities',
            title: "Smoothed densities: Gaussian kernel density estimates (Silverman's bandwidth).",
          },
        ]),
  ];
  return (
    <fieldset className="layer-toggles">
      <legend className="visually-hidden">Layers</legend>
      {options.map((option) => (
        <label key={option.key} className="chart-toggle" title={option.title}>
          <input
            type="checkbox"
            checked={layers[option.key]}
            onChange={(event) => onChange({ ...layers, [option.key]: event.currentTarget.checked })}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** 1234567 → "1.2 MB". */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function FixesBanner({
  fixes: { source, fixes },
  onDismiss,
}: {
  fixes: Fixes;
  onDismiss: () => void;
}) {
  return (
    <div className="banner banner-warning" role="alert" data-testid="link-fixes">
      <div>
        <p>
          <strong>
            {fixes.length === 1 ? 'One value' : `${fixes.length} values`} in{' '}
            {source === 'link' ? 'this link' : source} could not be used as given:
          </strong>
        </p>
        <ul>
          {fixes.map((fix, i) => (
            // Fixes can repeat a key (e.g. an unknown key given twice); the index keeps keys unique.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is static once shown.
            <li key={i} data-key={fix.key}>
              <code>{fix.key}</code>
              {fix.given !== '' && (
                <>
                  {' '}
                  = <code>{fix.given}</code>
                </>
              )}
              : {fix.reason}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
