/**
 * Whether the open lesson's card shows its story or only one line (title, claim, buttons). On a
 * short screen the full card pushes the main plot below the fold (issue #15: ~430 px of story and
 * claim at 1440×900), so a lesson opens folded there; the reader's own choice, once made, holds
 * for the rest of the tab's session (sessionStorage, which a reload keeps).
 */

/** sessionStorage key of the reader's choice. */
export const LESSON_CARD_KEY = 'gan-playground:lesson-card';

/** The reader's choice: the card unfolded to its story, or folded to one line. */
export type LessonCardChoice = 'open' | 'folded';

/**
 * Screens where the whole card, the toolbar, the timeline, the model overview and the main plot's
 * first 200 px fit together (measured: the card takes up to ~360 px at 1366 px wide); on any
 * other a lesson opens folded.
 */
export const ROOMY_SCREEN = '(min-height: 1100px) and (min-width: 761px)';

/** The storage the choice lives in, or null where the browser refuses it (a sandboxed frame). */
function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The reader's earlier choice in this tab, or null when none was made (or none can be kept). */
export function readLessonCardChoice(
  storage: Pick<Storage, 'getItem'> | null = sessionStore(),
): LessonCardChoice | null {
  try {
    const value = storage?.getItem(LESSON_CARD_KEY) ?? null;
    return value === 'open' || value === 'folded' ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the reader's choice for the rest of the tab's session (silently not, where refused). */
export function rememberLessonCardChoice(
  choice: LessonCardChoice,
  storage: Pick<Storage, 'setItem'> | null = sessionStore(),
): void {
  try {
    storage?.setItem(LESSON_CARD_KEY, choice);
  } catch {
    // Storage disabled: the choice lasts until the page is reloaded.
  }
}

/** Whether the card opens unfolded: the reader's choice, else only on a roomy screen. */
export function lessonCardStartsOpen(choice: LessonCardChoice | null, roomy: boolean): boolean {
  return choice === null ? roomy : choice === 'open';
}

/** Whether this screen is roomy enough for the whole card above the plot. */
export function isRoomyScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(ROOMY_SCREEN).matches;
}
