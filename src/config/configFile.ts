/**
 * The config as a JSON file: written with every value (so the file stands alone, whatever the
 * defaults become), read back with the same repairs and messages as a link. An uploaded file is
 * hostile input: its size is bounded, its shape checked, and nothing here throws.
 */
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

/** A JSON value as the text a link or a text input would hold for it, so one repair serves all. */
function asText(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    // Points are arrays of arrays ("x,y;x,y"), lists arrays of numbers ("a,b").
    if (value.some(Array.isArray)) {
      return value
        .map((row) => (Array.isArray(row) ? row.map(String).join(',') : String(row)))
        .join(';');
    }
    return value.map(String).join(',');
  }
  return null;
}

/**
 * Reads a config file's text: every known setting is repaired like a link's value (and each
 * repair reported), missing settings take their defaults, unknown ones are reported and ignored.
 * Fails only when the text is not a config file at all, with a message that says why.
 */
export function configFromJson(text: string): ReadConfigResult {
  if (text.length > MAX_CONFIG_FILE_BYTES) {
    return {
      ok: false,
      error: `This file is ${Math.round(text.length / 1000)} kB; a config file is at most ${MAX_CONFIG_FILE_BYTES / 1000} kB.`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON, so it is not a GAN Playground config.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'A config file is a JSON object with a "config" field.' };
  }
  const file = parsed as Record<string, unknown>;
  if (file.format !== CONFIG_FILE_FORMAT) {
    return {
      ok: false,
      error: `This JSON is not a GAN Playground config (its "format" is not "${CONFIG_FILE_FORMAT}").`,
    };
  }
  const body = file.config;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'The file has no "config" object.' };
  }
  const fixes: ConfigFix[] = [];
  if (file.version !== SCHEMA_VERSION) {
    fixes.push({
      key: 'version',
      given: String(file.version).slice(0, 20),
      used: String(SCHEMA_VERSION),
      reason: `Unknown schema version; the file was read as version ${SCHEMA_VERSION}.`,
    });
  }
  // Start from the defaults, as a link with no keys does.
  const config = defaultConfig();
  for (const [name, value] of Object.entries(body as Record<string, unknown>).slice(0, 100)) {
    const key = KEY_BY_NAME.get(name.toLowerCase());
    const shown = (asText(value) ?? typeof value).slice(0, 40);
    if (key === undefined) {
      fixes.push({
        key: name.slice(0, 40),
        given: shown,
        used: '',
        reason: 'Unknown setting; ignored.',
      });
      continue;
    }
    const raw = asText(value);
    const repaired = parseValue(key, raw ?? '');
    (config as Record<ConfigKey, unknown>)[key] = repaired.value;
    if (raw === null || repaired.reason !== undefined) {
      fixes.push({
        key: FIELDS[key].urlKey,
        given: shown,
        used: formatValue(key, repaired.value),
        reason: repaired.reason ?? `A ${typeof value} is not a value for this setting.`,
      });
    }
  }
  return { ok: true, config, fixes };
}
