/** The keys of undo and redo, as every platform's editors use them. */

/** The parts of a key press that say whether it asks for an undo or a redo. */
export interface UndoKeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Ctrl+Z (⌘Z) undoes; Ctrl+Shift+Z and Ctrl+Y (⌘⇧Z) redo; anything else is neither. */
export function undoShortcut(press: UndoKeyPress): 'undo' | 'redo' | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null;
  const key = press.key.toLowerCase();
  if (key === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !press.shiftKey) return 'redo';
  return null;
}
