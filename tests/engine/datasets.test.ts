import { describe, expect, it } from 'vitest';
import {
  DATASET_IDS,
  DATASETS,
  type DataParams,
  type DatasetId,
  DEFAULT_DATA_PARAMS,
  datasetDimension,
  resolveDataset,
} from '../../src/engine/datasets';
import { createRandom } from '../../src/engine/random';

const EXPECTED_DIMENSION: Record<DatasetId, 1 | 2> = {
  'ring-8': 2,
  'grid-25': 2,
  'gaussian-2d': 2,
  'two-moons': 2,
  spiral: 2,
  circle: 2,
  line: 2,
  'custom-mixture': 2,
  points: 2,
  'gaussian-1d': 1,
  'mixture-1d': 1,
  'mixture3-1d': 1,
  'uniform-1d': 1,
  'exponential-1d': 1,
  'lognormal-1d': 1,
};

/** Default parameters plus a small 2-D point cloud, so every data set resolves. */
const WITH_POINTS: DataParams = {
  ...DEFAULT_DATA_PARAMS,
  points: { dimension: 2, values: Float32Array.from([0, 0, 1, 1, -1, 2]) },
};

function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Splits a row-major 2-D sample into its x and y columns. */
function columns(sample: Float32Array): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < sample.length; i += 2) {
    xs.push(sample[i]!);
    ys.push(sample[i + 1]!);
  }
  return { xs, ys };
}

function sampleOf(id: DatasetId, n: number, seed: number, params = WITH_POINTS): Float32Array {
  return resolveDataset(id, params).sample(createRandom(seed), n);
}

describe('DATASET_IDS and DATASETS', () => {
  it('lists 2-D sets first, then 1-D ones, in the UI order', () => {
    expect(DATASET_IDS).toEqual([
      'ring-8',
      'grid-25',
      'gaussian-2d',
      'two-moons',
      'spiral',
      'circle',
      'line',
      'custom-mixture',
      'points',
      'gaussian-1d',
      'mixture-1d',
      'mixture3-1d',
      'uniform-1d',
      'exponential-1d',
      'lognormal-1d',
    ]);
  });

  it('has a spec with the right id, default dimension and texts for every id', () => {
    expect(Object.keys(DATASETS).sort()).toEqual([...DATASET_IDS].sort());
    for (const id of DATASET_IDS) {
      const spec = DATASETS[id];
      expect(spec.id).toBe(id);
      expect(spec.dimension).toBe(EXPECTED_DIMENSION[id]);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.label.length).toBeLessThanOrEqual(25);
      expect(spec.description).toMatch(/^[A-Z].*\.$/);
      for (const mode of spec.modes ?? []) expect(mode).toHaveLength(spec.dimension);
    }
  });

  it('says which parameter controls each set uses', () => {
    expect(DATASETS['gaussian-1d'].uses).toBe('gaussian');
    expect(DATASETS['custom-mixture'].uses).toBe('mixture');
    expect(DATASETS.points.uses).toBe('points');
    const fixed = DATASET_IDS.filter((id) => DATASETS[id].uses === null);
    expect(fixed).toHaveLength(DATASET_IDS.length - 3);
  });

  it('samples default parameters through DATASETS, like resolveDataset does', () => {
    for (const id of DATASET_IDS) {
      if (id === 'points') continue;
      const direct = DATASETS[id].sample(createRandom(2), 50);
      expect(direct).toEqual(sampleOf(id, 50, 2, DEFAULT_DATA_PARAMS));
    }
    expect(() => DATASETS.points.sample(createRandom(2), 5)).toThrow(/no points yet/);
  });

  it('keeps the ring, grid and 2-D Gaussian exactly as before', () => {
    // Values drawn by the previous implementation with the same seeds, so existing seeded
    // runs keep their data.
    const random = createRandom(11);
    const expected = new Float32Array(6);
    for (let i = 0; i < 3; i++) {
      const k = random.int(8);
      const angle = (2 * Math.PI * k) / 8;
      expected[2 * i] = 2 * Math.cos(angle) + 0.05 * random.normal();
      expected[2 * i + 1] = 2 * Math.sin(angle) + 0.05 * random.normal();
    }
    expect(DATASETS['ring-8'].sample(createRandom(11), 3)).toEqual(expected);
    expect(DATASETS['ring-8'].modeStd).toBe(0.05);
    expect(DATASETS['grid-25'].modeStd).toBe(0.05);
    expect(DATASETS['gaussian-2d'].modes).toBeUndefined();
  });
});

