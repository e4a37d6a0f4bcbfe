import { memo } from 'react';
import type { PlaygroundConfig } from '../../config/schema';
import type { TrainingHistory } from '../history';
import { CurveCard } from './CurveCard';
import { COLOURS } from './palette';

/** Objectives whose discriminator outputs a probability σ(D) (cross-entropy games). */
const PROBABILITY_OBJECTIVES: ReadonlySet<PlaygroundConfig['objective']> = new Set([
  'minimax',
  'nonSaturating',
  'hybrid',
]);

interface TrainingCurvesProps {
  metrics: TrainingHistory['metrics'];
  /** The step axis shared with the other curves. */
  xDomain: readonly [number, number];
  objective: PlaygroundConfig['objective'];
  dimension: 1 | 2;
  /** The number of modes of the data (mixtures), null otherwise. */
  modeCount: number | null;
}

/**
 * The engine's measurements over training, as small multiples on one step axis: what the
 * discriminator says of real and generated samples, how hard each network is pushed, and how far
 * the generated distribution still is from the data. Memoised: it redraws when a measurement
 * arrives or the step axis moves, not with every snapshot.
 */
export const TrainingCurves = memo(function TrainingCurves({
  metrics: m,
  xDomain,
  objective,
  dimension,
  modeCount,
}: TrainingCurvesProps) {
  const probability = PROBABILITY_OBJECTIVES.has(objective);
  const hasDiscriminator = objective !== 'mmd';
  const critic = objective === 'wasserstein' ? 'critic' : 'discriminator';
  return (
    <section className="curve-grid" aria-label="Training curves">
      {hasDiscriminator && (
        <CurveCard
          title={probability ? 'D(real) and D(fake)' : `The ${critic}'s scores`}
          info={
            probability
              ? 'The mean probability the discriminator gives real samples (solid) and generated ones (dashed). At the equilibrium of the game it cannot tell them apart and both settle at ½; a D(fake) stuck near 0 means D wins and, with the saturating loss, starves G of gradient.'
              : objective === 'leastSquares'
                ? "The discriminator's mean score on real (solid) and generated (dashed) samples; it is trained towards 1 and 0. When the distributions coincide both meet at ½."
                : `The ${critic}'s mean score on real (solid) and generated (dashed) samples. Their gap estimates how far apart the distributions are (the Wasserstein-1 distance for a 1-Lipschitz critic); it closes as G improves.`
          }
          testId="d-output-chart"
          yLabel={probability ? 'mean D' : 'mean score'}
          xDomain={xDomain}
          yDomain={probability ? [0, 1] : undefined}
          references={
            probability || objective === 'leastSquares'
              ? [{ value: 0.5, label: 'equilibrium ½' }]
              : []
          }
          lines={[
            { label: 'D(real)', colour: COLOURS.real, series: m.meanDReal },
            { label: 'D(fake)', colour: COLOURS.generated, series: m.meanDFake, dashed: true },
          ]}
        />
      )}
      <CurveCard
        title="Gradient norms"
        info={`The size of each loss's gradient with respect to its network's weights, the push each update gives. A vanishing ‖∇G‖ while ${hasDiscriminator ? 'D is winning' : 'far from the data'} means the generator has stopped learning; spikes mean unstable steps.`}
        testId="gradient-chart"
        yLabel="‖∇‖"
        xDomain={xDomain}
        initialScale="log"
        lines={[
          { label: '‖∇G‖', colour: COLOURS.generator, series: m.generatorGradNorm },
          ...(hasDiscriminator
            ? [{ label: '‖∇D‖', colour: COLOURS.discriminator, series: m.discriminatorGradNorm }]
            : []),
        ]}
      />
      <CurveCard
        title={dimension === 1 ? 'Wasserstein-1 distance' : 'Sliced Wasserstein-1 distance'}
        info={
          dimension === 1
            ? 'The earth-mover distance between the plotted real and generated samples: how far, on average, probability mass must travel to turn one into the other. Unlike the losses, it falls steadily as G improves.'
            : 'The mean 1-D earth-mover distance between the samples projected on random directions: how far, on average, mass must travel. Unlike the losses, it falls steadily as G improves.'
        }
        testId="wasserstein-chart"
        yLabel={dimension === 1 ? 'W₁' : 'sliced W₁'}
        xDomain={xDomain}
        lines={[
          {
            label: dimension === 1 ? 'W₁' : 'sliced W₁',
            colour: COLOURS.discriminator,
            series: dimension === 1 ? m.wasserstein1 : m.slicedWasserstein,
          },
        ]}
      />
      <CurveCard
        title="KL and Jensen–Shannon"
        info="Divergences between histograms of the real and generated samples on a grid. KL(real ‖ generated) explodes when G misses where the data is (mode dropping); JS is bounded by ln 2, reached when the two do not overlap at all."
        testId="divergence-chart"
        yLabel="nats"
        xDomain={xDomain}
        references={[{ value: Math.LN2, label: 'JS max ln 2' }]}
        lines={[
          { label: 'KL', colour: COLOURS.real, series: m.kl },
          { label: 'JS', colour: COLOURS.mmd, series: m.js, dashed: true },
        ]}
      />
      {modeCount !== null && (
        <CurveCard
          title="Modes covered"
          info={`How many of the data's ${modeCount} modes have at least one generated sample within 3 standard deviations of their centre. A generator that collapses covers few modes, or hops from one to the next.`}
          testId="modes-chart"
          yLabel="modes"
          xDomain={xDomain}
          yDomain={[0, modeCount]}
          steps
          references={[{ value: modeCount, label: 'all modes' }]}
          lines={[{ label: 'modes covered', colour: COLOURS.generated, series: m.modesCovered }]}
        />
      )}
    </section>
  );
});
