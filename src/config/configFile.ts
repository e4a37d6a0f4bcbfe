/**
 * The config as a JSON file: written with every value (so the file stands alone, whatever the
 * defaults become), read back with the same repairs and messages as a link. An uploaded file is
 * hostile input: its size is bounded, its shape checked, and nothing here throws.
 */
import { isRecord, own } from '../engine/plainData';
import {
  CONFIG_KEYS,
  type ConfigKey,
  defaultConfig,
  FIELDS,
  type PlaygroundConfig,
  SCHEMA_VERSION,
} from './schema';
import { type ConfigFix, formatValue, parseValue } from './url';

/** The `format` tag of a config file. */
export const CONFIG_FILE_FORMAT = 'gan-playground-config';
/** Largest config file read (a full config is about 1.5 kB). */
export const MAX_CONFIG_FILE_BYTES = 100_000;

/** What a config file should look like, for messages about a wrong one. */
export const CONFIG_FILE_HINT =
  'A config file is the JSON that "Export config (JSON)" saves: {"format": "gan-playground-config", "version": 1, "config": {…}}.';

export interface ConfigFile {
  format: typeof CONFIG_FILE_FORMAT;
  version: number;
  /** The lesson the config came from, if any (informative). */
  preset?: string;
  config: PlaygroundConfig;
}

