import type { SnapshotMetrics } from '../worker/protocol';
import { InfoTip } from './charts/ChartCard';

interface Row {
  label: string;
  value: string;
  title: string;
}

const fmt = (value: number | null, digits = 3): string =>
  value === null ? '—' : Number.isFinite(value) ? value.toPrecision(digits) : String(value);

function rowsOf(m: SnapshotMetrics): Row[] {
  const rows: Row[] = [
    {
      label: `MMD² (h = ${m.kernelBandwidth})`,
      value: fmt(m.mmdSquared),
      title: 'Unbiased MMD² with the Gaussian kernel at your bandwidth (Gretton et al. 2012).',
    },
    {
      label: `MMD² (median h = ${fmt(m.medianBandwidth, 2)})`,
      value: fmt(m.mmdSquaredMedian),
      title: 'The same with the median-heuristic bandwidth: the median distance between points.',
    },
  ];
  if (m.wasserstein1 !== null) {
    rows.push({
      label: 'Wasserstein-1',
      value: fmt(m.wasserstein1),
      title: 'Exact earth-mover distance between the 1-D samples.',
    });
  }
  if (m.ks !== null) {
    rows.push({
      label: 'Kolmogorov–Smirnov',
      value: fmt(m.ks),
      title: 'Largest gap between the two empirical CDFs, in [0, 1].',
    });
  }
  if (m.slicedWasserstein !== null) {
    rows.push({
      label: 'Sliced Wasserstein-1',
      value: fmt(m.slicedWasserstein),
      title: 'Mean 1-D Wasserstein distance over random projections (Rabin et al. 2011).',
    });
  }
  if (m.modesCovered !== null) {
    rows.push(
      {
        label: 'Modes covered',
        value: `${m.modesCovered} / ${m.modeCount}`,
        title: 'Modes with at least one generated sample within 3 std of their centre.',
      },
      {
        label: 'High-quality samples',
        value: `${fmt((m.highQualityShare ?? 0) * 100, 3)} %`,
        title: 'Share of generated samples within 3 std of their nearest mode.',
      },
    );
  }
  rows.push(
    {
      label: 'KL(real ‖ generated)',
      value: fmt(m.kl),
      title: 'On a histogram grid; generated points off the grid count, in an extra cell.',
    },
    {
      label: 'Jensen–Shannon',
      value: fmt(m.js),
      title: 'On the same grid, in [0, ln 2 ≈ 0.693].',
    },
    {
      label: 'mean D(real) / D(fake)',
      value: m.meanDReal === null ? '—' : `${fmt(m.meanDReal)} / ${fmt(m.meanDFake)}`,
      title:
        'Mean discriminator output (a probability for cross-entropy losses, a score otherwise).',
    },
    {
      label: '‖∇G‖ / ‖∇D‖',
      value: `${fmt(m.generatorGradNorm)} / ${fmt(m.discriminatorGradNorm)}`,
      title: 'Norms of the gradients of each loss with respect to each network’s weights.',
    },
  );
  return rows;
}

/** The engine's metrics of the current run, as numbers with a note on each. */
export function MetricsPanel({ metrics }: { metrics: SnapshotMetrics | null }) {
  return (
    <section
      className="chart-card"
      aria-label="Metrics"
      data-testid="metrics"
      data-iteration={metrics?.iteration ?? ''}
      data-modes-covered={metrics?.modesCovered ?? ''}
      data-mode-count={metrics?.modeCount ?? ''}
    >
      <header className="chart-header">
        <h2>Metrics</h2>
        <InfoTip
          title="Metrics"
          text="The engine's distances between the plotted real and generated samples and its diagnostics of the two networks, measured about twice a second; hover a row for what it measures. Their history is drawn in the training curves above."
        />
        <span className="legend">
          {metrics ? `at iteration ${metrics.iteration.toLocaleString('en')}` : ''}
        </span>
      </header>
      {metrics === null ? (
        <p className="placeholder">Measured a few times a second once the run starts.</p>
      ) : (
        <dl className="metrics-list">
          {rowsOf(metrics).map((row) => (
            <div key={row.label} title={row.title} data-metric={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
