import { describe, expect, it } from 'vitest';
import { InFlight, restartedBefore } from '../../src/ui/inflight';
import {
  busyText,
  LIVENESS,
  Liveness,
  MAX_RESTARTS_WITHOUT_PROGRESS,
  RestartGuard,
} from '../../src/ui/liveness';

/** Ticks the heartbeat every second from `from` to `to` (ms), returning the first verdict. */
function tickUntil(
  liveness: Liveness,
  from: number,
  to: number,
): { at: number; why: string } | null {
  for (let t = from; t <= to; t += LIVENESS.intervalMs) {
    const why = liveness.tick(t);
    if (why !== null) return { at: t, why };
  }
  return null;
}

describe('Liveness', () => {
  it('restarts a worker silent for 10 s after start-up, 30 s while starting', () => {
    const starting = new Liveness(0);
    expect(tickUntil(starting, 1000, 40_000)).toEqual({
      at: 31_000,
      why: 'it did not start within 30 s',
    });
    const started = new Liveness(0);
    started.started(2000);
    expect(tickUntil(started, 1000, 40_000)).toEqual({
      at: 13_000,
      why: 'it stopped answering for 10 s',
    });
  });

  it('allows an announced block timeout + 4 × its expected length', () => {
    const liveness = new Liveness(0);
    liveness.started(0);
    liveness.busy(1000, 40_000);
    // Silent for the block: alive until 1 s + 10 s + 160 s.
    const verdict = tickUntil(liveness, 1000, 400_000);
    expect(verdict?.at).toBe(172_000);
    expect(verdict?.why).toMatch(
      /stopped answering for 171 s, during a step announced to take ~40 s/,
    );
  });

  it('a busy worker that keeps announcing its phases is never restarted', () => {
    const liveness = new Liveness(0);
    liveness.started(0);
    for (let t = 1000; t <= 600_000; t += 1000) {
      if (t === 1000 || t % 15_000 === 0) liveness.busy(t, 15_000);
      expect(liveness.tick(t)).toBeNull();
    }
  });

  it('gives a short announced block that overruns many-fold (a loaded machine) at least a minute', () => {
    const liveness = new Liveness(0);
    liveness.started(0);
    // Announced at ~2 s, as the largest model's generator update on WASM; it took 11.5 s here.
    liveness.busy(1000, 2000);
    const verdict = tickUntil(liveness, 1000, 400_000);
    expect(verdict?.at).toBe(72_000);
    expect(verdict?.why).toMatch(
      /stopped answering for 71 s, during a step announced to take ~2 s/,
    );
  });

  it('answers and events count as life', () => {
    const liveness = new Liveness(0);
    liveness.started(0);
    for (let t = 1000; t <= 100_000; t += 1000) {
      if (t % 9000 === 0) liveness.heard(t);
      expect(liveness.tick(t)).toBeNull();
    }
  });

  it('does not count the page’s own stall (a late timer) against the worker', () => {
    const liveness = new Liveness(0);
    liveness.started(0);
    expect(liveness.tick(1000)).toBeNull();
    // The main thread was blocked for 15 s (parsing a large upload): the next tick is late.
    expect(liveness.tick(16_000)).toBeNull();
    // The worker's answers queued behind the stall arrive now.
    liveness.heard(16_050);
    expect(tickUntil(liveness, 17_000, 25_000)).toBeNull();
    // Truly silent from here on: restarted 10 s after the last answer.
    expect(tickUntil(liveness, 26_000, 40_000)?.at).toBe(27_000);
  });

  it('a hidden page proves nothing', () => {
    const liveness = new Liveness(0);
    liveness.started(0);
    for (let t = 1000; t <= 60_000; t += 1000) liveness.hidden(t);
    expect(liveness.tick(61_000)).toBeNull();
  });
});

describe('RestartGuard', () => {
  const advice = 'ADVICE';

  it('stops a slow restart loop (one restart every 33 s) that makes no progress', () => {
    const guard = new RestartGuard();
    const verdicts: (string | null)[] = [];
    for (let i = 1; i <= MAX_RESTARTS_WITHOUT_PROGRESS; i++) {
      verdicts.push(guard.failed(i * 33_000, 'it did not start within 30 s', advice));
      guard.restartsAt(120);
      guard.snapshot(120);
    }
    expect(verdicts.slice(0, -1)).toEqual(Array(MAX_RESTARTS_WITHOUT_PROGRESS - 1).fill(null));
    expect(verdicts.at(-1)).toBe(
      `The training worker failed ${MAX_RESTARTS_WITHOUT_PROGRESS} times in a row without training any further (last: it did not start within 30 s), so it is not restarted again. ADVICE`,
    );
  });

  it('keeps restarting a worker that trains on between failures, up to the per-minute limit', () => {
    const guard = new RestartGuard();
    let iteration = 100;
    for (let i = 0; i < 10; i++) {
      expect(guard.failed(i * 120_000, 'crash', advice)).toBeNull();
      guard.restartsAt(iteration);
      guard.snapshot(iteration);
      iteration += 50;
      guard.snapshot(iteration);
    }
    const fast = new RestartGuard();
    const verdicts = [0, 1, 2, 3].map((i) => {
      const verdict = fast.failed(i * 1000, 'crash', advice);
      fast.snapshot(i * 10 + 10);
      return verdict;
    });
    expect(verdicts.slice(0, 3)).toEqual([null, null, null]);
    expect(verdicts[3]).toMatch(/failed 4 times within a minute \(last: crash\)\. ADVICE/);
  });
});

describe('busyText', () => {
  it('says how far the iteration in progress is', () => {
    const busy = {
      phase: 'discriminator' as const,
      iteration: 3,
      expectedMs: 4000,
      progress: { elapsedMs: 8000, expectedMs: 40_000 },
      receivedAt: 1000,
    };
    expect(busyText(busy, 5000)).toBe('iteration in progress · 12 s of ~40 s');
    expect(
      busyText({ ...busy, phase: 'snapshot', progress: null, expectedMs: 900 }, 5000),
    ).toBeNull();
  });
});

describe('InFlight', () => {
  it('rejects every call still waiting when the worker is replaced, with a sentence', async () => {
    const inFlight = new InFlight();
    const never = new Promise<string>(() => undefined);
    const exporting = inFlight.track(never, 'the export');
    const done = inFlight.track(Promise.resolve('ok'), 'the step');
    expect(await done).toBe('ok');
    expect(inFlight.size).toBe(1);
    inFlight.abandon();
    await expect(exporting).rejects.toThrow(
      'The training worker restarted before the export finished; try again.',
    );
    expect(restartedBefore('the export')).toMatch(/try again/);
    expect(inFlight.size).toBe(0);
  });

  it('passes a call’s own rejection through', async () => {
    const inFlight = new InFlight();
    await expect(inFlight.track(Promise.reject(new Error('No')), 'x')).rejects.toThrow('No');
  });
});
