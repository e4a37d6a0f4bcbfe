/**
 * What a long run measures in the playground's page, shared by the soak benchmark
 * (`npm run bench -- --soak 1800`) and the short soak of the e2e suite (e2e/soak.spec.ts):
 * the JS heaps of the page and of the training worker over the DevTools protocol, the page's
 * animation frames, the worker's live tensors as the page shows them, and whether every view is
 * on and drawing.
 */
import type { CDPSession, Page } from '@playwright/test';

/** One heap reading, in bytes, after a forced garbage collection. */
export interface HeapReading {
  /** Live objects on the V8 heap (Runtime.getHeapUsage usedSize). */
  used: number;
  /**
   * ArrayBuffer backing stores outside the V8 heap (typed arrays, the WASM memory), when the
   * browser reports them (Runtime.getHeapUsage backingStorageSize); null otherwise.
   */
  backing: number | null;
}

/** The page's and the training worker's heaps. */
export interface HeapProbe {
  page(): Promise<HeapReading>;
  /** The most recently started worker's heap; null when no worker is attached or it did not answer. */
  worker(): Promise<HeapReading | null>;
}

/** What Runtime.getHeapUsage answers; backingStorageSize only in recent Chromium. */
interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

function reading(usage: HeapUsage): HeapReading {
  return { used: usage.usedSize, backing: usage.backingStorageSize ?? null };
}

/** How long a worker may take to answer one DevTools call (a full GC included). */
const WORKER_REPLY_MS = 15_000;

/**
 * Attaches to the page and, through Target.setAutoAttach, to every worker it starts. Call it
 * before the page loads the app: the training worker is created at start-up. Workers have no
 * performance.memory, and the page's is coarse and lags, so both heaps are read over the DevTools
 * protocol; each reading first forces a full garbage collection (HeapProfiler.collectGarbage) so
 * that readings compare live memory, not the collector's sawtooth.
 */
export async function attachHeapProbe(page: Page): Promise<HeapProbe> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const workers: string[] = [];
  const pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.push(event.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    const index = workers.indexOf(event.sessionId ?? '');
    if (index >= 0) workers.splice(index, 1);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  // flatten: false routes the worker's replies through this session's events (above), which is
  // what Playwright's CDPSession can carry.
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });

  /** One DevTools call inside a worker; null on an error or no reply in time. */
  async function inWorker(sessionId: string, method: string): Promise<unknown> {
    const id = nextId++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reply = new Promise<unknown>((resolve) => {
      pending.set(id, (message) => resolve(message.error === undefined ? message.result : null));
      timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, WORKER_REPLY_MS);
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
    const result = await reply;
    clearTimeout(timer);
    return result;
  }

  return {
    async page() {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage: HeapUsage = await cdp.send('Runtime.getHeapUsage');
      return reading(usage);
    },
    async worker() {
      const sessionId = workers.at(-1);
      if (sessionId === undefined) return null;
      await inWorker(sessionId, 'HeapProfiler.collectGarbage');
      const usage = (await inWorker(sessionId, 'Runtime.getHeapUsage')) as HeapUsage | null;
      return usage === null || typeof usage.usedSize !== 'number' ? null : reading(usage);
    },
  };
}

/**
 * Counts the page's animation frames and its longest main-thread task from now on, in
 * `window.__probe`. A string, not a function: tsx's transform would wrap a named inner function
 * in a helper the page lacks.
 */
const FRAME_PROBE = `(() => {
  const probe = { frames: 0, longest: 0, running: true };
  window.__probe = probe;
  const tick = () => {
    probe.frames += 1;
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longest = Math.max(probe.longest, entry.duration);
  }).observe({ type: 'longtask', buffered: false });
})()`;

interface FrameProbeState {
  frames: number;
  longest: number;
  running: boolean;
}

export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(FRAME_PROBE);
}

/** Frames drawn and the longest task (ms) since startFrameProbe. */
export async function readFrameProbe(page: Page): Promise<{ frames: number; longest: number }> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __probe: FrameProbeState }).__probe;
    return { frames: probe.frames, longest: probe.longest };
  });
}

export async function stopFrameProbe(page: Page): Promise<{ frames: number; longest: number }> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __probe: FrameProbeState }).__probe;
    probe.running = false;
    return { frames: probe.frames, longest: probe.longest };
  });
}

/** The worker's live tfjs tensors as its latest snapshot reports them (the toolbar's Memory). */
export async function readTensors(page: Page): Promise<number> {
  const value = await page.getByTestId('memory').getAttribute('data-tensors');
  return value === null || value === '' ? Number.NaN : Number(value);
}

/**
 * Every view on: the distribution view's layers (explicitly, though they are on by default, so
 * a change of default cannot quietly lighten the soak), the loss curves smoothed (each drawn
 * twice, raw and averaged), and nothing hidden. Noise, kernel, overview, curves, metrics and the
 * timeline show unless `hide=` names them.
 */
export const ALL_VIEWS_HASH = 'layers=discriminator,manifold,push,density&smoothed=1';

