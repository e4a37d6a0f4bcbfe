import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createUpdater,
  TAKEOVER_TIMEOUT_MS,
  type UpdateEvent,
  type UpdateSource,
} from '../../src/ui/offline/updater';

/** A stand-in for workbox-window's Workbox: fires its events on demand, records what it is asked. */
function fakeWorkbox() {
  const listeners = new Map<string, ((event: UpdateEvent) => void)[]>();
  const calls: string[] = [];
  const source: UpdateSource = {
    addEventListener: (type, listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    messageSkipWaiting: () => calls.push('skipWaiting'),
  };
  const fire = (type: 'waiting' | 'controlling', event: UpdateEvent = {}): void => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  return { source, calls, fire };
}

function setUp() {
  const workbox = fakeWorkbox();
  const updater = createUpdater(workbox.source, () => workbox.calls.push('reload'));
  const keep = vi.fn(async () => {
    workbox.calls.push('keep');
  });
  return { ...workbox, updater, keep };
}

describe('the update path', () => {
  afterEach(() => vi.useRealTimers());

  it('offers nothing until a new version waits', () => {
    const { updater, fire } = setUp();
    expect(updater.state()).toEqual({ kind: 'none' });
    // The first version claiming the page is no update.
    fire('controlling', { isUpdate: false });
    expect(updater.state()).toEqual({ kind: 'none' });
    fire('waiting');
    expect(updater.state()).toEqual({ kind: 'ready', activated: false });
  });

  it('keeps the run first, then lets the new version take over, and reloads only once it has', async () => {
    const { updater, fire, keep, calls } = setUp();
    const seen: string[] = [];
    updater.subscribe(() => seen.push(updater.state().kind));
    fire('waiting');
    await updater.update(keep, false);
    expect(calls).toEqual(['keep', 'skipWaiting']);
    expect(updater.state()).toEqual({ kind: 'updating' });
    fire('controlling', { isUpdate: true });
    expect(calls).toEqual(['keep', 'skipWaiting', 'reload']);
    expect(seen).toEqual(['ready', 'updating']);
  });

  it('reloads after the takeover on a page first opened without a service worker', async () => {
    // workbox-window's `isUpdate` is false there: the first visit installed the first version.
    const { updater, fire, keep, calls } = setUp();
    fire('controlling', { isUpdate: false });
    fire('waiting');
    await updater.update(keep, false);
    fire('controlling', { isUpdate: false });
    expect(calls).toEqual(['keep', 'skipWaiting', 'reload']);
  });

  it('never reloads mid-run: an update while training asks for a pause and does nothing', async () => {
    const { updater, fire, keep, calls } = setUp();
    fire('waiting');
    await updater.update(keep, true);
    expect(calls).toEqual([]);
    expect(keep).not.toHaveBeenCalled();
    const state = updater.state();
    expect(state.kind).toBe('failed');
    if (state.kind === 'failed') expect(state.message).toMatch(/Pause the run first/);
    // Paused, the offer still stands.
    await updater.update(keep, false);
    expect(calls).toEqual(['keep', 'skipWaiting']);
  });

  it('does not reload when the run could not be kept, and says why', async () => {
    const { updater, fire, calls } = setUp();
    fire('waiting');
    await updater.update(async () => {
      throw new Error('QuotaExceededError');
    }, false);
    expect(calls).toEqual([]);
    const state = updater.state();
    expect(state.kind).toBe('failed');
    if (state.kind === 'failed') {
      expect(state.message).toMatch(/could not be kept .*QuotaExceededError.*not reloaded/);
    }
  });

  it('does not reload when another tab lets the new version take over; offers a reload instead', async () => {
    const { updater, fire, keep, calls } = setUp();
    fire('waiting');
    fire('controlling', { isUpdate: true });
    expect(calls).toEqual([]);
    expect(updater.state()).toEqual({ kind: 'ready', activated: true });
    await updater.update(keep, false);
    // Nothing left waiting: the run is kept, then the page reloads into the new version.
    expect(calls).toEqual(['keep', 'reload']);
  });

  it('says so when the new version does not take over, without reloading', async () => {
    vi.useFakeTimers();
    const { updater, fire, keep, calls } = setUp();
    fire('waiting');
    await updater.update(keep, false);
    vi.advanceTimersByTime(TAKEOVER_TIMEOUT_MS);
    expect(calls).toEqual(['keep', 'skipWaiting']);
    const state = updater.state();
    expect(state.kind).toBe('failed');
    if (state.kind === 'failed') expect(state.message).toMatch(/did not take over.*kept/);
  });

  it('Later hides the offer until the next version', () => {
    const { updater, fire } = setUp();
    fire('waiting');
    updater.dismiss();
    expect(updater.state()).toEqual({ kind: 'none' });
    fire('waiting');
    expect(updater.state().kind).toBe('ready');
  });
});
