import { describe, expect, it } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../../src/config/schema';
import {
  COALESCE_MS,
  changeLabel,
  emptyHistory,
  nextRedo,
  nextUndo,
  recordChange,
  redone,
  type SettingsHistory,
  undone,
} from '../../src/ui/settingsHistory';

const base = defaultConfig();
const withSigma = (noiseSigma: number): PlaygroundConfig => ({ ...base, noiseSigma });

/** Records changes one after another, `gap` ms apart, from the defaults. */
function replay(configs: PlaygroundConfig[], gap = COALESCE_MS * 2): SettingsHistory {
  let history = emptyHistory();
  let current = base;
  configs.forEach((next, i) => {
    history = recordChange(history, current, next, i * gap);
    current = next;
  });
  return history;
}

describe('settings history', () => {
  it('labels a change in the controls’ words, from and to', () => {
    expect(changeLabel(base, withSigma(3))).toBe('G · Noise σ 1 → 3');
    const many = { ...withSigma(3), seed: 7, batchSize: 64, generatorLayers: [4] };
    expect(changeLabel(base, many)).toMatch(/ and 2 more$/);
  });

  it('undoes and redoes a change, most recent first', () => {
    const history = replay([withSigma(3), withSigma(2)]);
    expect(nextUndo(history)?.label).toBe('G · Noise σ 3 → 2');
    expect(nextRedo(history)).toBeNull();
    const once = undone(history);
    expect(nextUndo(once)?.after.noiseSigma).toBe(3);
    expect(nextRedo(once)?.before.noiseSigma).toBe(3);
    expect(nextRedo(once)?.after.noiseSigma).toBe(2);
    const twice = undone(once);
    expect(nextUndo(twice)).toBeNull();
    expect(undone(twice)).toBe(twice);
    const again = redone(twice);
    expect(nextUndo(again)?.label).toBe('G · Noise σ 1 → 3');
    expect(nextRedo(again)?.label).toBe('G · Noise σ 3 → 2');
  });

  it('a new change clears what could be redone', () => {
    const history = undone(replay([withSigma(3), withSigma(2)]));
    const changed = recordChange(history, withSigma(3), withSigma(5), 10_000);
    expect(nextRedo(changed)).toBeNull();
    expect(nextUndo(changed)?.label).toBe('G · Noise σ 3 → 5');
  });

  it('merges rapid changes of one setting (a drag) into one entry', () => {
    const history = replay([withSigma(1.5), withSigma(2), withSigma(2.5)], COALESCE_MS / 4);
    expect(history.past).toHaveLength(1);
    expect(nextUndo(history)?.label).toBe('G · Noise σ 1 → 2.5');
    expect(nextUndo(history)?.before.noiseSigma).toBe(1);
  });

  it('does not merge different settings, slow changes, or a change after a redo', () => {
    const quick = COALESCE_MS / 4;
    const seed = { ...withSigma(2), seed: 9 };
    expect(replay([withSigma(2), seed], quick).past).toHaveLength(2);
    expect(replay([withSigma(2), withSigma(3)], COALESCE_MS * 2).past).toHaveLength(2);
    const redid = redone(undone(replay([withSigma(2)], quick)));
    expect(recordChange(redid, withSigma(2), withSigma(3), quick).past).toHaveLength(2);
  });

  it('a drag that returns to where it began leaves nothing to undo', () => {
    const history = replay([withSigma(2), withSigma(1)], COALESCE_MS / 4);
    expect(nextUndo(history)).toBeNull();
  });

  it('ignores a change that changes nothing', () => {
    const history = replay([withSigma(3)]);
    expect(recordChange(history, withSigma(3), withSigma(3), 99_999)).toBe(history);
  });

  it('keeps at most `cap` changes, forgetting the oldest', () => {
    let history = emptyHistory();
    for (let i = 1; i <= 8; i++) {
      history = recordChange(history, withSigma(i), withSigma(i + 1), i * 10_000, 5);
    }
    expect(history.past).toHaveLength(5);
    expect(history.past[0]?.before.noiseSigma).toBe(4);
    expect(nextUndo(history)?.after.noiseSigma).toBe(9);
  });
});
