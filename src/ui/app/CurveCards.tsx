import type { PlaygroundConfig } from '../../config/schema';
import type { Snapshot } from '../../worker/protocol';
import { ChartCard } from '../charts/ChartCard';
import { CurveCard } from '../charts/CurveCard';
import type { LineSeries } from '../charts/LineChart';
import { NoiseView } from '../charts/NoiseView';
import { COLOURS } from '../charts/palette';
import { exponentialMovingAverage } from '../charts/series';
import { mmdByBandwidth, type TrainingHistory } from '../history';

export interface LossCardProps {
  history: TrainingHistory;
  xDomain: readonly [number, number];
  objective: PlaygroundConfig['objective'];
  hasDiscriminator: boolean;
  smooth: boolean;
  onSmooth: (on: boolean) => void;
}

/** Both networks' losses over the iterations, raw or smoothed, with the equilibrium values. */
export function LossCard({
  history,
  xDomain,
  objective,
  hasDiscriminator,
  smooth,
  onSmooth,
}: LossCardProps) {
  return (
    <CurveCard
      title="Losses"
      info="Each network's loss under the chosen objective, averaged over each stretch of iterations. For the non-saturating GAN at equilibrium D outputs ½ everywhere: L_D → 2·ln 2 ≈ 1.39 and L_G → ln 2 ≈ 0.69."
      testId="loss-chart"
      yLabel="loss"
      xDomain={xDomain}
      data={{ 'data-smoothed': String(smooth) }}
      references={
        objective === 'nonSaturating'
          ? [
              { value: 2 * Math.LN2, label: '2 ln 2' },
              { value: Math.LN2, label: 'ln 2' },
            ]
          : []
      }
      actions={
        <label className="chart-toggle" title="Exponential moving average over ~20 points">
          <input
            type="checkbox"
            checked={smooth}
            onChange={(event) => onSmooth(event.currentTarget.checked)}
          />
          smoothed
        </label>
      }
      lines={lossLines(
        [
          ...(hasDiscriminator
            ? [
                {
                  label: 'discriminator',
                  colour: COLOURS.discriminator,
                  series: history.discriminatorLoss,
                },
              ]
            : []),
          { label: 'generator', colour: COLOURS.generator, series: history.generatorLoss },
        ],
        smooth,
      )}
    />
  );
}

export interface MmdCardProps {
  history: TrainingHistory;
  xDomain: readonly [number, number];
  /** The bandwidth set now (the history's own, once measured, takes precedence in the title). */
  bandwidth: number;
  snapshot: Snapshot | null;
}

/** The Gaussian-kernel MMD² between the plotted real and generated samples, over the run. */
export function MmdCard({ history, xDomain, bandwidth, snapshot }: MmdCardProps) {
  // Points no kept frame could re-measure at a new h stay, faint (history.ts, rebandedMmd).
  const { current, earlier } = mmdByBandwidth(history);
  const change = history.mmdBandwidthChange;
  return (
    <CurveCard
      title={`Gaussian-kernel MMD² (h = ${history.kernelBandwidth || bandwidth})`}
      info="The squared maximum mean discrepancy between the plotted real and generated samples, with the kernel k(x,y) = exp(−‖x−y‖²/2h²) (unbiased estimate, Gretton et al. 2012). It falls towards 0 as the two distributions become indistinguishable to the kernel."
      testId="mmd-chart"
      yLabel="MMD²"
      xDomain={xDomain}
      data={{
        'data-latest': snapshot?.metrics ? snapshot.metrics.mmdSquared.toPrecision(4) : '',
        'data-h': history.kernelBandwidth,
        'data-first-iteration': history.metrics.mmdSquared.x[0] ?? '',
        'data-bandwidth-changed-at': change === null || earlier === null ? '' : change.iteration,
      }}
      lines={[
        { label: 'MMD²', colour: COLOURS.mmd, series: current },
        ...(earlier === null || change === null
          ? []
          : [
              {
                label: `MMD² at h = ${change.from}`,
                colour: COLOURS.mmd,
                series: earlier,
                faint: true,
              },
            ]),
      ]}
    />
  );
}

export interface NoiseCardProps {
  config: PlaygroundConfig;
  dimension: 1 | 2;
  fields: Snapshot['fields'] | null;
}

/** The law of the generator's input noise, and in 1-D the map the generator learnt from it. */
export function NoiseCard({ config, dimension, fields }: NoiseCardProps) {
  return (
    <ChartCard
      title={`The noise z (σ = ${config.noiseSigma})`}
      info={
        dimension === 1
          ? "The pink area is the law of one noise coordinate z₁, with ±σ marked; the orange curve is the map z₁ → G(z₁) the generator has learnt, how it stretches and folds the noise into the data's shape."
          : 'The law of one noise coordinate z₁, with ±σ marked. The generator bends this noise into the data: its grid of noise values is the grey mesh in the plot of real vs generated samples.'
      }
      legend={[
        { label: 'noise density', colour: COLOURS.mmd },
        ...(dimension === 1 ? [{ label: 'z₁ → G(z)', colour: COLOURS.generated }] : []),
      ]}
      testId="noise-view"
      data={{ 'data-sigma': config.noiseSigma, 'data-law': config.noiseDistribution }}
    >
      {(size) => (
        <NoiseView
          size={size}
          sigma={config.noiseSigma}
          law={config.noiseDistribution}
          dimension={dimension}
          fields={fields}
        />
      )}
    </ChartCard>
  );
}

/** Smoothing weight of the loss curves' moving average: about the last 20 points. */
const LOSS_SMOOTHING = 0.05;

/**
 * The loss curves as drawn: as they are, or each raw curve faint under its exponential moving
 * average (the raw points stay visible, the trend becomes readable).
 */
function lossLines(lines: LineSeries[], smooth: boolean): LineSeries[] {
  if (!smooth) return lines;
  return lines.flatMap((line) => [
    { ...line, faint: true },
    {
      ...line,
      series: { x: line.series.x, y: exponentialMovingAverage(line.series.y, LOSS_SMOOTHING) },
    },
  ]);
}
