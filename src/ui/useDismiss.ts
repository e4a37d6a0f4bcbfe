import { type RefObject, useEffect, useRef } from 'react';

/**
 * Closes a pop-up menu the way people expect: Escape inside it (focus goes back to its trigger) or a
 * press anywhere outside it. `open` is read at event time, so the listeners are set once.
 */
export function useDismiss(
  wrapper: RefObject<HTMLElement | null>,
  open: () => boolean,
  close: (refocus: boolean) => void,
): void {
  const latest = useRef({ open, close });
  latest.current = { open, close };
  useEffect(() => {
    const inside = (target: EventTarget | null): boolean =>
      target instanceof Node && (wrapper.current?.contains(target) ?? false);
    const onPointer = (event: PointerEvent): void => {
      if (latest.current.open() && !inside(event.target)) latest.current.close(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || !latest.current.open() || !inside(event.target)) return;
      event.stopPropagation();
      latest.current.close(true);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [wrapper]);
}

/** `useDismiss` for a `<details>` menu: closing it sets `open = false`. */
export function useDismissDetails(details: RefObject<HTMLDetailsElement | null>): void {
  useDismiss(
    details,
    () => details.current?.open ?? false,
    (refocus) => {
      const element = details.current;
      if (element === null) return;
      element.open = false;
      if (refocus) element.querySelector('summary')?.focus();
    },
  );
}