/** The curve charts of the default (2-D ring, non-saturating) config. */
export const CURVE_CHARTS = [
  'loss-chart',
  'mmd-chart',
  'd-output-chart',
  'gradient-chart',
  'wasserstein-chart',
  'divergence-chart',
  'modes-chart',
] as const;

/**
 * The views that are off or not drawing, as readable names (empty when all are on): each layer
 * of the 2-D distribution view with its data (heatmap cells, manifold points, arrows), the noise
 * view, the kernel view with its witness, the model overview, every curve with points, the
 * metrics panel with a measurement, and the timeline with frames kept. A string for the same
 * reason as FRAME_PROBE.
 */
const VIEWS_PROBE = `(() => {
  const missing = [];
  const find = (id) => document.querySelector('[data-testid="' + id + '"]');
  const count = (id, attribute) => Number(find(id)?.getAttribute(attribute) || 0);
  const layers = (find('distribution-plot')?.getAttribute('data-layers') || '').split(' ');
  for (const layer of ['discriminator', 'manifold', 'push']) {
    if (!layers.includes(layer)) missing.push('layer ' + layer);
  }
  if (!(count('distribution-plot', 'data-field-cells') > 0)) missing.push('heatmap cells');
  if (!(count('distribution-plot', 'data-manifold-points') > 0)) missing.push('manifold points');
  if (!(count('distribution-plot', 'data-push-arrows') > 0)) missing.push('push arrows');
  if (!find('noise-view')) missing.push('noise view');
  if (!(count('kernel-view', 'data-witness-cells') > 0)) missing.push('kernel witness');
  if (!find('model-overview')) missing.push('model overview');
  for (const id of ${JSON.stringify(CURVE_CHARTS)}) {
    if (!(count(id, 'data-points') > 0)) missing.push(id + ' points');
  }
  if (find('loss-chart')?.getAttribute('data-smoothed') !== 'true') missing.push('smoothed losses');
  if (!(count('metrics', 'data-iteration') > 0)) missing.push('metrics');
  if (!(count('timeline', 'data-frames') > 0)) missing.push('timeline frames');
  return missing;
})()`;

export async function missingViews(page: Page): Promise<string[]> {
  return (await page.evaluate(VIEWS_PROBE)) as string[];
}

/** The iteration the toolbar shows. */
export async function readIteration(page: Page): Promise<number> {
  return Number(((await page.getByTestId('iteration').textContent()) ?? '0').replace(/,/g, ''));
}

/** The median of the finite values; NaN when there are none. */
export function median(values: readonly (number | null)[]): number {
  const finite = values
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

export const MB = 2 ** 20;

/** One reading of a soak. Heaps in MB after a forced GC; null when not available. */
export interface SoakSample {
  /** Seconds since the recorder started. */
  seconds: number;
  iteration: number;
  tensors: number;
  workerHeapMB: number | null;
  /** The worker's ArrayBuffers: the WASM memory and the timeline's frames (up to its budget). */
  workerBuffersMB: number | null;
  pageHeapMB: number | null;
  pageBuffersMB: number | null;
  /** The page's animation frames per second since the previous sample (null for the first). */
  framesPerSecond: number | null;
  /** Views found off or not drawing (see missingViews). */
  missingViews: string[];
}

function toMB(bytes: number | null | undefined): number | null {
  return bytes === null || bytes === undefined ? null : Math.round((bytes / MB) * 10) / 10;
}

/** Takes soak samples of a page that is training; start() begins counting frames. */
export class SoakRecorder {
  readonly samples: SoakSample[] = [];
  private started = 0;
  private previousFrames = 0;
  private previousTime = 0;

  constructor(
    private readonly page: Page,
    private readonly heaps: HeapProbe,
  ) {}

  async start(): Promise<void> {
    await startFrameProbe(this.page);
    this.started = Date.now();
    this.previousTime = this.started;
    this.previousFrames = 0;
  }

  /** Seconds since start(). */
  elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  async sample(): Promise<SoakSample> {
    // Frames first: the forced collections below take main-thread time of their own.
    const now = Date.now();
    const { frames } = await readFrameProbe(this.page);
    const framesPerSecond =
      this.samples.length === 0 || now <= this.previousTime
        ? null
        : Math.round(((frames - this.previousFrames) * 10_000) / (now - this.previousTime)) / 10;
    this.previousFrames = frames;
    this.previousTime = now;
    const missing = await missingViews(this.page);
    const tensors = await readTensors(this.page);
    const iteration = await readIteration(this.page);
    const worker = await this.heaps.worker();
    const page = await this.heaps.page();
    const sample: SoakSample = {
      seconds: Math.round((now - this.started) / 100) / 10,
      iteration,
      tensors,
      workerHeapMB: toMB(worker?.used),
      workerBuffersMB: toMB(worker?.backing),
      pageHeapMB: toMB(page.used),
      pageBuffersMB: toMB(page.backing),
      framesPerSecond,
      missingViews: missing,
    };
    this.samples.push(sample);
    return sample;
  }
}

/** The samples taken in (from, to] seconds. */
export function samplesBetween(
  samples: readonly SoakSample[],
  from: number,
  to: number,
): SoakSample[] {
  return samples.filter((s) => s.seconds > from && s.seconds <= to);
}
