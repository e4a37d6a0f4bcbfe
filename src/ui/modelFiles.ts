/** Largest model.json and weights file read (the largest generator allowed is about 8 MB). */
const MAX_MODEL_JSON_BYTES = 1_000_000;
const MAX_WEIGHTS_BYTES = 16_000_000;

/** The model.json text and weights of a pair of chosen files, checked before any is read. */
export async function readModelFiles(
  files: File[],
): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  const json = files.find((file) => file.name.toLowerCase().endsWith('.json'));
  const bin = files.find((file) => !file.name.toLowerCase().endsWith('.json'));
  if (json === undefined || bin === undefined || files.length !== 2) {
    throw new Error(
      'Choose two files together: the model’s .json file and its weights (.bin) file.',
    );
  }
  if (json.size > MAX_MODEL_JSON_BYTES || bin.size > MAX_WEIGHTS_BYTES) {
    throw new Error(
      `These files are too large for a generator of this playground (model.json ≤ 1 MB, weights ≤ 16 MB).`,
    );
  }
  return { modelJson: await json.text(), weights: await bin.arrayBuffer() };
}
