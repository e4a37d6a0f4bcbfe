import { useId, useState } from 'react';
import type { ConfigKey, PlaygroundConfig } from '../config/schema';
import { formatValue, parseValue } from '../config/url';
import type { CompareOverrides } from '../config/view';
import type { Snapshot } from '../worker/protocol';
import { ChartCard } from './charts/ChartCard';
import { CurveCard } from './charts/CurveCard';
import { type DistributionLayers, DistributionPlot } from './charts/DistributionPlot';
import { COLOURS, SAMPLES_LEGEND } from './charts/palette';
import type { TrainingHistory } from './history';
import { COMPARABLE_KEYS, describeCompare, settingName } from './settingNames';

/**
 * Two runs side by side on the same data and seed: this one (A) and one with a few settings
 * changed (B), each with its samples and the networks' views, and their MMD² and losses on the
 * same axes.
 */
export function CompareView({
  config,
  compare,
  snapshotA,
  snapshotB,
  historyA,
  historyB,
  layers,
  xDomain,
  onChange,
  onClose,
}: {
  config: PlaygroundConfig;
  compare: CompareOverrides;
  snapshotA: Snapshot | null;
  snapshotB: Snapshot | null;
  historyA: TrainingHistory;
  historyB: TrainingHistory;
  layers: DistributionLayers;
  xDomain: readonly [number, number];
  onChange: (compare: CompareOverrides) => void;
  onClose: () => void;
}) {
  const error = snapshotA?.compare?.error ?? null;
  const labelB = describeCompare(compare);
  const plot = (snapshot: Snapshot | null, title: string, testId: string) => (
    <ChartCard
      title={title}
      info="Real points in blue, generated ones in orange, with the discriminator's verdict and the generator's manifold behind them, as in the main plot."
      testId={testId}
      legend={SAMPLES_LEGEND}
      data={{
        'data-iteration': snapshot?.iteration ?? 0,
        'data-mmd': snapshot?.metrics ? snapshot.metrics.mmdSquared.toPrecision(4) : '',
        'data-generated-count': snapshot ? snapshot.generated.length / snapshot.dimension : 0,
      }}
      aspect={(snapshot?.dimension ?? 2) === 2 ? 1 : 0.62}
    >
      {(size) =>
        snapshot !== null && snapshot.generated.length > 0 ? (
          <DistributionPlot
            size={size}
            dimension={snapshot.dimension}
            real={snapshot.real}
            generated={snapshot.generated}
            fields={snapshot.fields}
            layers={layers}
          />
        ) : (
          <p className="placeholder">{error ?? 'Starting run B…'}</p>
        )
      }
    </ChartCard>
  );
  const mmdValue = (snapshot: Snapshot | null): string =>
    snapshot?.metrics ? snapshot.metrics.mmdSquared.toPrecision(3) : '—';
  return (
    <section className="compare" aria-label="Side-by-side comparison" data-testid="compare-view">
      <header className="compare-header">
        <h2>Side by side</h2>
        <p>
          <strong>A</strong>: this run. <strong>B</strong>: the same data and seed with{' '}
          <span data-testid="compare-label">{labelB}</span>.
        </p>
        <button type="button" className="small-button" onClick={onClose}>
          Stop comparing
        </button>
      </header>
      <CompareEditor config={config} compare={compare} onChange={onChange} />
      {error !== null && (
        <p className="compare-error" role="alert" data-testid="compare-error">
          {error}
        </p>
      )}
      <div className="compare-grid">
        {plot(snapshotA, `A · this run (MMD² ${mmdValue(snapshotA)})`, 'compare-a')}
        {plot(snapshotB, `B · ${labelB} (MMD² ${mmdValue(snapshotB)})`, 'compare-b')}
        <CurveCard
          title="MMD², A vs B"
          info="The Gaussian-kernel MMD² of each run's samples against the same real points: the lower curve is the run whose samples are closer to the data."
          testId="compare-mmd"
          yLabel="MMD²"
          xDomain={xDomain}
          initialScale="log"
          data={{ 'data-points-b': historyB.metrics.mmdSquared.x.length }}
          lines={[
            { label: 'A', colour: COLOURS.mmd, series: historyA.metrics.mmdSquared },
            { label: 'B', colour: COLOURS.mmd, series: historyB.metrics.mmdSquared, dashed: true },
          ]}
        />
        <CurveCard
          title="Generator loss, A vs B"
          info="Each run's generator loss, A solid and B dashed (losses of different objectives are not on the same scale)."
          testId="compare-loss"
          yLabel="L_G"
          xDomain={xDomain}
          lines={[
            { label: 'A', colour: COLOURS.generator, series: historyA.generatorLoss },
            { label: 'B', colour: COLOURS.generator, series: historyB.generatorLoss, dashed: true },
          ]}
        />
      </div>
    </section>
  );
}

/** Run B's changes as removable chips, and a form to change one more setting. */
function CompareEditor({
  config,
  compare,
  onChange,
}: {
  config: PlaygroundConfig;
  compare: CompareOverrides;
  onChange: (compare: CompareOverrides) => void;
}) {
  const [key, setKey] = useState<ConfigKey>('noiseSigma');
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const keyId = useId();
  const valueId = useId();
  const changed = COMPARABLE_KEYS.filter((k) => k in compare);
  const add = (): void => {
    const repaired = parseValue(key, text === '' ? formatValue(key, config[key]) : text);
    setNote(repaired.reason ?? null);
    onChange({ ...compare, [key]: repaired.value });
    setText('');
  };
  return (
    <div className="compare-editor">
      <ul className="compare-chips" aria-label="Run B's changes">
        {changed.map((k) => (
          <li key={k}>
            {settingName(k)} = {formatValue(k, compare[k] as PlaygroundConfig[typeof k])}
            <button
              type="button"
              aria-label={`Remove ${settingName(k)} from run B`}
              onClick={() => {
                const next = { ...compare };
                delete next[k];
                onChange(next);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="compare-form"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label htmlFor={keyId}>For run B, set</label>
        <select
          id={keyId}
          value={key}
          onChange={(event) => {
            setKey(event.currentTarget.value as ConfigKey);
            setNote(null);
          }}
        >
          {COMPARABLE_KEYS.map((k) => (
            <option key={k} value={k}>
              {settingName(k)}
            </option>
          ))}
        </select>
        <label htmlFor={valueId}>to</label>
        <input
          id={valueId}
          type="text"
          value={text}
          placeholder={formatValue(key, config[key])}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" className="small-button">
          Apply to B
        </button>
        {note !== null && (
          <span role="status" className="control-note">
            {note}
          </span>
        )}
      </form>
    </div>
  );
}
