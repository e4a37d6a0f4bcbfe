/**
 * What one measured window of `npm run bench` reads in the page: its animation frames (frames/s
 * per second of the window, and their median), its main-thread tasks (Long Tasks API), the
 * latency from a click on a toggle to the next painted frame, and the worker's iteration count
 * on the worker's own clock. The in-page parts are strings, not functions: tsx's transform
 * would wrap a named inner function in a helper the page lacks. The arithmetic is pure and
 * unit-tested (tests/bench/smoothness.test.ts).
 */
import type { Page } from '@playwright/test';
import { median } from './probes';

/** Events slower than this are reported by the Event Timing API (its smallest threshold). */
export const EVENT_TIMING_THRESHOLD_MS = 16;

/**
 * Installs `window.__bench`: every animation frame's time, the longest main-thread task and the
 * number over 100 ms, Event Timing entries, and, while armed, the interaction of one click
 * (its pointerdown and click times, and when the frame after it ran: rAF, then a message).
 */
const WINDOW_PROBE = `(() => {
  const probe = {
    start: performance.now(), end: null, frames: [], longest: 0, tasks: 0, over100: 0,
    eventTiming: false, entries: [], armed: false, down: null, click: null, painted: null,
    observers: [],
  };
  window.__bench = probe;
  const tick = (time) => {
    if (probe.end !== null) return;
    probe.frames.push(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.tasks += 1;
      probe.longest = Math.max(probe.longest, entry.duration);
      if (entry.duration > 100) probe.over100 += 1;
    }
  });
  tasks.observe({ type: 'longtask', buffered: false });
  probe.observers.push(tasks);
  if ((PerformanceObserver.supportedEntryTypes || []).includes('event')) {
    probe.eventTiming = true;
    const events = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.entries.push({ name: entry.name, start: entry.startTime, duration: entry.duration });
      }
    });
    events.observe({ type: 'event', durationThreshold: ${EVENT_TIMING_THRESHOLD_MS}, buffered: false });
    probe.observers.push(events);
  }
  addEventListener('pointerdown', (event) => {
    if (probe.armed && probe.down === null) probe.down = event.timeStamp;
  }, { capture: true });
  addEventListener('click', (event) => {
    if (!probe.armed || probe.click !== null) return;
    probe.click = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { probe.painted = performance.now(); };
      channel.port2.postMessage(0);
    });
  }, { capture: true });
})()`;

/** What the window probe holds when stopped. */
export interface WindowReading {
  start: number;
  end: number;
  /** Animation frame times (page clock, ms). */
  frames: number[];
  longest: number;
  tasks: number;
  over100: number;
  eventTiming: boolean;
}

export async function startWindow(page: Page): Promise<void> {
  await page.evaluate(WINDOW_PROBE);
}

export async function stopWindow(page: Page): Promise<WindowReading> {
  return (await page.evaluate(`(() => {
    const p = window.__bench;
    p.end = performance.now();
    for (const o of p.observers) o.disconnect();
    return { start: p.start, end: p.end, frames: p.frames, longest: p.longest, tasks: p.tasks,
      over100: p.over100, eventTiming: p.eventTiming };
  })()`)) as WindowReading;
}

/** Frames in each whole second of [start, end) (page clock, ms); a partial last second is left out. */
export function framesPerSecondWindows(
  frames: readonly number[],
  start: number,
  end: number,
): number[] {
  const seconds = Math.floor((end - start) / 1000);
  const counts = new Array<number>(Math.max(0, seconds)).fill(0);
  for (const time of frames) {
    const second = Math.floor((time - start) / 1000);
    if (second >= 0 && second < seconds) counts[second] = (counts[second] ?? 0) + 1;
  }
  return counts;
}

/** The median of the window's per-second frame counts (NaN for a window under a second). */
export function framesPerSecondMedian(reading: WindowReading): number {
  return median(framesPerSecondWindows(reading.frames, reading.start, reading.end));
}

/** One click's interaction as the page saw it (page clock, ms). */
export interface ClickSample {
  down: number | null;
  click: number | null;
  /** When the frame after the click ran (rAF, then a message after it). */
  painted: number | null;
  /** Event Timing entries (≥ 16 ms) seen up to a short while after that frame. */
  entries: { name: string; start: number; duration: number }[];
}

/** How one click's latency was read. */
export type ClickSource = 'event-timing' | 'raf';

/**
 * A click's input-to-next-paint latency: by Event Timing, the longest event of the interaction
 * (pointerdown to click, as Interaction to Next Paint counts it), each from its input time to
 * the next paint; when no entry came (every event under 16 ms, or no Event Timing), from the
 * click's input time to the frame after it (rAF, then a message). Null when the click was not
 * seen.
 */
