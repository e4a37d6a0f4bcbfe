import { type ReactNode, useMemo } from 'react';
import { curveScale, withCurveScale } from '../config/view';
import type { Playground } from './app/usePlayground';
import { HoverContext, type HoverStore } from './charts/hover';
import { type CurveScales, CurveScalesContext, ShownIterationContext } from './curveView';

/**
 * Gives every chart on the step axis what it shares: the hovered iteration, the timeline frame
 * shown (its marker) and the y scales the link keeps, from the page's state.
 */
export function CurveViewProvider({
  playground,
  hover,
  children,
}: {
  playground: Pick<Playground, 'view' | 'updateView' | 'scrub'>;
  hover: HoverStore;
  children: ReactNode;
}) {
  const { view, updateView, scrub } = playground;
  const { logCurves, linearCurves } = view;
  const scales = useMemo<CurveScales>(
    () => ({
      scaleOf: (name, initial) => curveScale({ logCurves, linearCurves }, name, initial),
      setScale: (name, initial, scale) =>
        updateView((current) => withCurveScale(current, name, initial, scale)),
    }),
    [logCurves, linearCurves, updateView],
  );
  return (
    <HoverContext.Provider value={hover}>
      <CurveScalesContext.Provider value={scales}>
        <ShownIterationContext.Provider value={scrub?.iteration ?? null}>
          {children}
        </ShownIterationContext.Provider>
      </CurveScalesContext.Provider>
    </HoverContext.Provider>
  );
}
