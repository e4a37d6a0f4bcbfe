/**
 * Small RGBA images (the model overview's 48² thumbnails) as PNG data URLs, encoded in
 * JavaScript by fast-png: a canvas's toDataURL would be a synchronous round trip to the GPU
 * process on any machine with a hardware GPU (86–96 % of the page's main thread when it ran at
 * every snapshot, see ../shared/ENVIRONMENT.md and docs/performance.md).
 */
import { encode } from 'fast-png';

/** Base64 of bytes, in chunks (String.fromCharCode takes a bounded number of arguments). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** A width × height RGBA image (row-major from the top) as a `data:image/png` URL. */
export function pngDataUrl(width: number, height: number, rgba: Uint8ClampedArray): string {
  const png = encode({ width, height, data: rgba, channels: 4, depth: 8 });
  return `data:image/png;base64,${base64(png)}`;
}
