/**
 * Every number the playground reports about how close the generator is to the data, computed
 * off the hot path (at snapshot time in the worker, or on request in the CLI) from plain samples.
 */
import {
  gridDivergences,
  ksStatistic,
  medianBandwidth,
  mmdSquared,
  modeCoverage,
  slicedWasserstein,
  wasserstein1,
} from './metrics';

/** Distances between a real and a generated sample. */
export interface DistributionMetrics {
  /** Unbiased MMD² with the Gaussian kernel of bandwidth `kernelBandwidth` (Gretton et al. 2012). */
  mmdSquared: number;
  /** The bandwidth h that `mmdSquared` used (the user's). */
  kernelBandwidth: number;
  /** Unbiased MMD² with the median-heuristic bandwidth (Gretton et al. 2012, §8). */
  mmdSquaredMedian: number;
  /** The median-heuristic bandwidth that `mmdSquaredMedian` used. */
  medianBandwidth: number;
  /** Exact Wasserstein-1 between the samples (1-D data only). */
  wasserstein1: number | null;
  /** Two-sample Kolmogorov–Smirnov statistic (1-D data only). */
  ks: number | null;
  /** Sliced Wasserstein-1 over random directions (2-D data only). */
  slicedWasserstein: number | null;
  /** Modes with at least one high-quality generated sample (mixtures only). */
  modesCovered: number | null;
  /** Number of distinct modes of the data, close centres merged (mixtures only). */
  modeCount: number | null;
  /** Share of generated samples within 3 std of their nearest mode (mixtures only). */
  highQualityShare: number | null;
  /** KL(real ‖ generated) of histograms on a grid; generated mass outside the grid counts. */
  kl: number;
  /** Jensen–Shannon divergence of the same histograms, in [0, ln 2]. */
  js: number;
}

export interface DistributionMetricsOptions {
  /** Bandwidth h of the reported MMD². */
  kernelBandwidth: number;
  /** Mixture centres, when the data is a mixture. */
  modes?: readonly (readonly number[])[] | undefined;
  /** Standard deviation of every mixture component. */
  modeStd?: number | undefined;
}

/** All distances between `real` and `generated` (row-major, n × dimension). */
export function distributionMetrics(
  real: Float32Array,
  generated: Float32Array,
  dimension: 1 | 2,
  options: DistributionMetricsOptions,
): DistributionMetrics {
  const median = medianBandwidth(real, generated, dimension);
  const modes = options.modes;
  const coverage =
    modes !== undefined && options.modeStd !== undefined
      ? modeCoverage(generated, dimension, modes, options.modeStd)
      : null;
  const grid = gridDivergences(real, generated, dimension);
  return {
    mmdSquared: mmdSquared(generated, real, dimension, options.kernelBandwidth),
    kernelBandwidth: options.kernelBandwidth,
    mmdSquaredMedian: mmdSquared(generated, real, dimension, median),
    medianBandwidth: median,
    wasserstein1: dimension === 1 ? wasserstein1(real, generated) : null,
    ks: dimension === 1 ? ksStatistic(real, generated) : null,
    slicedWasserstein: dimension === 2 ? slicedWasserstein(real, generated, dimension) : null,
    modesCovered: coverage?.modesCovered ?? null,
    // Coinciding or overlapping centres are one mode (see modeCoverage).
    modeCount: coverage?.modeCount ?? modes?.length ?? null,
    highQualityShare: coverage?.highQualityShare ?? null,
    kl: grid.kl,
    js: grid.js,
  };
}
