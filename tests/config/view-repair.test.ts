import { describe, expect, it } from 'vitest';
import { EMBED_HIDES, isPartHidden, needsOf, withWayForward } from '../../src/config/needs';
import { FIELDS } from '../../src/config/schema';
import { decodeLink, encodeLink } from '../../src/config/url';
import { HIDE_TARGETS } from '../../src/config/view';

/** A link as the page reads it: decoded, then what it needs brought back. */
function open(hash: string) {
  return withWayForward(decodeLink(hash));
}

describe('links that hide what they need', () => {
  it('#data=points&hide=controls keeps the settings hidden but shows the points editor', () => {
    const { config, view, fixes } = open('data=points&hide=controls');
    expect(isPartHidden(view, config, 'points')).toBe(false);
    expect(isPartHidden(view, config, 'controls')).toBe(true);
    expect(fixes).toHaveLength(1);
    expect(fixes[0]?.key).toBe('hide');
    expect(fixes[0]?.reason).toMatch(/points editor is shown although hide=controls/);
  });

  it('#data=points&embed=1 shows the points editor in the embed and says why', () => {
    const { config, view, fixes } = open('data=points&embed=1');
    expect(view.embed).toBe(true);
    expect(isPartHidden(view, config, 'points')).toBe(false);
    expect(isPartHidden(view, config, 'share')).toBe(true);
    expect(fixes.map((fix) => fix.key)).toEqual(['embed']);
    expect(fixes[0]?.reason).toMatch(/embed=1 would hide it.*starts with none/);
  });

  it('#preset=mode-collapse&embed=1&hide=toolbar gets its Play button back, reported', () => {
    const { config, view, fixes } = open('preset=mode-collapse&embed=1&hide=toolbar');
    expect(view.hide).toEqual([]);
    expect(isPartHidden(view, config, 'toolbar')).toBe(false);
    expect(fixes).toEqual([
      {
        key: 'hide',
        given: 'toolbar',
        used: '',
        reason: expect.stringMatching(/toolbar .* cannot be hidden: without its Play button/),
      },
    ]);
    // The link the page writes back no longer hides it, and reads with no repair.
    expect(open(encodeLink(config, view)).fixes).toEqual([]);
  });

  it('keeps the rest of what a link hides, and reports each repair once', () => {
    const { config, view, fixes } = open('data=points&hide=toolbar,controls,lessons,lrG');
    expect(view.hide).toEqual(['controls', 'lessons', 'lrG']);
    expect(isPartHidden(view, config, 'lessons')).toBe(true);
    expect(isPartHidden(view, config, 'points')).toBe(false);
    expect(fixes).toHaveLength(2);
    const again = withWayForward({ config, view, fixes: [] });
    expect(again.view).toEqual(view);
    expect(again.fixes.map((fix) => fix.key)).toEqual(['hide']);
  });

  it('a refused config with its settings out of reach gets them back', () => {
    // Packing larger than the batch: packing or the batch size must be reachable.
    const hidden = open('pack=8&batch=4&hide=controls,lessons');
    expect(hidden.view.hide).toEqual(['lessons']);
    expect(hidden.fixes.map((fix) => fix.key)).toEqual(['hide']);
    expect(hidden.fixes[0]?.reason).toMatch(/Packing m .* larger than the batch size/);
    const embedded = open('loss=mmd&batch=1&embed=1');
    expect(embedded.view.embed).toBe(false);
    expect(embedded.fixes.map((fix) => fix.key)).toEqual(['embed']);
    // One of them within reach is a way forward: nothing to repair.
    expect(open('pack=8&batch=4&hide=advanced').fixes).toEqual([]);
    const both = open('pack=8&batch=4&hide=advanced,batch,lrG');
    expect(both.view.hide).toEqual(['lrG']);
    expect(open('data=custom-mixture&w=0,0,0&hide=data').view.hide).toEqual([]);
  });

  it('no hide/embed combination leaves the user without a way forward', () => {
    const targets = [...HIDE_TARGETS];
    const situations = ['data=points', 'data=ring-8', 'data=gaussian-1d', 'pack=8&batch=4'];
    for (const situation of [...situations, 'loss=mmd&batch=1', 'data=custom-mixture&w=0,0']) {
      for (const embed of [false, true]) {
        for (const hidden of [[], targets, ...targets.map((target) => [target])]) {
          const hash = `${situation}&hide=${hidden.join(',')}${embed ? '&embed=1' : ''}`;
          const { config, view, fixes } = open(hash);
          for (const need of needsOf(config)) {
            for (const part of need.shows) {
              expect(isPartHidden(view, config, part), `${part} in ${hash}`).toBe(false);
            }
            const hiders = need.hiddenBy.filter(
              (target) => hidden.includes(target) || (embed && EMBED_HIDES.has(target)),
            );
            if (need.shows.length > 0 && hiders.length > 0) {
              // Whatever would hide it is named in the banner.
              const what = need.what.toLowerCase();
              expect(fixes.some((fix) => fix.reason.toLowerCase().includes(what))).toBe(true);
            }
          }
          // A refused config keeps at least one of its settings within reach.
          const refused = needsOf(config).find((need) => need.shows.length === 0);
          if (refused !== undefined) {
            const reachable = ['packing', 'batchSize', 'objective', 'dataset', 'mixtureWeights']
              .map((key) => FIELDS[key as keyof typeof FIELDS])
              .filter((field) => refused.what.includes(field.label))
              .some(
                (field) =>
                  !isPartHidden(view, config, 'controls') &&
                  !isPartHidden(view, config, field.group) &&
                  !isPartHidden(view, config, field.urlKey) &&
                  !(field.advanced === true && isPartHidden(view, config, 'advanced')),
              );
            expect(reachable, hash).toBe(true);
          }
        }
      }
    }
  });

  it('reports nothing for links that hide nothing needed', () => {
    for (const hash of ['', 'hide=controls,share', 'embed=1', 'data=points', 'hide=lessons']) {
      expect(open(hash).fixes, hash).toEqual([]);
    }
  });
});
