/**
 * The tour: a few steps pointing at the controls and the plots, skippable at any time (the close
 * button, Escape or a click outside), started from the "Take the tour" prompt (TourPrompt, shown
 * on a first visit) or from the help dialog, never by itself (see tourOffer). driver.js does the
 * highlighting, positioning and keyboard handling.
 */
import { type DriveStep, driver } from 'driver.js';
import 'driver.js/dist/driver.css';
import { rememberTourSeen } from './tourOffer';

const STEPS: DriveStep[] = [
  {
    element: '[data-testid="lessons-button"]',
    popover: {
      title: 'Start with a lesson',
      description:
        'Ten short experiments, each with a story and a claim you can watch come true: a Gaussian learnt, mode collapse, vanishing gradients, the MMD kernel, and more.',
    },
  },
  {
    element: '[data-tour="settings"]',
    popover: {
      title: 'Every setting',
      description:
        'The target distribution, both networks, the noise σ, the objective and the learning rates. Each has a line of help; “advanced” shows the rest.',
      side: 'right',
    },
  },
  {
    element: '[data-tour="toolbar"]',
    popover: {
      title: 'Play, or go step by step',
      description:
        'Play trains in a background worker; Step runs one iteration, D step and G step update one network only. Keys: Space, S, D, G, R.',
    },
  },
  {
    element: '[data-testid="model-overview"]',
    popover: {
      title: 'How the two networks play',
      description:
        'Noise goes through the generator; the discriminator scores real and generated points; the losses flow back. Click a box to jump to its full view.',
    },
  },
  {
    element: '#view-distribution-plot',
    popover: {
      title: 'Real vs generated',
      description:
        'Blue points are real, orange ones generated. Behind them the discriminator’s verdict; the grey mesh is the generator’s grid of noise, bent into the data.',
      // Beside the plot, not over its legend (issue #15); driver.js falls back where it cannot.
      side: 'left',
      align: 'start',
    },
  },
  {
    element: '#view-loss-chart',
    popover: {
      title: 'Losses and distances',
      description:
        'Each network’s loss, the Gaussian-kernel MMD² between the samples, and more curves below. Hover any chart to read every curve at one iteration.',
    },
  },
  {
    element: '[data-testid="share-menu"]',
    popover: {
      title: 'Share and take it further',
      description:
        'The link holds the whole setup. Export the config, the trained generator, or a PyTorch or Node script that reruns the experiment outside the browser.',
    },
  },
];

/** Whether a step's element is on the page and laid out (not hidden, nor in a closed drawer). */
function isShown(selector: string): boolean {
  const element = document.querySelector(selector);
  return element !== null && element.getClientRects().length > 0;
}

/** Starts the tour over the steps whose element is shown (hidden parts are skipped). */
export function startTour(): void {
  const steps = STEPS.filter((step) => typeof step.element === 'string' && isShown(step.element));
  if (steps.length === 0) return;
  rememberTourSeen();
  const tour = driver({
    steps,
    showProgress: true,
    allowClose: true,
    smoothScroll: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    popoverClass: 'tour-popover',
    nextBtnText: 'Next',
    prevBtnText: 'Back',
    doneBtnText: 'Done',
    progressText: '{{current}} of {{total}}',
    // driver.js places a step's popover before the page has scrolled to the step's element, and
    // on scroll it re-places it against the previous step's element until its animation ends: so
    // once the step is highlighted, place it again against the right one.
    onHighlighted: () => tour.refresh(),
  });
  tour.drive();
}
