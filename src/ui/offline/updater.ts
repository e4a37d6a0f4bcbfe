/**
 * The update path of the offline app (README, Offline): a new version's service worker installs
 * in the background and waits; the page says "A new version is ready" and only reloads when the
 * user asks, after the current run has been kept. Written against a small interface that
 * workbox-window's `Workbox` satisfies, so that the logic is tested in Node.
 */

/** The events of workbox-window's `Workbox` this uses (`WorkboxLifecycleEvent`'s fields). */
export interface UpdateEvent {
  /** True when a service worker controlled the page when it registered: then a takeover is an update. */
  isUpdate?: boolean;
}

/** What the updater needs of workbox-window's `Workbox`. */
export interface UpdateSource {
  addEventListener(type: 'waiting' | 'controlling', listener: (event: UpdateEvent) => void): void;
  /** Asks the waiting service worker to take over (it then claims the page: 'controlling'). */
  messageSkipWaiting(): void;
}

export type UpdateState =
  /** Nothing to update. */
  | { kind: 'none' }
  /** A new version waits (`activated`: it already took over, from another tab). */
  | { kind: 'ready'; activated: boolean }
  /** Keeping the run, then waiting for the new version to take over. */
  | { kind: 'updating' }
  /** The update was not applied; nothing was reloaded and nothing lost. */
  | { kind: 'failed'; message: string };

export interface Updater {
  state: () => UpdateState;
  subscribe: (listener: () => void) => () => void;
  /**
   * Keeps the run (`keep` must resolve once it is stored, and reject if it could not be), then
   * lets the new version take over and reloads. Refused (with a message) while training runs.
   */
  update: (keep: () => Promise<unknown>, running: boolean) => Promise<void>;
  /** Hides the offer until the next new version. */
  dismiss: () => void;
}

/** How long the new version may take to take over before the page says so. */
export const TAKEOVER_TIMEOUT_MS = 10_000;

export function createUpdater(source: UpdateSource, reload: () => void): Updater {
  let current: UpdateState = { kind: 'none' };
  const listeners = new Set<() => void>();
  let takeover: ReturnType<typeof setTimeout> | undefined;
  // The new version already controls the page (another tab let it take over): only a reload is left.
  let activated = false;
  const set = (next: UpdateState): void => {
    current = next;
    for (const listener of listeners) listener();
  };
  // A version has waited since this page loaded: a takeover now is that version, not the first one.
  let sawWaiting = false;
  source.addEventListener('waiting', () => {
    sawWaiting = true;
    if (current.kind !== 'updating') set({ kind: 'ready', activated });
  });
  source.addEventListener('controlling', (event) => {
    if (current.kind === 'updating') {
      // The version this page asked for took over (`isUpdate` is false on a page that was
      // first opened without a service worker, so it is not what says so).
      clearTimeout(takeover);
      reload();
      return;
    }
    // The first version claiming the page that installed it: no new version.
    if (!sawWaiting && event.isUpdate !== true) return;
    // Another tab let the new version take over: this page still runs the old one.
    activated = true;
    set({ kind: 'ready', activated });
  });
  return {
    state: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update: async (keep, running) => {
      if (current.kind !== 'ready' && current.kind !== 'failed') return;
      if (running) {
        set({
          kind: 'failed',
          message:
            'Pause the run first: the page reloads to update, and only a paused run is kept whole.',
        });
        return;
      }
      set({ kind: 'updating' });
      try {
        await keep();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        set({
          kind: 'failed',
          message: `The run could not be kept in this browser (${why}), so the page was not reloaded: export what you need first (Share & export), then update.`,
        });
        return;
      }
      if (activated) {
        reload();
        return;
      }
      takeover = setTimeout(() => {
        set({
          kind: 'failed',
          message:
            'The new version did not take over. The run is kept in this browser: reload the page when convenient to update.',
        });
      }, TAKEOVER_TIMEOUT_MS);
      source.messageSkipWaiting();
    },
    dismiss: () => set({ kind: 'none' }),
  };
}
