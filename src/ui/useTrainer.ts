import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import {
  type BackendInfo,
  type Divergence,
  type PlaygroundDebugHook,
  PROTOCOL_VERSION,
  type SavedRun,
  type Snapshot,
  type StepPhase,
  type TimelineView,
  type TrainerWorkerApi,
  type UserPoints,
  type WorkerEvent,
} from '../worker/protocol';
import { downloadBlob } from './charts/exportChart';
import { followCompare } from './compareFollow';
import { compareAsSnapshot, emptyHistory, extendHistory, type TrainingHistory } from './history';
import { InFlight } from './inflight';
import { type BusyState, LIVENESS, Liveness, RestartGuard } from './liveness';
import { readModelFiles } from './modelFiles';
import { reloadAdviceNow } from './offline/advice';
import { errorAfterSnapshot } from './staleError';
import { samePoints } from './storedRun';

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
}

export interface GeneratorFiles {
  /** Downloads the trained generator as tfjs model files (model.json + weights). */
  save: () => Promise<string>;
  /** Loads a generator from the chosen model.json and weights files into the current run. */
  load: (files: File[]) => Promise<string>;
}

/** Scrubbing back through the run's timeline, and branching a new run from a frame. */
export interface TimelineControls {
  /** The run as it was at a frame's iteration (training pauses), or null if none is kept. */
  view: (iteration: number) => Promise<TimelineView | null>;
  /** Continues from a frame with the current settings; resolves with a sentence for the user. */
  branch: (iteration: number) => Promise<string>;
}

export interface TrainerControls {
  play: () => void;
  pause: () => void;
  step: (phase: StepPhase) => void;
  reset: () => void;
  /** Saves the trained generator as tfjs model files, or loads one into the run. */
  generatorFiles: GeneratorFiles;
  timeline: TimelineControls;
  /**
   * Continues from a timeline frame with `config` (which may lower the learning rates) after a
   * divergence, a comparison's run B too (with `compare`, by default its own changes applied to
   * `config`); resolves with a sentence for the user.
   */
  recover: (
    iteration: number,
    config: PlaygroundConfig,
    compare?: PlaygroundConfig | null,
  ) => Promise<string>;
  /**
   * Continues a kept run with its own settings, points and run B (`compare`, or null); rejects
   * with the worker's reason, the worker's run unchanged. The caller then sets the page's state
   * to the run's, which the worker already has (it is not sent again).
   */
  restoreRun: (run: SavedRun, compare: PlaygroundConfig | null) => Promise<string>;
  dismissError: () => void;
  dismissDivergence: () => void;
  dismissNotice: () => void;
}

/** Options of useTrainer. */
export interface TrainerOptions {
  /** The run's latest good state, about every 2 s while training and on pause. */
  onSaved?: (run: SavedRun) => void;
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

/** Base name of the generator's model files. */
const GENERATOR_FILE_NAME = 'gan-generator';
/** The snapshot as it stands once the loop has stopped. */
function stopped(snapshot: Snapshot | null): Snapshot | null {
  return snapshot && { ...snapshot, running: false, stepsPerSecond: 0 };
}

function formatCount(n: number): string {
  return n.toLocaleString('en');
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error instanceof ErrorEvent) return error.message || 'The training worker failed to load.';
  return String(error);
}

/**
 * Owns the training worker: starts it, forwards config changes, and turns its events into React
 * state. The worker does all training; this hook only stores what the snapshots say.
 */
