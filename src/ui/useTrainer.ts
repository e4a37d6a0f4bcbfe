import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import {
  type BackendInfo,
  PROTOCOL_VERSION,
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
  dismissError: () => void;
}

/** Base name of the generator's model files. */
const GENERATOR_FILE_NAME = 'gan-generator';
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
): [TrainerState, TrainerControls] {
  const [state, setState] = useState<TrainerState>({
    backend: null,
    snapshot: null,
    history: emptyHistory(),
    compareHistory: emptyHistory(),
    error: null,
    starting: true,
  });
  const apiRef = useRef<Comlink.Remote<TrainerWorkerApi> | null>(null);
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
    const worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'gan-trainer',
    });
    const api = Comlink.wrap<TrainerWorkerApi>(worker);
    let alive = true;
    const fail = (error: unknown): void => {
      if (alive) setState((s) => ({ ...s, error: describeError(error), starting: false }));
    };
    worker.addEventListener('error', fail);
    const onEvent = (event: WorkerEvent): void => {
      if (!alive) return;
      switch (event.type) {
        case 'backend':
          setState((s) => ({ ...s, backend: event.backend }));
          break;
        case 'snapshot':
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
              starting: false,
            };
          });
          break;
        case 'error':
          // The worker stops its loop on an error; the last snapshot must not still say "running".
          setState((s) => ({
            ...s,
            error: event.message,
            starting: false,
            snapshot: s.snapshot && { ...s.snapshot, running: false, stepsPerSecond: 0 },
          }));
          break;
        default: {
          const unreachable: never = event;
          console.warn('Ignored an unknown message from the training worker:', unreachable);
        }
      }
    };
    (async () => {
      const version = await api.version();
      if (version !== PROTOCOL_VERSION) {
        throw new Error(`The worker speaks protocol ${version}, the page ${PROTOCOL_VERSION}.`);
      }
      await api.setPoints(pointsRef.current);
      await api.init(configRef.current, Comlink.proxy(onEvent));
      if (!alive) return;
      apiRef.current = api;
      initialisedRef.current = true;
      // Settings changed while the worker was starting are sent now.
      await api.setConfig(configRef.current, compareRef.current);
    })().catch(fail);
    return () => {
      alive = false;
      apiRef.current = null;
      initialisedRef.current = false;
      api[Comlink.releaseProxy]();
      worker.terminate();
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
