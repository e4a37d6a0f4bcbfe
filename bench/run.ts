/**
 * `npm run bench`: training speed and page smoothness of the production build, in headless
 * Chromium (the e2e tests' browser and flags), driven by Playwright.
 *
 *   npm run bench                          every backend × every model size, median of 3 runs,
 *                                          plus the time to cover the 8 modes of the ring
 *   npm run bench -- --compare wasm webgl  two variants interleaved A B A B …, with ratios;
 *                                          a variant is a backend, a built folder, or a git ref
 *   npm run bench -- --soak 600            10 minutes of training: tensors, heaps, frames
 *
 * Options: --backends webgpu,webgl,wasm,cpu  --sizes default,small,wide  --runs 3
 * --seconds 10 (measured per run, after a warm-up)  --modes-timeout 60  --no-modes
 * --hash 'lrG=0.002' (extra settings for every run)  --json FILE.
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

// ---------------------------------------------------------------------------------------------
// Builds and servers

/** Builds the working tree into dist/ (unless --no-build). */
function buildWorkingTree(): string {
  if (!options['no-build']) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  return resolve(ROOT, 'dist');
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
let nextPort = 4310;

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

async function iteration(page: Page): Promise<number> {
  return Number(((await page.getByTestId('iteration').textContent()) ?? '0').replace(/,/g, ''));
}

/**
 * Counts animation frames and records long main-thread tasks from now on. A string, not a
 * function: tsx's transform would wrap a named inner function in a helper the page lacks.
 */
const PAGE_PROBE = `(() => {
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

async function startPageProbe(page: Page): Promise<void> {
  await page.evaluate(PAGE_PROBE);
}

async function stopPageProbe(page: Page): Promise<{ frames: number; longest: number }> {
  return page.evaluate(() => {
    const probe = (
      window as unknown as { __probe: { frames: number; longest: number; running: boolean } }
    ).__probe;
    probe.running = false;
    return { frames: probe.frames, longest: probe.longest };
  });
}

/**
 * Reads the training worker's JS heap over the DevTools protocol (workers have no
 * performance.memory): auto-attaches to the page's worker and asks Runtime.getHeapUsage.
 */
async function watchWorkerHeap(page: Page): Promise<() => Promise<number | null>> {
  const cdp = await page.context().newCDPSession(page);
  const sessions: string[] = [];
  const pending = new Map<number, (usedSize: number | null) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') sessions.push(event.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
    if (message.id !== undefined) pending.get(message.id)?.(message.result?.usedSize ?? null);
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  return async () => {
    const sessionId = sessions.at(-1);
    if (sessionId === undefined) return null;
    const id = nextId++;
    const reply = new Promise<number | null>((resolve) => pending.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
    });
    return Promise.race([reply, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
  };
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
    await startPageProbe(page);
    const startIteration = await iteration(page);
    const started = Date.now();
    await page.waitForTimeout(seconds * 1000);
    const elapsed = (Date.now() - started) / 1000;
    const iterations = (await iteration(page)) - startIteration;
    const probe = await stopPageProbe(page);
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

function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
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
  return [...parts, options.hash].filter(Boolean).join('&');
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

async function soak(browser: Browser, totalSeconds: number): Promise<void> {
  const baseUrl = await serve(buildWorkingTree());
  let workerHeap: () => Promise<number | null> = async () => null;
  const page = await openApp(browser, baseUrl, hashFor(), async (p) => {
    workerHeap = await watchWorkerHeap(p);
  });
  const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
  await playUntilFirstUpdate(page);
  await startPageProbe(page);
  const started = Date.now();
  const samples: {
    seconds: number;
    iteration: number;
    tensors: number;
    workerHeapMB: number | null;
    pageHeapMB: number | null;
    /** Page frames/s since the previous sample. */
    framesPerSecond: number | null;
  }[] = [];
  const interval = Math.max(5, Math.round(totalSeconds / 60));
  let previousFrames = 0;
  let previousTime = started;
  for (;;) {
    const now = Date.now();
    const elapsed = (now - started) / 1000;
    const frames = await page.evaluate(
      () => (window as unknown as { __probe: { frames: number } }).__probe.frames,
    );
    const framesPerSecond =
      now > previousTime
        ? round(((frames - previousFrames) * 1000) / (now - previousTime), 1)
        : null;
    previousFrames = frames;
    previousTime = now;
    const memory = page.getByTestId('memory');
    const tensors = Number(await memory.getAttribute('data-tensors'));
    const heap = await workerHeap();
    const pageHeap = await page.evaluate(
      () => (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
    );
    const sample = {
      seconds: Math.round(elapsed),
      iteration: await iteration(page),
      tensors,
      workerHeapMB: heap === null ? null : round(heap / 2 ** 20, 1),
      pageHeapMB: pageHeap === null ? null : round(pageHeap / 2 ** 20, 1),
      framesPerSecond: samples.length === 0 ? null : framesPerSecond,
    };
    samples.push(sample);
    console.log(JSON.stringify(sample));
    if (elapsed >= totalSeconds) break;
    await page.waitForTimeout(interval * 1000);
  }
  const probe = await stopPageProbe(page);
  const elapsed = (Date.now() - started) / 1000;
  await page.close();
  // Compare the first and the last minute (after the first samples' warm-up).
  const perMinute = Math.max(1, Math.round(60 / interval));
  const early = samples.slice(1, 1 + perMinute);
  const late = samples.slice(-perMinute);
  const summarise = (pick: (s: (typeof samples)[number]) => number | null) => {
    const e = median(early.map(pick).filter((v): v is number => v !== null));
    const l = median(late.map(pick).filter((v): v is number => v !== null));
    return { early: round(e, 1), late: round(l, 1) };
  };
  const tensors = samples.slice(1).map((s) => s.tensors);
  const summary = {
    backend,
    seconds: Math.round(elapsed),
    iterations: samples.at(-1)?.iteration ?? 0,
    iterationsPerSecond: round((samples.at(-1)?.iteration ?? 0) / elapsed, 1),
    framesPerSecond: round(probe.frames / elapsed, 1),
    framesPerSecondByMinute: summarise((s) => s.framesPerSecond),
    longestTaskMs: Math.round(probe.longest),
    tensorsMin: Math.min(...tensors),
    tensorsMax: Math.max(...tensors),
    workerHeapMB: summarise((s) => s.workerHeapMB),
    pageHeapMB: summarise((s) => s.pageHeapMB),
  };
  console.log(`\nSoak: ${summary.seconds} s on ${backend}, default model; ${machine()}.`);
  console.log(
    '| iterations | iterations/s | frames/s (all; 1st → last minute) | longest task (ms) | tensors (min–max) | worker heap, 1st → last minute (MB) | page heap (MB) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ${summary.iterations} | ${summary.iterationsPerSecond} | ${summary.framesPerSecond}; ${summary.framesPerSecondByMinute.early} → ${summary.framesPerSecondByMinute.late} | ${summary.longestTaskMs} | ${summary.tensorsMin}–${summary.tensorsMax} | ${summary.workerHeapMB.early} → ${summary.workerHeapMB.late} | ${summary.pageHeapMB.early} → ${summary.pageHeapMB.late} |`,
  );
  const file = save('soak', { machine: machine(), summary, samples });
  console.log(`JSON: ${file}`);
}

async function main(): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    if (options.compare) await compare(browser);
    else if (options.soak !== undefined) await soak(browser, positive('soak', options.soak));
    else await matrix(browser);
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
