import { describe, expect, it } from 'vitest';
import { angleArgs, DEFAULT_TOGGLES, describeAngle, parseBenchOptions } from '../../bench/options';
import { MODEL_SIZES } from '../../bench/sizes';

describe("npm run bench's options", () => {
  it('defaults to the matrix of every backend and size, unloaded, software canvas', () => {
    const o = parseBenchOptions([]);
    expect(o.mode).toBe('matrix');
    expect(o.backends).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(o.sizes).toEqual(Object.keys(MODEL_SIZES));
    expect(o.load).toBe(0);
    expect(o.angle).toBeNull();
    expect(o.clicks).toBe(8);
    expect(o.toggles).toEqual(DEFAULT_TOGGLES);
    expect(o.build).toBe(true);
  });

  it('reads the contended, GPU-canvas compare of the closing note', () => {
    const o = parseBenchOptions(['--compare', 'abc123', '--load', '1', '--angle', 'swiftshader']);
    expect(o.mode).toBe('compare');
    expect(o.variants).toEqual(['abc123', 'working-tree']);
    expect(o.load).toBe(1);
    expect(o.angle).toBe('swiftshader');
    expect(angleArgs(o.angle)).toEqual(['--use-angle=swiftshader']);
    expect(describeAngle(o.angle)).toContain('GPU-process canvas');
  });

  it('takes --gpu-canvas as --angle swiftshader, and no flag without either', () => {
    expect(parseBenchOptions(['--gpu-canvas']).angle).toBe('swiftshader');
    expect(parseBenchOptions(['--gpu-canvas', '--angle', 'swiftshader']).angle).toBe('swiftshader');
    expect(angleArgs(null)).toEqual([]);
    expect(describeAngle(null)).toContain('software canvas');
  });

  it('compares two named variants and reads the ganlab size', () => {
    const o = parseBenchOptions(['--compare', 'wasm', 'webgl', '--sizes', 'ganlab']);
    expect(o.variants).toEqual(['wasm', 'webgl']);
    expect(o.sizes).toEqual(['ganlab']);
  });

  it('reads the clicks and toggles, trimmed', () => {
    const o = parseBenchOptions(['--clicks', '0', '--toggles', ' G manifold , log scale ,']);
    expect(o.clicks).toBe(0);
    expect(o.toggles).toEqual(['G manifold', 'log scale']);
  });

  it.each([
    [['--load=-1'], '--load must be a whole number from 0 to 64'],
    [['--load', '1.5'], '--load must be a whole number'],
    [['--load', 'two'], '--load must be a whole number'],
    [['--angle', 'metal'], '--angle must be one of swiftshader'],
    [['--gpu-canvas', '--angle', 'gl'], '--gpu-canvas means --angle swiftshader'],
    [['--sizes', 'huge'], 'Unknown size "huge": default, small, ganlab, wide'],
    [['--seconds', '0'], '--seconds must be a positive number, got "0"'],
    [['--compare'], '--compare takes one or two variants'],
    [['--compare', 'a', 'b', 'c'], '--compare takes one or two variants'],
    [['--compare', 'a', '--soak', '60'], 'separate modes'],
    [['stray'], 'Unexpected argument "stray"'],
    [['--soak', '60', 'a', 'b'], '--soak takes at most one'],
    [['--toggles', ','], '--toggles names no toggle'],
    [['--clicks', '101'], '--clicks must be a whole number from 0 to 100'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseBenchOptions(argv)).toThrow(message);
  });

  it('refuses an unknown option', () => {
    expect(() => parseBenchOptions(['--lod', '1'])).toThrow(/lod/);
  });
});
