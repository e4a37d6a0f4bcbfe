import { useId, useState } from 'react';
import type { TimelineSummary } from '../worker/protocol';
import type { SetAsideEdits } from './useTimelineScrub';

/**
 * The run's timeline: a slider over the frames the worker keeps (its right end is "live"), a way
 * back to live, and "Branch from here", which continues the run from the frame shown, with any
 * settings changed meanwhile.
 */
export function TimelineBar({
  summary,
  scrubbed,
  onScrub,
  onBranch,
  setAside,
  onBranchSetAside,
  onDismissSetAside,
}: {
  summary: TimelineSummary | null;
  /** The iteration shown from the timeline, or null when live. */
  scrubbed: number | null;
  onScrub: (iteration: number | null) => void;
  onBranch: () => Promise<string>;
  /** Settings changed while scrubbed, set aside by going back to live; null when none. */
  setAside: SetAsideEdits | null;
  onBranchSetAside: () => Promise<string>;
  onDismissSetAside: () => void;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const id = useId();
  const iterations = summary?.iterations ?? [];
  const live = iterations.length;
  const index = scrubbed === null ? live : Math.max(0, iterations.indexOf(scrubbed));
  const label =
    scrubbed === null
      ? 'live'
      : `iteration ${scrubbed.toLocaleString('en')} (${index + 1} of ${iterations.length} frames)`;
  const attempt = async (action: () => Promise<string>): Promise<void> => {
    try {
      setMessage({ text: await action(), error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  };
  const branch = (): Promise<void> => attempt(onBranch);
  return (
    <section
      className={`timeline${scrubbed === null ? '' : ' is-scrubbed'}`}
      aria-label="Timeline"
      data-testid="timeline"
      data-frames={iterations.length}
      data-scrubbed={scrubbed ?? ''}
    >
      <label htmlFor={id}>Timeline</label>
      <input
        id={id}
        type="range"
        min={0}
        max={live}
        step={1}
        value={index}
        disabled={iterations.length === 0}
        aria-valuetext={label}
        onChange={(event) => {
          const next = Number(event.currentTarget.value);
          setMessage(null);
          onScrub(next >= live ? null : (iterations[next] ?? null));
        }}
      />
      <output htmlFor={id} className="timeline-label">
        {label}
      </output>
      <button
        type="button"
        className="small-button"
        disabled={scrubbed === null}
        onClick={() => onScrub(null)}
      >
        Back to live
      </button>
      <button
        type="button"
        className="small-button"
        disabled={scrubbed === null || summary?.branchable === false}
        title="Continue training from this frame, with the settings as they are now"
        onClick={() => void branch()}
      >
        Branch from here
      </button>
      {scrubbed !== null && (
        <span className="timeline-hint">
          Training is paused; settings you change now apply to the branch (Back to live sets them
          aside).
        </span>
      )}
      {setAside !== null && (
        <span role="status" className="timeline-hint" data-testid="timeline-set-aside">
          Back to the live run, kept as it was. The settings changed at iteration{' '}
          {setAside.iteration.toLocaleString('en')} were for a branch and were set aside:{' '}
          {setAside.changes}.{' '}
          <button
            type="button"
            className="small-button"
            onClick={() => void attempt(onBranchSetAside)}
          >
            Branch from iteration {setAside.iteration.toLocaleString('en')} with them
          </button>{' '}
          <button
            type="button"
            className="small-button"
            aria-label="Dismiss: keep the live run's settings"
            onClick={onDismissSetAside}
          >
            Dismiss
          </button>
        </span>
      )}
      {message !== null && (
        <span
          role="status"
          data-testid="timeline-message"
          className={message.error ? 'timeline-error' : 'timeline-hint'}
        >
          {message.text}
        </span>
      )}
    </section>
  );
}
