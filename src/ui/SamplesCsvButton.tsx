import { useState } from 'react';
import type { Snapshot } from '../worker/protocol';
import { downloadBlob } from './charts/exportChart';
import { sentence } from './scriptFiles';

/**
 * The plotted samples as CSV: a header (kind, x1[, x2]), then one row per real and per generated
 * point.
 */
export function samplesCsv(snapshot: Pick<Snapshot, 'dimension' | 'real' | 'generated'>): string {
  const d = snapshot.dimension;
  const header = ['kind', ...Array.from({ length: d }, (_, c) => `x${c + 1}`)].join(',');
  const rows = (kind: string, points: Float32Array) =>
    Array.from({ length: Math.floor(points.length / d) }, (_, i) =>
      [kind, ...Array.from(points.subarray(i * d, i * d + d), (v) => String(v))].join(','),
    );
  return [header, ...rows('real', snapshot.real), ...rows('generated', snapshot.generated)]
    .join('\n')
    .concat('\n');
}

/** "Samples CSV": downloads the plotted points, named after the iteration, or says why not. */
export function SamplesCsvButton({ snapshot }: { snapshot: Snapshot | null }) {
  const [failure, setFailure] = useState<string | null>(null);
  const save = (): void => {
    if (snapshot === null) return;
    try {
      downloadBlob(
        new Blob([samplesCsv(snapshot)], { type: 'text/csv' }),
        `gan-samples-iteration-${snapshot.iteration}.csv`,
      );
      setFailure(null);
    } catch (error) {
      setFailure(`The samples could not be saved: ${sentence(error)}`);
    }
  };
  return (
    <>
      <button
        type="button"
        className="small-button"
        disabled={snapshot === null}
        onClick={save}
        title="The plotted real and generated points as CSV"
      >
        Samples CSV
      </button>
      {failure !== null && (
        <span role="alert" className="control-note">
          {failure}
        </span>
      )}
    </>
  );
}
