import { describe, expect, it } from 'vitest';
import { createRandom, RANDOM_STATE_WORDS } from '../../src/engine/random';

function draws(random: { next(): number }, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draws(createRandom(42), 100)).toEqual(draws(createRandom(42), 100));
    expect(draws(createRandom(42, 7), 100)).toEqual(draws(createRandom(42, 7), 100));
    const a = createRandom(3);
    const b = createRandom(3);
    expect(Array.from({ length: 50 }, () => a.normal())).toEqual(
      Array.from({ length: 50 }, () => b.normal()),
    );
  });

  it('gives different sequences for different seeds, streams and fork labels', () => {
    const base = draws(createRandom(1), 20);
    expect(draws(createRandom(2), 20)).not.toEqual(base);
    expect(draws(createRandom(1, 1), 20)).not.toEqual(base);
    const root = createRandom(1);
    expect(draws(root.fork('noise'), 20)).not.toEqual(draws(root.fork('data'), 20));
    expect(draws(root.fork('noise'), 20)).not.toEqual(base);
  });

  it('derives forks from the seed, not from how many numbers were drawn', () => {
    const fresh = createRandom(9);
    const used = createRandom(9);
    draws(used, 1000);
    expect(draws(used.fork('evaluation'), 30)).toEqual(draws(fresh.fork('evaluation'), 30));
    expect(draws(fresh.fork('a').fork('b'), 10)).toEqual(
      draws(createRandom(9).fork('a').fork('b'), 10),
    );
  });

  it('draws uniforms in [0, 1) and integers in range', () => {
    const random = createRandom(5);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = random.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 7000; i++) {
      const k = random.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
    const filled = random.fillInt(new Int32Array(1000), 3);
    expect(Math.min(...filled)).toBe(0);
    expect(Math.max(...filled)).toBe(2);
  });

  it('draws standard normals: mean ≈ 0, variance ≈ 1 over 20k draws', () => {
    const random = createRandom(2024);
    const n = 20_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      sumSquares += z * z;
    }
    const mean = sum / n;
    const variance = sumSquares / n - mean * mean;
    // Standard error of the mean is 1/√n ≈ 0.007; of the variance ≈ √(2/n) ≈ 0.01.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('fills arrays with N(0, σ²) draws', () => {
    const out = createRandom(11).fillNormal(new Float32Array(20_000), 3);
    let sumSquares = 0;
    for (const v of out) sumSquares += v * v;
    expect(Math.sqrt(sumSquares / out.length)).toBeGreaterThan(2.85);
    expect(Math.sqrt(sumSquares / out.length)).toBeLessThan(3.15);
  });
});

describe('Random.state / setState', () => {
  it('saves and restores a position, including the spare Box–Muller normal', () => {
    const random = createRandom(17).fork('noise');
    draws(random, 5);
    // An odd number of normals leaves the second of a Box–Muller pair cached.
    random.normal();
    const saved = random.state();
    expect(saved).toBeInstanceOf(Uint32Array);
    expect(saved.length).toBe(RANDOM_STATE_WORDS);
    const expected = [random.normal(), ...draws(random, 10), random.normal(), random.normal()];

    const other = createRandom(99);
    other.setState(saved);
    expect([other.normal(), ...draws(other, 10), other.normal(), other.normal()]).toEqual(expected);
    // The saved copy is not tied to the stream: restoring it again replays the same numbers.
    random.setState(saved);
    expect([random.normal(), ...draws(random, 10), random.normal(), random.normal()]).toEqual(
      expected,
    );
  });

  it('rejects a state of the wrong length or with a corrupt spare-normal flag', () => {
    const random = createRandom(1);
    const before = random.state();
    expect(() => random.setState(new Uint32Array(4))).toThrow(/7 32-bit words/);
    const bad = before.slice();
    bad[4] = 2;
    expect(() => random.setState(bad)).toThrow(/spare-normal flag/);
    expect(random.state()).toEqual(before);
  });
});
