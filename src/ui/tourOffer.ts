/**
 * When the tour is offered. The tour never starts by itself: its overlay catches every click, and
 * arriving as Play became clickable it swallowed a newcomer's first click on Play (issue #15). A
 * small prompt offers it instead, once per browser (until taken or dismissed), and never where the
 * link opens a lesson or an embed: those readers came for that page, not for a tour of it.
 */

/** localStorage key remembering that the tour was taken, or its offer dismissed. */
export const TOUR_SEEN_KEY = 'gan-playground:tour-seen';

/** The browser's localStorage, or null where it is refused (private mode, a sandboxed frame). */
function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether this browser has neither taken the tour nor dismissed its offer. */
export function isFirstVisit(storage: Pick<Storage, 'getItem'> | null = localStore()): boolean {
  try {
    return storage !== null && storage.getItem(TOUR_SEEN_KEY) === null;
  } catch {
    // Without storage the offer could not be dismissed for good: it is not made at all.
    return false;
  }
}

const listeners = new Set<() => void>();

/** Remembers that the tour was taken or declined, and tells the prompts on the page. */
export function rememberTourSeen(storage: Pick<Storage, 'setItem'> | null = localStore()): void {
  try {
    storage?.setItem(TOUR_SEEN_KEY, '1');
  } catch {
    // Storage may be disabled: the offer then goes away for this page only.
  }
  for (const listener of listeners) listener();
}

/**
 * Calls `listener` when the tour is taken or declined, in this page or another tab; returns the
 * unsubscribe function (the shape React's useSyncExternalStore asks for).
 */
export function onTourSeen(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === TOUR_SEEN_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** What decides whether the page offers the tour. */
export interface TourOfferContext {
  /** Neither taken nor declined in this browser (isFirstVisit). */
  firstVisit: boolean;
  /** The link the page was opened from opens a lesson (`preset=`). */
  openedWithLesson: boolean;
  /** The page is an embed, now or from its link. */
  embed: boolean;
  /** A lesson is open now: its card already says what to do. */
  lessonOpen: boolean;
}

/** Whether to show the "Take the tour" prompt. */
export function offersTour(context: TourOfferContext): boolean {
  return context.firstVisit && !context.openedWithLesson && !context.embed && !context.lessonOpen;
}
