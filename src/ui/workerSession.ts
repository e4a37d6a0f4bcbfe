import * as Comlink from 'comlink';
import type { PlaygroundConfig } from '../config/schema';
import {
  type BackendInfo,
  type Divergence,
  type PlaygroundDebugHook,
  PROTOCOL_VERSION,
  type SavedRun,
  type SettingsChange,
  type Snapshot,
  type TrainerWorkerApi,
  type UserPoints,
  type WorkerEvent,
} from '../worker/protocol';
import { compareAsSnapshot, emptyHistory, extendHistory, type TrainingHistory } from './history';
import { type BusyState, LIVENESS, Liveness, RestartGuard } from './liveness';
import { reloadAdviceNow } from './offline/advice';
import { reuseUnchanged } from './snapshotReuse';
import { errorAfterSnapshot } from './staleError';

/**
 * The page's session with its training worker, without React: starts the worker, watches that it
 * is alive (./liveness), restarts it when it crashes or hangs and restores the last saved run on
 * the new one, and turns the worker's events into TrainerState updates. useTrainer owns the state
 * and the calls into the worker; this module only tells it when a worker is ready or gone.
 */

export interface TrainerState {
  backend: BackendInfo | null;
  snapshot: Snapshot | null;
  history: TrainingHistory;
  /** The history of a comparison's second run (empty without one). */
  compareHistory: TrainingHistory;
  error: string | null;
  /** Why the run stopped on a NaN or an infinity, until dismissed or recovered. */
  divergence: Divergence | null;
  /** What was recovered from by itself (a worker restarted, a backend replaced), until dismissed. */
  notice: string | null;
  /** True until the worker has chosen a backend and built the first model. */
  starting: boolean;
  /** A long block the worker announced and is running (a big model's iteration), or null. */
  busy: BusyState | null;
  /** How the worker took the latest change of settings (live, or a new run), or null. */
  settingsChange: SettingsChange | null;
}

export interface WorkerSessionOptions {
  /** Updates the page's state (React's setState with an updater). */
  setState: (update: (state: TrainerState) => TrainerState) => void;
  /** The page's settings, points and run B now (a started or restarted worker is sent them). */
  config: () => PlaygroundConfig;
  compare: () => PlaygroundConfig | null;
  points: () => UserPoints | null;
  /** The run's latest good state, about every 2 s while training and on pause. */
  onSaved: (run: SavedRun) => void;
  /** A worker is started (and a restarted one has restored the run): calls may go to `api`. */
  onReady: (api: Comlink.Remote<TrainerWorkerApi>) => void;
  /** The worker crashed or hung and is gone: calls to it would never settle. */
  onLost: () => void;
}

export interface WorkerSession {
  /** Ends the session: the worker is terminated and its events are ignored. */
  stop: () => void;
}

declare global {
  interface Window {
    ganPlayground?: PlaygroundDebugHook;
  }
}

/**
 * The worker is pinged every second while the page is visible, and restarted when it is silent
 * for 10 s (30 s while it starts) beyond what its announced long blocks allow (./liveness).
 */
const HEARTBEAT_INTERVAL_MS = LIVENESS.intervalMs;

/** The snapshot as it stands once the loop has stopped. */
function stopped(snapshot: Snapshot | null): Snapshot | null {
  return snapshot && { ...snapshot, running: false, stepsPerSecond: 0 };
}

function formatCount(n: number): string {
  return n.toLocaleString('en');
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error instanceof ErrorEvent) return error.message || 'The training worker failed to load.';
  return String(error);
}

/** One worker of the session (a restart replaces it). */
interface CurrentWorker {
  worker: Worker;
  api: Comlink.Remote<TrainerWorkerApi>;
  liveness: Liveness;
  stop: () => void;
}

/** Starts the training worker; it runs (restarted as needed) until `stop`. */
export function startWorkerSession(options: WorkerSessionOptions): WorkerSession {
  const session = new Session(options);
  return { stop: () => session.stop() };
}

