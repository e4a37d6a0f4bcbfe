import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentReachability, reloadAdvice, reloadAdviceNow } from '../../src/ui/offline/advice';

describe('reload advice', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('advises a reload online, saying what is kept', () => {
    const advice = reloadAdvice({ online: true, offlineReady: false });
    expect(advice.reloadWorks).toBe(true);
    expect(advice.sentence).toMatch(/^Reload the page to try again/);
    expect(advice.sentence).toMatch(/settings are in the link/);
    expect(advice.sentence).toMatch(/kept in this browser/);
  });

  it('advises a reload offline when the app is cached for offline use', () => {
    const advice = reloadAdvice({ online: false, offlineReady: true });
    expect(advice.reloadWorks).toBe(true);
    expect(advice.sentence).toMatch(/^Reload the page to try again \(the app works offline\)/);
  });

  it('never advises a reload offline when the app is not cached: reconnect first', () => {
    const advice = reloadAdvice({ online: false, offlineReady: false });
    expect(advice.reloadWorks).toBe(false);
    expect(advice.sentence).not.toMatch(/^Reload/);
    expect(advice.sentence).toMatch(/You are offline/);
    expect(advice.sentence).toMatch(/reconnect first, then reload/);
    expect(advice.sentence).toMatch(/kept in this browser/);
  });

  it('reads the network and the service worker from the browser', () => {
    vi.stubGlobal('navigator', { onLine: false, serviceWorker: { controller: {} } });
    expect(currentReachability()).toEqual({ online: false, offlineReady: true });
    vi.stubGlobal('navigator', { onLine: false, serviceWorker: { controller: null } });
    expect(currentReachability()).toEqual({ online: false, offlineReady: false });
    expect(reloadAdviceNow()).toMatch(/You are offline/);
    // No service workers at all (an old browser, a private window in some): nothing is cached.
    vi.stubGlobal('navigator', { onLine: true });
    expect(currentReachability()).toEqual({ online: true, offlineReady: false });
  });
});
