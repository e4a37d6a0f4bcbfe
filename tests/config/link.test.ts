import { describe, expect, it } from 'vitest';
import { configFromJson, configToJson, MAX_CONFIG_FILE_BYTES } from '../../src/config/configFile';
import { PRESETS, presetConfig } from '../../src/config/presets';
import { CONFIG_KEYS, defaultConfig, FIELDS, type PlaygroundConfig } from '../../src/config/schema';
import { decodeLink, encodeConfig, encodeLink } from '../../src/config/url';
import {
  defaultView,
  HIDE_TARGETS,
  VIEW_URL_KEYS,
  type ViewState,
  viewSchema,
} from '../../src/config/view';

const FIRST = PRESETS[0];
if (FIRST === undefined) throw new Error('No presets');

function view(changes: Partial<ViewState> = {}): ViewState {
  return { ...defaultView(), ...changes };
}

describe('view state in the link', () => {
  it("view keys never collide with a setting's URL key", () => {
    const settingKeys = new Set(CONFIG_KEYS.map((key) => FIELDS[key].urlKey.toLowerCase()));
    for (const key of VIEW_URL_KEYS) expect(settingKeys.has(key.toLowerCase())).toBe(false);
  });

  it('the default view adds nothing to the link', () => {
    expect(encodeLink(defaultConfig(), defaultView())).toBe(encodeConfig(defaultConfig()));
  });

  it('round-trips every view key', () => {
    const state = view({
      layers: { discriminator: false, manifold: true, push: false, density: true },
      smoothLosses: true,
      hide: ['controls', 'lrG', 'training'],
      embed: true,
    });
    const hash = encodeLink(defaultConfig(), state);
    expect(hash).toContain('layers=manifold,density');
    expect(hash).toContain('hide=controls,lrG,training');
    const decoded = decodeLink(hash);
    expect(decoded.fixes).toEqual([]);
    expect(decoded.view).toEqual(state);
    expect(decoded.config).toEqual(defaultConfig());
  });

  it('an empty layers list turns every layer off', () => {
    const decoded = decodeLink('layers=');
    expect(Object.values(decoded.view.layers)).toEqual([false, false, false, false]);
    expect(decodeLink(encodeLink(defaultConfig(), decoded.view)).view.layers).toEqual(
      decoded.view.layers,
    );
  });

  it('repairs bad view values and says why', () => {
    const decoded = decodeLink(
      'layers=manifold,bogus&smoothed=maybe&hide=controls,nothing&embed=2',
    );
    expect(decoded.view.layers.manifold).toBe(true);
    expect(decoded.view.layers.discriminator).toBe(false);
    expect(decoded.view.smoothLosses).toBe(false);
    expect(decoded.view.hide).toEqual(['controls']);
    expect(decoded.view.embed).toBe(false);
    expect(decoded.fixes.map((fix) => fix.key)).toEqual(['layers', 'smoothed', 'hide', 'embed']);
    for (const fix of decoded.fixes) expect(fix.reason.length).toBeGreaterThan(10);
  });

  it('hide accepts parts, groups and setting keys case-insensitively, once each', () => {
    const decoded = decodeLink('hide=LRG,lrg,Curves,data');
    expect(decoded.view.hide).toEqual(['lrG', 'curves', 'data']);
    expect(decoded.fixes).toEqual([]);
    for (const target of decoded.view.hide) expect(HIDE_TARGETS.has(target)).toBe(true);
  });

  it('a view key given twice keeps the first value and reports the second', () => {
    const decoded = decodeLink('embed=1&embed=0');
    expect(decoded.view.embed).toBe(true);
    expect(decoded.fixes).toHaveLength(1);
  });
});

describe('side-by-side comparison in the link', () => {
  it('b. keys hold run B’s changes and turn the comparison on', () => {
    const decoded = decodeLink('sigma=0.5&b.sigma=2&b.loss=mmd');
    expect(decoded.fixes).toEqual([]);
    expect(decoded.config.noiseSigma).toBe(0.5);
    expect(decoded.view.compare).toEqual({ noiseSigma: 2, objective: 'mmd' });
    const hash = encodeLink(decoded.config, decoded.view);
    expect(hash).toBe('v=1&compare=1&sigma=0.5&b.sigma=2&b.loss=mmd');
    expect(decodeLink(hash)).toEqual(decoded);
  });

  it('compare=1 alone compares two identical runs; compare=0 turns it off', () => {
    expect(decodeLink('compare=1').view.compare).toEqual({});
    expect(decodeLink('compare=0').view.compare).toBeNull();
  });

  it('refuses to vary what both runs share, and repairs bad values', () => {
    const decoded = decodeLink('b.seed=3&b.data=spiral&b.sigma=500&b.nope=1');
    expect(decoded.view.compare).toEqual({ noiseSigma: 10 });
    expect(decoded.fixes.map((fix) => fix.key)).toEqual(['b.seed', 'b.data', 'b.sigma', 'b.nope']);
  });
});

