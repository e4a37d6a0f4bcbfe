import { type ReactNode, type Ref, useId, useImperativeHandle, useRef, useState } from 'react';

export interface DialogHandle {
  open: () => void;
  close: () => void;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes it on Escape,
 * returns focus to what opened it, and makes the page behind it inert. Its content is only
 * rendered while it is open.
 */
export function Dialog({
  ref,
  title,
  className,
  testId,
  children,
  onClose,
}: {
  ref: Ref<DialogHandle>;
  title: string;
  className?: string;
  testId?: string;
  children: ReactNode;
  onClose?: () => void;
}) {
  const element = useRef<HTMLDialogElement>(null);
  const [isOpen, setOpen] = useState(false);
  const titleId = useId();
  useImperativeHandle(ref, () => ({
    open: () => {
      setOpen(true);
      if (element.current?.open === false) element.current.showModal();
    },
    close: () => element.current?.close(),
  }));
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop is a pointer convenience; keyboards close the dialog with Escape (native) or its Close button.
    <dialog
      ref={element}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={() => {
        setOpen(false);
        onClose?.();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === element.current) element.current.close();
      }}
    >
      <div className="dialog-box">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="dialog-close"
            aria-label="Close"
            onClick={() => element.current?.close()}
          >
            ×
          </button>
        </header>
        {isOpen && children}
      </div>
    </dialog>
  );
}