/** The config as a pretty-printed JSON document. */
export function configToJson(config: PlaygroundConfig, preset: string | null = null): string {
  const file: ConfigFile = {
    format: CONFIG_FILE_FORMAT,
    version: SCHEMA_VERSION,
    ...(preset !== null && { preset }),
    config,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ReadConfigResult =
  | { ok: true; config: PlaygroundConfig; fixes: ConfigFix[] }
  | { ok: false; error: string };

const KEY_BY_NAME = new Map<string, ConfigKey>(CONFIG_KEYS.map((key) => [key.toLowerCase(), key]));

/** The fields of a config file besides the settings; any other is reported and ignored. */
const FILE_FIELDS = new Set(['format', 'version', 'preset', 'config']);

/** Most settings read from one file; a full config has a few dozen. */
const MAX_SETTINGS = 100;

/** Most numbers a list value may hold before it is refused unread (a real one has a dozen). */
const MAX_LIST_LENGTH = 1000;

const isScalar = (value: unknown): value is number | string | boolean =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';

/**
 * A JSON value as the text a link or a text input would hold for it, so one repair serves all;
 * null for what no setting can be (objects, null, lists nested deeper than points or too long).
 * Never recursive: String() of a deeply nested array would overflow the stack.
 */
function asText(value: unknown): string | null {
  if (isScalar(value)) return String(value);
  if (!Array.isArray(value) || value.length > MAX_LIST_LENGTH) return null;
  // Points are arrays of arrays ("x,y;x,y"), lists arrays of numbers ("a,b").
  if (value.every(isScalar)) return value.map(String).join(',');
  const rows: string[] = [];
  for (const row of value as unknown[]) {
    if (isScalar(row)) rows.push(String(row));
    else if (Array.isArray(row) && row.length <= MAX_LIST_LENGTH && row.every(isScalar)) {
      rows.push(row.map(String).join(','));
    } else return null;
  }
  return rows.join(';');
}

/** What a JSON value is, in words, for a value no setting can take ("an object"). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list nested too deeply or too long';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A short, printable rendering of any JSON value for a fix's "given". */
function shown(value: unknown): string {
  const text = asText(value) ?? kindOf(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Keys given more than once, in the file's top-level object (path []) and in its "config"
 * object (path ["config"]), each with how many times. JSON.parse keeps the last value
 * silently; a hand-edited file that sets a value twice deserves to be told which one counts.
 * One linear pass over text that JSON.parse has accepted; iterative, so nesting depth costs
 * no stack.
 */
function duplicateKeys(text: string): { path: string[]; key: string; count: number }[] {
  /** An open object or array; `counts` only for the two objects a config is read from. */
  const stack: { counts: Map<string, number> | null }[] = [];
  const found: { path: string[]; key: string; count: number }[] = [];
  let lastString: string | null = null;
  let pendingKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      lastString = text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
    if (char === ':' && lastString !== null) {
      pendingKey = JSON.parse(lastString) as string;
      const counts = stack[stack.length - 1]?.counts;
      counts?.set(pendingKey, (counts.get(pendingKey) ?? 0) + 1);
    } else if (char === '{' || char === '[') {
      const tracked =
        char === '{' && (stack.length === 0 || (stack.length === 1 && pendingKey === 'config'));
      stack.push({ counts: tracked ? new Map() : null });
      pendingKey = null;
    } else if (char === '}' || char === ']') {
      const counts = stack.pop()?.counts;
      for (const [key, count] of counts ?? []) {
        if (count > 1) found.push({ path: stack.length === 0 ? [] : ['config'], key, count });
      }
    } else if (char === ',') {
      pendingKey = null;
    }
    lastString = null;
  }
  return found;
}

/**
 * Whether text that JSON.parse refused starts like a table: a number, or a header word followed
 * by a separator ("x,y"). Used to say "this is a CSV" instead of "this is not JSON".
 */
export function looksLikeTable(text: string): boolean {
  const start = text.trimStart().slice(0, 200);
  return /^[-+.\d]/.test(start) || /^"?[A-Za-z_ ]*"?\s*[,;\t]/.test(start);
}

/** Why text that is not JSON is not a config, naming what it seems to be instead. */
function notJsonError(text: string): string {
  if (looksLikeTable(text)) {
    return `This file is a table (CSV), not a config; points go under "Your points". ${CONFIG_FILE_HINT}`;
  }
  return `This file is not valid JSON (is it cut short, or was it edited with a mistake?). ${CONFIG_FILE_HINT}`;
}

/**
 * Reads a config file's text: every known setting is repaired like a link's value (and each
 * repair reported), missing settings take their defaults, unknown ones, unknown fields and
 * keys given twice are reported and ignored. Fails only when the text is not a config file at
 * all, with a message that says what it is instead. Never throws.
 */
export function configFromJson(text: string): ReadConfigResult {
  try {
    return readConfig(text);
  } catch {
    // Unreachable by design; the UI calls this from an event handler, where a throw is lost.
    return { ok: false, error: `This file could not be read as a config. ${CONFIG_FILE_HINT}` };
  }
}

function readConfig(text: string): ReadConfigResult {
  if (typeof text !== 'string') return { ok: false, error: 'The file is not text.' };
  if (text.length > MAX_CONFIG_FILE_BYTES) {
    return {
      ok: false,
      error: `This file is ${Math.round(text.length / 1000).toLocaleString('en')} kB; a config file is at most ${MAX_CONFIG_FILE_BYTES / 1000} kB.`,
    };
  }
  if (!/\S/.test(text)) return { ok: false, error: `The file is empty. ${CONFIG_FILE_HINT}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, error: notJsonError(text) };
  }
  if (!isRecord(parsed)) {
    return {
      ok: false,
      error: `This JSON is ${Array.isArray(parsed) ? 'a list' : kindOf(parsed)}, not an object, so it is not a config. ${CONFIG_FILE_HINT}`,
    };
  }
  if (own(parsed, 'format') !== CONFIG_FILE_FORMAT) {
    if (
      own(parsed, 'modelTopology') !== undefined ||
      own(parsed, 'weightsManifest') !== undefined
    ) {
      return {
        ok: false,
        error: `This is a generator's model.json, not a config; load it with "Load generator" together with its weights file.`,
      };
    }
    return {
      ok: false,
      error: `This JSON is not a GAN Playground config (its "format" is not "${CONFIG_FILE_FORMAT}"). ${CONFIG_FILE_HINT}`,
    };
  }
  const body = own(parsed, 'config');
  if (!isRecord(body)) {
    return { ok: false, error: `The file has no "config" object. ${CONFIG_FILE_HINT}` };
  }
  const fixes: ConfigFix[] = [];
  const version = own(parsed, 'version');
  if (version !== SCHEMA_VERSION) {
    fixes.push({
      key: 'version',
      given: shown(version).slice(0, 20),
      used: String(SCHEMA_VERSION),
      reason: `Unknown schema version; the file was read as version ${SCHEMA_VERSION}.`,
    });
  }
  for (const name of Object.keys(parsed)) {
    if (FILE_FIELDS.has(name)) continue;
    fixes.push({
      key: name.slice(0, 40),
      given: shown(parsed[name]),
      used: '',
      reason: 'Not a field of a config file; ignored.',
    });
  }
  for (const { path, key, count } of duplicateKeys(text)) {
    const setting = path.length === 0 ? undefined : KEY_BY_NAME.get(key.toLowerCase());
    fixes.push({
      key: (setting === undefined ? key : FIELDS[setting].urlKey).slice(0, 40),
      given: `${count} values`,
      used: shown(path.length === 0 ? parsed[key] : body[key]),
      reason: `Given ${count} times; the last value is used.`,
    });
  }
  // Start from the defaults, as a link with no keys does.
  const config = defaultConfig();
  const entries = Object.entries(body);
  if (entries.length > MAX_SETTINGS) {
    fixes.push({
      key: 'config',
      given: `${entries.length.toLocaleString('en')} settings`,
      used: `the first ${MAX_SETTINGS}`,
      reason: `The file has too many settings to be a config; only the first ${MAX_SETTINGS} were read.`,
    });
  }
  const set = new Map<ConfigKey, string>();
  for (const [name, value] of entries.slice(0, MAX_SETTINGS)) {
    const key = KEY_BY_NAME.get(name.toLowerCase());
    if (key === undefined) {
      fixes.push({
        key: name.slice(0, 40),
        given: shown(value),
        used: '',
        reason: 'Unknown setting; ignored.',
      });
      continue;
    }
    const earlier = set.get(key);
    if (earlier !== undefined) {
      // "noiseSigma" and "NoiseSigma" are two JSON keys but one setting.
      fixes.push({
        key: FIELDS[key].urlKey,
        given: shown(value),
        used: '',
        reason: `Also given as "${earlier.slice(0, 40)}"; this one is used.`,
      });
    }
    set.set(key, name);
    const raw = asText(value);
    const repaired = parseValue(key, raw ?? '');
    (config as Record<ConfigKey, unknown>)[key] = repaired.value;
    if (raw === null || repaired.reason !== undefined) {
      fixes.push({
        key: FIELDS[key].urlKey,
        given: shown(value),
        used: formatValue(key, repaired.value),
        reason:
          raw === null || repaired.reason === undefined
            ? `${capitalised(kindOf(value))} is not a value for this setting.`
            : repaired.reason,
      });
    }
  }
  return { ok: true, config, fixes };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
