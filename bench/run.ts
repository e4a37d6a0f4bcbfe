/**
 * `npm run bench`: training speed and page smoothness of the production build, in headless
 * Chromium (the e2e tests' browser and flags), driven by Playwright.
 *
 *   npm run bench                          every backend × every model size, median of 3 runs,
 *                                          plus the time to cover the 8 modes of the ring
 *   npm run bench -- --compare wasm webgl  two variants interleaved A B A B …, with ratios;
 *                                          a variant is a backend, a built folder, or a git ref
 *   npm run bench -- --soak 1800           30 minutes of training with every view on: live
 *                                          tensors, worker and page heaps, frames/s in the
 *                                          first and the last window, a verdict for each
 *                                          (exit status 2 when one fails); a build folder
 *                                          or git ref after it soaks that build instead
 *
 * Options: --backends webgpu,webgl,wasm,cpu  --sizes default,small,wide  --runs 3
 * --seconds 10 (measured per run, after a warm-up)  --modes-timeout 60  --no-modes
 * --hash 'lrG=0.002' (extra settings for every run)  --json FILE
 * --dist DIR (build the working tree into DIR, default dist; --no-build serves it as it is)
 * --port 4310 (the first port the builds are served on).
 * --largest: the largest legal model on each of --backends, trained or refused, its seconds per
 * iteration (bench/largest.ts); --largest-timeout 300 (seconds per backend).
 * --points 100000 (train on that many uploaded 2-D points, bench/points.ts)  --gpu-canvas
 * (canvases in the GPU process: --use-angle=swiftshader).
 * Soak: --interval S (between samples; default T/30 within 2–10 s), --warmup S (before the
 * first window; default T/6, at most 60 s), --window S (default T/4, at most 60 s).
 *
 * Per run it reports iterations/s in the worker (from the iteration counter), the page's
 * frames/s and its longest main-thread task while training with every view on, and the time
 * from "Play" to the first drawn update. Results print as Markdown tables and are written as
 * JSON under bench-results/ (not committed). Timings are measurements, never test assertions.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium';
import { largest } from './largest';
import { POINTS_HASH, uploadPoints, withGpuCanvas } from './points';
import {
  ALL_VIEWS_HASH,
  attachHeapProbe,
  type HeapProbe,
  median,
  readIteration,
  SoakRecorder,
  type SoakSample,
  samplesBetween,
  startFrameProbe,
  stopFrameProbe,
} from './probes';
import { isModelSize, MODEL_SIZES, type ModelSize, sizeHash } from './sizes';

const ALL_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];
const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = resolve(ROOT, 'bench-results');

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    backends: { type: 'string', default: ALL_BACKENDS.join(',') },
    sizes: { type: 'string', default: Object.keys(MODEL_SIZES).join(',') },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    'modes-timeout': { type: 'string', default: '60' },
    'no-modes': { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    soak: { type: 'string' },
    hash: { type: 'string', default: '' },
    json: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4310' },
    interval: { type: 'string' },
    window: { type: 'string' },
    warmup: { type: 'string' },
    points: { type: 'string' },
    'gpu-canvas': { type: 'boolean', default: false },
    largest: { type: 'boolean', default: false },
    'largest-timeout': { type: 'string', default: '300' },
  },
});
/** A positive number from an option, or a clear error. */
function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}
const runs = Math.max(1, Math.round(positive('runs', options.runs)));
const seconds = positive('seconds', options.seconds);
const warmupSeconds = Math.min(5, Math.max(2, seconds / 4));
const pointCount =
  options.points === undefined ? 0 : Math.round(positive('points', options.points));

// ---------------------------------------------------------------------------------------------
// Builds and servers

/** Builds the working tree into --dist (default dist/; unless --no-build). */
function buildWorkingTree(): string {
  const out = resolve(ROOT, options.dist);
  if (!options['no-build']) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', out], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return out;
}

/** Builds a git ref in a throwaway worktree that borrows this checkout's node_modules. */
function buildRef(ref: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT }).toString().trim();
  const out = resolve(RESULTS, 'builds', sha);
  if (existsSync(resolve(out, 'index.html'))) return out;
  const tree = resolve(RESULTS, 'worktrees', sha);
  rmSync(tree, { recursive: true, force: true });
  execFileSync('git', ['worktree', 'add', '--detach', '--force', tree, sha], { cwd: ROOT });
  try {
    symlinkSync(resolve(ROOT, 'node_modules'), resolve(tree, 'node_modules'), 'dir');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', out], {
      cwd: tree,
      stdio: 'inherit',
    });
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT });
  }
  return out;
}

