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

/**
 * A key-value store of its own IndexedDB database, opened on first use (a page that never trains
 * never touches IndexedDB); every call rejects where IndexedDB is unavailable.
 */
export function indexedDbStore(database: string, name: string): RunStore {
  let store: UseStore | null = null;
  const open = async (): Promise<UseStore> => {
    store ??= createStore(database, name);
    return store;
  };
  return {
    keys: async () => (await keys(await open())).map(String),
    get: async (key) => get(key, await open()),
    setMany: async (entries) => setMany(entries, await open()),
    delMany: async (names) => delMany(names, await open()),
  };
}

/** The kept runs in IndexedDB. */
export const indexedDbRuns: RunStore = indexedDbStore(DATABASE, STORE);

/**
 * A random id. `crypto.randomUUID` exists only in secure contexts, and an embed framed by an
 * http page is not one: there the id comes from `getRandomValues`, which exists everywhere.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
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
