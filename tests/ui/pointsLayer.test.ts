import { describe, expect, it } from 'vitest';
import {
  DOT,
  LayerCache,
  MAX_PAD_POINTS,
  PAD,
  padToData,
  padX,
  padY,
  pointsRaster,
  rgbOf,
  strokeOutcome,
} from '../../src/ui/pointsLayer';

const alphaAt = (raster: Uint8ClampedArray, px: number, py: number): number =>
  raster[4 * (py * PAD + px) + 3] ?? -1;

describe('the pad layer cache', () => {
  it('builds one layer per array of points, however often a snapshot asks for it', () => {
    const cache = new LayerCache((values: Float32Array) => ({ n: values.length }));
    const points = new Float32Array(200_000);
    const first = cache.layerFor(points);
    for (let snapshot = 0; snapshot < 100; snapshot++) expect(cache.layerFor(points)).toBe(first);
    expect(cache.builds).toBe(1);
    // Other points (a stroke, an upload, a restored run) are stale: a new layer.
    const next = cache.layerFor(Float32Array.of(0, 0, 1, 1));
    expect(next).toEqual({ n: 4 });
    expect(cache.builds).toBe(2);
    expect(cache.layerFor(null)).toBeNull();
    // After a clear the same points again are a change.
    cache.layerFor(points);
    expect(cache.builds).toBe(3);
  });
});

describe('pointsRaster', () => {
  it('stamps each point as a DOT × DOT square in the given colour', () => {
    const raster = pointsRaster(Float32Array.of(0, 0), '#0072B2');
    expect(raster).toHaveLength(PAD * PAD * 4);
    const [cx, cy] = [Math.round(padX(0)), Math.round(padY(0))];
    const covered = [];
    for (let k = 0; k < PAD * PAD; k++) if ((raster[4 * k + 3] ?? 0) > 0) covered.push(k);
    expect(covered).toHaveLength(DOT * DOT);
    expect(alphaAt(raster, cx, cy)).toBe(Math.round(255 * 0.7));
    expect(Array.from(raster.subarray(4 * (cy * PAD + cx), 4 * (cy * PAD + cx) + 3))).toEqual(
      rgbOf('#0072B2'),
    );
  });

  it('shows density: 100 000 points on one spot are opaque there, one point is lighter', () => {
    const many = new Float32Array(2 * 100_000).fill(1);
    const raster = pointsRaster(Float32Array.from([...many, -1, -1]), '#000000');
    expect(alphaAt(raster, Math.round(padX(1)), Math.round(padY(1)))).toBe(255);
    expect(alphaAt(raster, Math.round(padX(-1)), Math.round(padY(-1)))).toBe(179);
  });

  it('leaves out points off the pad and non-finite ones', () => {
    const raster = pointsRaster(Float32Array.of(50, 0, Number.NaN, 0, 0, Infinity), '#000000');
    expect(raster.every((v) => v === 0)).toBe(true);
  });

  it('maps pad pixels back to the data', () => {
    const [x, y] = padToData(padX(1.5), padY(-2));
    expect(x).toBeCloseTo(1.5, 10);
    expect(y).toBeCloseTo(-2, 10);
    expect(rgbOf('red')).toEqual([0, 0, 0]);
  });
});

describe('strokeOutcome', () => {
  it('adds to 6 000 uploaded points and states the true total', () => {
    expect(strokeOutcome(6000, 25, false)).toEqual({
      commit: true,
      kind: 'ok',
      text: '25 points drawn: 6,025 points in all.',
    });
  });

  it('says why a stroke at the limit adds nothing, and keeps the points', () => {
    const outcome = strokeOutcome(MAX_PAD_POINTS, 0, true);
    expect(outcome.commit).toBe(false);
    expect(outcome.kind).toBe('error');
    expect(outcome.text).toContain('Nothing was added');
    expect(outcome.text).toContain('at most 100,000 points');
  });

  it('says where a stroke stopped, and what it replaced', () => {
    const capped = strokeOutcome(MAX_PAD_POINTS - 3, 3, true);
    expect(capped.commit).toBe(true);
    expect(capped.text).toBe(
      '3 points drawn: 100,000 points in all. The stroke stopped at the limit of 100,000 points.',
    );
    expect(strokeOutcome(0, 40, false, 500).text).toBe(
      '40 points drawn: 40 points in all. They replace your 500 1-D points.',
    );
  });

  it('refuses a stroke that leaves fewer than 2 points, with the reason', () => {
    const outcome = strokeOutcome(0, 1, false);
    expect(outcome.commit).toBe(false);
    expect(outcome.text).toContain('at least 2 points');
  });
});