export function clickLatency(sample: ClickSample): { ms: number; source: ClickSource } | null {
  if (sample.click === null) return null;
  const from = (sample.down ?? sample.click) - 1;
  const to = sample.click + 1;
  const durations = sample.entries
    .filter((e) => e.start >= from && e.start <= to)
    .map((e) => e.duration);
  if (durations.length > 0) return { ms: Math.max(...durations), source: 'event-timing' };
  if (sample.painted === null) return null;
  return { ms: sample.painted - sample.click, source: 'raf' };
}

/** How long to wait for the frame after a click, and for its Event Timing entries after that. */
const PAINT_TIMEOUT_MS = 30_000;
const ENTRIES_GRACE_MS = 200;
const SLOW_ENTRIES_GRACE_MS = 5_000;

/**
 * Clicks the first control named `name` (a checkbox, else a button) and reads the interaction:
 * the probe is armed for this click only.
 */
export async function measureClick(page: Page, name: string): Promise<ClickSample> {
  await page.evaluate(`(() => {
    const p = window.__bench;
    p.armed = true; p.down = null; p.click = null; p.painted = null;
  })()`);
  const checkbox = page.getByRole('checkbox', { name, exact: true });
  const target =
    (await checkbox.count()) > 0
      ? checkbox.first()
      : page.getByRole('button', { name, exact: true }).first();
  // Forced: no waiting for two still frames first (a page at 1 frame/s would make every click
  // wait seconds); the latency is read from the input's own time in the page anyway.
  await target.click({ force: true, timeout: 30_000 });
  return (await page.evaluate(`(async () => {
    const p = window.__bench;
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const deadline = performance.now() + ${PAINT_TIMEOUT_MS};
    while (p.painted === null && performance.now() < deadline) await wait(5);
    const seen = () => p.click !== null && p.entries.some((e) => e.name === 'click' && Math.abs(e.start - p.click) <= 1);
    // An interaction of 16 ms or more has an entry coming: wait for it (it comes after the
    // paint is presented, later still in a GPU process that is behind); a shorter one has none.
    const slow = p.click !== null && p.painted !== null && p.painted - p.click >= ${EVENT_TIMING_THRESHOLD_MS};
    const grace = performance.now() + (slow ? ${SLOW_ENTRIES_GRACE_MS} : ${ENTRIES_GRACE_MS});
    while (p.eventTiming && !seen() && performance.now() < grace) await wait(10);
    p.armed = false;
    const from = (p.down ?? p.click ?? 0) - 1;
    return { down: p.down, click: p.click, painted: p.painted,
      entries: p.entries.filter((e) => e.start >= from) };
  })()`)) as ClickSample;
}

/** The iteration counter as the page shows it, with the worker's own count and clock. */
export interface ClockReading {
  /** The toolbar's iteration (the shown snapshot's). */
  shown: number;
  /** The live snapshot's iteration and worker time (ms since the epoch); null in builds without them. */
  workerIteration: number | null;
  workerTime: number | null;
  /** The benchmark's clock when read (ms since the epoch). */
  readAt: number;
}

export async function readClock(page: Page): Promise<ClockReading> {
  const read = (await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="iteration"]');
    return {
      shown: (el && el.textContent) || '0',
      workerIteration: el && el.getAttribute('data-worker-iteration'),
      workerTime: el && el.getAttribute('data-worker-time'),
    };
  })()`)) as { shown: string; workerIteration: string | null; workerTime: string | null };
  const number = (text: string | null) =>
    text === null || text === '' || !Number.isFinite(Number(text)) ? null : Number(text);
  return {
    shown: Number(read.shown.replace(/,/g, '')),
    workerIteration: number(read.workerIteration),
    workerTime: number(read.workerTime),
    readAt: Date.now(),
  };
}

/**
 * Iterations per second between two readings: on the worker's clock when both carry it (the
 * worker's true speed between the two snapshots shown, however late the page shows them), else
 * the toolbar's count on the benchmark's clock (what older builds allow; it lags when snapshots
 * queue up).
 */
export function iterationRate(
  before: ClockReading,
  after: ClockReading,
): { perSecond: number; source: 'worker' | 'toolbar' } {
  if (
    before.workerIteration !== null &&
    before.workerTime !== null &&
    after.workerIteration !== null &&
    after.workerTime !== null
  ) {
    const ms = after.workerTime - before.workerTime;
    return {
      perSecond:
        ms > 0 ? ((after.workerIteration - before.workerIteration) * 1000) / ms : Number.NaN,
      source: 'worker',
    };
  }
  return { perSecond: toolbarRate(before, after), source: 'toolbar' };
}

/** The toolbar's iterations per second on the benchmark's clock. */
export function toolbarRate(before: ClockReading, after: ClockReading): number {
  const ms = after.readAt - before.readAt;
  return ms > 0 ? ((after.shown - before.shown) * 1000) / ms : Number.NaN;
}
