/**
 * The thumbnail of a saved experiment: its main plot (real points blue, generated orange; in 1-D
 * their histograms) drawn into an RGBA buffer in JavaScript and encoded as PNG by fast-png
 * (pngDataUrl.ts), so saving never reads a canvas back (a synchronous GPU round trip).
 */
import { plotDomain } from '../../engine/view';
import { COLOURS } from '../charts/palette';
import { pngDataUrl } from '../charts/pngDataUrl';

/** Pixels of a side (shown at half size: sharp on a 2× screen). */
export const THUMBNAIL_SIZE = 96;
const BINS = 32;
const DOT = 3;

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Paints a colour of opacity `alpha` over pixel (x, y), source over destination. */
function blend(
  image: Uint8ClampedArray,
  size: number,
  x: number,
  y: number,
  rgb: Rgb,
  alpha: number,
) {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  const at = (y * size + x) * 4;
  const below = (image[at + 3] as number) / 255;
  const out = alpha + below * (1 - alpha);
  for (let c = 0; c < 3; c++) {
    const mixed = (rgb[c] as number) * alpha + (image[at + c] as number) * below * (1 - alpha);
    image[at + c] = out === 0 ? 0 : mixed / out;
  }
  image[at + 3] = out * 255;
}

/** Where value v of [lo, hi] falls on pixels 0..size−1 (NaN for a value that is not finite). */
function pixel(v: number, [lo, hi]: readonly [number, number], size: number): number {
  if (!Number.isFinite(v)) return Number.NaN;
  return Math.floor(((v - lo) / (hi - lo || 1)) * (size - 1));
}

function drawPoints(
  image: Uint8ClampedArray,
  size: number,
  points: Float32Array,
  domain: readonly (readonly [number, number])[],
  rgb: Rgb,
  alpha: number,
) {
  const [dx = [-1, 1] as const, dy = [-1, 1] as const] = domain;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = pixel(points[i] as number, dx, size);
    // Rows run from the top; y grows upwards.
    const y = size - 1 - pixel(points[i + 1] as number, dy, size);
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    for (let a = -1; a < DOT - 1; a++)
      for (let b = -1; b < DOT - 1; b++) blend(image, size, x + a, y + b, rgb, alpha);
  }
}

function histogram(points: Float32Array, domain: readonly [number, number]): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (const v of points) {
    const bin = pixel(v, domain, BINS);
    if (Number.isNaN(bin)) continue;
    const at = Math.min(BINS - 1, Math.max(0, bin));
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts.map((count) => count / Math.max(1, points.length));
}

function drawHistograms(
  image: Uint8ClampedArray,
  size: number,
  real: Float32Array,
  generated: Float32Array,
  domain: readonly [number, number],
) {
  const series = [
    { shares: histogram(real, domain), rgb: rgbOf(COLOURS.real) },
    { shares: histogram(generated, domain), rgb: rgbOf(COLOURS.generated) },
  ];
  const top = Math.max(...series.flatMap((s) => s.shares)) || 1;
  const width = size / BINS;
  for (const { shares, rgb } of series) {
    shares.forEach((share, bin) => {
      const height = Math.round((share / top) * (size - 4));
      for (let x = Math.floor(bin * width); x < Math.floor((bin + 1) * width); x++) {
        for (let y = size - height; y < size; y++) blend(image, size, x, y, rgb, 0.5);
      }
    });
  }
}

/**
 * The main plot of these samples (row-major, `dimension` numbers a point) as a PNG data URL;
 * null when there is nothing to draw.
 */
export function samplesThumbnail(
  real: Float32Array,
  generated: Float32Array,
  dimension: 1 | 2,
  size = THUMBNAIL_SIZE,
): string | null {
  if (real.length === 0 && generated.length === 0) return null;
  const image = new Uint8ClampedArray(size * size * 4);
  const domain = plotDomain(real, generated, dimension);
  if (dimension === 1) {
    drawHistograms(image, size, real, generated, domain[0] ?? [-1, 1]);
  } else {
    drawPoints(image, size, real, domain, rgbOf(COLOURS.real), 0.55);
    drawPoints(image, size, generated, domain, rgbOf(COLOURS.generated), 0.8);
  }
  return pngDataUrl(size, size, image);
}
