/**
 * Back-pressure on the training loop's snapshots: the worker sends the next one only once the
 * page has drawn the previous one, so a page that falls behind (a loaded laptop, a canvas on a
 * slow GPU process) is never handed a queue of stale snapshots to work through: it gets the
 * newest state as soon as it is ready for one. Training goes on meanwhile; only the snapshots
 * wait.
 *
 * The page acknowledges a snapshot after the animation frame that follows its render (see
 * `TrainerWorkerApi.snapshotDrawn`). An acknowledgement can be lost (a hidden tab draws no
 * frames; a restarted page drops snapshots it does not show), so an unanswered snapshot is
 * given up on after a timeout that doubles each time it expires, up to a bound, and returns to
 * its base at the next acknowledgement: a hidden page gets a snapshot every few seconds (its
 * saves keep flowing), never none. Pure state with the time passed in: unit-tested in Node.
 */

/** How long the first snapshot waits for its acknowledgement before the next one goes anyway. */
export const ACK_TIMEOUT_MS = 1000;
/** The longest wait for an acknowledgement, after repeated losses (a hidden page). */
export const MAX_ACK_TIMEOUT_MS = 4000;

export class SnapshotGate {
  /** The sequence number of the snapshot awaiting its acknowledgement, or null. */
  private awaiting: number | null = null;
  /** When that snapshot was sent (ms). */
  private sentAt = 0;
  private lastSequence = 0;
  /** The current wait: ACK_TIMEOUT_MS, doubled after each expiry. */
  private timeoutMs = ACK_TIMEOUT_MS;

  /** Numbers a snapshot sent at `now` (ms); the page acknowledges it with that number. */
  sent(now: number): number {
    // A snapshot sent while one was still unanswered and not yet given up on (a pause, a step)
    // leaves the wait as it was; one sent after the wait expired doubles it.
    if (this.awaiting !== null && now - this.sentAt >= this.timeoutMs) {
      this.timeoutMs = Math.min(this.timeoutMs * 2, MAX_ACK_TIMEOUT_MS);
    }
    this.lastSequence += 1;
    this.awaiting = this.lastSequence;
    this.sentAt = now;
    return this.lastSequence;
  }

  /**
   * The page drew snapshot `sequence`. An older one's acknowledgement does not release a newer
   * snapshot still on its way; an unknown (future) number is ignored.
   */
  drawn(sequence: number): void {
    if (this.awaiting === null || sequence !== this.awaiting) return;
    this.awaiting = null;
    this.timeoutMs = ACK_TIMEOUT_MS;
  }

  /** Whether the loop may send a snapshot at `now`: the last was drawn, or its wait expired. */
  ready(now: number): boolean {
    return this.awaiting === null || now - this.sentAt >= this.timeoutMs;
  }

  /** The wait for the snapshot now awaiting its acknowledgement (ms). */
  get waitMs(): number {
    return this.timeoutMs;
  }
}
