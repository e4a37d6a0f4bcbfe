import { useSyncExternalStore } from 'react';
import { appUpdater, subscribeToUpdates, updateState } from './register';

/**
 * "A new version is ready": shown when a new version's service worker waits. Update keeps the
 * run (`keep`, the run saver's flush) and only then lets the new version take over and reloads;
 * while the run trains it asks for a pause instead: the page never reloads mid-run.
 */
export function UpdateBanner({
  running,
  keep,
}: {
  running: boolean;
  keep: () => Promise<unknown>;
}) {
  const state = useSyncExternalStore(subscribeToUpdates, updateState);
  const updater = appUpdater();
  if (updater === null || state.kind === 'none') return null;
  const updating = state.kind === 'updating';
  return (
    <div className="banner banner-warning" role="status" data-testid="update">
      <p>
        {state.kind === 'failed'
          ? state.message
          : updating
            ? 'Keeping the run, then updating…'
            : running
              ? 'A new version is ready. Pause the run to update: it is kept in this browser and offered back after the reload.'
              : 'A new version is ready. Update reloads the page; the run is kept in this browser and offered back after the reload.'}
      </p>
      <button
        type="button"
        disabled={updating || running}
        onClick={() => void updater.update(keep, running)}
      >
        Update
      </button>
      <button type="button" disabled={updating} onClick={updater.dismiss}>
        Later
      </button>
    </div>
  );
}