describe('resolveDataset', () => {
  it('resolves every id with default parameters (plus points) to the right dimension', () => {
    for (const id of DATASET_IDS) {
      const resolved = resolveDataset(id, WITH_POINTS);
      expect(resolved.id).toBe(id);
      expect(resolved.label).toBe(DATASETS[id].label);
      expect(resolved.dimension).toBe(EXPECTED_DIMENSION[id]);
      for (const mode of resolved.modes ?? []) expect(mode).toHaveLength(resolved.dimension);
    }
  });

  it('samples n × dimension finite values, reproducibly per seed', () => {
    for (const id of DATASET_IDS) {
      const resolved = resolveDataset(id, WITH_POINTS);
      const sample = resolved.sample(createRandom(1), 257);
      expect(sample).toBeInstanceOf(Float32Array);
      expect(sample.length).toBe(257 * resolved.dimension);
      expect(sample.every(Number.isFinite)).toBe(true);
      expect(resolved.sample(createRandom(1), 257)).toEqual(sample);
      expect(resolveDataset(id, WITH_POINTS).sample(createRandom(1), 257)).toEqual(sample);
      expect(resolved.sample(createRandom(2), 257)).not.toEqual(sample);
      expect(resolved.sample(createRandom(1), 0)).toHaveLength(0);
    }
  });

  it('gives mixtures their modes and spread', () => {
    expect(resolveDataset('ring-8', WITH_POINTS).modes).toHaveLength(8);
    expect(resolveDataset('grid-25', WITH_POINTS).modes).toHaveLength(25);
    expect(resolveDataset('mixture-1d', WITH_POINTS).modes).toEqual([[-2], [2]]);
    expect(resolveDataset('mixture3-1d', WITH_POINTS).modes).toHaveLength(3);
    const custom = resolveDataset('custom-mixture', DEFAULT_DATA_PARAMS);
    expect(custom.modes).toEqual(DEFAULT_DATA_PARAMS.mixtureMeans);
    expect(custom.modeStd).toBe(DEFAULT_DATA_PARAMS.mixtureStd);
  });

  it('throws for an unknown id', () => {
    expect(() => resolveDataset('nope' as DatasetId, DEFAULT_DATA_PARAMS)).toThrow(
      /Unknown data set "nope"/,
    );
    expect(() => resolveDataset('toString' as DatasetId, DEFAULT_DATA_PARAMS)).toThrow(
      /Unknown data set/,
    );
  });

  it('ignores unusable parameters of the sets that do not use them', () => {
    const broken: DataParams = {
      ...DEFAULT_DATA_PARAMS,
      gaussianStd: -1,
      mixtureMeans: [[0], [0, 0]],
      points: null,
    };
    expect(resolveDataset('ring-8', broken).dimension).toBe(2);
    expect(resolveDataset('mixture-1d', broken).dimension).toBe(1);
  });
});

