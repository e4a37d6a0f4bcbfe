/**
 * Presentation mode (`present=1`): the main plot and one or two chosen views large, for a
 * projector, driven from the keyboard. This module is the pure part: which key does what, which
 * lesson comes next, and how the lesson's claim reads from the back of the room.
 */
import {
  type ClaimMetric,
  claimHolds,
  PRESETS,
  type Preset,
  presetConfig,
} from '../config/presets';
import { encodeLink } from '../config/url';
import { defaultView, type ShowableView } from '../config/view';

/** What a presentation shows beside the plot when its link chooses nothing (`show=`). */
export const PRESENT_DEFAULT_VIEWS: readonly ShowableView[] = ['losses', 'mmd'];

/**
 * How much larger the charts draw their text (and the margins that hold it) in a presentation:
 * 11 px tick labels become 24 px, readable from the back of a lecture hall on a 1920×1080 projector.
 */
export const PRESENT_CHART_SCALE = 2.2;

/** The actions of the presentation's own keys (Space and S are the page's global shortcuts). */
export type PresentationAction =
  | 'nextLesson'
  | 'previousLesson'
  | 'toggleSettings'
  | 'closeSettings'
  | 'fullScreen'
  | 'leave';

/** A key of the presentation, as its help line names it. */
export interface PresentationKey {
  /** `KeyboardEvent.key` values (letters lower-cased) that trigger the action. */
  keys: readonly string[];
  label: string;
  description: string;
  /** The action, or null for a key the page's global shortcuts handle (listed for the help line). */
  action: PresentationAction | null;
}

/** Every key a presentation answers to, in the order the help line lists them. */
export const PRESENTATION_KEYS: readonly PresentationKey[] = [
  { keys: [' '], label: 'Space', description: 'play/pause', action: null },
  { keys: ['s'], label: 'S', description: 'step', action: null },
  { keys: ['arrowleft'], label: '←', description: 'previous lesson', action: 'previousLesson' },
  { keys: ['arrowright'], label: '→', description: 'next lesson', action: 'nextLesson' },
  { keys: ['c', ','], label: 'C', description: 'settings', action: 'toggleSettings' },
  { keys: ['escape'], label: 'Esc', description: 'hide settings', action: 'closeSettings' },
  { keys: ['f'], label: 'F', description: 'full screen', action: 'fullScreen' },
  { keys: ['p'], label: 'P', description: 'leave', action: 'leave' },
];

/** The key that enters and leaves presentation mode. */
export const PRESENT_KEY = 'p';

/** The parts of a key press the presentation reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The presentation's action for a key press, or null when the key is not its own (Space and S
 * belong to the page's global shortcuts, so that they never fire twice). While the settings sheet
 * is open only Escape, C and the comma act: the other keys belong to the sheet's fields.
 */
export function presentationAction(
  press: KeyPress,
  { settingsOpen }: { settingsOpen: boolean },
): PresentationAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key.toLowerCase();
  const entry = PRESENTATION_KEYS.find((candidate) => candidate.keys.includes(key));
  const action = entry?.action ?? null;
  if (action === 'closeSettings') return settingsOpen ? action : null;
  if (settingsOpen && action !== 'toggleSettings') return null;
  return action;
}

/**
 * The lesson ← or → opens. Lessons have no steps of their own, so the arrows walk the gallery's
 * order; from no lesson, → opens the first and ← the last. Null past either end.
 */
export function adjacentLesson(
  current: string | null,
  direction: 1 | -1,
  lessons: readonly Preset[] = PRESETS,
): Preset | null {
  const index = lessons.findIndex((preset) => preset.id === current);
  if (index === -1) return (direction === 1 ? lessons[0] : lessons[lessons.length - 1]) ?? null;
  return lessons[index + direction] ?? null;
}

/** Where the lesson's claim stands: not yet checked, holding, or not holding. */
export type ClaimStatus = 'pending' | 'holds' | 'fails';

/** The claim's status at this iteration with these measurements (as the lesson card judges it). */
export function claimStatus(
  preset: Preset,
  metrics: Partial<Record<ClaimMetric, number | null>> | null,
  iteration: number,
): ClaimStatus {
  if (metrics === null || iteration < preset.claim.afterIterations) return 'pending';
  return claimHolds(preset.claim, metrics) ? 'holds' : 'fails';
}

/** The claim's status in a few words, for the presentation's title bar. */
export function claimStatusText(preset: Preset, status: ClaimStatus, running: boolean): string {
  switch (status) {
    case 'pending':
      return `checked from iteration ${preset.claim.afterIterations.toLocaleString('en')}${running ? '' : '; press Space to train'}`;
    case 'holds':
      return 'holds now';
    case 'fails':
      return 'does not hold now';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** The views a presentation shows beside the plot: the link's choice, else the defaults. */
export function presentedViews(
  show: readonly ShowableView[],
  hide: readonly string[],
): ShowableView[] {
  const chosen = show.length > 0 ? show : PRESENT_DEFAULT_VIEWS;
  return chosen.filter((name) => !hide.includes(name));
}

/** The link of a lesson in presentation mode, keeping the views the presentation shows. */
export function presentationLink(preset: Preset, show: readonly ShowableView[]): string {
  return `#${encodeLink(presetConfig(preset), { ...defaultView(), preset: preset.id, show, present: true })}`;
}
