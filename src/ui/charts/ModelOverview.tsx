import { extent, scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { PlaygroundConfig } from '../../config/schema';
import { plotDomain } from '../../engine/view';
import type { Snapshot } from '../../worker/protocol';
import type { TrainingHistory } from '../history';
import type { Narration, NarrationBox } from '../slowMotion';
import { useInSight, useSightGated } from '../useVisible';
import { InfoTip } from './ChartCard';
import { discriminatorImage, divergingImage, maxAbs, polyline } from './fieldDrawing';
import {
  BOX,
  curvePath,
  dots,
  histogramPath,
  OverviewNode,
  type Point,
  THUMB,
  Thumb,
} from './overviewParts';
import { COLOURS } from './palette';
import { pngDataUrl } from './pngDataUrl';
import { decimateM4 } from './series';

/** The views a box of the overview can bring into focus (ids of their chart cards). */
export type OverviewTarget =
  | { view: 'distribution-plot'; layer?: 'discriminator' | 'manifold' }
  | { view: 'noise-view' | 'kernel-view' | 'loss-chart' };

interface ModelOverviewProps {
  config: PlaygroundConfig;
  snapshot: Snapshot | null;
  history: TrainingHistory;
  onFocus: (target: OverviewTarget) => void;
  /** The phase slow motion is narrating: its boxes light up and its text shows below. */
  narration?: Narration | null;
}

/** Where each box sits in the 800 × 250 diagram (top-left corners). */
const LAYOUT = {
  noise: [8, 64],
  generator: [166, 64],
  generated: [336, 6],
  real: [336, 122],
  judge: [506, 64],
  losses: [670, 64],
} as const satisfies Record<string, Point>;

const right = ([x, y]: Point): Point => [x + BOX.width, y + BOX.height / 2];
const left = ([x, y]: Point): Point => [x, y + BOX.height / 2];

/** A flow arrow between two anchor points, bent smoothly when they are at different heights. */
function arrowPath([x0, y0]: Point, [x1, y1]: Point): string {
  const mid = (x0 + x1) / 2;
  return `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1 - 2},${y1}`;
}

const NOISE_LABEL: Record<PlaygroundConfig['noiseDistribution'], string> = {
  gaussian: 'N(0, σ²)',
  uniform: 'U(±√3σ)',
};

/**
 * The model as a data flow, noise → G → samples → D (or the kernel) ← real data → losses, each box
 * a live thumbnail of its current state and a button that brings its full view into focus. Its
 * thumbnails redraw only while it is in sight (../useVisible).
 */
export function ModelOverview(props: ModelOverviewProps) {
  const [ref, inSight] = useInSight<HTMLElement>();
  const body = useSightGated(inSight, () => <OverviewBody {...props} />);
  return (
    <section
      ref={ref}
      className="chart-card overview"
      aria-label="Model overview"
      data-testid="model-overview"
      data-draws={body.draws}
      data-in-sight={inSight}
    >
      {body.content}
    </section>
  );
}

/** The overview's header, diagram and narration. */
function OverviewBody({
  config,
  snapshot,
  history,
  onFocus,
  narration = null,
}: ModelOverviewProps) {
  const fields = snapshot?.fields ?? null;
  const lit = (box: NarrationBox): boolean => narration?.boxes.includes(box) ?? false;
  const d = snapshot?.dimension ?? 2;
  const domain = useMemo(
    () =>
      fields?.domain ??
      (snapshot ? plotDomain(snapshot.real, snapshot.generated, snapshot.dimension) : []),
    [fields, snapshot],
  );
  const kernelOnly = config.objective === 'mmd';
  const judgeImage = useMemo(() => {
    if (fields === null || d !== 2) return null;
    if (kernelOnly) {
      const reach = maxAbs(fields.witness) || 1;
      const image = divergingImage(
        fields.resolution,
        (c) => (fields.witness[c] ?? 0) / reach,
        0.85,
      );
      return pngDataUrl(image.width, image.height, image.data);
    }
    const image = discriminatorImage(fields, 0.7);
    // Encoded in JavaScript: a canvas's toDataURL is a synchronous GPU round trip per snapshot.
    return image === null ? null : pngDataUrl(image.width, image.height, image.data);
  }, [fields, d, kernelOnly]);

  const lossSparks = useMemo(() => {
    const series = [
      ...(kernelOnly ? [] : [{ colour: COLOURS.discriminator, s: history.discriminatorLoss }]),
      { colour: COLOURS.generator, s: history.generatorLoss },
    ];
    const ys = series.flatMap(({ s }) => s.y).filter(Number.isFinite);
    const [lo = 0, hi = 1] = extent(ys);
    const last = history.lastIteration || 1;
    const x = scaleLinear([0, last], [2, THUMB.width - 2]);
    const y = scaleLinear([lo, hi === lo ? lo + 1 : hi], [THUMB.height - 3, 3]);
    return series.map(({ colour, s }) => ({
      colour,
      path: polyline(
        decimateM4(s.x, s.y, x).map((i) => [x(s.x[i] ?? 0), y(s.y[i] ?? Number.NaN)] as const),
      ),
    }));
  }, [history, kernelOnly]);

  const noisePath = useMemo(() => {
    const reach = 3;
    const steps = 48;
    const density = (z: number) =>
      config.noiseDistribution === 'gaussian'
        ? Math.exp(-0.5 * z * z)
        : Math.abs(z) <= Math.sqrt(3)
          ? 0.75
          : 0;
    const x = scaleLinear([-reach, reach], [0, THUMB.width]);
    const y = scaleLinear([0, 1], [THUMB.height - 2, 8]);
    return polyline(
      Array.from({ length: steps + 1 }, (_, i) => {
        const z = -reach + (2 * reach * i) / steps;
        return [x(z), y(density(z))] as const;
      }),
    );
  }, [config.noiseDistribution]);

  const manifoldPaths = useMemo(() => {
    if (fields === null) return [];
    const n = fields.manifoldResolution;
    if (d === 1) return [curvePath(fields.manifold, false)];
    const [dx = [-1, 1], dy = [-1, 1]] = fields.domain;
    const x = scaleLinear(dx, [0, THUMB.width]);
    const y = scaleLinear(dy, [THUMB.height, 0]);
    const at = (k: number) =>
      [
        x(fields.manifold[2 * k] ?? Number.NaN),
        y(fields.manifold[2 * k + 1] ?? Number.NaN),
      ] as const;
    if (fields.manifoldAxes === 1) return [polyline(Array.from({ length: n }, (_, k) => at(k)))];
    // Every other grid line each way: the mesh stays legible at thumbnail size.
    const lines: string[] = [];
    for (let r = 0; r < n; r += 2) {
      lines.push(polyline(Array.from({ length: n }, (_, c) => at(r * n + c))));
      lines.push(polyline(Array.from({ length: n }, (_, c) => at(c * n + r))));
    }
    return lines;
  }, [fields, d]);

  const sampleThumb = (points: Float32Array | undefined, colour: string) => {
    if (points === undefined) return null;
    if (d === 1) {
      return (
        <path d={histogramPath(points, domain[0] ?? [-1, 1])} fill={colour} fillOpacity={0.6} />
      );
    }
    // One path of small discs: a single element however many points.
    const r = 1.3;
    const discs = dots(points, 2, domain, 160)
      .map(
        ([x, y]) =>
          `M${(x - r).toFixed(1)},${y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`,
      )
      .join('');
    return <path d={discs} fill={colour} />;
  };

  const latest = (s: { y: number[] }) => {
    const v = s.y[s.y.length - 1];
    return v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2);
  };
  const judgeTitle = kernelOnly
    ? 'Kernel k'
    : config.objective === 'wasserstein'
      ? 'Critic D'
      : 'Discriminator D';
  const judgeSubtitle = kernelOnly
    ? `witness, h = ${config.kernelBandwidth}`
    : config.packing > 1
      ? `${config.discriminatorLayers.join('·')} · packs ${config.packing}`
      : config.discriminatorLayers.join(' · ');

  return (
    <>
      <header className="chart-header">
        <h2>The model</h2>
        <InfoTip
          title="The model"
          text={`Each iteration draws noise z, the generator G turns it into samples, and ${kernelOnly ? 'the Gaussian kernel compares them with real data' : `the ${judgeTitle.toLowerCase()} scores them against real data`}; the losses' gradients then update ${kernelOnly ? 'G' : 'D, then G'}. Every box shows its current state: click one to open its full view.`}
        />
        <span className="legend">click a box to focus its view</span>
      </header>
      <div className="overview-scroll">
        <svg viewBox="0 0 800 250" className="overview-diagram">
          <title>Data flow of one training iteration</title>
          <defs>
            <marker
              id="overview-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0L10,5L0,10Z" className="overview-arrowhead" />
            </marker>
          </defs>
          {[
            [right(LAYOUT.noise), left(LAYOUT.generator)],
            [right(LAYOUT.generator), left(LAYOUT.generated)],
            [right(LAYOUT.generated), left(LAYOUT.judge)],
            [right(LAYOUT.real), left(LAYOUT.judge)],
            [right(LAYOUT.judge), left(LAYOUT.losses)],
          ].map(([from, to]) => (
            <path
              key={`${from}-${to}`}
              d={arrowPath(from as Point, to as Point)}
              className="overview-arrow"
              markerEnd="url(#overview-arrow)"
            />
          ))}
          <OverviewNode
            at={LAYOUT.noise}
            title="Noise z"
            subtitle={`${NOISE_LABEL[config.noiseDistribution]}, σ = ${config.noiseSigma}`}
            action="Show the noise view."
            testId="overview-noise"
            active={lit('noise')}
            onActivate={() => onFocus({ view: 'noise-view' })}
          >
            <Thumb label="noise">
              <path d={noisePath} fill={COLOURS.mmd} fillOpacity={0.3} stroke={COLOURS.mmd} />
            </Thumb>
          </OverviewNode>
          <OverviewNode
            at={LAYOUT.generator}
            title="Generator G"
            subtitle={`${config.noiseDimension}-D → ${config.generatorLayers.join('·')} → ${d}-D`}
            action={d === 2 ? 'Show its manifold over the samples.' : 'Show its map z → G(z).'}
            testId="overview-generator"
            active={lit('generator')}
            onActivate={() =>
              onFocus(
                d === 2 ? { view: 'distribution-plot', layer: 'manifold' } : { view: 'noise-view' },
              )
            }
          >
            <Thumb label="manifold">
              <path
                d={manifoldPaths.join('')}
                fill="none"
                stroke={d === 2 ? '#8a93a6' : COLOURS.generated}
                strokeWidth={d === 2 ? 0.6 : 1.6}
              />
            </Thumb>
          </OverviewNode>
          <OverviewNode
            at={LAYOUT.generated}
            title="Generated G(z)"
            subtitle={`${snapshot ? snapshot.generated.length / d : 0} samples`}
            action="Show real vs generated."
            testId="overview-generated"
            active={lit('generated')}
            onActivate={() => onFocus({ view: 'distribution-plot' })}
          >
            <Thumb label="generated">{sampleThumb(snapshot?.generated, COLOURS.generated)}</Thumb>
          </OverviewNode>
          <OverviewNode
            at={LAYOUT.real}
            title="Real data x"
            subtitle={`${d}-D, ${snapshot ? snapshot.real.length / d : 0} shown`}
            action="Show real vs generated."
            testId="overview-real"
            active={lit('real')}
            onActivate={() => onFocus({ view: 'distribution-plot' })}
          >
            <Thumb label="real">{sampleThumb(snapshot?.real, COLOURS.real)}</Thumb>
          </OverviewNode>
          <OverviewNode
            at={LAYOUT.judge}
            title={judgeTitle}
            subtitle={judgeSubtitle}
            action={kernelOnly ? 'Show the kernel view.' : 'Show its verdict over the samples.'}
            testId="overview-judge"
            active={lit('judge')}
            onActivate={() =>
              onFocus(
                kernelOnly
                  ? { view: 'kernel-view' }
                  : { view: 'distribution-plot', layer: 'discriminator' },
              )
            }
          >
            <Thumb label="judge">
              {judgeImage !== null && (
                <image
                  href={judgeImage}
                  width={THUMB.width}
                  height={THUMB.height}
                  preserveAspectRatio="none"
                />
              )}
              {fields !== null && d === 1 && (
                <path
                  d={curvePath(
                    kernelOnly ? fields.witness : (fields.discriminator ?? []),
                    kernelOnly,
                  )}
                  fill="none"
                  stroke={kernelOnly ? COLOURS.mmd : COLOURS.discriminator}
                  strokeWidth={1.6}
                />
              )}
              {!kernelOnly && fields !== null && fields.discriminator === null && (
                <text
                  x={THUMB.width / 2}
                  y={THUMB.height / 2 + 4}
                  textAnchor="middle"
                  className="overview-subtitle"
                >
                  judges packs
                </text>
              )}
            </Thumb>
          </OverviewNode>
          <OverviewNode
            at={LAYOUT.losses}
            title="Losses"
            subtitle={
              kernelOnly
                ? `L_G ${latest(history.generatorLoss)}`
                : `L_D ${latest(history.discriminatorLoss)} · L_G ${latest(history.generatorLoss)}`
            }
            action="Show the loss curves."
            testId="overview-losses"
            active={lit('losses')}
            onActivate={() => onFocus({ view: 'loss-chart' })}
          >
            <Thumb label="losses">
              {lossSparks.map((spark) => (
                <path
                  key={spark.colour}
                  d={spark.path}
                  fill="none"
                  stroke={spark.colour}
                  strokeWidth={1.3}
                />
              ))}
            </Thumb>
          </OverviewNode>
          <text x={400} y={246} textAnchor="middle" className="overview-caption">
            {kernelOnly
              ? 'gradients of L_G = MMD² flow back into G'
              : `gradients flow back: ${config.discriminatorSteps} update${config.discriminatorSteps > 1 ? 's' : ''} of D, then 1 of G, per iteration`}
          </text>
        </svg>
      </div>
      {narration !== null && (
        <p
          className="overview-narration"
          aria-live="polite"
          data-testid="narration"
          data-phase={narration.phase}
        >
          <strong>{narration.title}.</strong> {narration.text}
        </p>
      )}
    </>
  );
}
