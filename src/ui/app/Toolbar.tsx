import type { ReactNode } from 'react';
import { BACKEND_LABELS } from '../../worker/protocol';
import { BusyProgress } from '../BusyProgress';
import { InfoTip } from '../charts/ChartCard';
import type { TrainerControls, TrainerState } from '../useTrainer';

/**
 * Play/Pause, the step buttons, slow motion and Reset, with the run's live readouts. `compact`
 * (an embed) keeps Play, Step, Reset and the iteration: what fits a small frame.
 */
export function Toolbar({
  state,
  controls,
  hasDiscriminator,
  slowMotion,
  onSlowMotion,
  compact = false,
  extra,
  viewing = null,
}: {
  state: TrainerState;
  controls: TrainerControls;
  hasDiscriminator: boolean;
  slowMotion: boolean;
  onSlowMotion: (on: boolean) => void;
  compact?: boolean;
  /** More buttons at the end of the row (on a phone: Settings). */
  extra?: ReactNode;
  /** The iteration of the timeline frame shown instead of the live run, or null when live. */
  viewing?: number | null;
}) {
  const snapshot = state.snapshot;
  const running = snapshot?.running ?? false;
  const ready = !state.starting && snapshot !== null;
  return (
    <section
      className={compact ? 'toolbar is-compact' : 'toolbar'}
      aria-label="Training"
      data-tour="toolbar"
      data-testid="toolbar"
      data-backend={state.backend?.name ?? ''}
    >
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
          {!compact && (
            <>
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
            </>
          )}
        </fieldset>
        {!compact && (
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
        )}
        <button type="button" disabled={!ready} onClick={controls.reset} aria-keyshortcuts="R">
          Reset
        </button>
        {extra}
      </div>
      <dl className="stats">
        <div>
          <dt>Iteration</dt>
          <dd data-viewing={viewing ?? undefined}>
            {viewing !== null && (
              <>
                <span data-testid="iteration-viewed">{viewing.toLocaleString('en')}</span>{' '}
              </>
            )}
            <span className={viewing !== null ? 'iteration-live' : undefined}>
              {viewing !== null && '(viewing; live '}
              {/* The live snapshot's worker-side count and clock, for `npm run bench`. */}
              <span
                data-testid="iteration"
                data-worker-iteration={state.snapshot?.iteration}
                data-worker-time={state.snapshot?.workerTime}
              >
                {(snapshot?.iteration ?? 0).toLocaleString('en')}
              </span>
              {viewing !== null && ')'}
            </span>
          </dd>
        </div>
        {!compact && (
          <>
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
                {/* The reason in a tooltip: the toolbar keeps its height when it arrives. */}
                {state.backend && <InfoTip title="Backend" text={state.backend.reason} />}
              </dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}

/** 1234567 → "1.2 MB". */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
