import type { Snapshot, TimelineView } from '../../worker/protocol';

/**
 * The live-or-scrub state: what the plots show. With a timeline frame scrubbed to, the plots show
 * that frame (its iteration, samples, fields and metrics) over the live snapshot's other parts;
 * otherwise the live snapshot.
 */
export function shownSnapshot(live: Snapshot | null, scrub: TimelineView | null): Snapshot | null {
  if (scrub === null || live === null) return live;
  return {
    ...live,
    iteration: scrub.iteration,
    dimension: scrub.dimension,
    generated: scrub.generated,
    real: scrub.real,
    fields: scrub.fields,
    metrics: scrub.metrics ?? live.metrics,
  };
}

/** A short fingerprint of the first generated points, so tests can see the points move. */
export function digest(points: Float32Array): string {
  let sum = 0;
  for (let i = 0; i < Math.min(points.length, 64); i++) sum += (points[i] as number) * (i + 1);
  return sum.toFixed(5);
}
