import { FIELDS } from '../../config/schema';
import type { Snapshot } from '../../worker/protocol';
import type { Size } from '../useElementSize';
import { type CurveMmd, KernelMatrixPanel } from './KernelMatrixPanel';
import { KernelWitness } from './KernelWitness';
import { kernelLayout, matrixPanelWidth, witnessPanelWidth } from './kernelLayout';

/** Points of each sample in the kernel matrix: [real; generated] makes a 2K × 2K matrix. */
export const KERNEL_MATRIX_POINTS = 64;

interface KernelViewProps {
  /** The card body's size: the view lays itself out in its width and takes the height it needs. */
  size: Size;
  snapshot: Snapshot;
  /** The kernel's bandwidth h. */
  bandwidth: number;
}

/**
 * The Gaussian kernel made visible: the kernel matrix of a batch of [real; generated] points
 * (its real–real, generated–generated and real–generated blocks are the three terms of MMD², and
 * their means are added up beside it), and the MMD witness function, what the kernel "sees",
 * with the samples on it, beside what the discriminator sees. Side by side on a wide card,
 * stacked on a phone.
 */
export function KernelView({ size, snapshot, bandwidth }: KernelViewProps) {
  const layout = kernelLayout(size.width);
  const dim = snapshot.dimension;
  const count = Math.min(
    KERNEL_MATRIX_POINTS,
    Math.floor(snapshot.real.length / dim),
    Math.floor(snapshot.generated.length / dim),
  );
  const metrics = snapshot.metrics;
  const curve: CurveMmd | null =
    metrics === null
      ? null
      : {
          value: metrics.mmdSquared,
          points: Math.floor(snapshot.real.length / dim),
          iteration: metrics.iteration,
          bandwidth: metrics.kernelBandwidth,
        };
  return (
    <div
      className={layout.stacked ? 'kernel-view kernel-view-stacked' : 'kernel-view'}
      data-layout={layout.stacked ? 'stacked' : 'side-by-side'}
    >
      <KernelMatrixPanel
        side={layout.matrixSide}
        width={layout.stacked ? layout.panelWidth : matrixPanelWidth(layout)}
        real={snapshot.real}
        generated={snapshot.generated}
        dim={dim}
        count={count}
        bandwidth={bandwidth}
        iteration={snapshot.iteration}
        curve={curve}
      />
      <KernelWitness
        side={layout.witnessSide}
        width={layout.stacked ? layout.panelWidth : witnessPanelWidth(layout)}
        dim={dim}
        real={snapshot.real}
        generated={snapshot.generated}
        fields={snapshot.fields}
      />
    </div>
  );
}

/** The bandwidth slider: logarithmic over the schema's range, so small h are reachable. */
export function BandwidthSlider({
  value,
  onChange,
}: {
  value: number;
  onChange: (h: number) => void;
}) {
  const { min, max } = FIELDS.kernelBandwidth;
  const toSlider = (h: number) => Math.log(h / min) / Math.log(max / min);
  const fromSlider = (t: number) => Number((min * (max / min) ** t).toPrecision(2));
  return (
    <label className="chart-toggle bandwidth-slider">
      h = {value}
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={toSlider(value)}
        aria-label="Kernel bandwidth h"
        onChange={(event) => onChange(fromSlider(Number(event.currentTarget.value)))}
      />
    </label>
  );
}
