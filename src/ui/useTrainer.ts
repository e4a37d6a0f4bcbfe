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
import { compareAsSnapshot, emptyHistory, extendHistory, type TrainingHistory } from './history';
import { readModelFiles } from './modelFiles';

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
   * divergence; resolves with a sentence for the user.
   */
  recover: (iteration: number, config: PlaygroundConfig) => Promise<string>;
  /** Continues a saved run (from IndexedDB) with its own settings and points. */
  restoreRun: (run: SavedRun) => Promise<string>;
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

/** The worker is pinged this often while the page is visible… */
const HEARTBEAT_INTERVAL_MS = 1000;
/**
 * …and restarted when an answer is this late. A turn of the loop lasts ~40 ms and a snapshot a
 * few hundred at worst (software WebGPU): only a stuck or dead worker is this slow.
 */
const HEARTBEAT_TIMEOUT_MS = 10_000;
/**
 * The allowance while a worker starts (loading tfjs, choosing and timing a backend, compiling
 * the first shaders); a worker that never finishes starting is restarted too.
 */
const STARTUP_TIMEOUT_MS = 30_000;
/** More restarts than this within RESTART_WINDOW_MS: give up and say so (no restart loops). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

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
  });
  const onSavedRef = useRef(options.onSaved);
  onSavedRef.current = options.onSaved;
  const apiRef = useRef<Comlink.Remote<TrainerWorkerApi> | null>(null);
  /** Calls waiting for the worker to be ready (started, or restarted after a crash). */
  const readyWaiters = useRef<((api: Comlink.Remote<TrainerWorkerApi>) => void)[]>([]);
  const configRef = useRef(config);
  const pointsRef = useRef(points);
  const initialisedRef = useRef(false);
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
    const restarts: number[] = [];
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
              starting: false,
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
          }));
          break;
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
      let lastAnswer = performance.now();
      let timeout = STARTUP_TIMEOUT_MS;
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
        const now = performance.now();
        restarts.push(now);
        while ((restarts[0] ?? now) < now - RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          current = null;
          setState((s) => ({
            ...s,
            snapshot: stopped(s.snapshot),
            error: `The training worker failed ${restarts.length} times within a minute (last: ${why}). Reload the page to try again: your settings are in the link.`,
          }));
          return;
        }
        setState((s) => ({ ...s, snapshot: stopped(s.snapshot) }));
        runIdShift = lastRunId + 1;
        // A worker that fails while restoring leaves the same run to restore.
        restoring ??= lastSaved;
        continuing = restoring?.checkpoint.iteration ?? null;
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
          lastAnswer = performance.now();
          return;
        }
        if (performance.now() - lastAnswer > timeout) {
          crashed(
            timeout === STARTUP_TIMEOUT_MS
              ? `it did not start within ${Math.round(timeout / 1000)} s`
              : `it stopped answering for ${Math.round(timeout / 1000)} s`,
          );
          return;
        }
        if (!answered) return;
        answered = false;
        api.ping().then(
          () => {
            answered = true;
            lastAnswer = performance.now();
          },
          () => undefined,
        );
      };
      (async () => {
        const version = await api.version();
        if (version !== PROTOCOL_VERSION) {
          throw new Error(`The worker speaks protocol ${version}, the page ${PROTOCOL_VERSION}.`);
        }
        await api.setPoints(pointsRef.current);
        await api.init(configRef.current, Comlink.proxy(onEvent));
        if (!alive || current !== self) return;
        lastAnswer = performance.now();
        timeout = HEARTBEAT_TIMEOUT_MS;
        let restored = '';
        const saved = restoring;
        if (recovering !== null && saved !== null) {
          try {
            await api.restoreRun(saved, configRef.current);
            lastSaved = saved;
            restored = ` and the run restored from iteration ${formatCount(saved.checkpoint.iteration)} (paused: press Play to go on)`;
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
      apiRef.current?.setConfig(config, compareRef.current).catch(() => undefined);
    }
  }, [config, compareKey, holdConfig]);

  useEffect(() => {
    if (initialisedRef.current) apiRef.current?.setPoints(points).catch(() => undefined);
  }, [points]);

  const call = useCallback((action: (api: Comlink.Remote<TrainerWorkerApi>) => Promise<void>) => {
    const api = apiRef.current;
    if (api === null) return;
    action(api).catch((error: unknown) => setState((s) => ({ ...s, error: describeError(error) })));
  }, []);

  const controls: TrainerControls = {
    play: useCallback(() => call((api) => api.play()), [call]),
    pause: useCallback(() => call((api) => api.pause()), [call]),
    step: useCallback((phase: StepPhase) => call((api) => api.step(phase)), [call]),
    reset: useCallback(() => call((api) => api.reset()), [call]),
    dismissError: useCallback(() => setState((s) => ({ ...s, error: null })), []),
    dismissDivergence: useCallback(() => setState((s) => ({ ...s, divergence: null })), []),
    dismissNotice: useCallback(() => setState((s) => ({ ...s, notice: null })), []),
    recover: useCallback(async (iteration: number, config: PlaygroundConfig) => {
      const api = apiRef.current;
      if (api === null) throw new Error('The training worker is not ready yet.');
      // Sent now, before the new config's own message: the worker then finds nothing changed.
      configRef.current = config;
      const message = await api.branch(iteration, config);
      setState((s) => ({ ...s, divergence: null }));
      return message;
    }, []),
    restoreRun: useCallback(async (run: SavedRun) => {
      // Offered as the page opens: a click may come before the worker is up.
      const api =
        apiRef.current ??
        (await new Promise<Comlink.Remote<TrainerWorkerApi>>((resolve) =>
          readyWaiters.current.push(resolve),
        ));
      configRef.current = run.config;
      pointsRef.current = run.points;
      // Both posted at once, in order, ahead of the effects that will send the same values.
      const points = api.setPoints(run.points);
      const restored = api.restoreRun(run, run.config);
      await points;
      const message = await restored;
      setState((s) => ({ ...s, divergence: null, error: null }));
      return message;
    }, []),
    timeline: useMemo(
      () => ({
        view: async (iteration: number) => (await apiRef.current?.timelineFrame(iteration)) ?? null,
        branch: async (iteration: number) => {
          const api = apiRef.current;
          if (api === null) throw new Error('The training worker is not ready yet.');
          return api.branch(iteration, configRef.current);
        },
      }),
      [],
    ),
    generatorFiles: useMemo(
      () => ({
        save: async () => {
          const api = apiRef.current;
          if (api === null) throw new Error('The training worker is not ready yet.');
          const files = await api.exportGenerator(GENERATOR_FILE_NAME);
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
          return api.loadGenerator(modelJson, weights);
        },
      }),
      [],
    ),
  };
  return [state, controls];
}
