import { describe, expect, it } from 'vitest';
import {
  CONFIG_KEYS,
  type ConfigKey,
  configSchema,
  defaultConfig,
  FIELDS,
  GROUPS,
  type PlaygroundConfig,
  SCHEMA_VERSION,
} from '../../src/config/schema';
import { decodeHash, encodeConfig, formatValue, MAX_PAIRS, parseValue } from '../../src/config/url';
import { createRandom } from '../../src/engine/random';

/** A valid value different from the default, for every key. */
const NON_DEFAULTS: PlaygroundConfig = {
  dataset: 'custom-mixture',
  gaussianMean: -1.5,
  gaussianStd: 0.3,
  mixtureMeans: [
    [-1, 1],
    [1, 1],
  ],
  mixtureStd: 0.1,
  mixtureWeights: [1, 3],
  generatorLayers: [32, 16, 8],
  generatorActivation: 'tanh',
  noiseDistribution: 'uniform',
  noiseDimension: 5,
  noiseSigma: 0.25,
  generatorOptimizer: 'rmsprop',
  generatorLearningRate: 0.0002,
  generatorBeta1: 0.9,
  generatorBeta2: 0.99,
  generatorMomentum: 0.5,
  discriminatorLayers: [128],
  discriminatorActivation: 'gelu',
  discriminatorOptimizer: 'sgd',
  discriminatorLearningRate: 0.00005,
  discriminatorBeta1: 0,
  discriminatorBeta2: 0.9,
  discriminatorMomentum: 0,
  packing: 4,
  objective: 'hybrid',
  discriminatorSteps: 5,
  batchSize: 64,
  gradientPenalty: 1,
  mmdBandwidths: [0.5],
  mmdWeight: 2.5,
  labelSmoothing: 0.1,
  instanceNoise: 0.2,
  seed: 123456,
  backend: 'wasm',
  kernelBandwidth: 1.5,
};

function fixedKeys(hash: string): string[] {
  return decodeHash(hash).fixes.map((fix) => fix.key);
}

describe('config schema', () => {
  it('has valid defaults and complete metadata for every field', () => {
    expect(configSchema.safeParse(defaultConfig()).success).toBe(true);
    const urlKeys = new Set<string>();
    for (const key of CONFIG_KEYS) {
      const field = FIELDS[key];
      expect(field.label.length, key).toBeGreaterThan(0);
      expect(field.help.length, key).toBeGreaterThan(10);
      expect(GROUPS.map((g) => g.id)).toContain(field.group);
      expect(urlKeys.has(field.urlKey.toLowerCase()), `duplicate URL key ${field.urlKey}`).toBe(
        false,
      );
      urlKeys.add(field.urlKey.toLowerCase());
    }
    expect(configSchema.safeParse(NON_DEFAULTS).success).toBe(true);
  });

  it('covers every hyperparameter the playground needs', () => {
    expect(CONFIG_KEYS).toEqual(
      expect.arrayContaining([
        'dataset',
        'generatorLayers',
        'discriminatorLayers',
        'noiseDimension',
        'noiseSigma',
        'generatorLearningRate',
        'discriminatorLearningRate',
        'batchSize',
        'discriminatorSteps',
        'seed',
      ]),
    );
  });

  it('rejects out-of-bounds values through the zod schema', () => {
    expect(configSchema.safeParse({ ...defaultConfig(), noiseSigma: -1 }).success).toBe(false);
    expect(configSchema.safeParse({ ...defaultConfig(), generatorLayers: [] }).success).toBe(false);
    expect(configSchema.safeParse({ ...defaultConfig(), batchSize: 1.5 }).success).toBe(false);
    expect(configSchema.safeParse({ ...defaultConfig(), dataset: 'nope' }).success).toBe(false);
  });
});

