/**
 * The command line of `npm run bench` (bench/run.ts), parsed and checked in one place so that a
 * bad option is a clear message before anything is built or started. Pure: unit-tested in
 * tests/bench/options.test.ts.
 */
import { parseArgs } from 'node:util';
import { isModelSize, MODEL_SIZES, type ModelSize } from './sizes';

export const ALL_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/**
 * The ANGLE backends `--angle` accepts (Chromium's `--use-angle=`). `swiftshader` renders every
 * canvas in the GPU process (GPU-backed, as on a machine with a hardware GPU: readbacks are
 * synchronous round trips); the others are for machines that have them.
 */
export const ANGLE_BACKENDS = ['swiftshader', 'gl', 'gles', 'vulkan', 'default'] as const;
export type AngleBackend = (typeof ANGLE_BACKENDS)[number];

/** The toggles clicked for the click-to-paint latency, by accessible name (first match). */
export const DEFAULT_TOGGLES = ['D heatmap', 'log scale'];

export interface BenchOptions {
  mode: 'matrix' | 'compare' | 'soak' | 'largest';
  /** --compare: the two variants (a backend, a built folder, a git ref, or `working-tree`). */
  variants: [string, string] | null;
  /** --soak: total seconds; a build folder or ref to soak (positional), else the working tree. */
  soakSeconds: number | null;
  soakTarget: string | null;
  backends: string[];
  sizes: ModelSize[];
  runs: number;
  /** Seconds of the measured window per run (after the warm-up). */
  seconds: number;
  warmupSeconds: number;
  modesTimeout: number;
  modes: boolean;
  hash: string;
  json: string | null;
  build: boolean;
  dist: string;
  port: number;
  interval: number | null;
  window: number | null;
  warmup: number | null;
  points: number;
  /** Chromium's `--use-angle=`; null: the default (software canvas in headless Chromium). */
  angle: AngleBackend | null;
  largestTimeout: number;
  /** Busy processes started for the run (0: none, and no unloaded baseline). */
  load: number;
  /** Clicks measured for the click-to-paint latency per run (0: none). */
  clicks: number;
  toggles: string[];
}

/** A positive number from an option, or a clear error. */
export function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}

/** A whole number ≥ 0 from an option, or a clear error. */
function count(name: string, text: string | undefined, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`--${name} must be a whole number from 0 to ${max}, got "${text}"`);
  }
  return value;
}

function parseSizes(text: string): ModelSize[] {
  return text.split(',').map((name) => {
    if (!isModelSize(name)) {
      throw new Error(`Unknown size "${name}": ${Object.keys(MODEL_SIZES).join(', ')}`);
    }
    return name;
  });
}

function parseAngle(angle: string | undefined, gpuCanvas: boolean): AngleBackend | null {
  if (angle === undefined) return gpuCanvas ? 'swiftshader' : null;
  const known = ANGLE_BACKENDS.find((name) => name === angle);
  if (known === undefined) {
    throw new Error(`--angle must be one of ${ANGLE_BACKENDS.join(', ')}, got "${angle}"`);
  }
  if (gpuCanvas && known !== 'swiftshader') {
    throw new Error(`--gpu-canvas means --angle swiftshader; it cannot go with --angle ${angle}`);
  }
  return known;
}

/** Parses `npm run bench`'s arguments (without node and the script). */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values: o, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
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
      angle: { type: 'string' },
      'gpu-canvas': { type: 'boolean', default: false },
      largest: { type: 'boolean', default: false },
      'largest-timeout': { type: 'string', default: '300' },
      load: { type: 'string', default: '0' },
      clicks: { type: 'string', default: '8' },
      toggles: { type: 'string', default: DEFAULT_TOGGLES.join(',') },
    },
  });
  const modes = [o.compare, o.soak !== undefined, o.largest].filter(Boolean).length;
  if (modes > 1) throw new Error('--compare, --soak and --largest are separate modes: pick one');
  const mode = o.compare
    ? 'compare'
    : o.soak !== undefined
      ? 'soak'
      : o.largest
        ? 'largest'
        : 'matrix';
  let variants: [string, string] | null = null;
  if (mode === 'compare') {
    // One variant: it against the working tree (before → after, as a closing note reports).
    const [a, b] = positionals;
    if (a === undefined || positionals.length > 2) {
      throw new Error(
        '--compare takes one or two variants (a backend, a build folder, a git ref or working-tree); one is compared with the working tree',
      );
    }
    variants = [a, b ?? 'working-tree'];
  } else if (mode !== 'soak' && positionals.length > 0) {
    throw new Error(`Unexpected argument "${positionals[0]}" (only --compare and --soak take one)`);
  }
  if (mode === 'soak' && positionals.length > 1) {
    throw new Error('--soak takes at most one build folder or git ref');
  }
  const seconds = positive('seconds', o.seconds);
  const toggles = o.toggles
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const clicks = count('clicks', o.clicks, 100);
  if (clicks > 0 && toggles.length === 0) throw new Error('--toggles names no toggle to click');
  return {
    mode,
    variants,
    soakSeconds: o.soak === undefined ? null : positive('soak', o.soak),
    soakTarget: mode === 'soak' ? (positionals[0] ?? null) : null,
    backends: o.backends.split(','),
    sizes: parseSizes(o.sizes),
    runs: Math.max(1, Math.round(positive('runs', o.runs))),
    seconds,
    warmupSeconds: Math.min(5, Math.max(2, seconds / 4)),
    modesTimeout: positive('modes-timeout', o['modes-timeout']),
    modes: !o['no-modes'],
    hash: o.hash,
    json: o.json ?? null,
    build: !o['no-build'],
    dist: o.dist,
    port: Math.round(positive('port', o.port)),
    interval: o.interval === undefined ? null : positive('interval', o.interval),
    window: o.window === undefined ? null : positive('window', o.window),
    warmup: o.warmup === undefined ? null : Number(o.warmup),
    points: o.points === undefined ? 0 : Math.round(positive('points', o.points)),
    angle: parseAngle(o.angle, o['gpu-canvas']),
    largestTimeout: positive('largest-timeout', o['largest-timeout']),
    load: count('load', o.load, 64),
    clicks,
    toggles,
  };
}

/** Chromium launch flags for the canvas mode: `--use-angle=<backend>` when one is chosen. */
export function angleArgs(angle: AngleBackend | null): string[] {
  return angle === null ? [] : [`--use-angle=${angle}`];
}

/** The canvas mode in words, for the lines that head every result. */
export function describeAngle(angle: AngleBackend | null): string {
  if (angle === null) return 'software canvas (Chromium default)';
  if (angle === 'swiftshader') return 'GPU-process canvas (--use-angle=swiftshader)';
  return `--use-angle=${angle}`;
}