describe('lessons in the link', () => {
  it('preset= alone opens the lesson with its settings', () => {
    const decoded = decodeLink(`preset=${FIRST.id}`);
    expect(decoded.fixes).toEqual([]);
    expect(decoded.view.preset).toBe(FIRST.id);
    expect(decoded.config).toEqual(presetConfig(FIRST));
  });

  it('a lesson link lists only what differs from the lesson', () => {
    const config: PlaygroundConfig = { ...presetConfig(FIRST), generatorLearningRate: 0.0123 };
    const hash = encodeLink(config, view({ preset: FIRST.id }));
    expect(hash).toBe(`v=1&preset=${FIRST.id}&lrG=0.0123`);
    expect(decodeLink(hash).config).toEqual(config);
  });

  it('every lesson round-trips through its link', () => {
    for (const preset of PRESETS) {
      const hash = encodeLink(presetConfig(preset), view({ preset: preset.id }));
      expect(hash).toBe(`v=1&preset=${preset.id}`);
      const decoded = decodeLink(hash);
      expect(decoded.config).toEqual(presetConfig(preset));
      expect(decoded.view.preset).toBe(preset.id);
    }
  });

  it('an unknown lesson is reported and the link read without one', () => {
    const decoded = decodeLink('preset=no-such-lesson&lrG=0.01');
    expect(decoded.view.preset).toBeNull();
    expect(decoded.config.generatorLearningRate).toBe(0.01);
    expect(decoded.fixes.map((fix) => fix.key)).toEqual(['preset']);
  });
});