describe('URL hash', () => {
  it('encodes the default config as the version alone', () => {
    expect(encodeConfig(defaultConfig())).toBe(`v=${SCHEMA_VERSION}`);
  });

  it('round-trips every key on its own', () => {
    for (const key of CONFIG_KEYS) {
      const config = { ...defaultConfig(), [key]: NON_DEFAULTS[key] };
      const hash = encodeConfig(config);
      expect(hash).toContain(`${FIELDS[key].urlKey}=`);
      const decoded = decodeHash(`#${hash}`);
      expect(decoded.fixes, key).toEqual([]);
      expect(decoded.config, key).toEqual(config);
    }
  });

  it('round-trips all keys together and stays human-readable', () => {
    const hash = encodeConfig(NON_DEFAULTS);
    expect(hash).toBe(
      'v=1&data=custom-mixture&mu=-1.5&sd=0.3&means=-1,1;1,1&mstd=0.1&w=1,3&g=32,16,8&actG=tanh&noise=uniform&z=5&sigma=0.25&optG=rmsprop&lrG=0.0002&b1G=0.9&b2G=0.99&momG=0.5&d=128&actD=gelu&optD=sgd&lrD=0.00005&b1D=0&b2D=0.9&momD=0&pack=4&loss=hybrid&k=5&batch=64&gp=1&kh=0.5&lambda=2.5&smooth=0.1&inoise=0.2&seed=123456&backend=wasm&h=1.5',
    );
    expect(decodeHash(hash)).toEqual({ config: NON_DEFAULTS, fixes: [] });
  });

  it('reads keys case-insensitively and tolerates spaces in lists', () => {
    const { config, fixes } = decodeHash('#LRG=0.01&g=%2032%2C%2016&DATA=Gaussian-1D&means=1;2');
    expect(fixes).toEqual([]);
    expect(config.mixtureMeans).toEqual([[1], [2]]);
    expect(config.generatorLearningRate).toBe(0.01);
    expect(config.generatorLayers).toEqual([32, 16]);
    expect(config.dataset).toBe('gaussian-1d');
  });

  it('fixes hostile values and says why', () => {
    const { config, fixes } = decodeHash('#lrG=abc&g=99999999&sigma=-1&unknown=5&batch=12.7');
    expect(config.generatorLearningRate).toBe(FIELDS.generatorLearningRate.default);
    expect(config.generatorLayers).toEqual([512]);
    expect(config.noiseSigma).toBe(FIELDS.noiseSigma.min);
    expect(config.batchSize).toBe(13);
    const byKey = Object.fromEntries(fixes.map((fix) => [fix.key, fix]));
    expect(byKey.lrG?.reason).toMatch(/not a number/);
    expect(byKey.lrG?.used).toBe('0.001');
    expect(byKey.g?.reason).toMatch(/within 1–512/);
    expect(byKey.sigma?.reason).toMatch(/minimum is 0.01/);
    expect(byKey.unknown?.reason).toMatch(/Unknown setting/);
    expect(byKey.batch?.reason).toMatch(/whole number/);
    expect(configSchema.safeParse(config).success).toBe(true);
  });

  it('bounds the number of layers and rejects non-numeric lists', () => {
    const many = Array.from({ length: 10_000 }, () => '4').join(',');
    const decoded = decodeHash(`#d=${many}&g=64,abc`);
    expect(decoded.config.discriminatorLayers).toHaveLength(8);
    expect(decoded.config.generatorLayers).toEqual([64, 64]);
    expect(fixedKeys(`#d=${many}&g=64,abc`)).toEqual(['d', 'g']);
    expect(decodeHash('#g=-3,0').config.generatorLayers).toEqual([1, 1]);
    expect(decodeHash('#g=').config.generatorLayers).toEqual([64, 64]);
  });

  it('reads a 100 kB hash quickly and without throwing, reporting what it ignored', () => {
    const hash = `#sigma=2&junk=${'a'.repeat(100_000)}&lrG=${'9'.repeat(50_000)}`;
    const { config, fixes } = decodeHash(hash);
    expect(config.noiseSigma).toBe(2);
    expect(config.generatorLearningRate).toBe(1);
    expect(fixes.map((fix) => fix.key)).toEqual(['junk', 'lrG']);
    expect(fixes[0]?.given.length).toBeLessThan(50);
  });

  it('reads at most MAX_PAIRS settings and says so', () => {
    const hash = `#${Array.from({ length: 5000 }, (_, i) => `x${i}=1`).join('&')}`;
    const { fixes } = decodeHash(hash);
    expect(fixes[0]?.key).toBe('link');
    expect(fixes).toHaveLength(MAX_PAIRS + 1);
  });

  it('survives duplicates, bad percent-encoding, versions, prototype keys and empty parts', () => {
    const decoded = decodeHash('#sigma=2&sigma=3&lrD=%E0%A4%A&v=99&__proto__=1&constructor=x&&=&k');
    expect(decoded.config.noiseSigma).toBe(2);
    expect(decoded.config.discriminatorLearningRate).toBe(0.001);
    expect(decoded.config.discriminatorSteps).toBe(1);
    expect(decoded.fixes.map((f) => f.key)).toEqual(
      expect.arrayContaining(['sigma', 'lrD', 'v', '__proto__', 'constructor', 'k']),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(decoded.config)).toBe(Object.prototype);
  });

  it('never throws and always yields a valid config for random hashes', () => {
    const random = createRandom(2024);
    const alphabet = '=&,%.-+eE0123456789abcdefgzsigmalrGDkvh<>"\'/\\ \u00e9\u{1F600}';
    const keys = CONFIG_KEYS.map((key) => FIELDS[key].urlKey);
    for (let trial = 0; trial < 2000; trial++) {
      const parts: string[] = [];
      const count = random.int(8);
      for (let i = 0; i < count; i++) {
        const key = random.next() < 0.7 ? keys[random.int(keys.length)] : 'x';
        let value = '';
        const length = random.int(12);
        for (let j = 0; j < length; j++) value += alphabet[random.int(alphabet.length)];
        parts.push(`${key}=${value}`);
      }
      const hash = `#${parts.join('&')}`;
      const decoded = decodeHash(hash);
      expect(configSchema.safeParse(decoded.config).success, hash).toBe(true);
      // Every value that is not used as given is reported.
      const reEncoded = decodeHash(encodeConfig(decoded.config));
      expect(reEncoded.fixes, hash).toEqual([]);
      expect(reEncoded.config).toEqual(decoded.config);
    }
  });
});

