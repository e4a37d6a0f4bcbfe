/** Okabe–Ito colours: distinguishable with the common forms of colour blindness. */
export const COLOURS = {
  real: '#0072B2',
  generated: '#E69F00',
  discriminator: '#009E73',
  generator: '#D55E00',
  mmd: '#CC79A7',
} as const;

/** The legend of every plot of real and generated samples. */
export const SAMPLES_LEGEND = [
  { label: 'real', colour: COLOURS.real },
  { label: 'generated', colour: COLOURS.generated },
] as const;

export const MARGIN = { top: 10, right: 14, bottom: 34, left: 52 } as const;

/**
 * The ring drawn under the real points of a plot, per colour scheme, so that the blue points stand
 * out on the blue of a heatmap or a witness: in the dark theme they vanished on it (issue #15).
 */
export const POINT_HALO = {
  light: 'rgba(255, 255, 255, 0.95)',
  dark: 'rgba(225, 232, 245, 0.9)',
} as const;
