import { scaleLinear } from 'd3';
import { type ChangeEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from 'react';
import { MAX_CSV_BYTES, POINTS_FILE_HINT, parsePointsCsv } from '../config/data';
import type { UserPoints } from '../worker/protocol';
import { COLOURS } from './charts/palette';
import { readUploadText, withFileName } from './modelFiles';

interface PointsEditorProps {
  points: UserPoints | null;
  onChange: (points: UserPoints | null) => void;
}

const PAD = 260;
const EXTENT = 3;
/** Most points a drawing may hold; drawing past it keeps the pad responsive. */
const MAX_DRAWN = 5000;
/** Where pasted points come from, in the messages about them. */
const PASTED = 'the pasted text';
/** Pointer travel (in data units) between two drawn points. */
const SPACING = 0.04;

/**
 * The user's own data: draw on a pad (drag to spray points), paste CSV text, or upload a CSV
 * file. A refused file changes nothing and says which line is wrong.
 */
export function PointsEditor({ points, onChange }: PointsEditorProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [draft, setDraft] = useState<number[]>([]);
  const [drawing, setDrawing] = useState(false);
  const [csv, setCsv] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const scale = scaleLinear([-EXTENT, EXTENT], [0, PAD]);
  const lastPoint = useRef<[number, number] | null>(null);

  const digest = useMemo(() => (points === null ? '' : pointsDigest(points.values)), [points]);
  const shown = drawing ? draft : points?.dimension === 2 ? Array.from(points.values) : [];
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, PAD, PAD);
    context.strokeStyle = 'rgba(128,128,128,0.35)';
    context.beginPath();
    context.moveTo(scale(0), 0);
    context.lineTo(scale(0), PAD);
    context.moveTo(0, scale(0));
    context.lineTo(PAD, scale(0));
    context.stroke();
    context.fillStyle = COLOURS.real;
    for (let i = 0; i + 1 < shown.length; i += 2) {
      context.fillRect(
        scale(shown[i] as number) - 1.5,
        scale(-(shown[i + 1] as number)) - 1.5,
        3,
        3,
      );
    }
  }, [shown, scale]);

  const toData = (event: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = event.currentTarget.getBoundingClientRect();
    return [
      scale.invert(((event.clientX - box.left) / box.width) * PAD),
      -scale.invert(((event.clientY - box.top) / box.height) * PAD),
    ];
  };
  const addAt = (point: [number, number]): void => {
    const last = lastPoint.current;
    if (last !== null && Math.hypot(point[0] - last[0], point[1] - last[1]) < SPACING) return;
    lastPoint.current = point;
    setDraft((previous) => (previous.length / 2 >= MAX_DRAWN ? previous : [...previous, ...point]));
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    setDraft(points?.dimension === 2 ? Array.from(points.values) : []);
    setDrawing(true);
    lastPoint.current = null;
    addAt(toData(event));
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (drawing) addAt(toData(event));
  };
  const onPointerUp = (): void => {
    if (!drawing) return;
    setDrawing(false);
    // The worker restarts the run once per stroke, not once per drawn point.
    if (draft.length >= 4) {
      onChange({ dimension: 2, values: Float32Array.from(draft) });
      setMessage({ kind: 'ok', text: `${draft.length / 2} drawn points.` });
    }
  };

  const refuse = (problem: string): void => {
    // A problem with one line names it; a problem with the whole file gets what one should be.
    const hint = /\bline \d/.test(problem) ? '' : ` ${POINTS_FILE_HINT}`;
    setMessage({ kind: 'error', text: `${problem}${hint} Your points were kept.` });
  };
  const load = (text: string, source: string): void => {
    const result = parsePointsCsv(text);
    if (!result.ok) {
      // The parser speaks of "the file"; pasted text is not one.
      refuse(
        source === PASTED
          ? `Pasted text: ${result.error.replace(/^The file /, 'The text ')}`
          : `${source}: ${result.error}`,
      );
      return;
    }
    onChange(result.points);
    setMessage({
      kind: 'ok',
      text: `${result.rows.toLocaleString('en')} ${result.points.dimension}-D points loaded from ${source}.`,
    });
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (file === undefined) return;
    const read = await readUploadText(file, MAX_CSV_BYTES);
    if (!read.ok) {
      refuse(withFileName(file.name, read.error));
      return;
    }
    load(read.text, file.name);
  };

  return (
    <section
      className="chart-card points-editor"
      aria-label="Your points"
      data-testid="points-editor"
      data-points-digest={digest}
    >
      <header className="chart-header">
        <h2>Your points</h2>
        <span className="legend" data-testid="points-count">
          {points === null
            ? 'none yet'
            : `${points.values.length / points.dimension} points, ${points.dimension}-D`}
        </span>
      </header>
      <div className="points-layout">
        <canvas
          ref={canvasRef}
          width={PAD}
          height={PAD}
          className="points-pad"
          aria-label="Drawing pad: drag to add points"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
        <div className="points-inputs">
          <label htmlFor="points-csv">Paste CSV (x or x,y per line, header optional)</label>
          <textarea
            id="points-csv"
            rows={6}
            value={csv}
            spellCheck={false}
            onChange={(event) => setCsv(event.currentTarget.value)}
          />
          <div className="buttons">
            <button type="button" onClick={() => load(csv, PASTED)}>
              Use pasted points
            </button>
            <label className="file-button">
              Upload CSV…
              <input
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                onChange={(e) => void onFile(e)}
              />
            </label>
            <button
              type="button"
              onClick={() => {
                onChange(null);
                setMessage(null);
              }}
            >
              Clear
            </button>
          </div>
          {message && (
            <p
              className={message.kind === 'error' ? 'control-note' : 'control-help'}
              role="status"
              data-testid="points-message"
              data-kind={message.kind}
            >
              {message.text}
            </p>
          )}
          <p className="control-help">
            Drag on the pad to draw 2-D points; each stroke restarts training on them. Your points
            stay in this tab: a shared link carries every setting but not the points.
          </p>
        </div>
      </div>
    </section>
  );
}

/** A checksum of every coordinate, so a test can tell that the points did not change. */
function pointsDigest(values: Float32Array): string {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * ((i % 997) + 1);
  return `${values.length}:${sum.toFixed(4)}`;
}
