import type * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import type {
  SavedRun,
  StepPhase,
  TimelineView,
  TrainerWorkerApi,
  UserPoints,
} from '../worker/protocol';
import { downloadBlob } from './charts/exportChart';
import { emptyHistory } from './history';
import { InFlight } from './inflight';
import { readModelFiles } from './modelFiles';
import { describeError, startWorkerSession, type TrainerState } from './workerSession';

export type { TrainerState } from './workerSession';

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
   * divergence, a comparison's run B too (`compare`: its full settings, or null without one);
   * resolves with a sentence for the user.
   */
  recover: (
    iteration: number,
    config: PlaygroundConfig,
    compare: PlaygroundConfig | null,
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

/** Base name of the generator's model files. */
const GENERATOR_FILE_NAME = 'gan-generator';

type WorkerApi = Comlink.Remote<TrainerWorkerApi>;

/** The timeline's calls into the worker `api()` (null until it is ready). */
function timelineControls(
  api: () => WorkerApi | null,
  inFlight: InFlight,
  config: () => PlaygroundConfig,
): TimelineControls {
  return {
    view: async (iteration: number) => {
      const worker = api();
      if (worker === null) return null;
      return inFlight.track(worker.timelineFrame(iteration), 'showing that frame');
    },
    branch: async (iteration: number) => {
      const worker = api();
      if (worker === null) throw new Error('The training worker is not ready yet.');
      return inFlight.track(worker.branch(iteration, config()), 'the branch');
    },
  };
}

/** Saving and loading the generator's model files through the worker `api()`. */
function generatorFileControls(api: () => WorkerApi | null, inFlight: InFlight): GeneratorFiles {
  return {
    save: async () => {
      const worker = api();
      if (worker === null) throw new Error('The training worker is not ready yet.');
      const files = await inFlight.track(worker.exportGenerator(GENERATOR_FILE_NAME), 'the export');
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
      const worker = api();
      if (worker === null) throw new Error('The training worker is not ready yet.');
      const { modelJson, weights } = await readModelFiles(files);
      return inFlight.track(worker.loadGenerator(modelJson, weights), 'loading the generator');
    },
  };
}

/** The page's state before the worker has said anything. */
function initialState(): TrainerState {
  return {
    backend: null,
    snapshot: null,
    history: emptyHistory(),
    compareHistory: emptyHistory(),
    error: null,
    divergence: null,
    notice: null,
    starting: true,
    busy: null,
    settingsChange: null,
  };
}

/**
 * Owns the training worker: starts it (./workerSession, which also restarts it and turns its events
 * into state), forwards config changes, and offers the controls. The worker does all training;
 * this hook only stores what the snapshots say.
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
  const [state, setState] = useState(initialState);
  const onSavedRef = useRef(options.onSaved);
  onSavedRef.current = options.onSaved;
  const apiRef = useRef<WorkerApi | null>(null);
  /** Calls waiting for the worker to be ready (started, or restarted after a crash). */
  const readyWaiters = useRef<((api: WorkerApi) => void)[]>([]);
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
    const session = startWorkerSession({
      setState,
      config: () => configRef.current,
      compare: () => compareRef.current,
      points: () => pointsRef.current,
      onSaved: (run) => onSavedRef.current?.(run),
      onReady: (api) => {
        apiRef.current = api;
        initialisedRef.current = true;
        for (const resolve of readyWaiters.current.splice(0)) resolve(api);
      },
      onLost: () => {
        apiRef.current = null;
        initialisedRef.current = false;
        // Calls to the old worker would never settle: each says so where it was made.
        inFlightRef.current.abandon();
      },
    });
    return () => {
      apiRef.current = null;
      initialisedRef.current = false;
      session.stop();
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

  // Back-pressure (../worker/backpressure): once a snapshot is rendered and its views' effects
  // have drawn, the next animation frame tells the worker it may send the next one. A frame that
  // never comes (a hidden tab) only slows the snapshots down: the worker stops waiting.
  const rendered = state.snapshot;
  useEffect(() => {
    const sequence = rendered?.sequence;
    if (sequence === undefined) return;
    const frame = requestAnimationFrame(() => {
      apiRef.current?.snapshotDrawn(sequence).catch(() => undefined);
    });
    return () => cancelAnimationFrame(frame);
  }, [rendered]);

  const call = useCallback((action: (api: WorkerApi) => Promise<void>, what: string) => {
    const api = apiRef.current;
    if (api === null) return;
    inFlightRef.current
      .track(action(api), what)
      .catch((error: unknown) => setState((s) => ({ ...s, error: describeError(error) })));
  }, []);

  const controls: TrainerControls = {
    play: useCallback(() => call((api) => api.play(), 'Play'), [call]),
    pause: useCallback(() => call((api) => api.pause(), 'Pause'), [call]),
    step: useCallback((phase: StepPhase) => call((api) => api.step(phase), 'the step'), [call]),
    reset: useCallback(() => call((api) => api.reset(), 'the reset'), [call]),
    dismissError: useCallback(() => setState((s) => ({ ...s, error: null })), []),
    dismissDivergence: useCallback(() => setState((s) => ({ ...s, divergence: null })), []),
    dismissNotice: useCallback(() => setState((s) => ({ ...s, notice: null })), []),
    recover: useCallback(
      async (iteration: number, config: PlaygroundConfig, compare: PlaygroundConfig | null) => {
        const api = apiRef.current;
        if (api === null) throw new Error('The training worker is not ready yet.');
        // Sent now, before the new config's own message: the worker then finds nothing changed.
        configRef.current = config;
        compareRef.current = compare;
        const message = await inFlightRef.current.track(
          api.branch(iteration, config, compare),
          'going back',
        );
        setState((s) => ({ ...s, divergence: null }));
        return message;
      },
      [],
    ),
    restoreRun: useCallback(async (run: SavedRun, compare: PlaygroundConfig | null) => {
      // Offered as the page opens: a click may come before the worker is up.
      const api =
        apiRef.current ??
        (await new Promise<WorkerApi>((resolve) => readyWaiters.current.push(resolve)));
      // The worker builds the restored run with the run's own points and takes them only once
      // it has accepted the run: a refusal leaves its current run and points as they were.
      const message = await inFlightRef.current.track(
        api.restoreRun(run, run.config, compare),
        'the restore',
      );
      restoredRef.current = { config: JSON.stringify([run.config, compare]), points: run.points };
      setState((s) => ({ ...s, divergence: null, error: null }));
      return message;
    }, []),
    timeline: useMemo(
      () =>
        timelineControls(
          () => apiRef.current,
          inFlightRef.current,
          () => configRef.current,
        ),
      [],
    ),
    generatorFiles: useMemo(
      () => generatorFileControls(() => apiRef.current, inFlightRef.current),
      [],
    ),
  };
  return [state, controls];
}