describe('config files', () => {
  it('round-trips a config with every value written out', () => {
    const config: PlaygroundConfig = { ...presetConfig(FIRST), seed: 42 };
    const text = configToJson(config, FIRST.id);
    const file = JSON.parse(text) as { config: Record<string, unknown>; preset: string };
    expect(Object.keys(file.config).sort()).toEqual(Object.keys(defaultConfig()).sort());
    expect(file.preset).toBe(FIRST.id);
    const read = configFromJson(text);
    expect(read).toEqual({ ok: true, config, fixes: [] });
  });

  it('repairs bad values like a link, and reports unknown and missing-typed ones', () => {
    const text = JSON.stringify({
      format: 'gan-playground-config',
      version: 1,
      config: {
        noiseSigma: 99,
        generatorLayers: [64, 'x'],
        batchSize: { nested: true },
        mixtureMeans: [
          [1, 2],
          [3, 4],
        ],
        unknownThing: 3,
      },
    });
    const read = configFromJson(text);
    if (!read.ok) throw new Error(read.error);
    expect(read.config.noiseSigma).toBe(10);
    expect(read.config.generatorLayers).toEqual(defaultConfig().generatorLayers);
    expect(read.config.batchSize).toBe(defaultConfig().batchSize);
    expect(read.config.mixtureMeans).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(read.fixes.map((fix) => fix.key).sort()).toEqual(
      ['batch', 'g', 'sigma', 'unknownThing'].sort(),
    );
  });

  it('refuses what is not a config file, saying why', () => {
    const cases = [
      'not json',
      '[]',
      'null',
      JSON.stringify({ format: 'something-else', config: {} }),
      JSON.stringify({ format: 'gan-playground-config', config: [] }),
      ' '.repeat(MAX_CONFIG_FILE_BYTES + 1),
    ];
    for (const text of cases) {
      const read = configFromJson(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatch(/\w+ \w+ \w+/);
    }
  });
});

/** Each case is a hash tests/config/fuzz.test.ts found to break a property, kept as a regression. */
describe('hostile links: what the fuzzing found', () => {
  it('a repeated version is reported like any repeated key', () => {
    expect(decodeLink('v=1&v=1').fixes.map((fix) => fix.key)).toEqual(['v']);
    const versions = decodeLink('v=0&sigma=2').fixes;
    expect(versions.map((fix) => fix.reason)).toEqual([expect.stringMatching(/first link format/)]);
    expect(decodeLink('v=7').fixes[0]?.reason).toMatch(/newer playground/);
    expect(decodeLink('v=abc').fixes[0]?.reason).toMatch(/not a schema version/);
  });

  it('a run-B value equal to run A’s survives the round trip', () => {
    const decoded = decodeLink('b.b1G=0x10');
    expect(decoded.fixes.map((fix) => fix.key)).toEqual(['b.b1G']);
    const again = decodeLink(encodeLink(decoded.config, decoded.view));
    expect(again).toEqual({ ...decoded, fixes: [] });
    expect(decodeLink('b.sigma=1&sigma=1').view.compare).toEqual({});
  });

  it('a tiny negative whole number is read as 0, not −0', () => {
    const decoded = decodeLink('seed=-5e-324');
    expect(Object.is(decoded.config.seed, 0)).toBe(true);
    expect(decodeLink(encodeLink(decoded.config, decoded.view)).config).toEqual(decoded.config);
  });

  it('compare=0 with run-B settings says the comparison is on', () => {
    const decoded = decodeLink('compare=0&b.sigma=2');
    expect(decoded.view.compare).toEqual({ noiseSigma: 2 });
    expect(decoded.fixes).toEqual([
      expect.objectContaining({ key: 'compare', used: '1', reason: expect.stringMatching(/on/) }),
    ]);
  });

  it('reads back 32 mixture means written at full precision', () => {
    const means = Array.from({ length: 32 }, (_, i) => [
      -12.345678901234567 + i,
      98.76543210987654,
    ]);
    const config: PlaygroundConfig = { ...defaultConfig(), mixtureMeans: means };
    const decoded = decodeLink(encodeLink(config, defaultView()));
    expect(decoded.fixes).toEqual([]);
    expect(decoded.config.mixtureMeans).toEqual(means);
  });

  it('reports a value cut for length even when its start is usable', () => {
    const decoded = decodeLink(`lrG=0.01${'%20'.repeat(1000)}`);
    expect(decoded.config.generatorLearningRate).toBe(0.01);
    expect(decoded.fixes).toEqual([
      expect.objectContaining({ key: 'lrG', reason: expect.stringMatching(/^Longer than/) }),
    ]);
  });

  it('a broken escape leaves the rest of the value decoded, and shows as typed', () => {
    const decoded = decodeLink('sigma=%zz%32&hide=%E0%A4%A');
    expect(decoded.fixes.map((fix) => [fix.key, fix.given])).toEqual([
      ['sigma', '%zz2'],
      ['hide', '%E0%A4%A'],
    ]);
  });

  it('skips a pasted "?" before the first key', () => {
    const decoded = decodeLink('#?sigma=2');
    expect(decoded.fixes).toEqual([]);
    expect(decoded.config.noiseSigma).toBe(2);
  });

  it('names at most a few junk items, each cut short', () => {
    const junk = Array.from({ length: 500 }, (_, i) => `junk${i}${'x'.repeat(50)}`).join(',');
    const [hide, layers] = decodeLink(`hide=${junk}&layers=${junk}`).fixes;
    // The value is cut at MAX_VALUE_LENGTH first: about 30 of the 500 items are read.
    expect(hide?.reason).toMatch(/and \d+ more can be hidden; ignored\.$/);
    expect(layers?.reason).toMatch(/and \d+ more ignored/);
    expect((hide?.reason.length ?? 0) + (layers?.reason.length ?? 0)).toBeLessThan(400);
  });

  it('every view it reads satisfies viewSchema', () => {
    for (const hash of [
      '',
      'compare=1&b.loss=mmd',
      'hide=lrG,curves&layers=',
      `preset=${FIRST.id}`,
    ]) {
      expect(viewSchema.safeParse(decodeLink(hash).view).success).toBe(true);
    }
    expect(viewSchema.safeParse({ ...defaultView(), hide: ['nothing'] }).success).toBe(false);
    expect(viewSchema.safeParse({ ...defaultView(), compare: { seed: 3 } }).success).toBe(false);
    expect(viewSchema.safeParse({ ...defaultView(), preset: 'nope' }).success).toBe(false);
  });
});
