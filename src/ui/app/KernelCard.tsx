import type { Snapshot } from '../../worker/protocol';
import { ChartCard } from '../charts/ChartCard';
import { BandwidthSlider, KernelView } from '../charts/KernelView';
import { COLOURS } from '../charts/palette';

export interface KernelCardProps {
  snapshot: Snapshot | null;
  bandwidth: number;
  onBandwidth: (h: number) => void;
}

/** The Gaussian kernel between real and generated samples, its witness, and the bandwidth h. */
export function KernelCard({ snapshot, bandwidth, onBandwidth }: KernelCardProps) {
  return (
    <ChartCard
      title="The Gaussian kernel, made visible"
      info="First, the kernel between every pair of a batch of real and generated points, each block labelled with its mean: MMD² is the mean of the real–real block plus the generated–generated block minus twice the real–generated one, so it vanishes when the blocks look alike. Beside it (below it on a phone), the witness function the kernel uses to tell the samples apart, with the samples on it, to set beside the discriminator's heatmap; the slider changes h live."
      legend={[
        { label: 'more real', colour: COLOURS.real },
        { label: 'more generated', colour: COLOURS.generated },
      ]}
      testId="kernel-view"
      data={{
        'data-bandwidth': bandwidth,
        'data-witness-cells': snapshot?.fields?.witness.length ?? 0,
      }}
      actions={<BandwidthSlider value={bandwidth} onChange={onBandwidth} />}
    >
      {(size) =>
        snapshot ? <KernelView size={size} snapshot={snapshot} bandwidth={bandwidth} /> : null
      }
    </ChartCard>
  );
}
