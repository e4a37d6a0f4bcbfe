/**
 * Public API of the GAN engine: pure TypeScript + tfjs, usable in a Web Worker and in Node.
 */
export {
  type ArchitectureOfModel,
  CHECKPOINT_FORMAT,
  checkpointBytes,
  checkpointMismatch,
  checkpointTransferables,
  type NetworkCheckpoint,
  type OptimizerCheckpoint,
  type RestoreOptions,
  type RestoreResult,
  type TrainerCheckpoint,
  type WeightTensor,
} from './checkpoint';
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
  artifactsToFiles,
  filesToArtifacts,
  GELU_FORM_DIFFERENCE,
  GENERATOR_FORMAT,
  type GeneratorArchitecture,
  type GeneratorFiles,
  type GeneratorMetadata,
  generatorArtifacts,
  generatorWeightsFromArtifacts,
  MAX_MODEL_JSON_CHARS,
  MAX_WEIGHTS_BYTES,
  readGeneratorMetadata,
} from './generatorModel';
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
export { createRandom, RANDOM_STATE_WORDS, type Random } from './random';
export {
  type BackendSpeed,
  fastestBackend,
  measureIterationsPerSecond,
  type SpeedProbeOptions,
  speedKey,
} from './speed';
export * from './trainer';
