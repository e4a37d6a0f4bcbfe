import { useId, useRef, useState } from 'react';
import {
  type ClaimMetric,
  PRESETS,
  type Preset,
  type PresetClaim,
  presetById,
  compareConfig as presetCompareConfig,
  presetConfig,
} from '../config/presets';
import { CONFIG_KEYS, type ConfigKey, type PlaygroundConfig } from '../config/schema';
import {
  type ClaimStatus,
  claimStatus,
  firstSentence,
  pendingClaimNote,
  runPhase,
} from '../config/summary';
import { formatValue } from '../config/url';
import type { SnapshotMetrics } from '../worker/protocol';
import { Dialog, type DialogHandle } from './Dialog';
import {
  isRoomyScreen,
  lessonCardStartsOpen,
  readLessonCardChoice,
  rememberLessonCardChoice,
} from './lessonDisclosure';

/** Settings that change how a run is computed or measured, not what it learns. */
const NEUTRAL_KEYS: ReadonlySet<ConfigKey> = new Set(['backend']);

/** The settings that differ from the lesson's. */
export function changedFromPreset(config: PlaygroundConfig, preset: Preset): ConfigKey[] {
  const base = presetConfig(preset);
  return CONFIG_KEYS.filter(
    (key) =>
      !NEUTRAL_KEYS.has(key) && formatValue(key, config[key]) !== formatValue(key, base[key]),
  );
}

/** How the lesson's comparison run differs from the lesson's own settings. */
function compareChanges(preset: Preset): Partial<PlaygroundConfig> {
  const other = presetCompareConfig(preset);
  if (other === null) return {};
  const base = presetConfig(preset);
  const keys = CONFIG_KEYS.filter(
    (key) => formatValue(key, other[key]) !== formatValue(key, base[key]),
  );
  return Object.fromEntries(keys.map((key) => [key, other[key]])) as Partial<PlaygroundConfig>;
}

/** The link of a lesson, as the gallery's cards point to it. */
export function presetHref(preset: Preset): string {
  return `#v=1&preset=${preset.id}`;
}

/**
 * The gallery of lessons: a button that opens a dialog of cards, each a link (so a lesson can be
 * opened in a new tab or copied as a URL), each with its story's first sentence.
 */
