/**
 * What the worker measures and draws of a run, shared by run A (trainer.worker.ts) and a
 * comparison's run B (compareRun.ts): the full metrics and the networks' views over the plot.
 */
import { mmdWitnessOnGrid, type Trainer } from '../engine';
import { plotDomain } from '../engine/view';
import type { SnapshotFields, SnapshotMetrics } from './protocol';

/** Points of each kind in a snapshot; also the sample size of the MMD² estimate. */
export const DISPLAY_POINTS = 512;
/**
 * Grid of the discriminator heatmap in 2-D (cells per axis; 48² costs ~3.6 ms per snapshot on WASM
 * for the default D, smoothed by the canvas) and of the D(x) curve in 1-D.
 */
const FIELD_RESOLUTION_2D = 48;
const FIELD_RESOLUTION_1D = 200;
/** Lines per noise axis of the generator's manifold mesh (2-D), points of z → G(z) (1-D). */
const MANIFOLD_RESOLUTION_2D = 21;
const MANIFOLD_RESOLUTION_1D = 101;
/** Generated points that get a gradient arrow. */
const PUSH_POINTS = 128;
/**
 * Points of each sample in the MMD witness (48² grid × 2 × 128 kernel terms: ~13 ms in JS,
 * `npx tsx bench/micro.ts`).
 */
const WITNESS_POINTS = 128;
/** Evaluation batch of the diagnostics pass (mean D outputs, gradient norms). */
const DIAGNOSTICS_BATCH = 256;

/** Full metrics of a generator's samples against the plotted real ones, plus a diagnostics pass. */
export function measureRun(
  trainer: Trainer,
  real: Float32Array,
  generated: Float32Array,
  kernelBandwidth: number,
): Promise<SnapshotMetrics> {
  return trainer.metrics({ kernelBandwidth, real, generated, diagnosticsSize: DIAGNOSTICS_BATCH });
}

/** D over the plotted region, G's manifold and the push on the first generated points. */
export async function evaluateFields(
  trainer: Trainer,
  real: Float32Array,
  generated: Float32Array,
  kernelBandwidth: number,
): Promise<SnapshotFields | null> {
  const dimension = trainer.dimension;
  const domain = plotDomain(real, generated, dimension);
  const resolution = dimension === 2 ? FIELD_RESOLUTION_2D : FIELD_RESOLUTION_1D;
  const manifoldResolution = dimension === 2 ? MANIFOLD_RESOLUTION_2D : MANIFOLD_RESOLUTION_1D;
  try {
    const fields = await trainer.fields({
      domain,
      resolution,
      manifoldResolution,
      samples: generated.slice(0, PUSH_POINTS * dimension),
    });
    const witness = mmdWitnessOnGrid(
      domain,
      resolution,
      real.subarray(0, WITNESS_POINTS * dimension),
      generated.subarray(0, WITNESS_POINTS * dimension),
      kernelBandwidth,
    );
    return {
      ...fields,
      domain,
      resolution,
      manifoldResolution,
      witness,
      kernelBandwidth,
    };
  } catch {
    // A view is not worth stopping training for; the plot falls back to the samples alone.
    return null;
  }
}

export function copyFields(fields: SnapshotFields): SnapshotFields {
  return {
    ...fields,
    discriminator: fields.discriminator?.slice() ?? null,
    manifold: fields.manifold.slice(),
    push: fields.push.slice(),
    witness: fields.witness.slice(),
  };
}