class Session {
  private alive = true;
  /** The run's latest good state: a restarted worker continues from it. */
  private lastSaved: SavedRun | null = null;
  /** Stops restart loops: too many restarts in a minute, or in a row without progress. */
  private readonly guard = new RestartGuard();
  // Run ids count per worker: a restarted worker's are shifted past the old ones, and the run
  // it restores takes the old run's id, so the curves go on instead of starting over.
  private runIdShift = 0;
  private lastRunId = 0;
  /** While a restarted worker restores the run: the iteration it restores (others are dropped). */
  private continuing: number | null = null;
  /** The run a restarted worker is restoring; the new worker's own saves wait until it has. */
  private restoring: SavedRun | null = null;
  private current: CurrentWorker | null = null;

  constructor(private readonly options: WorkerSessionOptions) {
    this.start(null);
    window.ganPlayground = {
      injectFault: (kind) => this.current?.api.injectFault(kind).catch(() => undefined),
      terminateWorker: () => this.current?.worker.terminate(),
    };
  }

  stop(): void {
    this.alive = false;
    this.current?.stop();
    this.current = null;
    delete window.ganPlayground;
  }

  private onEvent(event: WorkerEvent): void {
    if (!this.alive) return;
    const { setState } = this.options;
    switch (event.type) {
      case 'backend':
        setState((s) => ({ ...s, backend: event.backend }));
        break;
      case 'snapshot': {
        if (this.continuing !== null) {
          if (event.iteration !== this.continuing) return;
          this.runIdShift = this.lastRunId - event.runId;
          event.branchedAt = this.continuing;
          this.continuing = null;
        }
        event.runId += this.runIdShift;
        this.lastRunId = event.runId;
        this.guard.snapshot(event.iteration);
        setState((s) => {
          // Unchanged metrics and fields keep their objects: memoised views skip them.
          reuseUnchanged(s.snapshot, event);
          const compareSnapshot = compareAsSnapshot(event);
          return {
            ...s,
            snapshot: event,
            history: extendHistory(s.history, s.snapshot, event),
            compareHistory:
              compareSnapshot === null
                ? emptyHistory()
                : extendHistory(s.compareHistory, compareAsSnapshot(s.snapshot), compareSnapshot),
            // A run that trains again has recovered.
            divergence: event.running ? null : s.divergence,
            // An error about a run that is gone, or that trains again, is stale (staleError.ts).
            error: errorAfterSnapshot(s.error, s.snapshot, event),
            starting: false,
            // An announced block is over once a later iteration (or a stop) is reported.
            busy:
              event.running && s.busy !== null && s.busy.iteration === event.iteration
                ? s.busy
                : null,
          };
        });
        break;
      }
      case 'error':
        // The worker stops its loop on an error; the last snapshot must not still say "running".
        setState((s) => ({
          ...s,
          error: event.message,
          starting: false,
          snapshot: stopped(s.snapshot),
          busy: null,
        }));
        break;
      case 'busy': {
        const { type: _, ...busy } = event;
        setState((s) => ({ ...s, busy: { ...busy, receivedAt: performance.now() } }));
        break;
      }
      case 'diverged':
        setState((s) => ({ ...s, divergence: event.divergence, snapshot: stopped(s.snapshot) }));
        break;
      case 'saved':
        if (this.restoring !== null) break;
        this.lastSaved = event.run;
        this.options.onSaved(event.run);
        break;
      case 'notice':
        setState((s) => ({ ...s, notice: event.message }));
        break;
      case 'settings':
        setState((s) => ({ ...s, settingsChange: event.change }));
        break;
      default: {
        const unreachable: never = event;
        console.warn('Ignored an unknown message from the training worker:', unreachable);
      }
    }
  }