export function LessonGallery({ current }: { current: string | null }) {
  const dialog = useRef<DialogHandle>(null);
  return (
    <>
      <button type="button" onClick={() => dialog.current?.open()} data-testid="lessons-button">
        Lessons
      </button>
      <Dialog ref={dialog} title="Lessons" className="lessons-dialog" testId="lessons-dialog">
        <p className="dialog-lead">
          Each lesson sets up an experiment and says what to look for; press Play and watch it
          happen. Every lesson is a link you can share.
        </p>
        <ul className="lesson-grid">
          {PRESETS.map((preset, index) => (
            <li key={preset.id}>
              <a
                className="lesson-tile"
                href={presetHref(preset)}
                aria-current={preset.id === current ? 'page' : undefined}
                data-preset={preset.id}
                onClick={() => dialog.current?.close()}
              >
                <span className="lesson-number">{index + 1}</span>
                <span className="lesson-title">{preset.title}</span>
                <span className="lesson-summary">{firstSentence(preset.story)}</span>
              </a>
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}

/** How a metric is named in a claim's live read-out. */
const METRIC_LABELS: Readonly<Record<ClaimMetric, string>> = {
  modesCovered: 'modes covered',
  mmdSquared: 'MMD²',
  mmdSquaredMedian: 'MMD² (median h)',
  wasserstein1: 'W1',
  slicedWasserstein: 'sliced W1',
  meanDFake: 'D(fake)',
  meanDReal: 'D(real)',
  generatorGradNorm: '‖∇G‖',
  discriminatorGradNorm: '‖∇D‖',
  js: 'JS',
  kl: 'KL',
  ks: 'KS',
  highQualityShare: 'share near a mode',
};

function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 0.01 ? value.toFixed(3) : value.toExponential(2);
}

/** The claim's verdict, in the few words the folded card has room for. */
function shortVerdict(status: ClaimStatus, claim: PresetClaim): string {
  if (status === 'holds') return 'Holds now:';
  if (status === 'fails') return 'Does not hold now:';
  return `Claim from iteration ${claim.afterIterations.toLocaleString('en')}:`;
}

/**
 * The lesson's claim, checked live: pending until its iteration, then whether it holds, with the
 * measured value. What it asks of the reader follows the run ("press Play" only when nothing
 * trains). Folded, it keeps to one line: its verdict and the claim, cut to fit.
 */
function LessonClaim({
  claim,
  metrics,
  iteration,
  running,
  compact,
}: {
  claim: PresetClaim;
  metrics: SnapshotMetrics | null;
  iteration: number;
  running: boolean;
  compact: boolean;
}) {
  const status = claimStatus(claim, metrics, iteration);
  const value = metrics === null ? null : metrics[claim.metric];
  const phase = runPhase(iteration, running);
  const progress = (
    <progress
      max={1}
      value={Math.min(1, iteration / claim.afterIterations)}
      aria-label="Progress to the check"
    />
  );
  const detail =
    status === 'pending'
      ? pendingClaimNote(claim, iteration, phase)
      : `${status === 'holds' ? 'holds now' : 'does not hold now'}: ${METRIC_LABELS[claim.metric]} = ${formatMetric(value)} (${claim.comparison === '<' ? 'below' : 'above'} ${claim.value} expected)`;
  return (
    <div
      className={`lesson-claim claim-${status}${compact ? ' is-compact' : ''}`}
      data-testid="lesson-claim"
      data-status={status}
      data-phase={phase}
      data-metric={claim.metric}
      data-value={value ?? ''}
      role="status"
      title={compact ? `${claim.text} — ${detail}` : undefined}
    >
      <span className="claim-icon" aria-hidden="true">
        {status === 'holds' ? '✓' : status === 'fails' ? '✗' : '…'}
      </span>
      {compact ? (
        <>
          <span className="claim-verdict">{shortVerdict(status, claim)}</span>
          <span className="claim-text">{claim.text}</span>
          {status === 'pending' && progress}
        </>
      ) : (
        <span>
          <strong>{claim.text}</strong> — {detail} {status === 'pending' && progress}
        </span>
      )}
    </div>
  );
}

/**
 * The open lesson: its story, what to look for, and its claim checked live against the run's
 * latest measurements, with a way back to the lesson's settings when they were changed. The card
 * folds to one line (title, claim, buttons) so that the plots it talks about fit on the screen;
 * it opens folded on a short screen, and the reader's choice holds for the tab (lessonDisclosure).
 */
export function LessonCard({
  presetId,
  config,
  metrics,
  iteration,
  running,
  onRestore,
  onCompare,
  onClose,
}: {
  presetId: string;
  config: PlaygroundConfig;
  metrics: SnapshotMetrics | null;
  iteration: number;
  /** Whether the run trains now: the claim's line says "press Play" only when it does not. */
  running: boolean;
  onRestore: (config: PlaygroundConfig) => void;
  /** Trains the lesson's comparison run side by side. */
  onCompare: (compare: Partial<PlaygroundConfig>) => void;
  onClose: () => void;
}) {
  const [open, setOpen] = useState(() =>
    lessonCardStartsOpen(readLessonCardChoice(), isRoomyScreen()),
  );
  const bodyId = useId();
  const preset = presetById(presetId);
  if (preset === undefined) return null;
  const { claim } = preset;
  const changed = changedFromPreset(config, preset);
  const claimLine = (
    <LessonClaim
      claim={claim}
      metrics={metrics}
      iteration={iteration}
      running={running}
      compact={!open}
    />
  );
  return (
    <section
      className={`lesson-card${open ? '' : ' is-folded'}`}
      aria-labelledby="lesson-title"
      data-testid="lesson-card"
      data-open={open}
    >
      <header className="lesson-header">
        <h2 id="lesson-title">
          <span className="lesson-kicker">Lesson {PRESETS.indexOf(preset) + 1}</span> {preset.title}
        </h2>
        {!open && claimLine}
        <div className="lesson-actions">
          <button
            type="button"
            className="small-button"
            aria-expanded={open}
            aria-controls={bodyId}
            data-testid="lesson-toggle"
            onClick={() => {
              rememberLessonCardChoice(open ? 'folded' : 'open');
              setOpen(!open);
            }}
          >
            <span aria-hidden="true">{open ? '▴' : '▾'}</span> {open ? 'Hide' : 'Show'} the story
          </button>
          <button type="button" className="small-button" onClick={onClose}>
            Close lesson
          </button>
        </div>
      </header>
      <div id={bodyId} className="lesson-body" hidden={!open}>
        <p className="lesson-story">{preset.story}</p>
        {preset.compare !== undefined && (
          <p>
            <button
              type="button"
              className="small-button"
              data-testid="lesson-compare"
              onClick={() => onCompare(compareChanges(preset))}
            >
              Compare side by side with: {preset.compare.label}
            </button>
          </p>
        )}
        <h3>What to look for</h3>
        <ul className="lesson-look">
          {preset.lookFor.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {open && claimLine}
      </div>
      {changed.length > 0 && (
        <p className="lesson-modified" data-testid="lesson-modified">
          You changed {changed.length === 1 ? 'one setting' : `${changed.length} settings`} of this
          lesson, so its claim may not hold.{' '}
          <button
            type="button"
            className="small-button"
            onClick={() => onRestore(presetConfig(preset))}
          >
            Restore the lesson's settings
          </button>
        </p>
      )}
    </section>
  );
}
