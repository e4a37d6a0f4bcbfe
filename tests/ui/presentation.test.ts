import { describe, expect, it } from 'vitest';
import { PRESETS, presetById } from '../../src/config/presets';
import { decodeLink } from '../../src/config/url';
import {
  adjacentLesson,
  claimStatus,
  claimStatusText,
  PRESENT_CHART_SCALE,
  PRESENT_DEFAULT_VIEWS,
  PRESENTATION_KEYS,
  presentationAction,
  presentationLink,
  presentedViews,
} from '../../src/ui/presentation';
import { chartFont, scaledMargin } from '../../src/ui/presentationScale';

const press = (
  key: string,
  modifiers: Partial<{ ctrl: boolean; meta: boolean; alt: boolean }> = {},
) => ({
  key,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  altKey: modifiers.alt ?? false,
});
const closed = { settingsOpen: false };
const open = { settingsOpen: true };

describe('presentation keys', () => {
  it('maps its own keys, in either case', () => {
    expect(presentationAction(press('ArrowRight'), closed)).toBe('nextLesson');
    expect(presentationAction(press('ArrowLeft'), closed)).toBe('previousLesson');
    expect(presentationAction(press('c'), closed)).toBe('toggleSettings');
    expect(presentationAction(press('C'), closed)).toBe('toggleSettings');
    expect(presentationAction(press(','), closed)).toBe('toggleSettings');
    expect(presentationAction(press('f'), closed)).toBe('fullScreen');
    expect(presentationAction(press('P'), closed)).toBe('leave');
  });

  it('leaves Space and S to the global shortcuts, so that they never fire twice', () => {
    expect(presentationAction(press(' '), closed)).toBeNull();
    expect(presentationAction(press('s'), closed)).toBeNull();
    // …but lists them on the help line.
    expect(PRESENTATION_KEYS.map((entry) => entry.label)).toEqual(
      expect.arrayContaining(['Space', 'S', '←', '→', 'C', 'F', 'P', 'Esc']),
    );
  });

  it('ignores keys held with a modifier (the browser’s and the undo’s own)', () => {
    expect(presentationAction(press('f', { ctrl: true }), closed)).toBeNull();
    expect(presentationAction(press('ArrowRight', { alt: true }), closed)).toBeNull();
    expect(presentationAction(press('c', { meta: true }), closed)).toBeNull();
  });

  it('Escape hides the settings sheet, and does nothing else (browsers leave full screen)', () => {
    expect(presentationAction(press('Escape'), open)).toBe('closeSettings');
    expect(presentationAction(press('Escape'), closed)).toBeNull();
  });

  it('with the sheet open only its own keys act; the rest belong to its fields', () => {
    expect(presentationAction(press('c'), open)).toBe('toggleSettings');
    expect(presentationAction(press('ArrowRight'), open)).toBeNull();
    expect(presentationAction(press('f'), open)).toBeNull();
    expect(presentationAction(press('p'), open)).toBeNull();
  });

  it('names each key once', () => {
    const keys = PRESENTATION_KEYS.flatMap((entry) => entry.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the arrows walk the lessons (lessons have no steps)', () => {
  const first = PRESETS[0];
  const second = PRESETS[1];
  const last = PRESETS[PRESETS.length - 1];

  it('→ and ← open the next and previous lesson in the gallery’s order', () => {
    expect(adjacentLesson(first?.id ?? null, 1)).toBe(second);
    expect(adjacentLesson(second?.id ?? null, -1)).toBe(first);
  });

  it('stops at either end', () => {
    expect(adjacentLesson(first?.id ?? null, -1)).toBeNull();
    expect(adjacentLesson(last?.id ?? null, 1)).toBeNull();
  });

  it('from no lesson, → opens the first and ← the last', () => {
    expect(adjacentLesson(null, 1)).toBe(first);
    expect(adjacentLesson(null, -1)).toBe(last);
  });

  it('a lesson’s presentation link opens that lesson, presented, with the views kept', () => {
    for (const preset of PRESETS) {
      const decoded = decodeLink(presentationLink(preset, ['kernel']));
      expect(decoded.fixes).toEqual([]);
      expect(decoded.view.preset).toBe(preset.id);
      expect(decoded.view.present).toBe(true);
      expect(decoded.view.show).toEqual(['kernel']);
    }
  });
});

describe('the claim in the title bar', () => {
  const preset = presetById('gaussian');
  if (preset === undefined) throw new Error('the gaussian lesson is gone');
  const { claim } = preset;
  const metrics = (value: number) => ({ [claim.metric]: value });
  const holding = claim.comparison === '<' ? claim.value / 2 : claim.value * 2 + 1;
  const failing = claim.comparison === '<' ? claim.value * 2 + 1 : claim.value / 2;

  it('is pending before its iteration, then holds or fails on the metric', () => {
    expect(claimStatus(preset, null, 10_000)).toBe('pending');
    expect(claimStatus(preset, metrics(holding), claim.afterIterations - 1)).toBe('pending');
    expect(claimStatus(preset, metrics(holding), claim.afterIterations)).toBe('holds');
    expect(claimStatus(preset, metrics(failing), claim.afterIterations)).toBe('fails');
  });

  it('says when it is checked, and how to start, in words', () => {
    expect(claimStatusText(preset, 'pending', false)).toMatch(/checked from iteration .*Space/);
    expect(claimStatusText(preset, 'pending', true)).not.toMatch(/Space/);
    expect(claimStatusText(preset, 'holds', true)).toBe('holds now');
    expect(claimStatusText(preset, 'fails', true)).toBe('does not hold now');
  });
});

describe('what a presentation shows and how large', () => {
  it('shows the losses and MMD² unless the link chooses, without what it hides', () => {
    expect(presentedViews([], [])).toEqual([...PRESENT_DEFAULT_VIEWS]);
    expect(presentedViews(['kernel'], [])).toEqual(['kernel']);
    expect(presentedViews([], ['mmd'])).toEqual(['losses']);
  });

  it('draws chart text at 24 px or more, with margins grown to hold it', () => {
    const tick = chartFont(11, PRESENT_CHART_SCALE)?.fontSize;
    expect(Number.parseFloat(String(tick))).toBeGreaterThanOrEqual(24);
    expect(chartFont(11, 1)).toBeUndefined();
    const margin = scaledMargin(PRESENT_CHART_SCALE);
    const page = scaledMargin(1);
    expect(margin.left).toBeGreaterThan(page.left * 2);
    expect(margin.bottom).toBeGreaterThan(page.bottom * 2);
  });
});
