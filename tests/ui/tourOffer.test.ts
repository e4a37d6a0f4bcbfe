/**
 * When the tour is offered (src/ui/tourOffer.ts): on a first visit only, never over a lesson's
 * link or in an embed, and no more once taken or declined, in this page or another tab.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isFirstVisit,
  offersTour,
  onTourSeen,
  rememberTourSeen,
  TOUR_SEEN_KEY,
} from '../../src/ui/tourOffer';

/** A Storage-like map. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

const refusing: Pick<Storage, 'getItem' | 'setItem'> = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

afterEach(() => vi.unstubAllGlobals());

describe('the first visit', () => {
  it('lasts until the tour is taken or declined', () => {
    vi.stubGlobal('window', new EventTarget());
    const storage = memoryStorage();
    expect(isFirstVisit(storage)).toBe(true);
    rememberTourSeen(storage);
    expect(storage.getItem(TOUR_SEEN_KEY)).toBe('1');
    expect(isFirstVisit(storage)).toBe(false);
  });

  it('is never one where storage is refused: an offer that cannot be declined is not made', () => {
    vi.stubGlobal('window', new EventTarget());
    expect(isFirstVisit(refusing)).toBe(false);
    expect(isFirstVisit(null)).toBe(false);
    expect(() => rememberTourSeen(refusing)).not.toThrow();
  });

  it('tells the page’s prompts, and hears other tabs, until unsubscribed', () => {
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    const heard = vi.fn();
    const stop = onTourSeen(heard);
    rememberTourSeen(memoryStorage());
    expect(heard).toHaveBeenCalledTimes(1);
    // Another tab: a storage event for this key (or a cleared storage), not for others.
    page.dispatchEvent(Object.assign(new Event('storage'), { key: TOUR_SEEN_KEY }));
    page.dispatchEvent(Object.assign(new Event('storage'), { key: 'something-else' }));
    page.dispatchEvent(Object.assign(new Event('storage'), { key: null }));
    expect(heard).toHaveBeenCalledTimes(3);
    stop();
    rememberTourSeen(memoryStorage());
    page.dispatchEvent(Object.assign(new Event('storage'), { key: TOUR_SEEN_KEY }));
    expect(heard).toHaveBeenCalledTimes(3);
  });
});

describe('offersTour', () => {
  const plain = { firstVisit: true, openedWithLesson: false, embed: false, lessonOpen: false };
  it('offers the tour on a first visit to the plain page', () => {
    expect(offersTour(plain)).toBe(true);
  });
  it('not once it was taken or declined', () => {
    expect(offersTour({ ...plain, firstVisit: false })).toBe(false);
  });
  it('not over a lesson’s link, in an embed, or while a lesson is open', () => {
    expect(offersTour({ ...plain, openedWithLesson: true })).toBe(false);
    expect(offersTour({ ...plain, embed: true })).toBe(false);
    expect(offersTour({ ...plain, lessonOpen: true })).toBe(false);
  });
});
