/**
 * Drawing helpers for values the worker evaluated on a regular grid of the plotted region
 * (the discriminator's verdict, the MMD witness): shared by the distribution and kernel views.
 */

import type { SnapshotFields } from '../../worker/protocol';

type Scale = (value: number) => number;

/** Okabe–Ito blue ("real") and orange ("generated"). */
const POSITIVE = [0, 114, 178] as const;
const NEGATIVE = [230, 159, 0] as const;

/** The largest |v| over the finite values (0 for none). */
export function maxAbs(values: ArrayLike<number>): number {
  let reach = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v));
  }
  return reach;
}

/**
 * An n × n grid of signed values in [−1, 1] (row j from the bottom, as the worker's grid) as an
 * image: blue for positive, orange for negative, opacity |t| · `opacity`.
 */
export function divergingImage(n: number, valueAt: (cell: number) => number, opacity: number) {
  const image = new ImageData(n, n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const t = valueAt(j * n + i);
      if (!Number.isFinite(t)) continue;
      const [r, g, b] = t >= 0 ? POSITIVE : NEGATIVE;
      const alpha = Math.round(Math.min(1, Math.abs(t)) * opacity * 255);
      // Image rows run from the top.
      image.data.set([r, g, b, alpha], ((n - 1 - j) * n + i) * 4);
    }
  }
  return image;
}

/**
 * An SVG path through points, lifted where a point is not finite (a diverged network gives NaN,
 * which a d3 scale turns into undefined): drawing never throws on bad numbers.
 */
export function polyline(points: Iterable<readonly [number, number]>): string {
  let path = '';
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return path;
}

/** An SVG path through values at the centres of n cells spanning [lo, hi] on the x scale. */
export function gridCurvePath(
  values: ArrayLike<number>,
  [lo, hi]: readonly [number, number],
  x: Scale,
  y: Scale,
): string {
  const n = values.length;
  return polyline(
    Array.from(values, (v, i) => [
      x(lo + ((i + 0.5) / n) * (hi - lo)),
      y(Number.isFinite(v) ? v : 0),
    ]),
  );
}

/** An image on a canvas of its own size (to scale onto a plot with drawImage, or to encode). */
export function imageCanvas(image: ImageData): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  return canvas;
}

/**
 * The canvases discriminatorCanvas made, per fields and opacity: the page keeps a snapshot's
 * fields object while the worker resends the same fields (../snapshotReuse), so a plot redrawn
 * for new samples reuses its heatmap. A new canvas written at every redraw cost a synchronous
 * wait on the GPU process each time where canvases are GPU-backed (Chromium rate-limits canvases
 * drawn outside the page: SharedContextRateLimiter, seen in a trace with --use-angle=swiftshader).
 */
const verdictCanvases = new WeakMap<SnapshotFields, Map<number, HTMLCanvasElement | null>>();

/**
 * The discriminator's verdict over the plotted region as a resolution² canvas: probabilities
 * around ½ ("can't tell"), raw scores around 0 relative to the largest; null without one.
 */
export function discriminatorCanvas(
  fields: SnapshotFields,
  opacity: number,
): HTMLCanvasElement | null {
  const made = verdictCanvases.get(fields) ?? new Map<number, HTMLCanvasElement | null>();
  verdictCanvases.set(fields, made);
  const kept = made.get(opacity);
  if (kept !== undefined) return kept;
  const image = discriminatorImage(fields, opacity);
  const canvas = image === null ? null : imageCanvas(image);
  made.set(opacity, canvas);
  return canvas;
}

/** discriminatorCanvas's pixels, without a canvas (to encode off the GPU's round trip). */
export function discriminatorImage(fields: SnapshotFields, opacity: number): ImageData | null {
  const values = fields.discriminator;
  if (values === null) return null;
  const scale = maxAbs(values) || 1;
  return divergingImage(
    fields.resolution,
    (cell) => {
      const v = values[cell] ?? Number.NaN;
      return fields.discriminatorIsProbability ? (v - 0.5) * 2 : v / scale;
    },
    opacity,
  );
}
