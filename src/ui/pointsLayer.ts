/**
 * The points pad's drawing, kept out of React so that it is drawn once per change of the points,
 * never per snapshot: the user's points become one raster (a density image, whatever their
 * number), cached against the array they came from; a stroke adds its new points on top one by
 * one. Pure (no DOM): the component turns the raster into a canvas.
 */
import { MAX_CSV_ROWS } from '../config/data';

/** Side of the pad, in canvas pixels. */
export const PAD = 260;
/** The pad shows the data square [−EXTENT, EXTENT]². */
export const EXTENT = 3;
/** Side of the square each point stamps, in pad pixels. */
export const DOT = 3;
/** Most points the user's data may hold, drawn or uploaded: the CSV row limit. */
export const MAX_PAD_POINTS = MAX_CSV_ROWS;
/** Alpha left uncovered by each point on a pixel: 1 point 0.7 opaque, 3 points 0.97. */
const TRANSPARENCY_PER_POINT = 0.3;

/** Pad pixel of a data x. */
export function padX(x: number): number {
  return ((x + EXTENT) / (2 * EXTENT)) * PAD;
}

/** Pad pixel of a data y (screen y grows downwards). */
export function padY(y: number): number {
  return ((EXTENT - y) / (2 * EXTENT)) * PAD;
}

/** The data point under a pad pixel. */
export function padToData(px: number, py: number): [number, number] {
  return [(px / PAD) * 2 * EXTENT - EXTENT, EXTENT - (py / PAD) * 2 * EXTENT];
}

/** `#rrggbb` as [r, g, b]; black for anything else. */
export function rgbOf(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (match === null) return [0, 0, 0];
  const channel = (k: number): number => Number.parseInt(match[k] ?? '0', 16);
  return [channel(1), channel(2), channel(3)];
}

/**
 * 2-D points (row-major x, y) as a PAD × PAD RGBA raster in one pass, O(n + PAD²): each point
 * stamps a DOT × DOT square and a pixel's alpha grows with the points on it, so 100 000 points
 * show where they are dense instead of one solid blob. Points off the pad are left out.
 */
export function pointsRaster(values: Float32Array, colour: string): Uint8ClampedArray<ArrayBuffer> {
  const hits = new Uint16Array(PAD * PAD);
  const half = DOT / 2;
  for (let i = 0; i + 1 < values.length; i += 2) {
    const left = Math.round(padX(values[i] as number) - half);
    const top = Math.round(padY(values[i + 1] as number) - half);
    if (!Number.isFinite(left) || !Number.isFinite(top)) continue;
    for (let row = Math.max(0, top); row < Math.min(PAD, top + DOT); row++) {
      for (let col = Math.max(0, left); col < Math.min(PAD, left + DOT); col++) {
        const k = row * PAD + col;
        if ((hits[k] as number) < 0xffff) hits[k] = (hits[k] as number) + 1;
      }
    }
  }
  const [r, g, b] = rgbOf(colour);
  const rgba = new Uint8ClampedArray(PAD * PAD * 4);
  for (let k = 0; k < hits.length; k++) {
    const count = hits[k] as number;
    if (count === 0) continue;
    rgba[4 * k] = r;
    rgba[4 * k + 1] = g;
    rgba[4 * k + 2] = b;
    rgba[4 * k + 3] = Math.round(255 * (1 - TRANSPARENCY_PER_POINT ** count));
  }
  return rgba;
}

/**
 * One layer per array of points: `layerFor` builds it when the array is a different one (the
 * points changed) and otherwise returns the cached layer, however often it is asked.
 */
export class LayerCache<Layer> {
  private key: Float32Array | null = null;
  private layer: Layer | null = null;
  /** Layers built so far: one per change of the points. */
  builds = 0;

  constructor(private readonly build: (values: Float32Array) => Layer) {}

  layerFor(values: Float32Array | null): Layer | null {
    if (values === null) {
      this.key = null;
      this.layer = null;
      return null;
    }
    if (values !== this.key || this.layer === null) {
      this.layer = this.build(values);
      this.key = values;
      this.builds++;
    }
    return this.layer;
  }
}

/** What a finished stroke does: the points to keep (null: none) and what to tell the user. */
export interface StrokeOutcome {
  commit: boolean;
  kind: 'ok' | 'error';
  text: string;
}

const count = (n: number): string => n.toLocaleString('en');

/**
 * The outcome of a stroke that kept `kept` earlier 2-D points (or replaced `replaced` 1-D ones)
 * and added `added`, `capped` when it reached MAX_PAD_POINTS. The text states the true total,
 * and a stroke that adds nothing says why.
 */
export function strokeOutcome(
  kept: number,
  added: number,
  capped: boolean,
  replaced = 0,
): StrokeOutcome {
  const total = kept + added;
  if (added === 0 && capped) {
    return {
      commit: false,
      kind: 'error',
      text: `Nothing was added: your data holds ${count(kept)} points, the most it may hold (at most ${count(MAX_PAD_POINTS)} points). Clear them, or upload fewer, to draw more. Your points were kept.`,
    };
  }
  if (total < 2) {
    return {
      commit: false,
      kind: 'error',
      text: 'A stroke must leave at least 2 points to train on: drag across the pad to draw more.',
    };
  }
  const parts = [`${count(added)} points drawn: ${count(total)} points in all.`];
  if (replaced > 0) parts.push(`They replace your ${count(replaced)} 1-D points.`);
  if (capped) parts.push(`The stroke stopped at the limit of ${count(MAX_PAD_POINTS)} points.`);
  return { commit: true, kind: 'ok', text: parts.join(' ') };
}
