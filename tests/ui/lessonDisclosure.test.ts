/**
 * Whether the lesson card opens unfolded (src/ui/lessonDisclosure.ts): the reader's choice for
 * the tab, else only on a screen roomy enough for the card above the main plot.
 */
import { describe, expect, it } from 'vitest';
import {
  LESSON_CARD_KEY,
  lessonCardStartsOpen,
  readLessonCardChoice,
  rememberLessonCardChoice,
} from '../../src/ui/lessonDisclosure';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('the lesson card’s fold', () => {
  it('opens folded on a short screen and unfolded on a roomy one, until the reader chooses', () => {
    expect(lessonCardStartsOpen(null, false)).toBe(false);
    expect(lessonCardStartsOpen(null, true)).toBe(true);
    expect(lessonCardStartsOpen('open', false)).toBe(true);
    expect(lessonCardStartsOpen('folded', true)).toBe(false);
  });

  it('keeps the reader’s choice, and ignores what it did not write', () => {
    const storage = memoryStorage();
    expect(readLessonCardChoice(storage)).toBeNull();
    rememberLessonCardChoice('open', storage);
    expect(readLessonCardChoice(storage)).toBe('open');
    rememberLessonCardChoice('folded', storage);
    expect(readLessonCardChoice(storage)).toBe('folded');
    storage.setItem(LESSON_CARD_KEY, 'sideways');
    expect(readLessonCardChoice(storage)).toBeNull();
  });

  it('does without storage where the browser refuses it', () => {
    const refusing: Pick<Storage, 'getItem' | 'setItem'> = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readLessonCardChoice(refusing)).toBeNull();
    expect(readLessonCardChoice(null)).toBeNull();
    expect(() => rememberLessonCardChoice('open', refusing)).not.toThrow();
  });
});
