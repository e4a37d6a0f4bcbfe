import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema';
import { decodeLink, encodeLink, parseValue, withDecimalPoint } from '../../src/config/url';
import { curveScale, defaultView, withCurveScale } from '../../src/config/view';

describe('the advanced-settings and log-scale switches in the link', () => {
  it('advanced=1 shows the advanced settings, and is written back', () => {
    const { view, fixes } = decodeLink('advanced=1');
    expect(view.advanced).toBe(true);
    expect(fixes).toEqual([]);
    expect(encodeLink(defaultConfig(), view)).toContain('advanced=1');
    expect(encodeLink(defaultConfig(), defaultView())).not.toContain('advanced');
  });

  it('log= and linear= name curves drawn on a scale other than their default', () => {
    const { view, fixes } = decodeLink('log=loss,MMD&linear=gradient');
    expect(fixes).toEqual([]);
    expect(view.logCurves).toEqual(['loss', 'mmd']);
    expect(view.linearCurves).toEqual(['gradient']);
    expect(curveScale(view, 'loss', 'linear')).toBe('log');
    expect(curveScale(view, 'gradient', 'log')).toBe('linear');
    expect(curveScale(view, 'divergence', 'linear')).toBe('linear');
    const link = encodeLink(defaultConfig(), view);
    expect(link).toContain('log=loss,mmd');
    expect(link).toContain('linear=gradient');
    expect(decodeLink(link).view).toEqual(view);
  });

  it('an unknown curve is dropped and reported', () => {
    const { view, fixes } = decodeLink('log=loss,nope');
    expect(view.logCurves).toEqual(['loss']);
    expect(fixes).toHaveLength(1);
    expect(fixes[0]?.key).toBe('log');
    expect(fixes[0]?.reason).toMatch(/No curve called “nope”/);
  });

  it('a curve switched back to its default scale leaves the link', () => {
    const view = defaultView();
    const log = withCurveScale(view, 'loss', 'linear', 'log');
    expect(log.logCurves).toEqual(['loss']);
    const linear = withCurveScale(log, 'gradient', 'log', 'linear');
    expect(linear.linearCurves).toEqual(['gradient']);
    const back = withCurveScale(
      withCurveScale(linear, 'loss', 'linear', 'linear'),
      'gradient',
      'log',
      'log',
    );
    expect(back.logCurves).toEqual([]);
    expect(back.linearCurves).toEqual([]);
    expect(encodeLink(defaultConfig(), back)).toBe(encodeLink(defaultConfig(), defaultView()));
  });
});

describe('a decimal comma', () => {
  it('"0,01" is 0.01, not the default, in a field and in a link', () => {
    expect(parseValue('noiseSigma', '0,01')).toEqual({ value: 0.01 });
    expect(parseValue('generatorLearningRate', ' 0,0003 ')).toEqual({ value: 0.0003 });
    const { config, fixes } = decodeLink('lrG=0,01');
    expect(config.generatorLearningRate).toBe(0.01);
    expect(fixes).toEqual([]);
    expect(encodeLink(config, defaultView())).toContain('lrG=0.01');
  });

  it('only a lone number is read so; lists keep the comma as a separator', () => {
    expect(withDecimalPoint('-1,5')).toBe('-1.5');
    expect(withDecimalPoint(',5')).toBe('.5');
    expect(withDecimalPoint('1,2,3')).toBe('1,2,3');
    expect(withDecimalPoint('1.5')).toBe('1.5');
    expect(decodeLink('g=16,16').config.generatorLayers).toEqual([16, 16]);
  });
});
