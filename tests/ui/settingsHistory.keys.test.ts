import { describe, expect, it } from 'vitest';
import { LIVE_KEYS } from '../../src/config/live';
import { CONFIG_KEYS } from '../../src/config/schema';
import { runEffect } from '../../src/ui/controls/runEffect';
import { undoShortcut } from '../../src/ui/undoKeys';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrl' | 'meta' | 'shift' | 'alt', boolean>>,
) => ({
  key,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
  altKey: modifiers.alt ?? false,
});

describe('undo and redo keys', () => {
  it('Ctrl+Z and ⌘Z undo; Ctrl+Shift+Z, ⌘⇧Z and Ctrl+Y redo', () => {
    expect(undoShortcut(press('z', { ctrl: true }))).toBe('undo');
    expect(undoShortcut(press('z', { meta: true }))).toBe('undo');
    expect(undoShortcut(press('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(undoShortcut(press('Z', { meta: true, shift: true }))).toBe('redo');
    expect(undoShortcut(press('y', { ctrl: true }))).toBe('redo');
  });

  it('anything else is neither', () => {
    expect(undoShortcut(press('z', {}))).toBeNull();
    expect(undoShortcut(press('z', { ctrl: true, alt: true }))).toBeNull();
    expect(undoShortcut(press('y', { ctrl: true, shift: true }))).toBeNull();
    expect(undoShortcut(press('x', { ctrl: true }))).toBeNull();
  });
});

describe('what a change does to the run, in each setting’s help', () => {
  it('live settings say the run goes on; the others that a new run starts', () => {
    expect(runEffect('noiseSigma')).toMatch(/running run.*optimiser its state/);
    expect(runEffect('kernelBandwidth')).toMatch(/only what is measured/);
    expect(runEffect('generatorLayers')).toMatch(/starts a new run/);
    for (const key of CONFIG_KEYS) {
      expect(runEffect(key).includes('new run')).toBe(!LIVE_KEYS.has(key));
    }
  });
});
