/**
 * The iteration under the pointer, shared by every chart on the step axis: hovering one chart
 * draws the same cross-hair and read-out on all of them. A tiny external store (read with
 * useSyncExternalStore) so that only the line charts re-render while the pointer moves, not the
 * whole app.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';

export interface HoverStore {
  get(): number | null;
  set(iteration: number | null): void;
  subscribe(listener: () => void): () => void;
}

export function createHoverStore(): HoverStore {
  let value: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(iteration) {
      if (iteration === value) return;
      value = iteration;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store of the nearest provider; a chart outside any provider gets its own. */
export const HoverContext = createContext<HoverStore>(createHoverStore());

/** The hovered iteration and its setter. */
export function useHoveredIteration(): [number | null, (iteration: number | null) => void] {
  const store = useContext(HoverContext);
  const value = useSyncExternalStore(store.subscribe, store.get);
  return [value, store.set];
}
