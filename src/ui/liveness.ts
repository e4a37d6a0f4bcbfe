/**
 * Whether the training worker is alive, judged by what it says (answers to pings, any event)
 * and by what it announced: before a long synchronous block the worker posts a 'busy' event
 * with the block's expected length, which arrives while the block runs; the block is then
 * allowed timeout + max(4 × its expected length, 60 s). The page's own stalls do not count:
 * when the heartbeat's timer fires late (the main thread was blocked, e.g. parsing a large
 * upload), the gap is the page's silence, not the worker's. Pure: the caller passes the clock.
 *
 * RestartGuard stops restart loops of any period: restarts since the worker last made progress
 * (a completed iteration beyond where it started), and restarts within a minute.
 */

export interface LivenessOptions {
  /** The heartbeat's period. */
  intervalMs: number;
  /** Silence after start-up that means the worker is stuck or gone. */
  timeoutMs: number;
  /** The allowance while the worker starts (loading tfjs, choosing a backend, the first build). */
  startupTimeoutMs: number;
  /** An announced block is allowed this many times its expected length (plus the timeout)… */
  busyMultiple: number;
  /** …and never less than this (plus the timeout), however short it was expected to be. */
  minBusyAllowanceMs: number;
}

export const LIVENESS: LivenessOptions = {
  intervalMs: 1000,
  timeoutMs: 10_000,
  startupTimeoutMs: 30_000,
  // Measured blocks vary by less than 2× on a loaded machine; first estimates within ~2× too.
  busyMultiple: 4,
  // But not always: the largest legal model's generator update, measured at 1.8 s on WASM,
  // took 11.5 s the next time on this 2-core machine with one other process running, and a
  // page restarted it mid-iteration. An announced block is a worker at work, not a hang: it
  // gets at least the longest update the worker lets start (pacing's MAX_PHASE_MS, 60 s).
  minBusyAllowanceMs: 60_000,
};

export class Liveness {
  private lastHeard: number;
  private lastTick: number;
  private starting = true;
  /** Until when an announced block may keep the worker silent. */
  private busyUntil = Number.NEGATIVE_INFINITY;
  private busyExpectedMs = 0;
  /** When the latest block was announced (shifted with lastHeard by the page's stalls). */
  private busyAt = Number.NaN;

  constructor(
    now: number,
    private readonly options: LivenessOptions = LIVENESS,
  ) {
    this.lastHeard = now;
    this.lastTick = now;
  }

  /** The worker answered a ping or sent an event. */
  heard(now: number): void {
    this.lastHeard = Math.max(this.lastHeard, now);
  }

  /** The worker finished starting: from now on the shorter timeout applies. */
  started(now: number): void {
    this.starting = false;
    this.heard(now);
  }

  /** The worker announced a synchronous block of about `expectedMs`. */
  busy(now: number, expectedMs: number): void {
    this.heard(now);
    const allowance =
      this.timeout() +
      Math.max(
        this.options.busyMultiple * Math.max(0, expectedMs),
        this.options.minBusyAllowanceMs,
      );
    this.busyUntil = now + allowance;
    this.busyExpectedMs = expectedMs;
    this.busyAt = this.lastHeard;
  }

  /** The page is hidden: its timers and messages are throttled, so silence proves nothing. */
  hidden(now: number): void {
    this.excuse(now - this.lastTick);
    this.lastTick = now;
  }

  /**
   * The heartbeat's tick: null while the worker counts as alive, else why it does not (a
   * sentence part: "it stopped answering for 10 s").
   */
  tick(now: number): string | null {
    // A timer that fired late: the page was blocked for the excess, which is not the worker's.
    const late = now - this.lastTick - this.options.intervalMs;
    if (late > this.options.intervalMs) this.excuse(late);
    this.lastTick = now;
    const silent = now - this.lastHeard;
    if (silent <= this.timeout() || now <= this.busyUntil) return null;
    if (this.lastHeard === this.busyAt) {
      return `it stopped answering for ${seconds(silent)} s, during a step announced to take ~${seconds(this.busyExpectedMs)} s`;
    }
    if (this.starting) return `it did not start within ${seconds(this.timeout())} s`;
    return `it stopped answering for ${seconds(this.timeout())} s`;
  }

