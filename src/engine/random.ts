/**
 * Seeded pseudo-random numbers for the GAN engine.
 *
 * Every source of randomness in a training run (weight initialisation, real-data sampling,
 * generator noise, evaluation noise) draws from its own stream derived from one integer seed,
 * so a run is reproducible and changing how often one consumer draws (e.g. a larger batch)
 * does not shift the numbers another consumer sees.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator, PractRand),
 * which passes BigCrush and needs only 32-bit integer arithmetic — fast in every JS engine.
 * Its 128-bit state is filled by splitmix32 so that nearby seeds (0, 1, 2, …) give
 * uncorrelated streams.
 */

/** A seeded stream of pseudo-random numbers. */
export interface Random {
  /** The seed this stream was created from. */
  readonly seed: number;
  /** The stream identifier this stream was created with (0 for a root stream). */
  readonly streamId: number;
  /** A uniform draw in [0, 1). */
  next(): number;
  /** A standard normal draw, N(0, 1). */
  normal(): number;
  /** A uniform integer in {0, …, n − 1}. */
  int(n: number): number;
  /** Fills `out` with independent N(0, sigma²) draws and returns it. */
  fillNormal(out: Float32Array, sigma: number): Float32Array;
  /** Fills `out` with independent uniform integers in {0, …, n − 1} and returns it. */
  fillInt(out: Int32Array, n: number): Int32Array;
  /**
   * An independent child stream named by `label`. It depends only on this stream's seed,
   * stream identifier and the label — not on how many numbers were drawn — so children are
   * reproducible regardless of call order.
   */
  fork(label: string): Random;
  /**
   * A copy of the stream's position ({@link RANDOM_STATE_WORDS} words: the four sfc32 words and
   * the spare Box–Muller normal), so a checkpoint can continue it exactly.
   */
  state(): Uint32Array;
  /** Moves the stream to a position saved by {@link Random.state} (of any stream). */
  setState(state: Uint32Array): void;
}

/**
 * Length of {@link Random.state}: sfc32's four words, a flag for the cached spare normal, and
 * that normal's float64 bits (two words), since Box–Muller draws normals in pairs.
 */
export const RANDOM_STATE_WORDS = 7;

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** Murmur3's 32-bit finaliser: a bijective avalanche mix of one 32-bit word. */
function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over the UTF-16 code units of `label`, then avalanche-mixed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Folds an arbitrary finite number (possibly above 2³² or fractional) into one 32-bit word. */
function foldSeed(seed: number): number {
  if (!Number.isFinite(seed)) {
    throw new Error(`Random seed must be a finite number, got ${seed}`);
  }
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  return mix32(low ^ mix32(high + 0x9e3779b9));
}

/**
 * Creates a seeded stream. Streams with the same `(seed, streamId)` produce identical
 * sequences; different seeds or stream identifiers give independent-looking sequences.
 */
export function createRandom(seed: number, streamId = 0): Random {
  const key = (foldSeed(seed) ^ mix32(foldSeed(streamId) + 0x6a09e667)) >>> 0;

  // splitmix32 expands the 32-bit key into sfc32's four state words.
  let sm = key;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32's authors recommend a short warm-up after seeding.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() * INV_TWO_POW_32;

  // Box–Muller yields two independent normals per pair of uniforms; the second is cached.
  let cachedNormal = 0;
  let hasCachedNormal = false;
  const normal = (): number => {
    if (hasCachedNormal) {
      hasCachedNormal = false;
      return cachedNormal;
    }
    // 1 − U lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - next();
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    cachedNormal = radius * Math.sin(angle);
    hasCachedNormal = true;
    return radius * Math.cos(angle);
  };

  const int = (n: number): number => {
    if (!(n >= 1)) throw new Error(`Random.int needs n >= 1, got ${n}`);
    // Multiply-shift (Lemire 2019) without rejection: the bias is below n / 2³², negligible
    // for the atlas sizes used here.
    return Math.floor(next() * n);
  };

  const random: Random = {
    seed,
    streamId,
    next,
    normal,
    int,
    fillNormal(out, sigma) {
      for (let i = 0; i < out.length; i++) out[i] = sigma * normal();
      return out;
    },
    fillInt(out, n) {
      if (!(n >= 1)) throw new Error(`Random.fillInt needs n >= 1, got ${n}`);
      for (let i = 0; i < out.length; i++) out[i] = Math.floor(next() * n);
      return out;
    },
    fork(label) {
      return createRandom(seed, mix32(key ^ hashLabel(label)));
    },
    state() {
      const out = new Uint32Array(RANDOM_STATE_WORDS);
      out.set([a >>> 0, b >>> 0, c >>> 0, d >>> 0, hasCachedNormal ? 1 : 0]);
      // The spare normal is kept bit for bit: rounding it would change the continuation.
      out.set(new Uint32Array(new Float64Array([cachedNormal]).buffer), 5);
      return out;
    },
    setState(state) {
      if (!(state instanceof Uint32Array) || state.length !== RANDOM_STATE_WORDS) {
        throw new Error(`A random stream's state has ${RANDOM_STATE_WORDS} 32-bit words`);
      }
      const flag = state[4] as number;
      if (flag > 1) throw new Error(`Invalid random stream state (spare-normal flag ${flag})`);
      const spare = new Float64Array(state.slice(5, 7).buffer)[0] as number;
      if (flag === 1 && !Number.isFinite(spare)) {
        throw new Error('Invalid random stream state (its spare normal is not finite)');
      }
      // Stored as the signed words the generator's `| 0` arithmetic produces.
      a = (state[0] as number) | 0;
      b = (state[1] as number) | 0;
      c = (state[2] as number) | 0;
      d = (state[3] as number) | 0;
      hasCachedNormal = flag === 1;
      cachedNormal = flag === 1 ? spare : 0;
    },
  };
  return random;
}
