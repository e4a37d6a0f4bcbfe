import type { DistributionLayers } from '../../config/view';
import type { Snapshot } from '../../worker/protocol';
import { ChartCard } from '../charts/ChartCard';
import { DistributionPlot, LAYERS_OF_DIMENSION } from '../charts/DistributionPlot';
import { SAMPLES_LEGEND } from '../charts/palette';
import { SamplesCsvButton } from '../SamplesCsvButton';
import { LayerToggles } from './LayerToggles';
import { digest } from './shownSnapshot';

export interface DistributionCardProps {
  /** What is shown: the live snapshot or the scrubbed frame. */
  snapshot: Snapshot | null;
  dimension: 1 | 2;
  layers: DistributionLayers;
  hasDiscriminator: boolean;
  onLayers: (layers: DistributionLayers) => void;
}

/** The main plot, "Real vs generated", with its layer toggles and the samples' CSV. */
export function DistributionCard({
  snapshot,
  dimension,
  layers,
  hasDiscriminator,
  onLayers,
}: DistributionCardProps) {
  const fields = snapshot?.fields ?? null;
  return (
    <ChartCard
      title="Real vs generated"
      info={
        dimension === 2
          ? "Blue points are real samples, orange ones the generator's output for a fixed batch of noise. Behind them the discriminator's verdict (blue: 'real', orange: 'generated'), the grey mesh is a grid of noise bent by the generator, and the red arrows show where the generator's loss pushes each sample."
          : "Blue bars are the real distribution and the orange outline the generator's, each with its smoothed density (solid blue, dashed orange). The green curve is the discriminator's verdict D(x) over the axis: training succeeds when it flattens at ½ because the two distributions coincide."
      }
      legend={SAMPLES_LEGEND}
      testId="distribution-plot"
      data={{
        'data-dimension': dimension,
        'data-iteration': snapshot?.iteration ?? 0,
        'data-generated-digest': snapshot ? digest(snapshot.generated) : '',
        'data-generated-count': snapshot ? snapshot.generated.length / dimension : 0,
        'data-field-cells': fields?.discriminator?.length ?? 0,
        'data-manifold-points': fields ? fields.manifold.length / dimension : 0,
        'data-push-arrows': fields ? fields.push.length / dimension : 0,
        'data-layers': LAYERS_OF_DIMENSION[dimension].filter((name) => layers[name]).join(' '),
      }}
      actions={
        <>
          <LayerToggles
            layers={layers}
            dimension={dimension}
            hasDiscriminator={hasDiscriminator}
            onChange={onLayers}
          />
          <SamplesCsvButton snapshot={snapshot} />
        </>
      }
      aspect={dimension === 2 ? 1 : 0.62}
    >
      {(size) =>
        snapshot ? (
          <DistributionPlot
            size={size}
            dimension={snapshot.dimension}
            real={snapshot.real}
            generated={snapshot.generated}
            fields={fields}
            layers={layers}
          />
        ) : (
          <p className="placeholder">Starting the training worker…</p>
        )
      }
    </ChartCard>
  );
}
