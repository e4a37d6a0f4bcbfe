/**
 * What to tell a user who may need to reload the page, given whether the network is there and
 * whether the app is stored for offline use (a service worker controls the page: README,
 * Offline). A reload that would only show the browser's offline page is never advised.
 */

/** What the advice depends on. */
export interface Reachability {
  /** `navigator.onLine`: false means surely offline (true may still mean no route out). */
  online: boolean;
  /** The app shell, the training worker and the WASM files are cached: a reload works offline. */
  offlineReady: boolean;
}

/** Advice about reloading: whether a reload can work now, and the sentence that says what to do. */
export interface ReloadAdvice {
  reloadWorks: boolean;
  sentence: string;
}

/** What survives a reload, said the same way in every piece of advice. */
const KEPT =
  'your settings are in the link, and the run’s last saved state is kept in this browser and offered back after the reload';

export function reloadAdvice({ online, offlineReady }: Reachability): ReloadAdvice {
  if (online) return { reloadWorks: true, sentence: `Reload the page to try again: ${KEPT}.` };
  if (offlineReady) {
    return {
      reloadWorks: true,
      sentence: `Reload the page to try again (the app works offline): ${KEPT}.`,
    };
  }
  return {
    reloadWorks: false,
    sentence:
      'You are offline and the app is not stored for offline use yet, so a reload would only show the browser’s offline page: reconnect first, then reload. Your settings are in the link, and the run’s last saved state is kept in this browser.',
  };
}

/** The page's reachability now; outside a browser (or without service workers) nothing is cached. */
export function currentReachability(): Reachability {
  const nav: Partial<Navigator> | undefined = globalThis.navigator;
  return {
    online: nav?.onLine ?? true,
    offlineReady: (nav?.serviceWorker?.controller ?? null) !== null,
  };
}

/** The advice for the page as it is now. */
export function reloadAdviceNow(): string {
  return reloadAdvice(currentReachability()).sentence;
}
