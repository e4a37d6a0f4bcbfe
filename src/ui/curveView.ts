/**
 * What every curve card shares without each caller passing it down: the iteration of the
 * timeline frame shown (a vertical marker on every curve while scrubbed), and the y scales the
 * link keeps (`log=`, `linear=`). Provided once by the page; a card outside any provider keeps
 * its own scale and draws no marker.
 */
import { createContext, useContext } from 'react';
import { CURVE_NAMES, type CurveName } from '../config/view';
import type { ValueScaleKind } from './charts/scales';

/** The iteration of the timeline frame shown instead of the live run, or null when live. */
export const ShownIterationContext = createContext<number | null>(null);

export interface CurveScales {
  /** The scale the link gives the curve, or its default. */
  scaleOf: (name: CurveName, initial: ValueScaleKind) => ValueScaleKind;
  setScale: (name: CurveName, initial: ValueScaleKind, scale: ValueScaleKind) => void;
}

export const CurveScalesContext = createContext<CurveScales | null>(null);

/** The link's name of a curve card ("loss" for the card "loss-chart"), or null if it has none. */
export function curveName(testId: string): CurveName | null {
  const name = testId.replace(/-chart$/, '');
  return CURVE_NAMES.find((curve) => curve === name) ?? null;
}

/** The scale links keep for this card, or null when the card keeps its own. */
export function useCurveScales(testId: string): {
  name: CurveName;
  scales: CurveScales;
} | null {
  const scales = useContext(CurveScalesContext);
  const name = curveName(testId);
  return scales === null || name === null ? null : { name, scales };
}
