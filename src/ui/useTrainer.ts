import * as Comlink from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlaygroundConfig } from '../config/schema';
import {
  type BackendInfo,
  PROTOCOL_VERSION,
  type Snapshot,
  type TrainerWorkerApi,
  type UserPoints,
  type WorkerEvent,
} from '../worker/protocol';
import { emptyHistory, extendHistory, type TrainingHistory } from './history';

export interface TrainerState {
  backend: BackendInfo | null;
  snapshot: Snapshot | null;
  history: TrainingHistory;
  error: string | null;
  /** True until the worker has chosen a backend and built the first model. */
  starting: boolean;
}

export interface TrainerControls {
  play: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  dismissError: () => void;
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
): [TrainerState, TrainerControls] {
  const [state, setState] = useState<TrainerState>({
    backend: null,
    snapshot: null,
    history: emptyHistory(),
    error: null,
    starting: true,
  });
  const apiRef = useRef<Comlink.Remote<TrainerWorkerApi> | null>(null);
  const configRef = useRef(config);
  const pointsRef = useRef(points);
  const initialisedRef = useRef(false);
  configRef.current = config;
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
          setState((s) => ({
            ...s,
            snapshot: event,
            history: extendHistory(s.history, s.snapshot, event),
            starting: false,
          }));
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
      await api.setConfig(configRef.current);
    })().catch(fail);
    return () => {
      alive = false;
      apiRef.current = null;
      initialisedRef.current = false;
      api[Comlink.releaseProxy]();
      worker.terminate();
    };
  }, []);

  useEffect(() => {
    if (initialisedRef.current) apiRef.current?.setConfig(config).catch(() => undefined);
  }, [config]);

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
    step: useCallback(() => call((api) => api.step()), [call]),
    reset: useCallback(() => call((api) => api.reset()), [call]),
    dismissError: useCallback(() => setState((s) => ({ ...s, error: null })), []),
  };
  return [state, controls];
}
