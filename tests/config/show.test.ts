import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema';
import { decodeLink, encodeLink } from '../../src/config/url';
import { defaultView, SHOWABLE_VIEWS, viewSchema } from '../../src/config/view';

describe('show= (the views a reduced layout lays out beside its plot)', () => {
  it('keeps the link’s order, case-insensitively, each view once', () => {
    const decoded = decodeLink('embed=1&show=Kernel,losses,kernel');
    expect(decoded.view.show).toEqual(['kernel', 'losses']);
    expect(decoded.view.embed).toBe(true);
    expect(decoded.fixes).toEqual([]);
  });

  it('reports unknown views and keeps the known ones', () => {
    const decoded = decodeLink('show=losses,plot,heatmap');
    expect(decoded.view.show).toEqual(['losses']);
    expect(decoded.fixes).toHaveLength(1);
    expect(decoded.fixes[0]).toMatchObject({ key: 'show', used: 'losses' });
    expect(decoded.fixes[0]?.reason).toMatch(/“plot”, “heatmap”/);
  });

  it('is absent from the link when empty, and round-trips when set', () => {
    expect(decodeLink('').view.show).toEqual([]);
    expect(encodeLink(defaultConfig(), defaultView())).not.toContain('show=');
    const view = { ...defaultView(), embed: true, show: ['mmd', 'losses'] as const };
    const hash = encodeLink(defaultConfig(), view);
    expect(hash).toContain('show=mmd,losses');
    const again = decodeLink(hash);
    expect(again.view).toEqual(view);
    expect(again.fixes).toEqual([]);
  });

  it('names only views that exist, once each', () => {
    expect(viewSchema.safeParse({ ...defaultView(), show: ['losses'] }).success).toBe(true);
    expect(viewSchema.safeParse({ ...defaultView(), show: ['plot'] }).success).toBe(false);
    expect(viewSchema.safeParse({ ...defaultView(), show: ['mmd', 'mmd'] }).success).toBe(false);
    expect(Object.keys(SHOWABLE_VIEWS)).toContain('losses');
  });
});
