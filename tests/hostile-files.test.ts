/**
 * A corpus of hostile uploads for the three upload paths (points CSV, config JSON, generator
 * model files), each run through the same steps as the UI: the size and type checks of
 * readUploadText / readModelFiles, then the parser (and, for a generator, the trainer's load).
 * Every file must be refused with a message that names its problem (or, for a config, repaired
 * with every fix listed, as a link is), the current model must keep its weights, and
 * Object.prototype must stay clean. The counts are printed for the issue's closing note.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIG_FILE_FORMAT,
  configFromJson,
  configToJson,
  MAX_CONFIG_FILE_BYTES,
} from '../src/config/configFile';
import { MAX_CSV_BYTES, parsePointsCsv, sizeError, sniffUpload } from '../src/config/data';
import { defaultConfig } from '../src/config/schema';
import type { ConfigFix } from '../src/config/url';
import {
  artifactsToFiles,
  createTrainer,
  filesToArtifacts,
  type GeneratorFiles,
  type Trainer,
} from '../src/engine';
import { readModelFiles, readUploadText, withFileName } from '../src/ui/modelFiles';
import { trainerConfig } from './engine/configs';

const MB = 1024 * 1024;
const tally = { refused: 0, repaired: 0, accepted: 0 };
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  // A polluted prototype would show in every object of the app, so check after every file.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).format).toBeUndefined();
});

afterAll(() => {
  console.log(`hostile files: ${tally.refused} refused`);
  console.log(
    `hostile files: ${tally.repaired} configs repaired with every fix listed, ${tally.accepted} files read as intended`,
  );
});

/** Bytes backed by a plain ArrayBuffer, as a File's parts must be. */
type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const bytes = (...values: number[]): Bytes => Uint8Array.from(values);
const concat = (...parts: (Bytes | string)[]): Bytes => {
  const arrays = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
};
/** Text as UTF-16 code units, little- or big-endian, with or without a byte-order mark. */
function utf16(text: string, endian: 'le' | 'be', bom: boolean): Bytes {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const code = units.charCodeAt(i);
    out[2 * i + (endian === 'le' ? 0 : 1)] = code & 0xff;
    out[2 * i + (endian === 'le' ? 1 : 0)] = code >> 8;
  }
  return out;
}
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48);
const ZIP = concat(bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0), '[Content_Types].xml');
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46);
const PDF = encoder.encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');

const file = (name: string, body: Bytes | string, type = ''): File =>
  new File([body], name, { type });

/**
 * A File of `size` bytes whose contents must never be read: the size check has to refuse it
 * first. Reading throws, which would fail the test with "read a 50 MB file".
 */
function unreadable(name: string, size: number): File {
  const fail = (): never => {
    throw new Error(`read a ${size / MB} MB file`);
  };
  return {
    name,
    size,
    type: '',
    arrayBuffer: fail,
    text: fail,
    slice: fail,
    stream: fail,
  } as unknown as File;
}

/** The refusal of the points path for a file (as PointsEditor does it), or null if accepted. */
async function uploadPoints(upload: File): Promise<string | null> {
  const read = await readUploadText(upload, MAX_CSV_BYTES);
  if (!read.ok) return withFileName(upload.name, read.error);
  const result = parsePointsCsv(read.text);
  return result.ok ? null : result.error;
}

/** The config path for a file (as ShareMenu does it). */
async function uploadConfig(
  upload: File,
): Promise<{ ok: true; fixes: ConfigFix[] } | { ok: false; error: string }> {
  const read = await readUploadText(upload, MAX_CONFIG_FILE_BYTES);
  if (!read.ok) return { ok: false, error: withFileName(upload.name, read.error) };
  const result = configFromJson(read.text);
  return result.ok ? { ok: true, fixes: result.fixes } : result;
}

