import { useSyncExternalStore } from 'react';
import { currentReachability, reloadAdvice } from './advice';

/** Re-reads the reachability when the network comes or goes, or a service worker takes over. */
function subscribe(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  navigator.serviceWorker?.addEventListener('controllerchange', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
    navigator.serviceWorker?.removeEventListener('controllerchange', listener);
  };
}

const online = (): boolean => currentReachability().online;
const offlineReady = (): boolean => currentReachability().offlineReady;

/**
 * The error boundary's way out: Reload buttons where a reload can work, else (offline, the app
 * not cached) the advice to reconnect first, since a reload would only show the browser's
 * offline page.
 */
export function ReloadActions() {
  const { reloadWorks, sentence } = reloadAdvice({
    online: useSyncExternalStore(subscribe, online),
    offlineReady: useSyncExternalStore(subscribe, offlineReady),
  });
  if (!reloadWorks) return <p data-testid="reload-advice">{sentence}</p>;
  return (
    <>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
      <button
        type="button"
        onClick={() => {
          window.location.hash = '';
          window.location.reload();
        }}
      >
        Reload with default settings
      </button>
    </>
  );
}