describe('list and point values', () => {
  it('allows an empty weight list but not an empty layer list', () => {
    expect(parseValue('mixtureWeights', '')).toEqual({ value: [] });
    expect(parseValue('generatorLayers', '').reason).toMatch(/needed/);
  });

  it('repairs point lists: mixed dimensions, junk, too many, out of range', () => {
    expect(parseValue('mixtureMeans', '1,2;3').reason).toMatch(/1-D or all 2-D/);
    expect(parseValue('mixtureMeans', '1,2,3').reason).toMatch(/not a list of points/);
    expect(parseValue('mixtureMeans', 'a,b').value).toEqual(FIELDS.mixtureMeans.default);
    expect(parseValue('mixtureMeans', '1e9,0')).toMatchObject({ value: [[100, 0]] });
    const many = Array.from({ length: 40 }, (_, i) => `${i},0`).join(';');
    expect(parseValue('mixtureMeans', many).value).toHaveLength(32);
  });

  it('clamps bandwidth and weight lists item by item', () => {
    expect(parseValue('mmdBandwidths', '0,0.5,99')).toMatchObject({ value: [0.01, 0.5, 10] });
    expect(parseValue('mixtureWeights', '-1,2').value).toEqual([0, 2]);
  });
});

describe('parseValue / formatValue', () => {
  it('accepts valid text for every key and formats it back', () => {
    for (const key of CONFIG_KEYS) {
      const text = formatValue(key, NON_DEFAULTS[key]);
      const parsed = parseValue(key as ConfigKey, text);
      expect(parsed.reason, key).toBeUndefined();
      expect(parsed.value, key).toEqual(NON_DEFAULTS[key]);
    }
  });

  it('clamps numbers to bounds and keeps the schema satisfied', () => {
    expect(parseValue('noiseDimension', '1e9')).toMatchObject({ value: 16 });
    expect(parseValue('kernelBandwidth', '0')).toMatchObject({ value: 0.01 });
    expect(parseValue('seed', '0x10').value).toBe(FIELDS.seed.default);
    expect(parseValue('noiseSigma', 'Infinity').value).toBe(FIELDS.noiseSigma.default);
    expect(parseValue('backend', 'tpu').reason).toMatch(/not one of/);
  });
});