const servers: ChildProcess[] = [];
let nextPort = Math.round(positive('port', options.port));

/** Serves a built folder with `vite preview` (same headers as the e2e server); returns its URL. */
async function serve(dir: string): Promise<string> {
  const port = nextPort++;
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--outDir',
      dir,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: ROOT, stdio: 'ignore', detached: true },
  );
  servers.push(server);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return url;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview of ${dir} did not start`);
}

function stopServers(): void {
  for (const server of servers) {
    try {
      if (server.pid !== undefined) process.kill(-server.pid);
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One measured run

interface RunResult {
  /** The backend the app reports it runs on. */
  backend: string;
  iterationsPerSecond: number;
  framesPerSecond: number;
  longestTaskMs: number;
  firstUpdateMs: number;
  error?: string;
}

/** Opens the app with `hash`, waits for the backend and the first snapshot; returns the page. */
async function openApp(
  browser: Browser,
  baseUrl: string,
  hash: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // A returning visitor: the first-visit tour would cover the page (key of src/ui/tour.ts).
  await page.addInitScript(() => window.localStorage.setItem('gan-playground:tour-seen', '1'));
  await beforeLoad?.(page);
  await page.goto(`${baseUrl}/#${hash}`);
  if (pointCount > 0) await uploadPoints(page, pointCount);
  // The backend is chosen and Play is enabled (the first snapshot has arrived).
  await page.waitForFunction(
    () => {
      const backend = document
        .querySelector('[data-testid="backend"]')
        ?.getAttribute('data-backend');
      const play = document.querySelector('button.primary') as HTMLButtonElement | null;
      return Boolean(backend) && play !== null && !play.disabled;
    },
    null,
    { timeout: 120_000 },
  );
  return page;
}

/** Clicks Play and resolves when the generated points are first redrawn; returns the delay. */
async function playUntilFirstUpdate(page: Page): Promise<number> {
  const before = await page.getByTestId('distribution-plot').getAttribute('data-generated-digest');
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(
    (digest) =>
      document
        .querySelector('[data-testid="distribution-plot"]')
        ?.getAttribute('data-generated-digest') !== digest,
    before,
    { timeout: 180_000, polling: 16 },
  );
  return Date.now() - clicked;
}

async function measureRun(browser: Browser, baseUrl: string, hash: string): Promise<RunResult> {
  const page = await openApp(browser, baseUrl, hash);
  try {
    const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const firstUpdateMs = await playUntilFirstUpdate(page);
    // Warm-up: shader compilation, JIT, and the loop's turn-length adaptation.
    await page.waitForTimeout(warmupSeconds * 1000);
    await startFrameProbe(page);
    const startIteration = await readIteration(page);
    const started = Date.now();
    await page.waitForTimeout(seconds * 1000);
    const elapsed = (Date.now() - started) / 1000;
    const iterations = (await readIteration(page)) - startIteration;
    const probe = await stopFrameProbe(page);
    return {
      backend,
      iterationsPerSecond: round(iterations / elapsed, 1),
      framesPerSecond: round(probe.frames / elapsed, 1),
      longestTaskMs: Math.round(probe.longest),
      firstUpdateMs,
    };
  } catch (error) {
    return failed(error);
  } finally {
    await page.close();
  }
}

function failed(error: unknown): RunResult {
  return {
    backend: '?',
    iterationsPerSecond: Number.NaN,
    framesPerSecond: Number.NaN,
    longestTaskMs: Number.NaN,
    firstUpdateMs: Number.NaN,
    error: error instanceof Error ? error.message.split('\n')[0] : String(error),
  };
}

interface ModesResult {
  backend: string;
  /** Seconds from Play until the metrics first show every mode covered; null on timeout. */
  seconds: number | null;
  /** The iteration those metrics describe (or the last one seen, on timeout). */
  iterations: number;
}