describe('upload checks', () => {
  it('sizeError refuses past the limit only, in the units people use', () => {
    expect(sizeError(10 * MB, 10 * MB)).toBeNull();
    expect(sizeError(50 * MB, 10 * MB)).toBe('The file is 50 MB, larger than the 10 MB limit.');
    expect(sizeError(10 * MB + 1, 10 * MB)).toBe('The file is larger than the 10 MB limit.');
    expect(sizeError(Number.NaN, 10)).toBeNull();
    expect(sizeError(2048, 1000)).toBe('The file is 2 KB, larger than the 1000 bytes limit.');
  });

  it('sniffUpload names binary kinds and finds UTF-16 with and without a byte-order mark', () => {
    expect(sniffUpload(PNG)).toEqual({ ok: false, kind: 'a PNG image' });
    expect(sniffUpload(ZIP)).toMatchObject({ ok: false, kind: expect.stringMatching(/zip.*xlsx/) });
    expect(sniffUpload(JPEG)).toEqual({ ok: false, kind: 'a JPEG image' });
    expect(sniffUpload(PDF)).toEqual({ ok: false, kind: 'a PDF document' });
    expect(sniffUpload(encoder.encode('1,2\n3\u0000,4'))).toMatchObject({ ok: false });
    expect(sniffUpload(bytes(0))).toMatchObject({ ok: false });
    expect(sniffUpload(encoder.encode('x,y\n1,2'))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(sniffUpload(encoder.encode('\uFEFFx,y'))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(sniffUpload(utf16('x\ty\n1\t2', 'le', true))).toEqual({
      ok: true,
      encoding: 'utf-16le',
    });
    expect(sniffUpload(utf16('x\ty\n1\t2', 'be', true))).toEqual({
      ok: true,
      encoding: 'utf-16be',
    });
    expect(sniffUpload(utf16('x,y\n1,2', 'le', false))).toEqual({ ok: true, encoding: 'utf-16le' });
    expect(sniffUpload(utf16('tempé,y\n1,2', 'be', false))).toEqual({
      ok: true,
      encoding: 'utf-16be',
    });
    expect(sniffUpload(new Uint8Array(0))).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('readUploadText refuses a 50 MB file from its size, without reading a byte', async () => {
    for (const limit of [MAX_CSV_BYTES, MAX_CONFIG_FILE_BYTES]) {
      const read = await readUploadText(unreadable('big.csv', 50 * MB), limit);
      expect(read).toMatchObject({ ok: false, error: expect.stringMatching(/^The file is 50 MB/) });
    }
  });
});

describe('hostile points files', () => {
  const rows = (n: number) => 'x,y\n'.concat('0.5,1\n'.repeat(n));
  const corpus: [name: string, body: Bytes | string, message: RegExp][] = [
    ['empty.csv', '', /^empty\.csv is empty\.$/],
    ['blank.csv', '  \r\n\t\n   ', /^blank\.csv holds only blank space\.$/],
    ['bom-only.csv', '\uFEFF', /only blank space/],
    ['photo.png', PNG, /^photo\.png is a PNG image, not text\.$/],
    ['photo.csv', PNG, /^photo\.csv is a PNG image, not text\.$/],
    [
      'data.xlsx',
      ZIP,
      /^data\.xlsx is a zip archive \(an \.xlsx or \.ods spreadsheet is one too\)/,
    ],
    ['scan.jpg', JPEG, /JPEG image, not text/],
    ['paper.pdf', PDF, /PDF document, not text/],
    ['nul.csv', '1,2\n3\u0000,4\n', /^nul\.csv is a binary file \(it holds NUL bytes\)/],
    ['gan-config.json', configToJson(defaultConfig()), /GAN Playground config.*Import config/],
    ['model.json', '{"modelTopology": {}, "weightsManifest": []}', /generator's model\.json/],
    ['list.json', '[[1, 2], [3, 4]]', /This is JSON, not a table of points/],
    ['nan.csv', 'x,y\n1,2\nNaN,3', /"NaN" on line 3 is not a finite number/],
    ['inf.csv', '1,2\n3,Infinity', /"Infinity" on line 2 is not a finite number/],
    ['minus-inf.csv', '1,2\n-Infinity,3', /"-Infinity" on line 2 is not a finite number/],
    ['numpy-inf.csv', '1\n2\n-inf', /"-inf" on line 3 is not a finite number/],
    ['huge.csv', '1,2\n1e308,3', /"1e308" on line 2 is too large/],
    ['overflow.csv', '1,2\n1e400,3', /"1e400" on line 2 is too large/],
    ['hex.csv', '1,2\n0x1A,3', /"0x1A" on line 2 is not a number\.$/],
    [
      'comma-decimal.csv',
      '1;2\n1,5;2',
      /"1,5" on line 2 is not a number; write decimals with a point/,
    ],
    ['comma-decimal-tab.csv', '1,5\t2,5\n3\t4', /"1,5" on line 1 is not a number; write decimals/],
    ['ragged.csv', 'x,y\n1,2\n3\n4,5', /Expected 2 columns on line 3.*but found 1/],
    ['ragged-wide.csv', '1\n2\n3,4', /Expected 1 column on line 3.*found 2/],
    ['three-columns.csv', 'x,y,z\n1,2,3\n4,5,6', /Found 3 columns on line 2; points need 1 column/],
    ['header-only.csv', 'x,y\n', /only a header line and no data rows/],
    ['one-row.csv', 'x,y\n1,2', /only 1 data row; at least 2 points/],
    ['too-many-rows.csv', rows(100_001), /^The file has 100 001 rows; the limit is 100 000\.$/],
    ['quote.csv', '"1,2\n3,4', /"\\"1,2" on line 1 is not a number|on line 1/],
    ['empty-field.csv', '1,2\n,3', /empty value on line 2/],
    ['utf16-nan.csv', utf16('x\ty\n1\t2\nNaN\t3', 'le', true), /"NaN" on line 3 is not a finite/],
  ];
  for (const [name, body, message] of corpus) {
    it(`refuses ${name}`, async () => {
      const error = await uploadPoints(file(name, body, 'text/csv'));
      expect(error).toMatch(message);
      tally.refused++;
    });
  }

  it('refuses a 50 MB file before reading it, and a real 50 MB file too', async () => {
    expect(await uploadPoints(unreadable('big.csv', 50 * MB))).toBe(
      'big.csv is 50 MB, larger than the 10 MB limit.',
    );
    const real = file('big.csv', new Uint8Array(50 * MB).fill(0x31));
    expect(await uploadPoints(real)).toBe('big.csv is 50 MB, larger than the 10 MB limit.');
    tally.refused += 2;
  });

  it('refuses pasted text that is binary, JSON or over the limit', () => {
    const paste = (text: string) => {
      const result = parsePointsCsv(text);
      return result.ok ? null : result.error;
    };
    expect(paste('\uFFFDPNG\r\n\u001a\n\u0000\u0000')).toMatch(/NUL characters.*binary file/);
    expect(paste(configToJson(defaultConfig()))).toMatch(/GAN Playground config/);
    expect(paste(`${'1,2\n'.repeat(MAX_CSV_BYTES / 4)}1`)).toMatch(/larger than the 10 MB limit/);
    tally.refused += 3;
  });

  it('reads, as intended, UTF-16 and BOM text, 1-D points, tiny values and odd header names', async () => {
    const read = async (name: string, body: Bytes | string) => {
      const upload = await readUploadText(file(name, body), MAX_CSV_BYTES);
      if (!upload.ok) throw new Error(upload.error);
      const result = parsePointsCsv(upload.text);
      if (!result.ok) throw new Error(result.error);
      tally.accepted++;
      return result;
    };
    // Excel's "Unicode text" export: UTF-16LE with a mark, tab-separated.
    expect(
      Array.from((await read('excel.txt', utf16('x\ty\n1\t2\n3\t4', 'le', true))).points.values),
    ).toEqual([1, 2, 3, 4]);
    expect((await read('be.csv', utf16('1,2\n3,4', 'be', true))).rows).toBe(2);
    expect((await read('le.csv', utf16('1,2\n3,4', 'le', false))).rows).toBe(2);
    expect(
      (await read('bom.csv', concat(bytes(0xef, 0xbb, 0xbf), 'x,y\n1,2\n3,4'))).header,
    ).toEqual(['x', 'y']);
    // One column is a 1-D data set by design (the model then draws 1-D points).
    expect((await read('one-column.csv', '1\n2\n3')).points.dimension).toBe(1);
    // Below float32's range a value rounds to 0, as any rounding does; it is not an error.
    expect(Array.from((await read('tiny.csv', '1e-320,1\n2,3')).points.values)).toEqual([
      0, 1, 2, 3,
    ]);
    // Header names are only names: nothing is looked up or assigned by them.
    expect((await read('proto.csv', '__proto__,constructor\n1,2\n3,4')).header).toEqual([
      '__proto__',
      'constructor',
    ]);
  });
});

describe('hostile config files', () => {
  const valid = JSON.parse(configToJson(defaultConfig())) as {
    format: string;
    version: number;
    config: Record<string, unknown>;
  };
  const withConfig = (config: Record<string, unknown>) =>
    JSON.stringify({ ...valid, config: { ...valid.config, ...config } });
  const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
  const corpus: [name: string, body: Bytes | string, message: RegExp][] = [
    ['empty.json', '', /^empty\.json is empty\.$/],
    ['blank.json', ' \n\t ', /holds only blank space/],
    ['photo.json', PNG, /^photo\.json is a PNG image, not text\.$/],
    ['config.zip', ZIP, /zip archive/],
    [
      'nul.json',
      `{"format": "${CONFIG_FILE_FORMAT}",\u0000}`,
      /binary file \(it holds NUL bytes\)/,
    ],
    ['points.csv', '1,2\n3,4\n', /table \(CSV\), not a config; points go under "Your points"/],
    ['header.csv', 'x,y\n1,2\n', /table \(CSV\), not a config/],
    [
      'gan-generator.json',
      '{"modelTopology": {"class_name": "Sequential"}, "weightsManifest": []}',
      /generator's model\.json, not a config; load it with "Load generator"/,
    ],
    ['words.json', 'hello', /not valid JSON/],
    ['cut.json', configToJson(defaultConfig()).slice(0, 200), /not valid JSON.*cut short/],
    ['list.json', '[1, 2]', /This JSON is a list, not an object/],
    ['null.json', 'null', /This JSON is null, not an object/],
    ['string.json', '"config"', /This JSON is a string, not an object/],
    ['other.json', '{"hello": 1}', /not a GAN Playground config \(its "format" is not/],
    ['no-config.json', JSON.stringify({ ...valid, config: [] }), /no "config" object/],
    [
      'proto-wrapped.json',
      JSON.stringify({ ['__proto__']: valid }).replace('"__proto__"', '"__proto__"'),
      /not a GAN Playground config/,
    ],
    [
      'constructor-wrapped.json',
      JSON.stringify({ constructor: { prototype: valid } }),
      /not a GAN Playground config/,
    ],
    // 100 000 levels of "[": the file is 195 KB, so its size refuses it before parsing.
    ['deep.json', deep(100_000), /^deep\.json is 195\.3 KB, larger than the 97\.7 KB limit\.$/],
    ['unclosed.json', '['.repeat(MAX_CONFIG_FILE_BYTES), /not valid JSON/],
    ['deep-fits.json', deep(49_000), /This JSON is a list, not an object/],
    ['padded.json', ' '.repeat(MAX_CONFIG_FILE_BYTES + 1), /larger than the 97\.7 KB limit/],
  ];
  for (const [name, body, message] of corpus) {
    it(`refuses ${name}`, async () => {
      const read = await uploadConfig(file(name, body, 'application/json'));
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatch(message);
      tally.refused++;
    });
  }

  it('refuses a 50 MB config before reading it, and a real one', async () => {
    for (const upload of [
      unreadable('big.json', 50 * MB),
      file('big.json', new Uint8Array(50 * MB).fill(0x20)),
    ]) {
      expect(await uploadConfig(upload)).toEqual({
        ok: false,
        error: 'big.json is 50 MB, larger than the 97.7 KB limit.',
      });
      tally.refused++;
    }
  });

  /** Reads a config that must be repaired, returning its fixes by key. */
  async function repaired(name: string, body: string): Promise<Map<string, ConfigFix[]>> {
    const read = await uploadConfig(file(name, body, 'application/json'));
    if (!read.ok) throw new Error(read.error);
    expect(read.fixes.length).toBeGreaterThan(0);
    tally.repaired++;
    const byKey = new Map<string, ConfigFix[]>();
    for (const fix of read.fixes) byKey.set(fix.key, [...(byKey.get(fix.key) ?? []), fix]);
    return byKey;
  }

  it('repairs one wrong value (1e308, NaN, Infinity, 1e-320, a hex string), listing the fix', async () => {
    for (const [value, reason] of [
      [1e308, /./],
      ['NaN', /./],
      ['Infinity', /./],
      [-1e308, /./],
      ['0x10', /./],
    ] as const) {
      const fixes = await repaired('one-wrong.json', withConfig({ noiseSigma: value }));
      expect([...fixes.keys()]).toEqual(['sigma']);
      expect(fixes.get('sigma')?.[0]?.reason).toMatch(reason);
    }
    const fixes = await repaired('tiny.json', withConfig({ generatorLearningRate: 1e-320 }));
    expect([...fixes.keys()]).toEqual(['lrG']);
  });

  it('repairs a config whose settings are prototype-pollution keys, reporting each', async () => {
    const body = `{"format": "${CONFIG_FILE_FORMAT}", "version": 1, "__proto__": {"polluted": true}, "config": {"__proto__": {"polluted": true, "noiseSigma": 5}, "constructor": {"prototype": {"polluted": true}}, "noiseSigma": 0.5}}`;
    const fixes = await repaired('proto.json', body);
    expect(fixes.get('__proto__')?.map((fix) => fix.reason)).toEqual([
      'Not a field of a config file; ignored.',
      'Unknown setting; ignored.',
    ]);
    expect(fixes.get('constructor')?.[0]?.reason).toBe('Unknown setting; ignored.');
    const read = configFromJson(body);
    expect(read.ok && read.config.noiseSigma).toBe(0.5);
    expect(Object.getPrototypeOf(read.ok ? read.config : null)).toBe(Object.prototype);
  });

  it('repairs duplicate keys, saying which value is used', async () => {
    const { noiseSigma: _, ...others } = valid.config;
    const text = JSON.stringify({ ...valid, config: others }).replace(
      '"config":{',
      '"config":{"noiseSigma": 0.3, "noiseSigma": 0.7, ',
    );
    const fixes = await repaired('duplicate.json', text);
    expect(fixes.get('sigma')?.[0]).toMatchObject({
      given: '2 values',
      used: '0.7',
      reason: 'Given 2 times; the last value is used.',
    });
    const read = configFromJson(text);
    expect(read.ok && read.config.noiseSigma).toBe(0.7);

    const cased = await repaired('cased.json', withConfig({ NOISESIGMA: 0.9 }));
    expect(cased.get('sigma')?.[0]?.reason).toMatch(/Also given as "noiseSigma"; this one is used/);

    const topLevel = await repaired(
      'top-duplicate.json',
      withConfig({}).replace('{', `{"format": "${CONFIG_FILE_FORMAT}", `),
    );
    expect(topLevel.get('format')?.[0]?.reason).toBe('Given 2 times; the last value is used.');
  });

  it('repairs deeply nested, object and overlong values without overflowing the stack', async () => {
    // 40 000 levels fit the size limit; String() of such an array overflows the call stack.
    const nested = withConfig({ noiseSigma: 'X' }).replace('"X"', deep(40_000));
    expect(nested.length).toBeLessThan(MAX_CONFIG_FILE_BYTES);
    const fixes = await repaired('nested.json', nested);
    expect(fixes.get('sigma')?.[0]).toMatchObject({
      given: 'a list nested too deeply or too long',
      reason: 'A list nested too deeply or too long is not a value for this setting.',
    });
    const version = await repaired(
      'nested-version.json',
      JSON.stringify({ ...valid, version: 'V' }).replace('"V"', deep(40_000)),
    );
    expect(version.get('version')?.[0]?.reason).toMatch(/Unknown schema version/);
    const objects = await repaired(
      'object.json',
      withConfig({ batchSize: { value: 64 }, seed: null }),
    );
    expect(objects.get('batch')?.[0]?.reason).toBe('An object is not a value for this setting.');
    expect(objects.get('seed')?.[0]?.reason).toBe('Null is not a value for this setting.');
    const long = await repaired('long.json', withConfig({ generatorLayers: Array(5000).fill(8) }));
    expect(long.get('g')?.[0]?.reason).toMatch(/not a value for this setting/);
  });

  it('reads a UTF-16 config as intended', async () => {
    const read = await uploadConfig(file('utf16.json', utf16(withConfig({ seed: 9 }), 'le', true)));
    expect(read).toEqual({ ok: true, fixes: [] });
    tally.accepted++;
  });
});

describe('hostile generator model files', () => {
  let source: Trainer;
  let target: Trainer;
  let files: GeneratorFiles;
  let json: {
    modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
    weightsManifest: { weights: { shape: number[] }[] }[];
  };
  /** The target's generator on fixed noise: must not change when a file is refused. */
  let before: Float32Array;
  const NOISE = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.7) * 2);

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const config = trainerConfig({
      dataset: 'gaussian-2d',
      generatorLayers: [8],
      discriminatorLayers: [8],
      noiseDimension: 2,
    });
    source = createTrainer({ ...config, seed: 1 });
    source.step(3);
    files = artifactsToFiles(await source.exportGenerator(), 'gan-generator');
    json = JSON.parse(files.modelJson);
    target = createTrainer({ ...config, seed: 2 });
    before = await target.generate(NOISE);
  });
  afterAll(() => {
    source.dispose();
    target.dispose();
  });

  const modelJson = (text: string, name = 'gan-generator.json') =>
    file(name, text, 'application/json');
  const weightsFile = (body: ArrayBuffer | Bytes, name = 'gan-generator.weights.bin') =>
    file(name, body instanceof Uint8Array ? body : new Uint8Array(body));
  const edited = (edit: (copy: typeof json) => void): string => {
    const copy = structuredClone(json);
    edit(copy);
    return JSON.stringify(copy);
  };

  /** The load path as the UI and worker run it; the refusal message, or null if it loaded. */
  async function uploadModel(chosen: File[]): Promise<string | null> {
    try {
      const { modelJson: text, weights } = await readModelFiles(chosen);
      await target.loadGenerator(filesToArtifacts(text, weights));
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      return (error as Error).message;
    }
  }

  it('loads the exported files (the corpus is hostile only where it says)', async () => {
    const other = createTrainer(
      trainerConfig({
        dataset: 'gaussian-2d',
        generatorLayers: [8],
        discriminatorLayers: [8],
        noiseDimension: 2,
        seed: 5,
      }),
    );
    await other.loadGenerator(filesToArtifacts(files.modelJson, files.weights));
    expect(Array.from(await other.generate(NOISE))).toEqual(
      Array.from(await source.generate(NOISE)),
    );
    other.dispose();
  });

  const cases: [name: string, chosen: () => File[], message: RegExp][] = [
    [
      'model.json alone',
      () => [modelJson(files.modelJson)],
      /^Only one file was chosen\. Choose two files together/,
    ],
    [
      'three files',
      () => [
        modelJson(files.modelJson),
        weightsFile(files.weights),
        weightsFile(files.weights, 'x.bin'),
      ],
      /^3 files were chosen/,
    ],
    [
      'two weights files',
      () => [weightsFile(files.weights), weightsFile(files.weights, 'b.bin')],
      /^Neither file ends in \.json/,
    ],
    [
      'two .json files',
      () => [modelJson(files.modelJson), modelJson(files.modelJson, 'b.json')],
      /^Both files end in \.json/,
    ],
    [
      'an empty model.json',
      () => [modelJson(''), weightsFile(files.weights)],
      /^gan-generator\.json is empty\. Choose/,
    ],
    [
      'a blank model.json',
      () => [modelJson(' \n '), weightsFile(files.weights)],
      /holds only blank space/,
    ],
    [
      'an empty weights file',
      () => [modelJson(files.modelJson), weightsFile(new Uint8Array(0))],
      /^gan-generator\.weights\.bin is empty\./,
    ],
    [
      'a PNG as model.json',
      () => [file('model.json', PNG), weightsFile(files.weights)],
      /^model\.json is a PNG image, not text\./,
    ],
    [
      'a PNG as weights',
      () => [modelJson(files.modelJson), weightsFile(PNG)],
      /weights\.bin is too short: model\.json describes [\d,]+ bytes of weights but the file holds 14/,
    ],
    [
      'a zip as model.json',
      () => [file('model.json', ZIP), weightsFile(files.weights)],
      /zip archive/,
    ],
    [
      'a config as model.json',
      () => [modelJson(configToJson(defaultConfig())), weightsFile(files.weights)],
      /is a GAN Playground config, not a model\.json; import it with "Import config"/,
    ],
    [
      'a CSV as model.json',
      () => [modelJson('x,y\n1,2\n'), weightsFile(files.weights)],
      /table of numbers \(CSV\), not a model\.json/,
    ],
    [
      'some other JSON',
      () => [modelJson('{"hello": 1}'), weightsFile(files.weights)],
      /JSON but not a tfjs model\.json: it has no "modelTopology"/,
    ],
    [
      'broken JSON',
      () => [modelJson(files.modelJson.slice(0, 300)), weightsFile(files.weights)],
      /not valid JSON/,
    ],
    [
      'a 50 MB weights file (not read)',
      () => [modelJson(files.modelJson), unreadable('w.bin', 50 * MB)],
      /^w\.bin is 50 MB, larger than the 15\.3 MB limit\./,
    ],
    [
      'a 50 MB model.json (not read)',
      () => [unreadable('m.json', 50 * MB), weightsFile(files.weights)],
      /^m\.json is 50 MB, larger than the 976\.6 KB limit\./,
    ],
    [
      'weights shorter than the manifest',
      () => [modelJson(files.modelJson), weightsFile(files.weights.slice(0, 40))],
      /too short: model\.json describes [\d,]+ bytes of weights but the file holds 40/,
    ],
    [
      'weights longer than the manifest',
      () => [
        modelJson(files.modelJson),
        weightsFile(concat(new Uint8Array(files.weights), bytes(0, 0, 0, 0))),
      ],
      /too long: it holds [\d,]+ bytes but model\.json describes/,
    ],
    [
      'weights of odd length',
      () => [
        modelJson(files.modelJson),
        weightsFile(files.weights.slice(0, files.weights.byteLength - 1)),
      ],
      /too short/,
    ],
    [
      'NaN weights',
      () => {
        const nan = files.weights.slice(0);
        new Float32Array(nan)[7] = Number.NaN;
        return [modelJson(files.modelJson), weightsFile(nan)];
      },
      /holds NaN or infinite weights \(value 8\)/,
    ],
    [
      'infinite weights',
      () => {
        const inf = files.weights.slice(0);
        new Float32Array(inf)[0] = Number.NEGATIVE_INFINITY;
        return [modelJson(files.modelJson), weightsFile(inf)];
      },
      /holds NaN or infinite weights \(value 1\)/,
    ],
    [
      'a layer of 1e9 units, manifest and all',
      () => [
        modelJson(
          edited((c) => {
            (c.modelTopology.config.layers[0] as { config: Record<string, unknown> }).config.units =
              1e9;
            (c.weightsManifest[0]?.weights[0] as { shape: number[] }).shape = [2, 1e9];
          }),
        ),
        weightsFile(files.weights),
      ],
      /describes weights far larger than any playground generator's/,
    ],
    [
      'a shape of 1e308',
      () => [
        modelJson(
          edited((c) => {
            (c.weightsManifest[0]?.weights[1] as { shape: number[] }).shape = [1e308];
          }),
        ),
        weightsFile(files.weights),
      ],
      /far larger/,
    ],
    [
      'a layer of 1e9 units, weights as exported',
      () => [
        modelJson(
          edited((c) => {
            (c.modelTopology.config.layers[0] as { config: Record<string, unknown> }).config.units =
              1e9;
          }),
        ),
        weightsFile(files.weights),
      ],
      /The file's generator has hidden layers 1000000000; this model has 8/,
    ],
    [
      'a negative shape',
      () => [
        modelJson(
          edited((c) => {
            (c.weightsManifest[0]?.weights[0] as { shape: number[] }).shape = [-2, 8];
          }),
        ),
        weightsFile(files.weights),
      ],
      /has no valid shape/,
    ],
    [
      'int32 weights',
      () => [
        modelJson(
          edited((c) => {
            for (const w of c.weightsManifest[0]?.weights ?? [])
              (w as Record<string, unknown>).dtype = 'int32';
          }),
        ),
        weightsFile(files.weights),
      ],
      /only float32 weights can be loaded/,
    ],
    [
      'a graph model',
      () => [
        modelJson(
          edited((c) => {
            (c as Record<string, unknown>).format = 'graph-model';
          }),
        ),
        weightsFile(files.weights),
      ],
      /not a Layers model/,
    ],
    [
      '100 000 levels of "["',
      () => [modelJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), weightsFile(files.weights)],
      /is not a JSON object, so it is not a model\.json/,
    ],
    [
      'a model wrapped in __proto__',
      () => [modelJson(`{"__proto__": ${files.modelJson}}`), weightsFile(files.weights)],
      /has no "modelTopology"/,
    ],
    [
      'a model wrapped in constructor.prototype',
      () => [
        modelJson(`{"constructor": {"prototype": ${files.modelJson}}}`),
        weightsFile(files.weights),
      ],
      /has no "modelTopology"/,
    ],
    [
      'a topology whose class hides in __proto__',
      () => [
        modelJson(
          files.modelJson.replace(
            '"class_name":"Sequential"',
            '"__proto__":{"class_name":"Sequential"}',
          ),
        ),
        weightsFile(files.weights),
      ],
      /not a plain dense stack: it is a undefined model|not a plain dense stack/,
    ],
  ];
  for (const [name, chosen, message] of cases) {
    it(`refuses ${name}, keeping the current generator`, async () => {
      expect(await uploadModel(chosen())).toMatch(message);
      expect(Array.from(await target.generate(NOISE))).toEqual(Array.from(before));
      tally.refused++;
    });
  }

  it('refuses a generator of another architecture, saying what differs', async () => {
    const other = createTrainer(
      trainerConfig({
        dataset: 'gaussian-2d',
        generatorLayers: [16],
        discriminatorLayers: [8],
        noiseDimension: 2,
      }),
    );
    const theirs = artifactsToFiles(await other.exportGenerator(), 'other');
    other.dispose();
    expect(await uploadModel([modelJson(theirs.modelJson), weightsFile(theirs.weights)])).toMatch(
      /The file's generator has hidden layers 16; this model has 8/,
    );
    expect(Array.from(await target.generate(NOISE))).toEqual(Array.from(before));
    tally.refused++;
  });

  it('loads a model.json whose unused fields carry prototype-pollution keys, polluting nothing', async () => {
    const text = files.modelJson.replace(
      '"userDefinedMetadata":{',
      '"userDefinedMetadata":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    expect(text).not.toBe(files.modelJson);
    const scratch = createTrainer(
      trainerConfig({
        dataset: 'gaussian-2d',
        generatorLayers: [8],
        discriminatorLayers: [8],
        noiseDimension: 2,
        seed: 4,
      }),
    );
    const { modelJson: read, weights } = await readModelFiles([
      modelJson(text),
      weightsFile(files.weights),
    ]);
    await scratch.loadGenerator(filesToArtifacts(read, weights));
    expect(Array.from(await scratch.generate(NOISE))).toEqual(
      Array.from(await source.generate(NOISE)),
    );
    scratch.dispose();
    tally.accepted++;
  });
});
