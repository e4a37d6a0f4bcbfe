/**
 * Public API of the GAN engine: pure TypeScript + tfjs, usable in a Web Worker and in Node.
 */
export {
  type CsvResult,
  MAX_ABS_COORDINATE,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  parsePointsCsv,
} from './csv';
export {
  DATASET_IDS,
  DATASETS,
  type DataParamGroup,
  type DataParams,
  type DatasetId,
  type DatasetSpec,
  DEFAULT_DATA_PARAMS,
  datasetDimension,
  type ResolvedDataset,
  resolveDataset,
} from './datasets';
export { type DistributionMetrics, distributionMetrics } from './evaluate';
export {
  gridDivergences,
  ksStatistic,
  medianBandwidth,
  mmdSquared,
  mmdWitness,
  mmdWitnessOnGrid,
  modeCoverage,
  slicedWasserstein,
  wasserstein1,
} from './metrics';
export { createRandom, type Random } from './random';
export {
  type BackendSpeed,
  fastestBackend,
  measureIterationsPerSecond,
  type SpeedProbeOptions,
  speedKey,
} from './speed';
export * from './trainer';