/** Trains the default ring-of-8 preset until the metrics show all 8 modes covered. */
async function measureModes(browser: Browser, baseUrl: string, hash: string): Promise<ModesResult> {
  const timeoutMs = positive('modes-timeout', options['modes-timeout']) * 1000;
  const page = await openApp(browser, baseUrl, hash);
  try {
    const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Play' }).click();
    let iterations = 0;
    while (Date.now() - clicked < timeoutMs) {
      const state = await page.getByTestId('metrics').evaluate((el) => ({
        covered: el.getAttribute('data-modes-covered'),
        count: el.getAttribute('data-mode-count'),
        iteration: Number(el.getAttribute('data-iteration') || 0),
      }));
      iterations = state.iteration;
      if (state.count && state.covered === state.count && state.iteration > 0) {
        return { backend, seconds: round((Date.now() - clicked) / 1000, 1), iterations };
      }
      await page.waitForTimeout(100);
    }
    return { backend, seconds: null, iterations };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and printing

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function medianRun(results: readonly RunResult[]): RunResult {
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  return {
    backend: results.find((r) => r.backend !== '?')?.backend ?? '?',
    iterationsPerSecond: round(median(results.map((r) => r.iterationsPerSecond)), 1),
    framesPerSecond: round(median(results.map((r) => r.framesPerSecond)), 1),
    longestTaskMs: median(results.map((r) => r.longestTaskMs)),
    firstUpdateMs: median(results.map((r) => r.firstUpdateMs)),
    ...(errors.length > 0 ? { error: errors[0] } : {}),
  };
}

function show(value: number): string {
  return Number.isFinite(value) ? String(value) : '—';
}

function parseSizes(): ModelSize[] {
  return options.sizes.split(',').map((name) => {
    if (!isModelSize(name)) {
      throw new Error(`Unknown size "${name}": ${Object.keys(MODEL_SIZES).join(', ')}`);
    }
    return name;
  });
}

function hashFor(...parts: string[]): string {
  return [...parts, pointCount > 0 ? POINTS_HASH : '', options.hash].filter(Boolean).join('&');
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${os.platform()} ${os.release()}, Chromium headless`;
}

function save(kind: string, data: unknown): string {
  mkdirSync(RESULTS, { recursive: true });
  const file =
    options.json ??
    resolve(RESULTS, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

// ---------------------------------------------------------------------------------------------
// Modes

async function matrix(browser: Browser): Promise<void> {
  const baseUrl = await serve(buildWorkingTree());
  const backends = options.backends.split(',');
  const sizes = parseSizes();
  const rows: { size: string; requested: string; median: RunResult; runs: RunResult[] }[] = [];
  for (const size of sizes) {
    for (const requested of backends) {
      const results: RunResult[] = [];
      for (let r = 0; r < runs; r++) {
        const result = await measureRun(
          browser,
          baseUrl,
          hashFor(`backend=${requested}`, sizeHash(size)),
        );
        console.log(`${size} ${requested} run ${r + 1}: ${JSON.stringify(result)}`);
        results.push(result);
        if (result.error) break; // a backend that cannot run will not on the next try either
      }
      rows.push({ size, requested, median: medianRun(results), runs: results });
    }
  }
  const modes: { requested: string; median: ModesResult; runs: ModesResult[] }[] = [];
  if (!options['no-modes']) {
    for (const requested of backends) {
      const results: ModesResult[] = [];
      for (let r = 0; r < runs; r++) {
        const result = await measureModes(browser, baseUrl, hashFor(`backend=${requested}`));
        console.log(`ring-8 modes ${requested} run ${r + 1}: ${JSON.stringify(result)}`);
        results.push(result);
        if (result.seconds === null) break; // a timeout will not end sooner next time
      }
      const reached = results.filter((r) => r.seconds !== null);
      modes.push({
        requested,
        runs: results,
        median: {
          backend: results[0]?.backend ?? '?',
          seconds:
            reached.length === results.length ? median(reached.map((r) => r.seconds ?? 0)) : null,
          iterations: median(results.map((r) => r.iterations)),
        },
      });
    }
  }
  console.log(
    `\nMedian of ${runs} runs; ${seconds} s measured per run after ${warmupSeconds} s of warm-up; ${machine()}.`,
  );
  console.log(
    '| size | backend | iterations/s | frames/s | longest task (ms) | play → first update (ms) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const { size, median: m } of rows) {
    console.log(
      `| ${size} | ${m.backend} | ${show(m.iterationsPerSecond)} | ${show(m.framesPerSecond)} | ${show(m.longestTaskMs)} | ${show(m.firstUpdateMs)} |${m.error ? ` ${m.error}` : ''}`,
    );
  }
  if (modes.length > 0) {
    console.log('\nRing of 8 (default preset): until the metrics show all 8 modes covered');
    console.log('| backend | seconds | iterations |');
    console.log('| --- | --- | --- |');
    for (const { median: m } of modes) {
      console.log(
        `| ${m.backend} | ${m.seconds === null ? `> ${options['modes-timeout']}` : m.seconds} | ${m.seconds === null ? `(${m.iterations} when stopped)` : m.iterations} |`,
      );
    }
  }
  const file = save('matrix', {
    machine: machine(),
    runs,
    seconds,
    warmupSeconds,
    hash: options.hash,
    rows,
    modes,
  });
  console.log(`\nJSON: ${file}`);
}

interface Variant {
  label: string;
  baseUrl: string;
  hash: string;
}

/** A backend name, a folder holding a build, or a git ref. */
async function variant(spec: string, workingTreeUrl: () => Promise<string>): Promise<Variant> {
  if (ALL_BACKENDS.includes(spec)) {
    return { label: spec, baseUrl: await workingTreeUrl(), hash: `backend=${spec}` };
  }
  if (existsSync(resolve(spec, 'index.html'))) {
    return { label: spec, baseUrl: await serve(resolve(spec)), hash: '' };
  }
  return { label: spec, baseUrl: await serve(buildRef(spec)), hash: '' };
}

async function compare(browser: Browser): Promise<void> {
  const [a, b] = positionals;
  if (a === undefined || b === undefined || positionals.length !== 2) {
    throw new Error('--compare takes two variants: backends, build folders or git refs');
  }
  let workingTree: Promise<string> | null = null;
  const workingTreeUrl = () => (workingTree ??= serve(buildWorkingTree()));
  const variants = [await variant(a, workingTreeUrl), await variant(b, workingTreeUrl)];
  const size = parseSizes()[0] ?? 'default';
  const rounds = Math.max(runs, 4);
  const results: RunResult[][] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const [i, v] of variants.entries()) {
      const result = await measureRun(browser, v.baseUrl, hashFor(v.hash, sizeHash(size)));
      console.log(`round ${r + 1} ${v.label}: ${JSON.stringify(result)}`);
      results[i]!.push(result);
    }
  }
  const ratios = results[0]!.map(
    (ra, i) => (results[1]![i]?.iterationsPerSecond ?? Number.NaN) / ra.iterationsPerSecond,
  );
  const [ma, mb] = results.map(medianRun) as [RunResult, RunResult];
  console.log(
    `\n${rounds} interleaved rounds (A B A B …), size ${size}, ${seconds} s each; ${machine()}.`,
  );
  console.log(
    '| variant | backend | iterations/s | frames/s | longest task (ms) | play → first update (ms) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [v, m] of [
    [variants[0]!, ma],
    [variants[1]!, mb],
  ] as const) {
    console.log(
      `| ${v.label} | ${m.backend} | ${show(m.iterationsPerSecond)} | ${show(m.framesPerSecond)} | ${show(m.longestTaskMs)} | ${show(m.firstUpdateMs)} |`,
    );
  }
  const sorted = ratios.filter(Number.isFinite).sort((x, y) => x - y);
  console.log(
    `\nB/A iterations/s per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${round(median(ratios), 2)} (range ${sorted[0]?.toFixed(2)}–${sorted.at(-1)?.toFixed(2)})`,
  );
  const file = save('compare', { machine: machine(), size, seconds, variants, results, ratios });
  console.log(`JSON: ${file}`);
}

/** A quantity the soak judges: its first- and last-window medians and whether growth is noise. */
interface Verdict {
  quantity: string;
  first: number;
  last: number;
  growth: number;
  threshold: string;
  pass: boolean;
}

/** Heaps may grow by this fraction of the first window's median, or by HEAP_SLACK_MB if more. */
const HEAP_SLACK_FRACTION = 0.1;
const HEAP_SLACK_MB = 5;
/** The last window's frames/s must keep this fraction of the first's. */
const FRAMES_KEPT = 0.8;

function heapVerdict(quantity: string, first: number, last: number): Verdict {
  const slack = Math.max(HEAP_SLACK_FRACTION * first, HEAP_SLACK_MB);
  return {
    quantity,
    first: round(first, 1),
    last: round(last, 1),
    growth: round(last - first, 1),
    threshold: `last ≤ first + max(${HEAP_SLACK_FRACTION * 100} %, ${HEAP_SLACK_MB} MB) = ${round(first + slack, 1)}`,
    // NaN (no reading) fails: a soak that cannot read a heap has not shown it flat.
    pass: last <= first + slack,
  };
}

/**
 * Trains the default model with every view on for `totalSeconds`, sampling every few seconds the
 * worker's live tensors, both JS heaps (after a forced GC) and the page's frames/s; compares the
 * first window after the warm-up with the last one and exits non-zero when a verdict fails.
 */
async function soak(browser: Browser, totalSeconds: number): Promise<void> {
  const interval = options.interval
    ? positive('interval', options.interval)
    : Math.min(10, Math.max(2, totalSeconds / 30));
  const window = options.window
    ? positive('window', options.window)
    : Math.min(60, Math.max(3 * interval, totalSeconds / 4));
  const warmup = options.warmup
    ? Number(options.warmup)
    : Math.min(60, Math.max(interval, totalSeconds / 6));
  if (!(warmup >= 0) || warmup + 2 * window > totalSeconds) {
    throw new Error(
      `--soak ${totalSeconds} is too short for a warm-up of ${warmup} s and two windows of ${window} s`,
    );
  }
  // A built folder or a git ref, as for --compare; the working tree by default.
  const target = positionals[0];
  const baseUrl = await serve(
    target === undefined
      ? buildWorkingTree()
      : existsSync(resolve(target, 'index.html'))
        ? resolve(target)
        : buildRef(target),
  );
  // Attached before the app loads: the training worker starts with it.
  const attached: { heaps?: HeapProbe } = {};
  const page = await openApp(browser, baseUrl, hashFor(ALL_VIEWS_HASH), async (p) => {
    attached.heaps = await attachHeapProbe(p);
  });
  const heaps = attached.heaps;
  if (heaps === undefined) throw new Error('no DevTools session on the page');
  const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
  await playUntilFirstUpdate(page);
  const recorder = new SoakRecorder(page, heaps);
  await recorder.start();
  console.log(
    `Soak: ${totalSeconds} s, a sample every ${interval} s; warm-up ${warmup} s; windows of ${window} s.`,
  );
  for (let k = 0; ; k++) {
    // On a fixed schedule: a slow sample (a long GC) does not shift the ones after it.
    const wait = k * interval - recorder.elapsed();
    if (wait > 0) await page.waitForTimeout(wait * 1000);
    const sample = await recorder.sample();
    console.log(JSON.stringify(sample));
    if (sample.seconds >= totalSeconds) break;
  }
  const probe = await stopFrameProbe(page);
  const elapsed = recorder.elapsed();
  await page.close();

  const samples = recorder.samples;
  const last = samples.at(-1)?.seconds ?? 0;
  const settled = samples.filter((s) => s.seconds > warmup);
  const firstWindow = samplesBetween(samples, warmup, warmup + window);
  const lastWindow = samplesBetween(samples, last - window, last);
  const medians = (pick: (s: SoakSample) => number | null) =>
    [median(firstWindow.map(pick)), median(lastWindow.map(pick))] as const;

  const verdicts: Verdict[] = [];
  const tensors = settled.map((s) => s.tensors);
  const [tensorsFirst, tensorsLast] = medians((s) => s.tensors);
  const tensorsFlat =
    tensors.length > 0 && tensors.every((t) => Number.isFinite(t) && t === tensors[0]);
  verdicts.push({
    quantity: 'live tensors (worker)',
    first: tensorsFirst,
    last: tensorsLast,
    growth: tensorsLast - tensorsFirst,
    threshold: `every sample after the warm-up equal (seen ${Math.min(...tensors)}–${Math.max(...tensors)})`,
    pass: tensorsFlat,
  });
  verdicts.push(heapVerdict('worker JS heap (MB)', ...medians((s) => s.workerHeapMB)));
  verdicts.push(heapVerdict('page JS heap (MB)', ...medians((s) => s.pageHeapMB)));
  const [pageBuffersFirst, pageBuffersLast] = medians((s) => s.pageBuffersMB);
  if (Number.isFinite(pageBuffersFirst)) {
    verdicts.push(heapVerdict('page ArrayBuffers (MB)', pageBuffersFirst, pageBuffersLast));
  }
  const [framesFirst, framesLast] = medians((s) => s.framesPerSecond);
  verdicts.push({
    quantity: 'page frames/s',
    first: round(framesFirst, 1),
    last: round(framesLast, 1),
    growth: round(framesLast - framesFirst, 1),
    threshold: `last ≥ ${FRAMES_KEPT * 100} % of first = ${round(FRAMES_KEPT * framesFirst, 1)}`,
    pass: framesLast >= FRAMES_KEPT * framesFirst,
  });
  const viewGaps = settled.filter((s) => s.missingViews.length > 0);
  verdicts.push({
    quantity: 'samples with a view off',
    first: firstWindow.filter((s) => s.missingViews.length > 0).length,
    last: lastWindow.filter((s) => s.missingViews.length > 0).length,
    growth:
      lastWindow.filter((s) => s.missingViews.length > 0).length -
      firstWindow.filter((s) => s.missingViews.length > 0).length,
    threshold: `none after the warm-up (${settled.length} samples)${viewGaps[0] ? `; first: ${viewGaps[0].missingViews.join(', ')}` : ''}`,
    pass: viewGaps.length === 0,
  });
  // Reported, not judged: the timeline deliberately fills its frame budget (48 MB) and the WASM
  // memory only ever grows to its high-water mark.
  const [workerBuffersFirst, workerBuffersLast] = medians((s) => s.workerBuffersMB);

  const iterations = samples.at(-1)?.iteration ?? 0;
  const summary = {
    backend,
    seconds: Math.round(elapsed),
    interval,
    warmup,
    window,
    iterations,
    iterationsPerSecond: round(iterations / elapsed, 1),
    framesPerSecond: round(probe.frames / elapsed, 1),
    longestTaskMs: Math.round(probe.longest),
    workerBuffersMB: { first: workerBuffersFirst, last: workerBuffersLast },
    verdicts,
    pass: verdicts.every((v) => v.pass),
  };
  const range = (from: number, to: number) => `${Math.round(from)}–${Math.round(to)} s`;
  const lines = [
    `Soak: ${summary.seconds} s on ${backend}, default model, every view on (#${ALL_VIEWS_HASH}); ${machine()}.`,
    `${iterations} iterations (${summary.iterationsPerSecond}/s); ${summary.framesPerSecond} frames/s overall; longest main-thread task ${summary.longestTaskMs} ms.`,
    `Medians of the samples (every ${interval} s) in the first window after a ${warmup} s warm-up (${range(warmup, warmup + window)}) and the last (${range(last - window, last)}); heaps read after a forced GC.`,
    '',
    '| quantity | first window | last window | growth | no growth beyond noise when | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    ...verdicts.map(
      (v) =>
        `| ${v.quantity} | ${show(v.first)} | ${show(v.last)} | ${show(v.growth)} | ${v.threshold} | ${v.pass ? 'pass' : '**FAIL**'} |`,
    ),
    `| worker ArrayBuffers (MB; WASM memory, timeline frames) | ${show(workerBuffersFirst)} | ${show(workerBuffersLast)} | ${show(round(workerBuffersLast - workerBuffersFirst, 1))} | not judged: the timeline fills a 48 MB budget by design | — |`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  for (const v of verdicts) {
    console.log(
      `${v.pass ? 'PASS' : 'FAIL'} ${v.quantity}: ${show(v.first)} → ${show(v.last)} (${v.threshold})`,
    );
  }
  const file = save('soak', { machine: machine(), hash: ALL_VIEWS_HASH, summary, samples });
  const markdown = file.replace(/\.json$/, '.md');
  writeFileSync(markdown, `${lines.join('\n')}\n`);
  console.log(`JSON: ${file}\nMarkdown: ${markdown}`);
  if (!summary.pass) process.exitCode = 2;
}

async function main(): Promise<void> {
  const browser = await chromium.launch(
    options['gpu-canvas'] ? withGpuCanvas(chromiumLaunchOptions) : chromiumLaunchOptions,
  );
  try {
    if (options.compare) await compare(browser);
    else if (options.soak !== undefined) await soak(browser, positive('soak', options.soak));
    else if (options.largest) {
      const limit = positive('largest-timeout', options['largest-timeout']);
      save(
        'largest',
        await largest(browser, await serve(buildWorkingTree()), options.backends.split(','), limit),
      );
    } else await matrix(browser);
  } finally {
    await browser.close();
    stopServers();
  }
}

process.on('SIGINT', () => {
  stopServers();
  process.exit(130);
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopServers();
  process.exit(1);
});
