import { useCallback, useEffect, useRef, useState } from 'react';
import {
  PRESENT_KEY,
  PRESENTATION_KEYS,
  type PresentationAction,
  presentationAction,
} from '../presentation';

/**
 * Whether a key pressed on this element belongs to it: text fields type, selects, sliders and
 * menus use letters and arrows. (Buttons do not use arrows or letters: those stay the
 * presentation's.)
 */
function typesKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [role="slider"], [role="menu"]') !== null;
}

/**
 * The presentation's own keys (PRESENTATION_KEYS), active while it is shown: a key acts unless a
 * modifier is held, a field types it, or a modal dialog (the help) owns the keyboard. Space and S
 * stay with the page's global shortcuts, so nothing fires twice.
 */
export function usePresentationKeys(
  settingsOpen: boolean,
  handlers: Record<PresentationAction, () => void>,
): void {
  const current = useRef({ settingsOpen, handlers });
  current.current = { settingsOpen, handlers };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || document.querySelector('dialog[open]') !== null) return;
      const { settingsOpen: open, handlers: actions } = current.current;
      const action = presentationAction(event, { settingsOpen: open });
      if (action === null) return;
      if (action !== 'closeSettings' && typesKeys(event.target)) return;
      event.preventDefault();
      actions[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Full screen through the Fullscreen API, with what went wrong when the browser refuses. */
export function useFullScreen(): {
  active: boolean;
  toggle: () => void;
  exit: () => void;
  error: string | null;
} {
  const [active, setActive] = useState(() => document.fullscreenElement != null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const onChange = (): void => setActive(document.fullscreenElement != null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const refused = (reason: string): void =>
    setError(
      `Full screen is not available here (${reason}). Use the browser's own full screen instead (F11, or ⌃⌘F on a Mac).`,
    );
  const exit = useCallback((): void => {
    if (document.fullscreenElement != null) void document.exitFullscreen().catch(() => undefined);
  }, []);
  const toggle = (): void => {
    setError(null);
    if (document.fullscreenElement != null) {
      exit();
      return;
    }
    const root = document.documentElement;
    if (typeof root.requestFullscreen !== 'function') {
      refused('this browser has no Fullscreen API');
      return;
    }
    try {
      root.requestFullscreen().catch((cause: unknown) => refused(reasonOf(cause)));
    } catch (cause) {
      refused(reasonOf(cause));
    }
  };
  return { active, toggle, exit, error };
}

function reasonOf(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  const line = text.replace(/\s+/g, ' ').trim().replace(/[.!]$/, '');
  return line === '' ? 'the browser refused' : line.slice(0, 120);
}

/**
 * The header's "Present" button: presentation mode for a projector (`present=1`). P presses it
 * from anywhere on the page, as P leaves the presentation.
 */
export function PresentationButton({ onPresent }: { onPresent: () => void }) {
  const current = useRef(onPresent);
  current.current = onPresent;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.toLowerCase() !== PRESENT_KEY || typesKeys(event.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      event.preventDefault();
      current.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <button
      type="button"
      data-testid="present-button"
      aria-keyshortcuts="P"
      title="Presentation mode: the plot and the curves large, for a projector, driven by the keyboard (P)"
      onClick={onPresent}
    >
      Present
    </button>
  );
}

/** The presentation's keys in one short line, at the foot of the screen. */
export function PresentationKeysLine({ hasLesson }: { hasLesson: boolean }) {
  return (
    <p className="present-keys" data-testid="present-keys">
      {PRESENTATION_KEYS.map((entry) => (
        <span key={entry.label}>
          <kbd>{entry.label}</kbd> {entry.description}
        </span>
      ))}
      <span className="present-keys-note">
        {hasLesson
          ? 'Lessons have no steps of their own: ← → walk the lessons in the gallery’s order.'
          : 'No lesson is open: → opens the first lesson.'}
      </span>
    </p>
  );
}
