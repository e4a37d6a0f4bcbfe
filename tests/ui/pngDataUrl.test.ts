import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { pngDataUrl } from '../../src/ui/charts/pngDataUrl';

describe('pngDataUrl', () => {
  it('encodes RGBA pixels as a PNG data URL that decodes to the same pixels', () => {
    const width = 48;
    const height = 40;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < rgba.length; i += 1) rgba[i] = (i * 37) % 256;
    const url = pngDataUrl(width, height, rgba);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    const image = decode(bytes);
    expect([image.width, image.height, image.channels]).toEqual([width, height, 4]);
    expect(Array.from(image.data)).toEqual(Array.from(rgba));
  });

  it('encodes images larger than one base64 chunk', () => {
    const rgba = new Uint8ClampedArray(256 * 256 * 4).fill(200);
    const url = pngDataUrl(256, 256, rgba);
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    expect(decode(bytes).data.every((v) => v === 200)).toBe(true);
  });
});
