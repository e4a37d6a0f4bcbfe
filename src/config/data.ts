/**
 * The data-set catalogue and the validation of user-supplied points, as the UI needs them.
 * Both are pure (no tfjs): the UI reaches them through the config layer, never the engine.
 */
export {
  type CsvResult,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  POINTS_FILE_HINT,
  parsePointsCsv,
  SNIFF_BYTES,
  sizeError,
  sniffUpload,
  type UploadEncoding,
  type UploadSniff,
} from '../engine/csv';
export { DATASETS } from '../engine/datasets';
export { isRecord, own } from '../engine/plainData';