describe('shapes of the data sets', () => {
  it('puts ring-8 points at radius ≈ 2 and covers all eight modes', () => {
    const n = 4000;
    const sample = DATASETS['ring-8'].sample(createRandom(3), n);
    const hits = new Set<number>();
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const x = sample[2 * i]!;
      const y = sample[2 * i + 1]!;
      worst = Math.max(worst, Math.abs(Math.hypot(x, y) - 2));
      hits.add(((Math.round((Math.atan2(y, x) / (2 * Math.PI)) * 8) % 8) + 8) % 8);
    }
    expect(worst).toBeLessThan(0.3);
    expect(hits.size).toBe(8);
  });

  it('puts grid-25 points near the 5×5 grid', () => {
    const sample = DATASETS['grid-25'].sample(createRandom(4), 2000);
    expect(sample.every((v) => Math.abs(v - 2 * Math.round(v / 2)) < 0.3)).toBe(true);
    expect(sample.every((v) => Math.abs(v) < 4.3)).toBe(true);
  });

  it('gives gaussian-2d its mean and spread', () => {
    const { xs, ys } = columns(DATASETS['gaussian-2d'].sample(createRandom(6), 20_000));
    expect(meanAndStd(xs).mean).toBeCloseTo(1, 1);
    expect(meanAndStd(ys).mean).toBeCloseTo(-0.5, 1);
    expect(meanAndStd(xs).std).toBeCloseTo(0.5, 1);
    expect(meanAndStd(ys).std).toBeCloseTo(1, 1);
  });

  it('draws two moons as interleaving half-circles within [−2.5, 2.5]', () => {
    const { xs, ys } = columns(sampleOf('two-moons', 5000, 8));
    let upper = 0;
    let worst = 0;
    for (let i = 0; i < xs.length; i++) {
      // Back in make_moons units, every point lies near one of the two unit half-circles.
      const u = (3 / 5) * xs[i]! + 0.5;
      const v = (3 / 5) * ys[i]! + 0.25;
      const toUpper = Math.abs(Math.hypot(u, v) - 1);
      const toLower = Math.abs(Math.hypot(u - 1, v - 0.5) - 1);
      worst = Math.max(worst, Math.min(toUpper, toLower));
      if (toUpper < toLower) upper++;
    }
    expect(worst).toBeLessThan(0.3);
    expect(Math.max(...xs.map(Math.abs))).toBeLessThan(3);
    expect(Math.max(...ys.map(Math.abs))).toBeLessThan(1.8);
    expect(Math.abs(upper / xs.length - 0.5)).toBeLessThan(0.05);
    expect(Math.min(...xs)).toBeLessThan(-2.3);
    expect(Math.max(...xs)).toBeGreaterThan(2.3);
    expect(Math.abs(meanAndStd(xs).mean)).toBeLessThan(0.1);
  });

  it('draws the spiral on two Archimedean arms of radius ≤ 2.5', () => {
    const { xs, ys } = columns(sampleOf('spiral', 5000, 9));
    const a = 2.5 / (3 * Math.PI);
    let onArm = 0;
    let outermost = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = Math.hypot(xs[i]!, ys[i]!);
      outermost = Math.max(outermost, r);
      // On arm k, θ = r / a and the polar angle is θ + kπ, so θ − angle is a multiple of π.
      const residual = (r / a - Math.atan2(ys[i]!, xs[i]!)) / Math.PI;
      if (Math.abs(residual - Math.round(residual)) < 0.15) onArm++;
    }
    expect(onArm / xs.length).toBeGreaterThan(0.97);
    expect(outermost).toBeLessThan(2.8);
    expect(outermost).toBeGreaterThan(2.3);
  });

  it('draws the circle at radius ≈ 2, all the way round', () => {
    const { xs, ys } = columns(sampleOf('circle', 4000, 10));
    const radii = xs.map((x, i) => Math.hypot(x, ys[i]!));
    const { mean, std } = meanAndStd(radii);
    expect(Math.abs(mean - 2)).toBeLessThan(0.005);
    expect(Math.abs(std - 0.03)).toBeLessThan(0.005);
    const quadrants = new Set(xs.map((x, i) => `${x > 0}${ys[i]! > 0}`));
    expect(quadrants.size).toBe(4);
  });

  it('draws the line near the segment from (−2, −1) to (2, 1), evenly along it', () => {
    const { xs, ys } = columns(sampleOf('line', 4000, 12));
    // Distance from the infinite line x − 2y = 0, and position along the segment.
    const across = xs.map((x, i) => Math.abs(x - 2 * ys[i]!) / Math.sqrt(5));
    const along = xs.map((x) => (x + 2) / 4);
    expect(Math.max(...across)).toBeLessThan(0.15);
    expect(Math.abs(meanAndStd(across).mean - 0.03 * Math.sqrt(2 / Math.PI))).toBeLessThan(0.003);
    expect(Math.min(...along)).toBeGreaterThan(-0.05);
    expect(Math.max(...along)).toBeLessThan(1.05);
    expect(Math.abs(meanAndStd(along).mean - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(meanAndStd(along).std - Math.sqrt(1 / 12))).toBeLessThan(0.02);
  });

  it('gives gaussian-1d mean ≈ 2 and std ≈ 0.75 by default', () => {
    const { mean, std } = meanAndStd(DATASETS['gaussian-1d'].sample(createRandom(5), 20_000));
    expect(Math.abs(mean - 2)).toBeLessThan(0.03);
    expect(Math.abs(std - 0.75)).toBeLessThan(0.03);
  });

  it('splits mixture-1d evenly between −2 and 2', () => {
    const sample = DATASETS['mixture-1d'].sample(createRandom(7), 10_000);
    const positive = sample.filter((v) => v > 0).length;
    expect(Math.abs(positive / sample.length - 0.5)).toBeLessThan(0.03);
    const { mean, std } = meanAndStd(sample.filter((v) => v > 0));
    expect(Math.abs(mean - 2)).toBeLessThan(0.05);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.05);
  });

  it('splits mixture3-1d evenly between three modes at −3, 0 and 3', () => {
    const sample = sampleOf('mixture3-1d', 12_000, 13);
    for (const centre of [-3, 0, 3]) {
      const near = sample.filter((v) => Math.abs(v - centre) < 1.5);
      expect(Math.abs(near.length / sample.length - 1 / 3)).toBeLessThan(0.03);
      const { mean, std } = meanAndStd(near);
      expect(Math.abs(mean - centre)).toBeLessThan(0.05);
      expect(Math.abs(std - 0.4)).toBeLessThan(0.05);
    }
  });

  it('keeps uniform-1d within [−2, 2] with a flat density', () => {
    const sample = sampleOf('uniform-1d', 20_000, 14);
    expect(sample.every((v) => v >= -2 && v < 2)).toBe(true);
    const { mean, std } = meanAndStd(sample);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(std - 4 / Math.sqrt(12))).toBeLessThan(0.03);
  });

  it('keeps exponential-1d non-negative with mean ≈ 1', () => {
    const sample = sampleOf('exponential-1d', 20_000, 15);
    expect(sample.every((v) => v >= 0)).toBe(true);
    const { mean, std } = meanAndStd(sample);
    expect(Math.abs(mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(std - 1)).toBeLessThan(0.05);
  });

  it('keeps lognormal-1d positive with median ≈ 1', () => {
    const sample = sampleOf('lognormal-1d', 20_000, 16);
    expect(sample.every((v) => v > 0)).toBe(true);
    expect(Math.abs(median(sample) - 1)).toBeLessThan(0.03);
    const logs = Array.from(sample, Math.log);
    expect(Math.abs(meanAndStd(logs).std - 0.5)).toBeLessThan(0.02);
  });
});

