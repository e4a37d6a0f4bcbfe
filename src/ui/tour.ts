/**
 * The first-visit tour: a few steps pointing at the controls and the plots, skippable at any
 * time (the close button, Escape or a click outside), shown once per browser and on request from
 * the help dialog. driver.js does the highlighting, positioning and keyboard handling.
 */
import { type DriveStep, driver } from 'driver.js';
import 'driver.js/dist/driver.css';

/** localStorage key remembering that the tour was seen (or skipped). */
export const TOUR_SEEN_KEY = 'gan-playground:tour-seen';

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

function remember(): void {
  try {
    window.localStorage.setItem(TOUR_SEEN_KEY, '1');
  } catch {
    // Storage may be disabled (private mode, sandboxed iframe): the tour then shows once per visit.
  }
}

/** Whether this browser has not seen the tour yet. */
export function isFirstVisit(): boolean {
  try {
    return window.localStorage.getItem(TOUR_SEEN_KEY) === null;
  } catch {
    return false;
  }
}

/** Starts the tour over the steps whose element is on the page (hidden parts are skipped). */
export function startTour(): void {
  const steps = STEPS.filter(
    (step) => typeof step.element === 'string' && document.querySelector(step.element) !== null,
  );
  if (steps.length === 0) return;
  remember();
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
  });
  tour.drive();
}
