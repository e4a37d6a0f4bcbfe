/**
 * Public API of the GAN engine: pure TypeScript + tfjs, usable in a Web Worker and in Node.
 */
export { DATASET_IDS, DATASETS, type DatasetId, type DatasetSpec } from './datasets';
export { medianBandwidth, mmdSquared } from './metrics';
export { createRandom, type Random } from './random';
export { createTrainer, type LossSummary, type Trainer, type TrainerConfig } from './trainer';