describe('parameters', () => {
  it('honours gaussianMean and gaussianStd', () => {
    const params = { ...DEFAULT_DATA_PARAMS, gaussianMean: -3, gaussianStd: 0.2 };
    const { mean, std } = meanAndStd(sampleOf('gaussian-1d', 20_000, 17, params));
    expect(Math.abs(mean + 3)).toBeLessThan(0.01);
    expect(Math.abs(std - 0.2)).toBeLessThan(0.01);
  });

  it('honours the custom mixture centres and spread', () => {
    const params: DataParams = {
      ...DEFAULT_DATA_PARAMS,
      mixtureMeans: [
        [1, 1],
        [-1, -1],
      ],
      mixtureStd: 0.1,
    };
    const resolved = resolveDataset('custom-mixture', params);
    expect(resolved.dimension).toBe(2);
    expect(resolved.modes).toEqual(params.mixtureMeans);
    expect(resolved.modeStd).toBe(0.1);
    const { xs, ys } = columns(resolved.sample(createRandom(18), 10_000));
    let first = 0;
    let worst = 0;
    for (let i = 0; i < xs.length; i++) {
      const toFirst = Math.hypot(xs[i]! - 1, ys[i]! - 1);
      const toSecond = Math.hypot(xs[i]! + 1, ys[i]! + 1);
      worst = Math.max(worst, Math.min(toFirst, toSecond));
      if (toFirst < toSecond) first++;
    }
    expect(worst).toBeLessThan(0.6);
    expect(Math.abs(first / xs.length - 0.5)).toBeLessThan(0.03);
    const near = xs.filter((x) => x > 0);
    expect(Math.abs(meanAndStd(near).std - 0.1)).toBeLessThan(0.01);
  });

  it('honours custom mixture weights, leaving weight-0 components out', () => {
    const onlyFirst = { ...DEFAULT_DATA_PARAMS, mixtureWeights: [1, 0, 0] };
    const resolved = resolveDataset('custom-mixture', onlyFirst);
    expect(resolved.modes).toEqual([[-2, 0]]);
    const { xs, ys } = columns(resolved.sample(createRandom(19), 2000));
    expect(xs.every((x, i) => Math.hypot(x + 2, ys[i]!) < 1.2)).toBe(true);
    const lastOnly = { ...DEFAULT_DATA_PARAMS, mixtureWeights: [0, 0, 5] };
    const last = columns(sampleOf('custom-mixture', 2000, 19, lastOnly));
    expect(last.ys.every((y) => y > 1)).toBe(true);

    const skewed = { ...DEFAULT_DATA_PARAMS, mixtureWeights: [3, 1, 0] };
    const { xs: sx } = columns(sampleOf('custom-mixture', 20_000, 20, skewed));
    const left = sx.filter((x) => x < 0).length / sx.length;
    expect(Math.abs(left - 0.75)).toBeLessThan(0.02);
  });

  it('treats huge weights by their ratio', () => {
    const params = { ...DEFAULT_DATA_PARAMS, mixtureWeights: [1e308, 1e308, 0] };
    const sample = sampleOf('custom-mixture', 1000, 21, params);
    expect(sample.every(Number.isFinite)).toBe(true);
  });

  it('makes a custom mixture of 1-D centres 1-D', () => {
    const params = { ...DEFAULT_DATA_PARAMS, mixtureMeans: [[-1], [4]], mixtureWeights: [] };
    const resolved = resolveDataset('custom-mixture', params);
    expect(resolved.dimension).toBe(1);
    expect(datasetDimension('custom-mixture', params)).toBe(1);
    const sample = resolved.sample(createRandom(22), 1000);
    expect(sample).toHaveLength(1000);
    expect(sample.every((v) => Math.abs(v + 1) < 1 || Math.abs(v - 4) < 1)).toBe(true);
  });

  it('does not change a resolved mixture when the caller edits its arrays', () => {
    const mean = [5, 5];
    const params = { ...DEFAULT_DATA_PARAMS, mixtureMeans: [mean] };
    const resolved = resolveDataset('custom-mixture', params);
    mean[0] = -5;
    expect(resolved.modes).toEqual([[5, 5]]);
    expect(resolved.sample(createRandom(23), 10)[0]).toBeGreaterThan(4);
  });

  it('resamples only the supplied points, each about equally often', () => {
    const values = Float32Array.from([1.5, -2, 3, 0.25, -7, 7]);
    const params = { ...DEFAULT_DATA_PARAMS, points: { dimension: 2 as const, values } };
    const resolved = resolveDataset('points', params);
    expect(resolved.dimension).toBe(2);
    const sample = resolved.sample(createRandom(24), 3000);
    const counts = new Map<string, number>();
    for (let i = 0; i < sample.length; i += 2) {
      const key = `${sample[i]},${sample[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['-7,7', '1.5,-2', '3,0.25']);
    for (const count of counts.values()) expect(Math.abs(count / 1000 - 1)).toBeLessThan(0.1);

    // The resolved set keeps the points it was given, even if the caller keeps drawing.
    values[0] = 100;
    expect(resolved.sample(createRandom(24), 3000)).toEqual(sample);
  });

  it('resamples 1-D points as 1-D data', () => {
    const points = { dimension: 1 as const, values: Float32Array.from([4, 8]) };
    const resolved = resolveDataset('points', { ...DEFAULT_DATA_PARAMS, points });
    expect(resolved.dimension).toBe(1);
    const sample = resolved.sample(createRandom(25), 100);
    expect(sample.every((v) => v === 4 || v === 8)).toBe(true);
  });
});

describe('resolveDataset refuses unusable parameters with a clear message', () => {
  const cases: [string, DatasetId, Partial<DataParams>, RegExp][] = [
    ['points is null', 'points', { points: null }, /no points yet.*draw.*upload/],
    [
      'points is empty',
      'points',
      { points: { dimension: 2, values: new Float32Array(0) } },
      /no points yet/,
    ],
    [
      'only one point',
      'points',
      { points: { dimension: 2, values: Float32Array.from([1, 2]) } },
      /At least 2 points/,
    ],
    [
      'a ragged points array',
      'points',
      { points: { dimension: 2, values: Float32Array.from([1, 2, 3]) } },
      /3 numbers.*2-D/,
    ],
    [
      'a NaN point',
      'points',
      { points: { dimension: 1, values: Float32Array.from([1, 2, Number.NaN]) } },
      /Point 3 .*NaN.*finite/,
    ],
    [
      'a huge point',
      'points',
      { points: { dimension: 2, values: Float32Array.from([1, 2, 3, 1e30]) } },
      /Point 2 .*between −1 000 000 and 1 000 000/,
    ],
    [
      'a point dimension of 3',
      'points',
      { points: { dimension: 3 as 2, values: new Float32Array(6) } },
      /1-D or 2-D/,
    ],
    [
      'mixed mean dimensions',
      'custom-mixture',
      { mixtureMeans: [[0, 0], [1]] },
      /same dimension.*centre 1 is 2-D but centre 2 is 1-D/,
    ],
    ['no means', 'custom-mixture', { mixtureMeans: [] }, /at least one centre/],
    [
      'a 3-D mean',
      'custom-mixture',
      { mixtureMeans: [[0, 0, 0]] },
      /centre 1 needs 1 or 2 coordinates, got 3/,
    ],
    [
      'a NaN mean',
      'custom-mixture',
      {
        mixtureMeans: [
          [0, 0],
          [Number.NaN, 1],
        ],
      },
      /Coordinate 1 of mixture centre 2 must be a finite number, got NaN/,
    ],
    [
      'an infinite mean',
      'custom-mixture',
      { mixtureMeans: [[Number.POSITIVE_INFINITY, 0]] },
      /finite number, got Infinity/,
    ],
    [
      'a huge mean',
      'custom-mixture',
      { mixtureMeans: [[1e7, 0]] },
      /between −1 000 000 and 1 000 000/,
    ],
    ['negative weights', 'custom-mixture', { mixtureWeights: [1, -1, 1] }, /weight 2 is negative/],
    ['too few weights', 'custom-mixture', { mixtureWeights: [1, 1] }, /3 centres but 2 weights/],
    [
      'too many weights',
      'custom-mixture',
      { mixtureWeights: [1, 1, 1, 1] },
      /3 centres but 4 weights/,
    ],
    [
      'a NaN weight',
      'custom-mixture',
      { mixtureWeights: [1, Number.NaN, 1] },
      /weight 2 must be a finite number/,
    ],
    [
      'all-zero weights',
      'custom-mixture',
      { mixtureWeights: [0, 0, 0] },
      /At least one mixture weight/,
    ],
    [
      'a zero mixture std',
      'custom-mixture',
      { mixtureStd: 0 },
      /mixture standard deviation must be a positive number, got 0/,
    ],
    [
      'a NaN mixture std',
      'custom-mixture',
      { mixtureStd: Number.NaN },
      /mixture standard deviation/,
    ],
    [
      'a NaN Gaussian mean',
      'gaussian-1d',
      { gaussianMean: Number.NaN },
      /Gaussian mean must be a finite number, got NaN/,
    ],
    [
      'a huge Gaussian mean',
      'gaussian-1d',
      { gaussianMean: -1e9 },
      /Gaussian mean must lie between/,
    ],
    [
      'a negative Gaussian std',
      'gaussian-1d',
      { gaussianStd: -0.5 },
      /Gaussian standard deviation must be a positive number, got -0.5/,
    ],
    [
      'an infinite Gaussian std',
      'gaussian-1d',
      { gaussianStd: Number.POSITIVE_INFINITY },
      /Gaussian standard deviation/,
    ],
  ];

  for (const [name, id, patch, message] of cases) {
    it(`for ${name}`, () => {
      const params = { ...DEFAULT_DATA_PARAMS, ...patch };
      expect(() => resolveDataset(id, params)).toThrow(Error);
      expect(() => resolveDataset(id, params)).toThrow(message);
      // The same parameters never make the dimension query throw.
      expect([1, 2]).toContain(datasetDimension(id, params));
    });
  }

  it('for missing parameters', () => {
    expect(() => resolveDataset('gaussian-1d', null as unknown as DataParams)).toThrow(
      /needs its parameters/,
    );
    expect(resolveDataset('ring-8', null as unknown as DataParams).dimension).toBe(2);
  });
});

describe('datasetDimension', () => {
  it('matches resolveDataset wherever that succeeds', () => {
    for (const id of DATASET_IDS) {
      expect(datasetDimension(id, WITH_POINTS)).toBe(resolveDataset(id, WITH_POINTS).dimension);
    }
  });

  it('follows the custom mixture centres and the points', () => {
    expect(datasetDimension('custom-mixture', DEFAULT_DATA_PARAMS)).toBe(2);
    expect(
      datasetDimension('custom-mixture', { ...DEFAULT_DATA_PARAMS, mixtureMeans: [[3]] }),
    ).toBe(1);
    const points = { dimension: 1 as const, values: Float32Array.from([1, 2]) };
    expect(datasetDimension('points', { ...DEFAULT_DATA_PARAMS, points })).toBe(1);
    expect(datasetDimension('points', DEFAULT_DATA_PARAMS)).toBe(2);
  });

  it('never throws, falling back to 2 for unusable parameters', () => {
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      {},
      { mixtureMeans: 'x', points: 7 },
      { mixtureMeans: [[1], [1, 2]] },
      { mixtureMeans: [null] },
      { mixtureMeans: [[1, 2, 3]] },
      { points: { dimension: 5 } },
      {
        get mixtureMeans(): never {
          throw new Error('boom');
        },
        get points(): never {
          throw new Error('boom');
        },
      },
    ];
    for (const params of garbage) {
      for (const id of DATASET_IDS) {
        const dimension = datasetDimension(id, params as DataParams);
        expect(dimension).toBe(
          id === 'custom-mixture' || id === 'points' ? 2 : EXPECTED_DIMENSION[id],
        );
      }
    }
    expect(datasetDimension('nope' as DatasetId, DEFAULT_DATA_PARAMS)).toBe(2);
  });
});

describe('DEFAULT_DATA_PARAMS', () => {
  it('has the documented defaults and cannot be changed by accident', () => {
    expect(DEFAULT_DATA_PARAMS.gaussianMean).toBe(2);
    expect(DEFAULT_DATA_PARAMS.gaussianStd).toBe(0.75);
    expect(DEFAULT_DATA_PARAMS.mixtureStd).toBe(0.2);
    expect(DEFAULT_DATA_PARAMS.mixtureWeights).toEqual([]);
    expect(DEFAULT_DATA_PARAMS.points).toBeNull();
    expect(DEFAULT_DATA_PARAMS.mixtureMeans.every((m) => m.length === 2)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DATA_PARAMS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DATA_PARAMS.mixtureMeans[0])).toBe(true);
  });
});
