import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { samplesThumbnail, THUMBNAIL_SIZE } from '../../../src/ui/experiments/thumbnail';

function pixels(url: string | null) {
  if (url === null) throw new Error('no thumbnail');
  expect(url.startsWith('data:image/png;base64,')).toBe(true);
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  const image = decode(bytes);
  const at = (x: number, y: number) =>
    Array.from(image.data.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
  return { image, at };
}

describe('the thumbnail of the main plot', () => {
  it('draws real points blue and generated ones orange where they are, on a clear ground', () => {
    // Real points at the lower left, generated at the upper right.
    const real = new Float32Array([-1, -1, -1, -1]);
    const generated = new Float32Array([1, 1, 1, 1]);
    const { image, at } = pixels(samplesThumbnail(real, generated, 2));
    expect([image.width, image.height]).toEqual([THUMBNAIL_SIZE, THUMBNAIL_SIZE]);
    // The centre of the pixels of each colour.
    const centre = (rgb: number[]) => {
      let [sx, sy, n] = [0, 0, 0];
      for (let y = 0; y < image.height; y++)
        for (let x = 0; x < image.width; x++) {
          const rgba = at(x, y);
          if ((rgba[3] ?? 0) > 0 && rgba.slice(0, 3).join() === rgb.join()) {
            sx += x;
            sy += y;
            n += 1;
          }
        }
      return n === 0 ? null : { x: sx / n, y: sy / n };
    };
    const half = THUMBNAIL_SIZE / 2;
    const blue = centre([0, 114, 178]);
    const orange = centre([230, 159, 0]);
    expect(blue !== null && blue.x < half && blue.y > half).toBe(true);
    expect(orange !== null && orange.x > half && orange.y < half).toBe(true);
    expect(at(THUMBNAIL_SIZE / 2, THUMBNAIL_SIZE / 2)[3]).toBe(0);
  });

  it('draws 1-D samples as two histograms from the bottom', () => {
    const real = new Float32Array(Array.from({ length: 100 }, (_, i) => -2 + (i % 5) * 0.01));
    const generated = new Float32Array(Array.from({ length: 100 }, (_, i) => 2 + (i % 5) * 0.01));
    const { image, at } = pixels(samplesThumbnail(real, generated, 1));
    const bottom = image.height - 1;
    const columns = Array.from({ length: image.width }, (_, x) => at(x, bottom));
    const coloured = (rgb: number[]) =>
      columns.some((c) => c.slice(0, 3).join() === rgb.join() && (c[3] ?? 0) > 0);
    expect(coloured([0, 114, 178])).toBe(true);
    expect(coloured([230, 159, 0])).toBe(true);
    expect(at(0, 0)[3]).toBe(0);
  });

  it('draws nothing for no samples and skips points that are not finite', () => {
    expect(samplesThumbnail(new Float32Array(0), new Float32Array(0), 2)).toBeNull();
    const broken = new Float32Array([Number.NaN, 1, Number.POSITIVE_INFINITY, 0, 0, 0]);
    expect(() => samplesThumbnail(broken, broken, 2)).not.toThrow();
    expect(() => samplesThumbnail(broken, broken, 1)).not.toThrow();
  });
});
