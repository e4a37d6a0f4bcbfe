import { describe, expect, it } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import { type ScriptKind, scriptFile, sentence } from '../../src/ui/scriptFiles';

const REFUSED: [string, Partial<PlaygroundConfig>, RegExp][] = [
  ['points not drawn yet', { dataset: 'points' }, /no points yet/],
  ['packing larger than the batch', { packing: 8, batchSize: 4 }, /packing \(8\).*batchSize \(4\)/],
  ['the MMD objective with batch 1', { objective: 'mmd', batchSize: 1 }, /batchSize ≥ 2/],
  ['all mixture weights zero', { dataset: 'custom-mixture', mixtureWeights: [0, 0, 0] }, /weight/i],
];

describe('script exports of configs the engine refuses', () => {
  for (const kind of ['pytorch', 'node'] satisfies ScriptKind[]) {
    for (const [what, changes, cause] of REFUSED) {
      it(`${kind}: ${what} gives a message, not a throw`, () => {
        const result = scriptFile(kind, { ...defaultConfig(), ...changes }, null);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error).toMatch(
          /^The (PyTorch|Node) script cannot be written for these settings: /,
        );
        expect(result.error).toMatch(cause);
        expect(result.error).toMatch(/nothing was downloaded\.$/);
      });
    }
    it(`${kind}: a usable config gives its file`, () => {
      const result = scriptFile(kind, defaultConfig(), null);
      expect(result).toMatchObject({ ok: true, name: kind === 'pytorch' ? 'gan.py' : 'gan.mjs' });
      if (result.ok) expect(result.text.length).toBeGreaterThan(1000);
    });
  }

  it('an error becomes the end of a sentence', () => {
    expect(sentence(new Error('packing too large'))).toBe('packing too large.');
    expect(sentence(new Error('Already one.'))).toBe('Already one.');
    expect(sentence('')).toBe('an unknown error.');
  });
});
