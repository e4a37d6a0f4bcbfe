import { useState, useSyncExternalStore } from 'react';
import { startTour } from './tour';
import { isFirstVisit, offersTour, onTourSeen, rememberTourSeen } from './tourOffer';

/** On the server there is no storage: nothing to offer. */
const NOT_ON_SERVER = () => false;

/**
 * "New here? Take the tour": a small prompt in a corner on a first visit, in place of a tour that
 * started by itself over the page. It covers nothing the page needs (Play stays clickable), goes
 * away once the tour is taken (here or from the help dialog) or declined, and is not offered in
 * an embed or on a page opened from a lesson's link (tourOffer).
 */
export function TourPrompt({ embed, lessonOpen }: { embed: boolean; lessonOpen: boolean }) {
  const firstVisit = useSyncExternalStore(onTourSeen, isFirstVisit, NOT_ON_SERVER);
  // What the link said when the page opened: a lesson's link is no first look at the page.
  const [openedWithLesson] = useState(lessonOpen);
  const [openedAsEmbed] = useState(embed);
  if (!offersTour({ firstVisit, openedWithLesson, embed: embed || openedAsEmbed, lessonOpen })) {
    return null;
  }
  return (
    <aside className="tour-prompt" aria-label="Tour" data-testid="tour-prompt">
      <p className="tour-prompt-text">
        <strong>New here?</strong> A short tour shows the controls and the plots.
      </p>
      <div className="tour-prompt-actions">
        <button type="button" onClick={startTour}>
          Take the tour
        </button>
        <button type="button" className="small-button" onClick={() => rememberTourSeen()}>
          No, thanks
        </button>
      </div>
    </aside>
  );
}