  private timeout(): number {
    return this.starting ? this.options.startupTimeoutMs : this.options.timeoutMs;
  }

  private excuse(ms: number): void {
    if (!(ms > 0)) return;
    const sinceBusy = this.lastHeard === this.busyAt;
    this.lastHeard += ms;
    this.busyUntil += ms;
    if (sinceBusy) this.busyAt = this.lastHeard;
  }
}

function seconds(ms: number): string {
  return Math.round(ms / 1000).toLocaleString('en');
}

/** More restarts than this within RESTART_WINDOW_MS: give up (the original per-minute guard). */
export const MAX_RESTARTS_PER_WINDOW = 3;
export const RESTART_WINDOW_MS = 60_000;
/** This many restarts in a row without the run getting past where it was: a loop, whatever its period. */
export const MAX_RESTARTS_WITHOUT_PROGRESS = 3;

/**
 * The page's messages when it stops restarting the worker, in one place; `advice` says what the
 * user can do (the page's reload advice, which knows whether a reload can work).
 */
export const RESTART_MESSAGES = {
  perMinute: (count: number, why: string, advice: string) =>
    `The training worker failed ${count} times within a minute (last: ${why}). ${advice}`,
  withoutProgress: (count: number, why: string, advice: string) =>
    `The training worker failed ${count} times in a row without training any further (last: ${why}), so it is not restarted again. ${advice}`,
};

export class RestartGuard {
  private readonly times: number[] = [];
  private withoutProgress = 0;
  /** The iteration the current worker started from; a later one is progress. */
  private baseline: number | null = null;

  /** The worker failed at `now`: null to restart it, else the message to stop with. */
  failed(now: number, why: string, advice: string): string | null {
    this.times.push(now);
    while ((this.times[0] ?? now) < now - RESTART_WINDOW_MS) this.times.shift();
    this.withoutProgress += 1;
    if (this.withoutProgress >= MAX_RESTARTS_WITHOUT_PROGRESS) {
      return RESTART_MESSAGES.withoutProgress(this.withoutProgress, why, advice);
    }
    if (this.times.length > MAX_RESTARTS_PER_WINDOW) {
      return RESTART_MESSAGES.perMinute(this.times.length, why, advice);
    }
    return null;
  }

  /** A restarted worker resumes from `iteration` (null: a new run). */
  restartsAt(iteration: number | null): void {
    this.baseline = iteration;
  }

  /** A snapshot at `iteration`: beyond the starting point, the worker is making progress. */
  snapshot(iteration: number): void {
    if (this.baseline === null || iteration < this.baseline) {
      this.baseline = iteration;
      return;
    }
    if (iteration > this.baseline) {
      this.withoutProgress = 0;
      this.baseline = iteration;
    }
  }
}

/** An announced block as the page received it. */
export interface BusyState {
  phase: 'iteration' | 'discriminator' | 'generator' | 'snapshot';
  iteration: number;
  expectedMs: number;
  progress: { elapsedMs: number; expectedMs: number } | null;
  /** The page's clock when the announcement arrived. */
  receivedAt: number;
}

/** Progress is shown for blocks expected to take at least this long (shorter ones flash by). */
export const SHOW_PROGRESS_MS = 2000;

/** The toolbar's words for a long block in progress, e.g. "iteration in progress · 12 s of ~40 s". */
export function busyText(busy: BusyState, now: number): string | null {
  const total = busy.progress?.expectedMs ?? busy.expectedMs;
  if (total < SHOW_PROGRESS_MS) return null;
  const elapsed = (busy.progress?.elapsedMs ?? 0) + Math.max(0, now - busy.receivedAt);
  const what = busy.phase === 'snapshot' ? 'measuring the views' : 'iteration in progress';
  return `${what} · ${seconds(elapsed)} s of ~${seconds(total)} s`;
}
