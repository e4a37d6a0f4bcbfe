/**
 * Where the kept runs live: IndexedDB (through idb-keyval, a few hundred bytes over its request
 * API), and who this page is: a tab id in sessionStorage (which survives a reload of the tab and
 * nothing else) and an id for this load of it. The logic is in keptRuns.ts and runKeeper.ts.
 */
import { createStore, delMany, get, keys, setMany, type UseStore } from 'idb-keyval';
import type { RunStore } from './keptRuns';
import type { KeeperIdentity } from './runKeeper';

const DATABASE = 'gan-playground';
const STORE = 'runs';
const TAB_KEY = 'gan-playground-tab';

let store: UseStore | null = null;

/** Opened on first use: a page that never trains never touches IndexedDB. */
function runStore(): UseStore {
  store ??= createStore(DATABASE, STORE);
  return store;
}

/** The kept runs in IndexedDB; every call rejects where IndexedDB is unavailable. */
export const indexedDbRuns: RunStore = {
  keys: async () => (await keys(runStore())).map(String),
  get: (key) => get(key, runStore()),
  setMany: (entries) => setMany(entries, runStore()),
  delMany: (names) => delMany(names, runStore()),
};

function newId(): string {
  return crypto.randomUUID();
}

/** This tab (the same after a reload) and this load of it. */
export function pageIdentity(): KeeperIdentity {
  let tab: string | null = null;
  try {
    tab = sessionStorage.getItem(TAB_KEY);
    if (tab === null) {
      tab = newId();
      sessionStorage.setItem(TAB_KEY, tab);
    }
  } catch {
    // No sessionStorage (blocked storage): every load is a tab of its own.
  }
  return { tab: tab ?? newId(), page: newId() };
}
