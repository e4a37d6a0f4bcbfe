/**
 * Reading the files a user uploads: points, a config, a generator's model files. Every file is
 * hostile input: its size is checked before a byte is read, its first bytes before it is
 * decoded, and every refusal is a sentence that names the problem and the file.
 */
import { CONFIG_FILE_FORMAT, looksLikeTable } from '../config/configFile';
import { isRecord, own, SNIFF_BYTES, sizeError, sniffUpload } from '../config/data';

/** Largest model.json and weights file read (the largest generator allowed is about 8 MB). */
export const MAX_MODEL_JSON_BYTES = 1_000_000;
export const MAX_WEIGHTS_BYTES = 16_000_000;

/** What the model files should be, for messages about wrong ones. */
export const MODEL_FILES_HINT =
  'Choose two files together: the model.json and its weights (.bin) that "Export generator" saves, e.g. gan-generator.json and gan-generator.weights.bin.';

/** An upload read as text, or the sentence that says why it was not. */
export type TextUpload = { ok: true; text: string } | { ok: false; error: string };

/**
 * A file's text, refused when it is empty, over `limit` bytes (checked on `File.size`, before
 * reading), binary (by its first bytes) or blank. UTF-8 and UTF-16 (with or without a
 * byte-order mark) are decoded; the mark is dropped.
 */
export async function readUploadText(file: File, limit: number): Promise<TextUpload> {
  if (file.size === 0) return { ok: false, error: 'The file is empty.' };
  const tooLarge = sizeError(file.size, limit);
  if (tooLarge !== null) return { ok: false, error: tooLarge };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, error: 'The file could not be read (was it moved or changed?).' };
  }
  const sniff = sniffUpload(bytes.subarray(0, SNIFF_BYTES));
  if (!sniff.ok) return { ok: false, error: `The file is ${sniff.kind}, not text.` };
  const text = new TextDecoder(sniff.encoding).decode(bytes);
  if (!/\S/.test(text)) return { ok: false, error: 'The file holds only blank space.' };
  return { ok: true, text };
}

/** An upload's refusal with the file's name in it: "a.json is empty." for "The file is empty." */
export function withFileName(name: string, error: string): string {
  return error.startsWith('The file ') ? `${name} ${error.slice('The file '.length)}` : error;
}

/**
 * The bytes model.json's weightsManifest describes when every weight is a float32 with a
 * plain shape; null when it is anything else (the worker then says what is wrong).
 */
function describedBytes(json: unknown): number | null {
  const manifest = own(json, 'weightsManifest');
  if (!Array.isArray(manifest)) return null;
  let total = 0;
  for (const group of manifest as unknown[]) {
    const weights = own(group, 'weights');
    if (!Array.isArray(weights)) return null;
    for (const spec of weights as unknown[]) {
      const shape = own(spec, 'shape');
      const dtype = own(spec, 'dtype') ?? 'float32';
      if (dtype !== 'float32' || own(spec, 'quantization') !== undefined) return null;
      if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0)) return null;
      total += 4 * (shape as number[]).reduce((a, b) => a * b, 1);
    }
  }
  return total;
}

/**
 * model.json's text parsed, or why it is not a model.json, in user words. The worker checks
 * everything again; these are the mistakes worth catching before it is asked, because it stops
 * training while it loads.
 */
function parseModelJson(name: string, text: string): { json: unknown } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      error: looksLikeTable(text)
        ? `${name} is a table of numbers (CSV), not a model.json; points go under "Your points".`
        : `${name} is not valid JSON, so it is not a model.json (it may be cut short).`,
    };
  }
  if (!isRecord(json)) return { error: `${name} is not a JSON object, so it is not a model.json.` };
  if (own(json, 'format') === CONFIG_FILE_FORMAT) {
    return {
      error: `${name} is a GAN Playground config, not a model.json; import it with "Import config".`,
    };
  }
  if (!isRecord(own(json, 'modelTopology')) || !Array.isArray(own(json, 'weightsManifest'))) {
    return {
      error: `${name} is JSON but not a tfjs model.json: it has no "modelTopology" and "weightsManifest".`,
    };
  }
  return { json };
}

/** Why the weights are not the ones model.json describes, or null when they may be. */
function weightsProblem(name: string, json: unknown, weights: ArrayBuffer): string | null {
  const described = describedBytes(json);
  if (described !== null && described > MAX_WEIGHTS_BYTES) {
    // Absurd shapes (a layer of 1e9 units) would print as a 12-digit byte count or "∞".
    return `model.json describes weights far larger than any playground generator's (over ${MAX_WEIGHTS_BYTES / 1e6} MB); its layer shapes are wrong.`;
  }
  if (described !== null && described !== weights.byteLength) {
    return described > weights.byteLength
      ? `${name} is too short: model.json describes ${described.toLocaleString('en')} bytes of weights but the file holds ${weights.byteLength.toLocaleString('en')}.`
      : `${name} is too long: it holds ${weights.byteLength.toLocaleString('en')} bytes but model.json describes ${described.toLocaleString('en')}.`;
  }
  if (weights.byteLength % 4 === 0) {
    const values = new Float32Array(weights);
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        return `${name} holds NaN or infinite weights (value ${i + 1}); a trained generator's weights are all finite numbers.`;
      }
    }
  }
  return null;
}

/** The model.json text and weights of a pair of chosen files, checked before any is read. */
export async function readModelFiles(
  files: File[],
): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  const jsons = files.filter((file) => file.name.toLowerCase().endsWith('.json'));
  const bins = files.filter((file) => !file.name.toLowerCase().endsWith('.json'));
  if (files.length !== 2 || jsons.length !== 1 || bins.length !== 1) {
    const chosen =
      files.length === 1
        ? 'Only one file was chosen.'
        : files.length !== 2
          ? `${files.length} files were chosen.`
          : jsons.length === 2
            ? 'Both files end in .json.'
            : 'Neither file ends in .json.';
    throw new Error(`${chosen} ${MODEL_FILES_HINT}`);
  }
  const [json, bin] = [jsons[0] as File, bins[0] as File];
  const binTooLarge = sizeError(bin.size, MAX_WEIGHTS_BYTES);
  if (binTooLarge !== null) {
    throw new Error(
      `${withFileName(bin.name, binTooLarge)} A playground generator's weights are smaller.`,
    );
  }
  const text = await readUploadText(json, MAX_MODEL_JSON_BYTES);
  if (!text.ok) throw new Error(`${withFileName(json.name, text.error)} ${MODEL_FILES_HINT}`);
  const parsed = parseModelJson(json.name, text.text);
  if ('error' in parsed) throw new Error(parsed.error);
  if (bin.size === 0) throw new Error(`${bin.name} is empty. ${MODEL_FILES_HINT}`);
  let weights: ArrayBuffer;
  try {
    weights = await bin.arrayBuffer();
  } catch {
    throw new Error(`${bin.name} could not be read (was it moved or changed?).`);
  }
  const mismatch = weightsProblem(bin.name, parsed.json, weights);
  if (mismatch !== null) throw new Error(mismatch);
  return { modelJson: text.text, weights };
}
