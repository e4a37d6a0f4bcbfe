import { useEffect, useRef } from 'react';
import { undoShortcut } from './undoKeys';

/** The keyboard shortcuts, as the help dialog lists them. */
export const SHORTCUTS = [
  { key: ' ', label: 'Space', action: 'playPause', description: 'Play or pause training' },
  {
    key: 's',
    label: 'S',
    action: 'step',
    description: 'One training iteration (k D updates, then G)',
  },
  {
    key: 'd',
    label: 'D',
    action: 'stepDiscriminator',
    description: 'One discriminator update only',
  },
  { key: 'g', label: 'G', action: 'stepGenerator', description: 'One generator update only' },
  { key: 'r', label: 'R', action: 'reset', description: 'Reset: fresh weights from the seed' },
  { key: 'l', label: 'L', action: 'lessons', description: 'Open the lessons' },
  { key: '?', label: '?', action: 'help', description: 'Show this help' },
  {
    key: 'Control+z',
    label: 'Ctrl+Z',
    action: 'undo',
    description: 'Undo the last change of the settings (in a text field: undo the typing)',
  },
  {
    key: 'Control+Shift+z',
    label: 'Ctrl+Shift+Z or Ctrl+Y',
    action: 'redo',
    description: 'Redo the change undone',
  },
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

const ACTION_BY_KEY = new Map<string, ShortcutAction>(
  SHORTCUTS.map((shortcut) => [shortcut.key, shortcut.action]),
);

/**
 * Whether a key pressed on this element belongs to it: text fields type, buttons and checkboxes
 * react to Space themselves, menus and sliders use letters and arrows.
 */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target.closest(
      'input, textarea, select, button, a[href], summary, [role="button"], [role="slider"], [role="menu"]',
    ) !== null
  );
}

/** Whether the element edits text, so that its own undo (of the typing) takes Ctrl+Z. */
export function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
    target.type,
  );
}

/**
 * Undo and redo of the settings from the keyboard, anywhere but in a text field (whose own undo
 * takes the typing back; the field then commits what it shows) or under a modal dialog.
 */
export function useUndoShortcuts(undo: () => void, redo: () => void): void {
  const current = useRef({ undo, redo });
  current.current = { undo, redo };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = undoShortcut(event);
      if (action === null || event.defaultPrevented || editsText(event.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      event.preventDefault();
      current.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * Global shortcuts: a key acts unless a modifier is held, the focused element uses the key
 * itself, or a modal dialog is open (the dialog owns the keyboard then).
 */
export function useShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]') !== null) return;
      if (ownsKeys(event.target)) return;
      const action = ACTION_BY_KEY.get(event.key.length === 1 ? event.key.toLowerCase() : '');
      const handler = action === undefined ? undefined : current.current[action];
      if (handler === undefined) return;
      // Space would otherwise scroll the page.
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The shortcuts as a table, for the help dialog. */
export function ShortcutTable() {
  return (
    <table className="shortcut-table">
      <caption className="visually-hidden">Keyboard shortcuts</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Does</th>
        </tr>
      </thead>
      <tbody>
        {SHORTCUTS.map((shortcut) => (
          <tr key={shortcut.action}>
            <td>
              <kbd>{shortcut.label}</kbd>
            </td>
            <td>{shortcut.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
