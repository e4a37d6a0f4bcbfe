/**
 * M4 decimation of a line chart's points (Jugel et al., "M4: A Visualization-Oriented Time Series
 * Data Aggregation", VLDB 2014): within each pixel column keep only the first, last, lowest and
 * highest point. A polyline through those is drawn pixel-identically to the full one, so the
 * cost of drawing a curve is bounded by the chart's width, not by how long training has run.
 */

/**
 * Indices (ascending) of the points to draw. `column` maps an x value to its pixel column; points
 * are assumed sorted by x. Non-finite y values (gaps) are kept once per column so gaps survive.
 */
export function decimateM4(
  xs: readonly number[],
  ys: readonly number[],
  column: (x: number) => number,
): number[] {
  const n = Math.min(xs.length, ys.length);
  const kept: number[] = [];
  let i = 0;
  while (i < n) {
    const bucket = Math.floor(column(xs[i] ?? 0));
    const first = i;
    let last = i;
    let low = -1;
    let high = -1;
    let gap = -1;
    for (; i < n && Math.floor(column(xs[i] ?? 0)) === bucket; i++) {
      last = i;
      const y = ys[i] ?? Number.NaN;
      if (!Number.isFinite(y)) {
        if (gap < 0) gap = i;
        continue;
      }
      if (low < 0 || y < (ys[low] ?? 0)) low = i;
      if (high < 0 || y > (ys[high] ?? 0)) high = i;
    }
    const picks = new Set([first, last, low, high, gap].filter((k) => k >= 0));
    kept.push(...[...picks].sort((a, b) => a - b));
  }
  return kept;
}

/**
 * Exponential moving average of a series, skipping non-finite values (they stay gaps): each
 * output is the average of the inputs so far with weights decaying by `1 − alpha` per point,
 * bias-corrected at the start (as Adam's moments) so the first points are not pulled to 0.
 */
export function exponentialMovingAverage(values: readonly number[], alpha: number): number[] {
  let mean = 0;
  let weight = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    mean = (1 - alpha) * mean + alpha * v;
    weight = (1 - alpha) * weight + alpha;
    return mean / weight;
  });
}
