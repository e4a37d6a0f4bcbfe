/**
 * Registers the service worker that makes the app work offline (README, Offline): generated at
 * build time by vite-plugin-pwa (Workbox), it precaches every file the build emits, the
 * training worker and the WASM binaries included. Production builds only: the dev server has
 * no service worker, so hot reload never meets a cache.
 */
import { Workbox } from 'workbox-window';
import { createUpdater, type Updater, type UpdateState } from './updater';

let updater: Updater | null = null;

/** The update offer, or null where there is no service worker (dev server, old browsers). */
export function appUpdater(): Updater | null {
  return updater;
}

const NONE: UpdateState = { kind: 'none' };

/** The update state now (for useSyncExternalStore). */
export function updateState(): UpdateState {
  return updater?.state() ?? NONE;
}

export function subscribeToUpdates(listener: () => void): () => void {
  return updater?.subscribe(listener) ?? (() => undefined);
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, {
    scope: import.meta.env.BASE_URL,
  });
  updater = createUpdater(workbox, () => window.location.reload());
  // Registration waits for the page's load event, so it never competes with the first load.
  workbox.register().catch((error: unknown) => {
    // The app still works online; only offline use is lost, and the recovery advice says so.
    console.warn(
      'The service worker could not be registered; the app will not work offline:',
      error,
    );
  });
}