export function useTrainer(
  config: PlaygroundConfig,
  points: UserPoints | null,
  /** The full config of a second run trained side by side, or null. */
  compare: PlaygroundConfig | null = null,
  /** While true (scrubbing the timeline), config changes wait: they are for a branch. */
  holdConfig = false,
  options: TrainerOptions = {},
): [TrainerState, TrainerControls] {
  const [state, setState] = useState<TrainerState>({
    backend: null,
    snapshot: null,
    history: emptyHistory(),
    compareHistory: emptyHistory(),
    error: null,
    divergence: null,
    notice: null,
    starting: true,
    busy: null,
  });
  const onSavedRef = useRef(options.onSaved);
  onSavedRef.current = options.onSaved;
  const apiRef = useRef<Comlink.Remote<TrainerWorkerApi> | null>(null);
  /** Calls waiting for the worker to be ready (started, or restarted after a crash). */
  const readyWaiters = useRef<((api: Comlink.Remote<TrainerWorkerApi>) => void)[]>([]);
  /** Calls to the current worker awaiting an answer: a restart rejects them (./inflight). */
  const inFlightRef = useRef(new InFlight());
  const configRef = useRef(config);
  const pointsRef = useRef(points);
  const initialisedRef = useRef(false);
  /** What a restore just gave the worker: the effects do not send it again (once). */
  const restoredRef = useRef<{ config: string | null; points: UserPoints | null | undefined }>({
    config: null,
    points: undefined,
  });
  configRef.current = config;
  const compareRef = useRef(compare);
  compareRef.current = compare;
  // By value: the caller may build a new but equal object every render.
  const compareKey = JSON.stringify(compare);
  pointsRef.current = points;

  useEffect(() => {
    let alive = true;
    /** The run's latest good state: a restarted worker continues from it. */
    let lastSaved: SavedRun | null = null;
    /** Stops restart loops: too many restarts in a minute, or in a row without progress. */
    const guard = new RestartGuard();
    // Run ids count per worker: a restarted worker's are shifted past the old ones, and the run
    // it restores takes the old run's id, so the curves go on instead of starting over.
    let runIdShift = 0;
    let lastRunId = 0;
    /** While a restarted worker restores the run: the iteration it restores (others are dropped). */
    let continuing: number | null = null;
    /** The run a restarted worker is restoring; the new worker's own saves wait until it has. */
    let restoring: SavedRun | null = null;
    let current: {
      worker: Worker;
      api: Comlink.Remote<TrainerWorkerApi>;
      stop: () => void;
    } | null = null;

    const onEvent = (event: WorkerEvent): void => {
      if (!alive) return;
      switch (event.type) {
        case 'backend':
          setState((s) => ({ ...s, backend: event.backend }));
          break;
        case 'snapshot': {
          if (continuing !== null) {
            if (event.iteration !== continuing) return;
            runIdShift = lastRunId - event.runId;
            event.branchedAt = continuing;
            continuing = null;
          }
          event.runId += runIdShift;
          lastRunId = event.runId;
          guard.snapshot(event.iteration);
          setState((s) => {
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
          if (restoring !== null) break;
          lastSaved = event.run;
          onSavedRef.current?.(event.run);
          break;
        case 'notice':
          setState((s) => ({ ...s, notice: event.message }));
          break;
        default: {
          const unreachable: never = event;
          console.warn('Ignored an unknown message from the training worker:', unreachable);
        }
      }
    };

    /** Starts a worker; `recovering` says why the previous one was replaced. */
    const start = (recovering: string | null): void => {
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
      const self = { worker, api, stop };
      current = self;
      const crashed = (why: string): void => {
        if (!alive || current !== self) return;
        stop();
        apiRef.current = null;
        initialisedRef.current = false;
        // Calls to the old worker would never settle: each says so where it was made.
        inFlightRef.current.abandon();
        const giveUp = guard.failed(performance.now(), why, reloadAdviceNow());
        if (giveUp !== null) {
          current = null;
          setState((s) => ({ ...s, snapshot: stopped(s.snapshot), busy: null, error: giveUp }));
          return;
        }
        setState((s) => ({ ...s, snapshot: stopped(s.snapshot), busy: null }));
        runIdShift = lastRunId + 1;
        // A worker that fails while restoring leaves the same run to restore.
        restoring ??= lastSaved;
        continuing = restoring?.checkpoint.iteration ?? null;
        guard.restartsAt(continuing);
        start(why);
      };
      const onError = (event: ErrorEvent): void => {
        // Handled here: the page reports it in words, not as an uncaught error in the console.
        event.preventDefault();
        crashed(event.message || 'the worker script failed');
      };
      const onMessageError = (): void => crashed('a message could not be read');
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
          crashed(dead);
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
        if (current !== self) return;
        if (event.type === 'busy') liveness.busy(performance.now(), event.expectedMs);
        else liveness.heard(performance.now());
        onEvent(event);
      };
      (async () => {
        const version = await api.version();
        if (version !== PROTOCOL_VERSION) {
          throw new Error(`The worker speaks protocol ${version}, the page ${PROTOCOL_VERSION}.`);
        }
        await api.setPoints(pointsRef.current);
        await api.init(configRef.current, Comlink.proxy(onWorkerEvent));
        if (!alive || current !== self) return;
        liveness.started(performance.now());
        let restored = '';
        const saved = restoring;
        if (recovering !== null && saved !== null) {
          try {
            // Run B too, from its own checkpoint: the setConfig below then changes nothing.
            const message = await api.restoreRun(saved, configRef.current, compareRef.current);
            lastSaved = saved;
            restored =
              compareRef.current === null
                ? ` and the run restored from iteration ${formatCount(saved.checkpoint.iteration)} (paused: press Play to go on)`
                : `. ${message} Paused: press Play to go on`;
          } catch (error) {
            continuing = null;
            restored = ` but the last run could not be restored (${describeError(error)}): a new one starts`;
            // Its first snapshot was held back for the restored one: show the new run.
            await api.reset();
          }
        }
        restoring = null;
        if (!alive || current !== self) return;
        apiRef.current = api;
        initialisedRef.current = true;
        for (const resolve of readyWaiters.current.splice(0)) resolve(api);
        // Settings changed while the worker was starting are sent now.
        await api.setConfig(configRef.current, compareRef.current);
        if (recovering !== null) {
          setState((s) => ({
            ...s,
            notice: `The training worker stopped (${recovering}). It was restarted${restored}.`,
          }));
        }
      })().catch((error: unknown) => {
        if (alive && current === self) {
          setState((s) => ({ ...s, error: describeError(error), starting: false }));
        }
      });
    };

    start(null);
    window.ganPlayground = {
      injectFault: (kind) => current?.api.injectFault(kind).catch(() => undefined),
      terminateWorker: () => current?.worker.terminate(),
    };
    return () => {
      alive = false;
      apiRef.current = null;
      initialisedRef.current = false;
      current?.stop();
      current = null;
      delete window.ganPlayground;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: compareKey stands for compare, by value.
  useEffect(() => {
    if (initialisedRef.current && !holdConfig) {
      // A resend of what a restore gave the worker would rebuild the run at 0.
      const restored = restoredRef.current.config;
      restoredRef.current.config = null;
      if (restored === JSON.stringify([config, compareRef.current])) return;
      apiRef.current?.setConfig(config, compareRef.current).catch(() => undefined);
    }
  }, [config, compareKey, holdConfig]);

  useEffect(() => {
    const restored = restoredRef.current.points;
    restoredRef.current.points = undefined;
    if (restored === points) return;
    if (initialisedRef.current) apiRef.current?.setPoints(points).catch(() => undefined);
  }, [points]);

  const call = useCallback(
    (action: (api: Comlink.Remote<TrainerWorkerApi>) => Promise<void>, what: string) => {
      const api = apiRef.current;
      if (api === null) return;
      inFlightRef.current
        .track(action(api), what)
        .catch((error: unknown) => setState((s) => ({ ...s, error: describeError(error) })));
    },
    [],
  );

  const controls: TrainerControls = {
    play: useCallback(() => call((api) => api.play(), 'Play'), [call]),
    pause: useCallback(() => call((api) => api.pause(), 'Pause'), [call]),
    step: useCallback((phase: StepPhase) => call((api) => api.step(phase), 'the step'), [call]),
    reset: useCallback(() => call((api) => api.reset(), 'the reset'), [call]),
    dismissError: useCallback(() => setState((s) => ({ ...s, error: null })), []),
    dismissDivergence: useCallback(() => setState((s) => ({ ...s, divergence: null })), []),
    dismissNotice: useCallback(() => setState((s) => ({ ...s, notice: null })), []),
    recover: useCallback(
      async (iteration: number, config: PlaygroundConfig, compare?: PlaygroundConfig | null) => {
        const api = apiRef.current;
        if (api === null) throw new Error('The training worker is not ready yet.');
        // Sent now, before the new config's own message: the worker then finds nothing changed.
        const nextCompare =
          compare === undefined
            ? followCompare(compareRef.current, configRef.current, config)
            : compare;
        configRef.current = config;
        compareRef.current = nextCompare;
        const message = await api.branch(iteration, config, nextCompare);
        setState((s) => ({ ...s, divergence: null }));
        return message;
      },
      [],
    ),
    restoreRun: useCallback(async (run: SavedRun, compare: PlaygroundConfig | null) => {
      // Offered as the page opens: a click may come before the worker is up.
      const api =
        apiRef.current ??
        (await new Promise<Comlink.Remote<TrainerWorkerApi>>((resolve) =>
          readyWaiters.current.push(resolve),
        ));
      // The worker builds the restored run with the run's points (posted first, in order).
      const points = samePoints(pointsRef.current, run.points) ? null : api.setPoints(run.points);
      let message: string;
      try {
        message = await api.restoreRun(run, run.config, compare);
      } catch (error) {
        // Refused: the worker kept its run; it gets the page's points back.
        if (points !== null) await api.setPoints(pointsRef.current).catch(() => undefined);
        throw error;
      }
      await points;
      restoredRef.current = { config: JSON.stringify([run.config, compare]), points: run.points };
      setState((s) => ({ ...s, divergence: null, error: null }));
      return message;
    }, []),
    timeline: useMemo(
      () => ({
        view: async (iteration: number) => {
          const api = apiRef.current;
          if (api === null) return null;
          return inFlightRef.current.track(api.timelineFrame(iteration), 'showing that frame');
        },
        branch: async (iteration: number) => {
          const api = apiRef.current;
          if (api === null) throw new Error('The training worker is not ready yet.');
          return inFlightRef.current.track(api.branch(iteration, configRef.current), 'the branch');
        },
      }),
      [],
    ),
    generatorFiles: useMemo(
      () => ({
        save: async () => {
          const api = apiRef.current;
          if (api === null) throw new Error('The training worker is not ready yet.');
          const files = await inFlightRef.current.track(
            api.exportGenerator(GENERATOR_FILE_NAME),
            'the export',
          );
          downloadBlob(
            new Blob([files.modelJson], { type: 'application/json' }),
            `${GENERATOR_FILE_NAME}.json`,
          );
          downloadBlob(
            new Blob([files.weights], { type: 'application/octet-stream' }),
            files.weightsFileName,
          );
          return `Saved ${GENERATOR_FILE_NAME}.json and ${files.weightsFileName}: load them with tf.loadLayersModel, or back here.`;
        },
        load: async (files: File[]) => {
          const api = apiRef.current;
          if (api === null) throw new Error('The training worker is not ready yet.');
          const { modelJson, weights } = await readModelFiles(files);
          return inFlightRef.current.track(
            api.loadGenerator(modelJson, weights),
            'loading the generator',
          );
        },
      }),
      [],
    ),
  };
  return [state, controls];
}
