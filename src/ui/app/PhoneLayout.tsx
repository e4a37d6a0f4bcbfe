import {
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';

/** Where the page takes its phone layout: the same width as the stylesheet's phone rules. */
export const PHONE_QUERY = '(max-width: 760px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the viewport is a phone's (PHONE_QUERY), kept current as it turns or resizes. */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}

/** The phone's settings drawer: whether it is open, and what its button and sheet share. */
export interface SettingsDrawerState {
  open: boolean;
  toggle: () => void;
  /** Closes the sheet and gives the focus back to the button. */
  close: () => void;
  sheetId: string;
  button: RefObject<HTMLButtonElement | null>;
  heading: RefObject<HTMLHeadingElement | null>;
}

/**
 * The settings on a phone: a "Settings" button (in the toolbar) opens them in a sheet over the
 * lower part of the screen, so that the plot stays in view above while a setting changes. The
 * sheet is not modal: the toolbar and the plot stay usable. Opening moves the focus into the
 * sheet; Escape or Close closes it and gives the focus back to the button.
 */
export function useSettingsDrawer(): SettingsDrawerState {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Only a close from inside the sheet returns the focus (a second press of the button keeps it).
  const returnFocus = useRef(false);
  const sheetId = useId();
  useEffect(() => {
    if (open) heading.current?.focus();
    else if (returnFocus.current) button.current?.focus();
    returnFocus.current = false;
  }, [open]);
  return {
    open,
    toggle: () => setOpen((current) => !current),
    close: () => {
      returnFocus.current = true;
      setOpen(false);
    },
    sheetId,
    button,
    heading,
  };
}

/** The button that opens and closes the settings sheet. */
export function SettingsButton({ drawer }: { drawer: SettingsDrawerState }) {
  return (
    <button
      ref={drawer.button}
      type="button"
      className="settings-button"
      aria-expanded={drawer.open}
      aria-controls={drawer.sheetId}
      data-testid="settings-button"
      onClick={drawer.toggle}
    >
      <span aria-hidden="true">⚙ </span>Settings
    </button>
  );
}

/** The sheet the settings open in on a phone. */
export function SettingsSheet({
  drawer,
  children,
}: {
  drawer: SettingsDrawerState;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      id={drawer.sheetId}
      className="settings-sheet"
      aria-labelledby={headingId}
      hidden={!drawer.open}
      data-testid="settings-sheet"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        drawer.close();
      }}
    >
      <header className="settings-sheet-header">
        <h2 id={headingId} ref={drawer.heading} tabIndex={-1} className="settings-sheet-title">
          Settings
        </h2>
        <button type="button" onClick={drawer.close}>
          Close
        </button>
      </header>
      {children}
    </section>
  );
}
