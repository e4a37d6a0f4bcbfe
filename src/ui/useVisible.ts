import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';

/**
 * Views out of sight do not redraw: the page's work follows what is on screen, not how many views
 * are open (issue #15: on a loaded laptop every chart redrawing ten times a second, most of them
 * scrolled away, left no time for the frames that are seen).
 *
 * A view's content is drawn while it is in sight. Out of sight it keeps what it drew last (the
 * same React element, which React does not render again) and catches up MAX_STALE_MS after the
 * first update it skipped: a view scrolled to later, a test or an export finds a state at most a
 * couple of seconds old, at a few percent of the cost of ten redraws a second. A view coming into
 * sight draws the latest state at once.
 */

/**
 * How long a view out of sight goes without catching up with the updates it skipped; each view
 * adds up to STAGGER_MS of its own, so that hidden views do not all redraw in the same task.
 */
export const MAX_STALE_MS = 2000;
export const STAGGER_MS = 600;
/** Views this close to the viewport count as in sight (they draw before they scroll in). */
const SIGHT_MARGIN = '120px';

/** What a view does at one render: draw its content anew, or keep the content drawn last. */
export type SightDecision = 'draw' | 'keep';

/** The drawing decisions of one view, render after render (pure: unit-tested in Node). */
export class SightGate {
  /** How many times the content was drawn. */
  draws = 0;
  /** The catch-up round of the last drawing (see `decide`). */
  private drawnRound = -1;
  /** When the first update since the last drawing was skipped (ms), or null. */
  private staleSince: number | null = null;

  /** `stagger`: this view's share of STAGGER_MS, in [0, 1). */
  constructor(private readonly stagger = 0) {}

  /**
   * At a render at `now` (ms): `inSight` whether the view is on screen; `round` counts the
   * catch-up timers that expired. Draws when in sight, the first time, and once per expired
   * catch-up timer.
   */
  decide(inSight: boolean, round: number, now: number): SightDecision {
    if (inSight || this.draws === 0 || round !== this.drawnRound) {
      this.draws += 1;
      this.drawnRound = round;
      this.staleSince = null;
      return 'draw';
    }
    this.staleSince ??= now;
    return 'keep';
  }

  /** After a skipped update at `now`: how long until the view catches up (ms). */
  catchUpMs(now: number): number {
    const deadline = (this.staleSince ?? now) + MAX_STALE_MS + this.stagger * STAGGER_MS;
    return Math.max(0, deadline - now);
  }
}

/**
 * Whether the element `ref` holds is on screen (or within SIGHT_MARGIN of it), from an
 * IntersectionObserver; true until it has reported, and where there is none.
 */
export function useInSight<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [inSight, setInSight] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry !== undefined) setInSight(entry.isIntersecting);
      },
      { rootMargin: SIGHT_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, inSight];
}

/**
 * The content `render` makes, drawn only as SightGate decides: out of sight, the content drawn
 * last, brought up to date about MAX_STALE_MS after the first skipped update. `draws` counts the
 * drawings (tests read it).
 */
export function useSightGated(
  inSight: boolean,
  render: () => ReactNode,
): { content: ReactNode; draws: number } {
  const gate = useRef<SightGate | null>(null);
  gate.current ??= new SightGate(Math.random());
  const kept = useRef<ReactNode>(null);
  const [round, setRound] = useState(0);
  const decision = gate.current.decide(inSight, round, performance.now());
  if (decision === 'draw') kept.current = render();
  useEffect(() => {
    // Restarted by every skipped update, towards the same deadline.
    if (decision !== 'keep') return;
    const delay = gate.current?.catchUpMs(performance.now()) ?? MAX_STALE_MS;
    const timer = window.setTimeout(() => setRound((r) => r + 1), delay);
    return () => window.clearTimeout(timer);
  });
  return { content: kept.current, draws: gate.current.draws };
}
