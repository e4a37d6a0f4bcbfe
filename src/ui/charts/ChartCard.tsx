import { type ReactNode, useContext, useEffect, useId, useRef, useState } from 'react';
import { ViewBoundary } from '../ErrorBoundary';
import { useDismiss } from '../useDismiss';
import { type Size, useElementSize } from '../useElementSize';
import { useInSight, useSightGated } from '../useVisible';
import { chartToSvg, downloadBlob, svgToPng } from './exportChart';
import { exportFileName, FileStampContext } from './fileStamp';

export interface LegendItem {
  label: string;
  colour: string;
  /** Shown as a dashed line (the chart draws that series dashed). */
  dashed?: boolean;
}

interface ChartCardProps {
  title: string;
  /** Two sentences on what the chart shows, in the card's info tooltip. */
  info: string;
  legend: readonly LegendItem[];
  testId: string;
  /** Extra attributes describing the drawn data, for tests and assistive tech. */
  data?: Record<`data-${string}`, string | number>;
  /** Fixed aspect ratio (height / width) of the plot area; otherwise the CSS height. */
  aspect?: number;
  actions?: ReactNode;
  /** Whether "Export" offers PNG and SVG files of the chart (default true). */
  exportable?: boolean;
  children: (size: Size) => ReactNode;
}

/**
 * A titled, self-sizing chart container with a legend, an info tooltip and PNG/SVG export. The
 * card's element carries the id `view-<testId>` so the model overview can bring it into focus.
 * Its plot redraws only while the card is in sight (../useVisible); its header and `data`
 * attributes always follow the latest state.
 */
export function ChartCard({
  title,
  info,
  legend,
  testId,
  data,
  aspect,
  actions,
  exportable = true,
  children,
}: ChartCardProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const plotSize =
    aspect === undefined ? size : { width: size.width, height: Math.round(size.width * aspect) };
  const [sightRef, inSight] = useInSight<HTMLElement>();
  const plot = useSightGated(inSight, () =>
    plotSize.width > 0 && plotSize.height > 0 ? children(plotSize) : null,
  );
  return (
    <section
      ref={sightRef}
      className="chart-card"
      id={`view-${testId}`}
      tabIndex={-1}
      data-testid={testId}
      aria-label={title}
      data-draws={plot.draws}
      data-in-sight={inSight}
      {...data}
    >
      <header className="chart-header">
        <h2 title={title}>{title}</h2>
        <InfoTip title={title} text={info} />
        <ul className="legend">
          {legend.map((item) => (
            <li key={item.label}>
              <span
                className={item.dashed ? 'swatch swatch-dashed' : 'swatch'}
                style={item.dashed ? { borderColor: item.colour } : { background: item.colour }}
                aria-hidden="true"
              />
              {item.label}
            </li>
          ))}
        </ul>
        <div className="chart-actions">
          {actions}
          {exportable && (
            <ExportMenu
              name={testId}
              title={title}
              onExport={() => {
                const body = ref.current;
                return body === null ? null : chartToSvg(body, title, legend);
              }}
            />
          )}
        </div>
      </header>
      <div
        ref={ref}
        className={aspect === undefined ? 'chart-body' : 'chart-body chart-body-square'}
        style={aspect === undefined ? undefined : { height: plotSize.height }}
      >
        <ViewBoundary name={title}>{plot.content}</ViewBoundary>
      </div>
    </section>
  );
}

/**
 * An "i" button whose tooltip says what the view shows: on hover and keyboard focus, and pinned
 * open by a click or tap (Escape or a click elsewhere closes it). The text is also the button's
 * accessible description.
 */
export function InfoTip({ title, text }: { title: string; text: string }) {
  const [pinned, setPinned] = useState(false);
  // Escape hides a tooltip shown by hover or focus too, until the pointer or focus leaves.
  const [dismissed, setDismissed] = useState(false);
  const id = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!pinned) return;
    const onPointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node && wrapper.current?.contains(event.target))) {
        setPinned(false);
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [pinned]);
  return (
    <span className="info" ref={wrapper} data-open={pinned} data-dismissed={dismissed}>
      <button
        type="button"
        className="info-button"
        aria-label={`About “${title}”`}
        aria-describedby={id}
        aria-expanded={pinned}
        onClick={() => {
          setPinned((p) => !p);
          setDismissed(false);
        }}
        onPointerLeave={() => setDismissed(false)}
        onBlur={() => setDismissed(false)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          setPinned(false);
          setDismissed(true);
        }}
      >
        i
      </button>
      <span role="tooltip" id={id} className="info-popover">
        {text}
      </span>
    </span>
  );
}

/** Idle, working, or why the last export failed. */
type ExportStatus = 'idle' | 'working' | { failed: string };

/** "Export ▾" with PNG and SVG: the chart as drawn now, title and legend included. */
function ExportMenu({
  name,
  title,
  onExport,
}: {
  name: string;
  title: string;
  onExport: () => ReturnType<typeof chartToSvg> | null;
}) {
  const [status, setStatus] = useState<ExportStatus>('idle');
  const [open, setOpen] = useState(false);
  const stamp = useContext(FileStampContext);
  const wrapper = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useDismiss(
    wrapper,
    () => open,
    (refocus) => {
      setOpen(false);
      if (refocus) wrapper.current?.querySelector<HTMLButtonElement>('.export-trigger')?.focus();
    },
  );
  const save = async (format: 'png' | 'svg'): Promise<void> => {
    setStatus('working');
    try {
      const chart = onExport();
      if (chart === null) throw new Error('the chart is not drawn yet; try again in a moment');
      const blob =
        format === 'svg' ? new Blob([chart.svg], { type: 'image/svg+xml' }) : await svgToPng(chart);
      downloadBlob(blob, exportFileName(name, stamp, format));
      setStatus('idle');
      setOpen(false);
    } catch (error) {
      console.warn('Chart export failed:', error);
      const reason = error instanceof Error ? error.message : String(error);
      setStatus({ failed: reason === '' ? 'an unknown error' : reason });
    }
  };
  return (
    <div className="export-menu" ref={wrapper} data-open={open}>
      <button
        type="button"
        className="export-trigger"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Export “${title}”`}
        title="Export this chart as PNG or SVG"
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true">⤓</span>
      </button>
      <div className="export-options" id={panelId} hidden={!open}>
        <button type="button" className="small-button" onClick={() => void save('png')}>
          PNG
        </button>
        <button type="button" className="small-button" onClick={() => void save('svg')}>
          SVG
        </button>
        {typeof status === 'object' && (
          <span role="alert" data-testid="export-error">
            The image could not be made: {status.failed.replace(/[.!?]$/, '')}. Nothing was saved.
          </span>
        )}
      </div>
    </div>
  );
}