  /** Starts a worker; `recovering` says why the previous one was replaced. */
  private start(recovering: string | null): void {
    const worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'gan-trainer',
    });
    const api = Comlink.wrap<TrainerWorkerApi>(worker);
    let answered = true;
    const liveness = new Liveness(performance.now());
    const stop = (): void => {
      window.clearInterval(beating);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      api[Comlink.releaseProxy]();
      worker.terminate();
    };
    const self: CurrentWorker = { worker, api, liveness, stop };
    this.current = self;
    const onError = (event: ErrorEvent): void => {
      // Handled here: the page reports it in words, not as an uncaught error in the console.
      event.preventDefault();
      this.crashed(self, event.message || 'the worker script failed');
    };
    const onMessageError = (): void => this.crashed(self, 'a message could not be read');
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    // Pings queue until the worker's script has run; it answers them between its own tasks.
    const beating = window.setInterval(() => heartbeat(), HEARTBEAT_INTERVAL_MS);
    const heartbeat = (): void => {
      // A hidden tab's timers and messages are throttled: silence there proves nothing.
      if (document.visibilityState === 'hidden') {
        liveness.hidden(performance.now());
        return;
      }
      const dead = liveness.tick(performance.now());
      if (dead !== null) {
        this.crashed(self, dead);
        return;
      }
      if (!answered) return;
      answered = false;
      api.ping().then(
        () => {
          answered = true;
          liveness.heard(performance.now());
        },
        () => undefined,
      );
    };
    /** Every event is a sign of life; a 'busy' one also announces a long block. */
    const onWorkerEvent = (event: WorkerEvent): void => {
      if (this.current !== self) return;
      if (event.type === 'busy') liveness.busy(performance.now(), event.expectedMs);
      else liveness.heard(performance.now());
      this.onEvent(event);
    };
    this.initialise(self, recovering, onWorkerEvent).catch((error: unknown) => {
      if (this.alive && this.current === self) {
        this.options.setState((s) => ({ ...s, error: describeError(error), starting: false }));
      }
    });
  }

  /** The worker `self` failed (`why`): a new one is started, unless restarts are given up. */
  private crashed(self: CurrentWorker, why: string): void {
    if (!this.alive || this.current !== self) return;
    self.stop();
    this.options.onLost();
    const { setState } = this.options;
    const giveUp = this.guard.failed(performance.now(), why, reloadAdviceNow());
    if (giveUp !== null) {
      this.current = null;
      setState((s) => ({ ...s, snapshot: stopped(s.snapshot), busy: null, error: giveUp }));
      return;
    }
    setState((s) => ({ ...s, snapshot: stopped(s.snapshot), busy: null }));
    this.runIdShift = this.lastRunId + 1;
    // A worker that fails while restoring leaves the same run to restore.
    this.restoring ??= this.lastSaved;
    this.continuing = this.restoring?.checkpoint.iteration ?? null;
    this.guard.restartsAt(this.continuing);
    this.start(why);
  }

  /**
   * Checks the worker's protocol, sends it the points and settings, and after a restart has it
   * restore the last saved run; then the worker is ready.
   */
  private async initialise(
    self: CurrentWorker,
    recovering: string | null,
    onWorkerEvent: (event: WorkerEvent) => void,
  ): Promise<void> {
    const { api } = self;
    const { config, compare } = this.options;
    const version = await api.version();
    if (version !== PROTOCOL_VERSION) {
      throw new Error(`The worker speaks protocol ${version}, the page ${PROTOCOL_VERSION}.`);
    }
    const sentPoints = this.options.points();
    await api.setPoints(sentPoints);
    await api.init(config(), Comlink.proxy(onWorkerEvent));
    if (!this.alive || this.current !== self) return;
    self.liveness.started(performance.now());
    const saved = this.restoring;
    // Without a save (none yet, or a checkpoint too large to send) the run starts over: say so.
    let restored =
      recovering !== null && saved === null
        ? ', but no saved state of the run was kept (none yet, or too large to save), so it starts over'
        : '';
    if (recovering !== null && saved !== null) {
      try {
        // Run B too, from its own checkpoint: the setConfig below then changes nothing.
        const message = await api.restoreRun(saved, config(), compare());
        this.lastSaved = saved;
        restored =
          compare() === null
            ? ` and the run restored from iteration ${formatCount(saved.checkpoint.iteration)} (paused: press Play to go on)`
            : `. ${message} Paused: press Play to go on`;
      } catch (error) {
        this.continuing = null;
        restored = ` but the last run could not be restored (${describeError(error)}): a new one starts`;
        // Its first snapshot was held back for the restored one: show the new run.
        await api.reset();
      }
    }
    this.restoring = null;
    if (!this.alive || this.current !== self) return;
    this.options.onReady(api);
    // Points and settings changed while the worker was starting are sent now (the page's
    // effects skip a worker that is not ready yet).
    if (this.options.points() !== sentPoints) await api.setPoints(this.options.points());
    await api.setConfig(config(), compare());
    if (recovering !== null) {
      this.options.setState((s) => ({
        ...s,
        notice: `The training worker stopped (${recovering}). It was restarted${restored}.`,
      }));
    }
  }
}
