/**
 * Samples drawn as dots on a canvas, shared by the distribution plot and the kernel view's
 * witness: the real points with a light ring under them, so that they stay visible over a blue
 * heatmap in either colour scheme.
 */
import { useEffect, useState } from 'react';
import type { POINT_HALO } from './palette';

export type ColourScheme = keyof typeof POINT_HALO;

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The page's colour scheme, kept current when the system's changes (canvases redraw on it). */
export function useColourScheme(): ColourScheme {
  const [dark, setDark] = useState(() => window.matchMedia?.(DARK_QUERY).matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.(DARK_QUERY);
    if (query === undefined) return;
    const onChange = (): void => setDark(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}

export interface DotStyle {
  colour: string;
  radius: number;
  /** Opacity of the dots' fill. */
  alpha: number;
  /** Colour of a ring under each dot (one pass, before the fills), or null for none. */
  halo: string | null;
}

type Scale = (value: number) => number;

/** Row-major 2-D `points` as dots at (x(p₁), y(p₂)); points that do not map to finite pixels are skipped. */
export function drawDots(
  context: CanvasRenderingContext2D,
  points: Float32Array,
  x: Scale,
  y: Scale,
  style: DotStyle,
): void {
  context.beginPath();
  for (let i = 0; i + 1 < points.length; i += 2) {
    const px = x(points[i] as number);
    const py = y(points[i + 1] as number);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    context.moveTo(px + style.radius, py);
    context.arc(px, py, style.radius, 0, 2 * Math.PI);
  }
  // The rings first, all of them, then the fills over them: a cluster of real points gets one
  // outline around it instead of a ring on every dot.
  if (style.halo !== null) {
    context.globalAlpha = 1;
    context.strokeStyle = style.halo;
    context.lineWidth = 2.4;
    context.stroke();
  }
  context.globalAlpha = style.alpha;
  context.fillStyle = style.colour;
  context.fill();
  context.globalAlpha = 1;
}
