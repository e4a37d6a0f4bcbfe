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
