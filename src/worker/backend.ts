/**
 * Backend choice: check what this browser really has, measure where it matters, then fall back
 * (as squoosh picks SIMD or plain WASM at run time).
 *
 * Automatic choice: software GPUs (a SwiftShader WebGPU adapter with `isFallbackAdapter`, a
 * SwiftShader or llvmpipe WebGL renderer) are never candidates: measured on a 2-core machine
 * without a GPU they train 10–200× slower than WASM at every model size (docs/performance.md).
 * Hardware GPU backends are timed against WASM on the current model (selectAutomatically).
 * A backend named in the settings is used as asked, software or not; if it cannot start, the
 * fallback order is WASM, WebGL, CPU.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Registers the WASM backend with its faster transposed matrix products (see engine/wasm).
import '../engine/wasm';
// The .wasm binaries are served by the app itself (no CDN: the app must work offline).
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice } from '../config/schema';
import {
  type BackendSpeed,
  fastestBackend,
  measureIterationsPerSecond,
  type TrainerConfig,
} from '../engine';
import { BACKEND_LABELS, type BackendInfo, type BackendName } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

const LABELS = BACKEND_LABELS;

/** The fallback chain after WebGPU. */
const FALLBACKS: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** The parts of the WebGPU API this module reads (the DOM typings do not ship WebGPU's). */
interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

export interface WebGpuProbe {
  /** A hardware (non-fallback) adapter exists. */
  hardware: boolean;
  /** Any adapter exists (hardware or software). */
  available: boolean;
  /** Why WebGPU is or is not the automatic choice, in one clause. */
  reason: string;
}

/** Looks at the WebGPU adapter without creating a device. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (gpu === undefined) {
    return { hardware: false, available: false, reason: 'This browser has no WebGPU' };
  }
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (adapter === null) {
    return { hardware: false, available: false, reason: 'WebGPU has no adapter here' };
  }
  const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  const architecture = adapter.info?.architecture ?? '';
  if (fallback || architecture === 'swiftshader') {
    return {
      hardware: false,
      available: true,
      reason: `WebGPU is a software fallback here${architecture ? ` (${architecture})` : ''}, far slower than WASM`,
    };
  }
  return { hardware: true, available: true, reason: 'WebGPU runs on a hardware adapter' };
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    // setBackend resolves false (and tfjs silently keeps another backend) when init fails.
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** What the automatic choice needs to measure the current model on each candidate backend. */
export interface ModelUnderTest {
  /** The full trainer config of the run (a throwaway trainer is built from it per backend). */
  config: TrainerConfig;
  /** speedKey() of the config: measurements are cached per key for the session. */
  key: string;
}

export interface WebGlProbe {
  /** A WebGL context on a hardware GPU can be created here. */
  hardware: boolean;
  /** Why WebGL is or is not a candidate, in one clause. */
  reason: string;
}

/** Renderers that are CPU emulations of a GPU (Chromium's SwiftShader, Mesa's llvmpipe, …). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Looks at the WebGL renderer through a throwaway OffscreenCanvas context. */
export function probeWebGl(): WebGlProbe {
  if (typeof OffscreenCanvas === 'undefined') {
    return { hardware: false, reason: 'WebGL is not available in this worker' };
  }
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (gl === null) return { hardware: false, reason: 'WebGL 2 is not available' };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE_RENDERER.test(renderer)
      ? { hardware: false, reason: 'WebGL renders in software here' }
      : { hardware: true, reason: `WebGL runs on ${renderer}` };
  } catch {
    return { hardware: false, reason: 'WebGL could not start' };
  }
}

/** Measured speeds per model, for the whole session (a probe costs up to a second or two). */
const measuredSpeeds = new Map<string, BackendSpeed<BackendName>[]>();

function describeSpeeds(speeds: readonly BackendSpeed<BackendName>[]): string {
  return speeds
    .map((s) =>
      Number.isFinite(s.iterationsPerSecond)
        ? `${LABELS[s.name]} ${s.iterationsPerSecond.toFixed(0)} it/s`
        : `${LABELS[s.name]} failed`,
    )
    .join(', ');
}

/** Measures the model on each candidate (preferred first) and returns the speeds. */
async function measureCandidates(
  candidates: readonly BackendName[],
  model: ModelUnderTest,
): Promise<BackendSpeed<BackendName>[]> {
  const cached = measuredSpeeds.get(model.key);
  if (cached !== undefined) return cached;
  const speeds: BackendSpeed<BackendName>[] = [];
  for (const name of candidates) {
    let iterationsPerSecond = Number.NaN;
    if (await trySetBackend(name)) {
      try {
        iterationsPerSecond = await measureIterationsPerSecond(model.config, {
          budgetMs: 250,
          maxIterations: 100,
        });
      } catch {
        // A backend that cannot train this model is simply not chosen.
      }
    }
    speeds.push({ name, iterationsPerSecond });
  }
  // Cache only a useful measurement: a model that failed everywhere is timed again once fixed.
  if (speeds.some((s) => s.iterationsPerSecond > 0)) measuredSpeeds.set(model.key, speeds);
  return speeds;
}

