import {
  type ChangeEvent,
  memo,
  type PointerEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { MAX_CSV_BYTES, POINTS_FILE_HINT, parsePointsCsv } from '../config/data';
import type { UserPoints } from '../worker/protocol';
import { COLOURS } from './charts/palette';
import { readUploadText, withFileName } from './modelFiles';
import {
  DOT,
  LayerCache,
  MAX_PAD_POINTS,
  PAD,
  padToData,
  padX,
  padY,
  pointsRaster,
  strokeOutcome,
} from './pointsLayer';

interface PointsEditorProps {
  points: UserPoints | null;
  onChange: (points: UserPoints | null) => void;
}

/** Where pasted points come from, in the messages about them. */
const PASTED = 'the pasted text';
/** Pointer travel (in data units) between two drawn points. */
const SPACING = 0.04;

/**
 * The user's own data: draw on a pad (drag to spray points), paste CSV text, or upload a CSV
 * file. A refused file changes nothing and says which line is wrong. The pad draws the points
 * once per change into a cached layer (src/ui/pointsLayer.ts), never per snapshot: the page
 * re-renders at every snapshot, and 100 000 points redrawn each time cost it most of its frames.
 */
export const PointsEditor = memo(function PointsEditor({ points, onChange }: PointsEditorProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  /** The stroke being drawn, as the points it adds (row-major x, y); null between strokes. */
  const stroke = useRef<{ added: number[]; capped: boolean } | null>(null);
  const [csv, setCsv] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const lastPoint = useRef<[number, number] | null>(null);
  const layers = useRef(new LayerCache(pointsLayer));

  const digest = useMemo(() => (points === null ? '' : pointsDigest(points.values)), [points]);
  /** 2-D points kept by a stroke; 1-D ones are replaced by it (and not shown on the pad). */
  const base = points?.dimension === 2 ? points.values : null;
  useEffect(() => repaintPad(canvasRef.current, layers.current, base), [base]);

  const toData = (event: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = event.currentTarget.getBoundingClientRect();
    return padToData(
      ((event.clientX - box.left) / box.width) * PAD,
      ((event.clientY - box.top) / box.height) * PAD,
    );
  };
  /** Adds a point to the stroke and draws it alone on top of the pad: O(1) per point. */
  const addAt = (point: [number, number]): void => {
    const current = stroke.current;
    if (current === null) return;
    const last = lastPoint.current;
    if (last !== null && Math.hypot(point[0] - last[0], point[1] - last[1]) < SPACING) return;
    lastPoint.current = point;
    if ((base?.length ?? 0) / 2 + current.added.length / 2 >= MAX_PAD_POINTS) {
      current.capped = true;
      return;
    }
    current.added.push(point[0], point[1]);
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = COLOURS.real;
    context.fillRect(padX(point[0]) - DOT / 2, padY(point[1]) - DOT / 2, DOT, DOT);
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    stroke.current = { added: [], capped: false };
    lastPoint.current = null;
    addAt(toData(event));
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    addAt(toData(event));
  };
  const onPointerUp = (): void => {
    const current = stroke.current;
    if (current === null) return;
    stroke.current = null;
    const kept = (base?.length ?? 0) / 2;
    const replaced = points !== null && base === null ? points.values.length : 0;
    const outcome = strokeOutcome(kept, current.added.length / 2, current.capped, replaced);
    setMessage({ kind: outcome.kind, text: outcome.text });
    if (!outcome.commit) {
      // The stroke's own points were drawn on the pad: take them off again.
      if (current.added.length > 0) repaintPad(canvasRef.current, layers.current, base);
      return;
    }
    // The worker restarts the run once per stroke, not once per drawn point.
    const values = new Float32Array(2 * kept + current.added.length);
    if (base !== null) values.set(base);
    values.set(current.added, 2 * kept);
    onChange({ dimension: 2, values });
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
});

/**
 * The pad's axes and the cached layer of the points over them (built only when the points
 * changed). Counts its calls in data-redraws and the layers built in data-layer-builds, plain
 * attributes React does not own, for the e2e tests: one of each per change of the points.
 */
function repaintPad(
  canvas: HTMLCanvasElement | null,
  layers: LayerCache<HTMLCanvasElement>,
  values: Float32Array | null,
): void {
  const context = canvas?.getContext('2d');
  if (!canvas || !context) return;
  const layer = layers.layerFor(values);
  canvas.dataset.redraws = String(Number(canvas.dataset.redraws ?? '0') + 1);
  canvas.dataset.layerBuilds = String(layers.builds);
  context.clearRect(0, 0, PAD, PAD);
  context.strokeStyle = 'rgba(128,128,128,0.35)';
  context.beginPath();
  context.moveTo(padX(0), 0);
  context.lineTo(padX(0), PAD);
  context.moveTo(0, padY(0));
  context.lineTo(PAD, padY(0));
  context.stroke();
  if (layer !== null) context.drawImage(layer, 0, 0);
}

/** The points as a canvas holding their raster, built once per change of the points. */
function pointsLayer(values: Float32Array): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = PAD;
  canvas.height = PAD;
  canvas
    .getContext('2d')
    ?.putImageData(new ImageData(pointsRaster(values, COLOURS.real), PAD), 0, 0);
  return canvas;
}

/** A checksum of every coordinate, so a test can tell that the points did not change. */
function pointsDigest(values: Float32Array): string {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * ((i % 997) + 1);
  return `${values.length}:${sum.toFixed(4)}`;
}
