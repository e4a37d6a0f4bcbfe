import type { RefObject } from 'react';
import { Dialog, type DialogHandle } from '../Dialog';
import { ShortcutTable } from '../shortcuts';
import { startTour } from '../tour';

/** What the page is, its keyboard shortcuts and the tour, behind the header's "?". */
export function HelpDialog({ handle }: { handle: RefObject<DialogHandle | null> }) {
  return (
    <Dialog ref={handle} title="Help" testId="help-dialog">
      <p className="dialog-lead">
        Pick a target distribution and the two networks' settings on the left, press Play, and watch
        the generator's samples (orange) chase the real ones (blue). Every setting is in the link:
        share it to reproduce the experiment.
      </p>
      <h3>Keyboard</h3>
      <ShortcutTable />
      <p>
        <button
          type="button"
          onClick={() => {
            handle.current?.close();
            startTour();
          }}
        >
          Take the tour
        </button>
      </p>
    </Dialog>
  );
}
