/**
 * Backend choice: check what this browser really has, then fall back (as squoosh picks SIMD or
 * plain WASM at run time). Order: WebGPU on a hardware adapter, WASM, WebGL, CPU.
 *
 * A software WebGPU adapter (SwiftShader, `isFallbackAdapter`) is skipped by the automatic choice:
 * measured on a 2-core machine without a GPU it trains ~50× slower than WASM (docs/ENVIRONMENT
 * facts in ../shared/ENVIRONMENT.md). Forcing `backend=webgpu` still uses it.
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

/** Activates a backend for `choice` and says which one runs and why. Never throws. */
export async function selectBackend(choice: BackendChoice): Promise<BackendInfo> {
  const probe = await probeWebGpu();
  let preamble: string;
  if (choice === 'auto') {
    if (probe.hardware && (await trySetBackend('webgpu'))) {
      return { name: 'webgpu', requested: choice, reason: `${probe.reason}: using WebGPU.` };
    }
    preamble = probe.reason;
  } else {
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
