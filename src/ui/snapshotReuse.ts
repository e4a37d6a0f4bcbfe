/**
 * The worker measures its metrics about twice a second and its fields five times, but every
 * snapshot (ten a second) carries the latest of each, copied anew by the message. Keeping the
 * previous snapshot's objects where the content is the same lets the page's memoised views (the
 * metrics table, the lesson's claims, the overview's judge thumbnail, the heatmap) see unchanged
 * props and skip their work, instead of redrawing identical pictures.
 */
import type { Snapshot, SnapshotFields, SnapshotMetrics } from '../worker/protocol';

/** Whether two typed arrays (or nulls) hold the same values (NaN equal to NaN). */
function sameValues(a: ArrayLike<number> | null, b: ArrayLike<number> | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/** Whether two metrics say the same (flat records of numbers and nulls). */
export function sameMetrics(a: SnapshotMetrics | null, b: SnapshotMetrics | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const keys = Object.keys(a) as (keyof SnapshotMetrics)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]));
}

/** Whether two fields hold the same drawing (same region, grids and values). */
export function sameFields(a: SnapshotFields | null, b: SnapshotFields | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.resolution === b.resolution &&
    a.manifoldResolution === b.manifoldResolution &&
    a.manifoldAxes === b.manifoldAxes &&
    a.discriminatorIsProbability === b.discriminatorIsProbability &&
    a.kernelBandwidth === b.kernelBandwidth &&
    sameValues(a.domain.flat(), b.domain.flat()) &&
    sameValues(a.discriminator, b.discriminator) &&
    sameValues(a.manifold, b.manifold) &&
    sameValues(a.push, b.push) &&
    sameValues(a.witness, b.witness)
  );
}

/**
 * `next` with its metrics and fields (and run B's) replaced by `previous`'s objects where they
 * say the same; `next` itself is returned, changed in place.
 */
export function reuseUnchanged(previous: Snapshot | null, next: Snapshot): Snapshot {
  if (previous === null) return next;
  if (sameMetrics(previous.metrics, next.metrics)) next.metrics = previous.metrics;
  if (sameFields(previous.fields, next.fields)) next.fields = previous.fields;
  const [before, after] = [previous.compare, next.compare];
  if (before !== null && after !== null) {
    if (sameMetrics(before.metrics, after.metrics)) after.metrics = before.metrics;
    if (sameFields(before.fields, after.fields)) after.fields = before.fields;
  }
  return next;
}
