import type { ReactNode } from 'react';
import type { ShowableView } from '../../config/view';
import { PointsEditor } from '../PointsEditor';
import { useElementSize } from '../useElementSize';
import { EmbedHeader } from './AppHeader';
import { DistributionCard } from './DistributionCard';
import { ShownView } from './ShownView';
import { useCardChrome } from './useCardChrome';
import type { PlaygroundViews } from './usePlayground';

/** What an embed shows beside the plot when its link chooses nothing (`show=`). */
export const EMBED_DEFAULT_VIEWS: readonly ShowableView[] = ['losses'];

/** The narrowest column the extra views get beside the plot; narrower, they go below it. */
const MIN_SIDE_WIDTH = 200;
/** The share of a wide frame's width that the extra views take at least. */
const SIDE_SHARE = 0.38;
/** The smallest plot an embed draws, however short the frame. */
const MIN_PLOT_WIDTH = 160;
/** The gap between the plot and the extra views (the CSS's `.embed-body` gap). */
const GAP = 10;
/** A card's horizontal padding and border in an embed (`.is-embed .chart-card`). */
const CARD_PADDING_X = 22;

export interface EmbedLayoutProps extends PlaygroundViews {
  /** The compact toolbar (Play, Step, Reset, the iteration). */
  toolbar: ReactNode;
  /** The link's fixes and the run's banners, above the toolbar. */
  banners: ReactNode;
}

/**
 * An embed (`embed=1`) for an iframe: a one-line header, a compact toolbar, and the main plot
 * sized to the frame's height so that it is never cut, with the views chosen by `show=` beside it
 * in their own scrolling column (below it when the frame is too narrow for both).
 */
export function EmbedLayout({
  playground,
  snapshot,
  dimension,
  xDomain,
  toolbar,
  banners,
}: EmbedLayoutProps) {
  const { config, view, hidden } = playground;
  const [bodyRef, body] = useElementSize<HTMLDivElement>();
  const [mainRef, chrome] = useCardChrome(64);
  const chosen = view.show.length > 0 ? view.show : EMBED_DEFAULT_VIEWS;
  const extras = chosen.filter((name) => !view.hide.includes(name));
  const showsPoints = config.dataset === 'points' && !hidden('points');
  const hasSide = extras.length > 0 || showsPoints;
  const aspect = dimension === 2 ? 1 : 0.62;
  // The widest plot whose height (with its card's title row) fits the frame's height.
  const fitting = Math.max(
    MIN_PLOT_WIDTH,
    Math.floor((body.height - chrome) / aspect) + CARD_PADDING_X,
  );
  // Beside the plot when the frame is wide enough for two columns; the views get at least
  // MIN_SIDE_WIDTH and up to SIDE_SHARE of the width, the plot the rest (at most what fits).
  const sideBySide = hasSide && body.width >= 2 * MIN_SIDE_WIDTH + GAP;
  const sideWidth = Math.max(MIN_SIDE_WIDTH, Math.round(body.width * SIDE_SHARE));
  const plotWidth = Math.min(fitting, sideBySide ? body.width - GAP - sideWidth : body.width);
  return (
    <>
      <EmbedHeader />
      {banners}
      {toolbar}
      <div
        ref={bodyRef}
        className={sideBySide ? 'embed-body is-side-by-side' : 'embed-body'}
        style={sideBySide ? { gridTemplateColumns: `${plotWidth}px minmax(0, 1fr)` } : undefined}
      >
        <div
          ref={mainRef}
          className="embed-main"
          style={body.width > 0 ? { width: plotWidth } : undefined}
        >
          <DistributionCard
            snapshot={snapshot}
            dimension={dimension}
            layers={view.layers}
            hasDiscriminator={config.objective !== 'mmd'}
            onLayers={(next) => playground.setLayers(() => next)}
          />
        </div>
        {hasSide && (
          <section className="embed-side" aria-label="More views">
            {showsPoints && (
              <PointsEditor points={playground.points} onChange={playground.setPoints} />
            )}
            {extras.map((name) => (
              <ShownView
                key={name}
                name={name}
                playground={playground}
                snapshot={snapshot}
                dimension={dimension}
                xDomain={xDomain}
              />
            ))}
          </section>
        )}
      </div>
    </>
  );
}
