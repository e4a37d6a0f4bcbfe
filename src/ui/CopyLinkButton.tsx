import { useRef, useState } from 'react';

type CopyStatus = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; why: string };

/**
 * Copies the page's link. When the browser refuses the clipboard (no permission, an insecure
 * page, a frame without clipboard access), it says so and shows the link to copy by hand, until
 * the next try.
 */
export function CopyLinkButton() {
  const [status, setStatus] = useState<CopyStatus>({ kind: 'idle' });
  const timer = useRef<number | undefined>(undefined);
  const copy = async (): Promise<void> => {
    window.clearTimeout(timer.current);
    try {
      if (navigator.clipboard === undefined) throw new Error('there is no clipboard on this page');
      await navigator.clipboard.writeText(window.location.href);
      setStatus({ kind: 'copied' });
      timer.current = window.setTimeout(() => setStatus({ kind: 'idle' }), 4000);
    } catch (error) {
      const why = error instanceof Error && error.message !== '' ? error.message : String(error);
      setStatus({ kind: 'manual', why: why.replace(/[.!?]$/, '') });
    }
  };
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="copy-status" data-testid="copy-status">
        {status.kind === 'copied' && 'Link copied: it reproduces this setup.'}
        {status.kind === 'manual' && (
          <>
            The browser refused the clipboard ({status.why}). Copy the link from here:{' '}
            <input
              readOnly
              aria-label="The link to this setup"
              value={window.location.href}
              onFocus={(e) => e.currentTarget.select()}
            />
          </>
        )}
      </span>
    </div>
  );
}