/**
 * The automatic choice. Without a hardware GPU the only candidate is WASM (measured fastest for
 * every model size on CPUs: `npm run bench`). With one, the current model is timed on WASM and
 * on each hardware GPU backend for a quarter of a second each, and the fastest is kept: tiny
 * networks are bound by per-kernel dispatch, where WASM wins; wide ones by arithmetic, where
 * the GPU wins; the crossover depends on the machine.
 */
async function selectAutomatically(model: ModelUnderTest | null): Promise<BackendInfo | null> {
  const gpu = await probeWebGpu();
  const gl = probeWebGl();
  const gpuCandidates: BackendName[] = [];
  if (gpu.hardware) gpuCandidates.push('webgpu');
  if (gl.hardware) gpuCandidates.push('webgl');
  if (gpuCandidates.length === 0) {
    if (!(await trySetBackend('wasm'))) return null;
    return {
      name: 'wasm',
      requested: 'auto',
      reason: `${gpu.reason}, and ${gl.reason}: using WASM, the fastest backend without a GPU.`,
    };
  }
  if (model === null) {
    const name = gpuCandidates[0] ?? 'wasm';
    if (!(await trySetBackend(name))) return null;
    return { name, requested: 'auto', reason: `${gpu.reason}: using ${LABELS[name]}.` };
  }
  const speeds = await measureCandidates(['wasm', ...gpuCandidates], model);
  const best = fastestBackend(speeds);
  if (best === null) {
    // E.g. a config the trainer rejects: the run itself will report why.
    if (!(await trySetBackend('wasm'))) return null;
    return {
      name: 'wasm',
      requested: 'auto',
      reason: `${gpu.reason}, but this model could not be timed: using WASM.`,
    };
  }
  if (!(await trySetBackend(best.name))) return null;
  return {
    name: best.name,
    requested: 'auto',
    reason: `Measured on this model: ${describeSpeeds(speeds)}. Using the fastest, ${LABELS[best.name]}.`,
    speeds: speeds.map((s) => ({ name: s.name, iterationsPerSecond: s.iterationsPerSecond })),
  };
}

/**
 * Whether a change of model can change the automatic choice: only where a hardware GPU competes
 * with WASM (otherwise WASM is kept whatever the model).
 */
export function choiceDependsOnModel(info: BackendInfo | null): boolean {
  return info !== null && info.requested === 'auto' && info.speeds !== undefined;
}

/**
 * After `failed` stopped working mid-run, activates the next backend of the fallback order that
 * has not failed in this session; null when none starts.
 */
export async function fallbackBackend(
  failed: BackendName,
  excluded: ReadonlySet<BackendName>,
  requested: BackendChoice,
  why: string,
): Promise<BackendInfo | null> {
  for (const name of FALLBACKS) {
    if (name !== failed && !excluded.has(name) && (await trySetBackend(name))) {
      return {
        name,
        requested,
        reason: `${LABELS[failed]} failed during training (${why}): using ${LABELS[name]}.`,
      };
    }
  }
  return null;
}

/**
 * Activates a backend for `choice` and says which one runs and why. `model` lets the automatic
 * choice measure the current model (see selectAutomatically). Never throws.
 */
export async function selectBackend(
  choice: BackendChoice,
  model: ModelUnderTest | null = null,
): Promise<BackendInfo> {
  let preamble: string;
  if (choice === 'auto') {
    const chosen = await selectAutomatically(model);
    if (chosen !== null) return chosen;
    preamble = 'The automatic choice could not start its backend';
  } else {
    const probe = await probeWebGpu();
    if (await trySetBackend(choice)) {
      const note = choice === 'webgpu' && !probe.hardware ? ` (${probe.reason.toLowerCase()})` : '';
      return {
        name: choice,
        requested: choice,
        reason: `${LABELS[choice]} was requested in the settings${note}.`,
      };
    }
    preamble = `${LABELS[choice]} was requested but could not start${
      choice === 'webgpu' ? ` (${probe.reason.toLowerCase()})` : ''
    }`;
  }
  for (const name of FALLBACKS) {
    if (name !== choice && (await trySetBackend(name))) {
      return { name, requested: choice, reason: `${preamble}: using ${LABELS[name]}.` };
    }
  }
  // The CPU backend is pure JavaScript and always registers; reaching here means tfjs is broken.
  throw new Error('No tfjs backend could start, not even the CPU one.');
}
