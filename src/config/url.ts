/**
 * The configuration <-> URL hash mapping, and the repair of any value that does not satisfy the
 * schema. Nothing here throws: every bad input becomes a valid value plus a `ConfigFix` that says
 * what was given, what is used instead, and why.
 */

import { presetById, presetConfig } from './presets';
import {
  type ChoiceField,
  CONFIG_KEYS,
  type ConfigKey,
  configSchema,
  defaultConfig,
  FIELDS,
  type Field,
  type ListField,
  type NumberField,
  type PlaygroundConfig,
  type PointsField,
  SCHEMA_VERSION,
} from './schema';
import {
  COMPARE_PREFIX,
  type CompareOverrides,
  compareConfig,
  defaultView,
  encodeView,
  HIDE_TARGETS,
  parseViewValue,
  readFlag,
  SHARED_BY_COMPARISON,
  VIEW_URL_KEYS,
  type ViewState,
  type ViewUrlKey,
  viewSchema,
} from './view';

/** URL key of the schema version. */
export const VERSION_KEY = 'v';
/** Most `key=value` pairs read from a hash; a full config has about a dozen. */
export const MAX_PAIRS = 64;
const MAX_SHOWN_LENGTH = 40;

/** Longest number `formatValue` writes, percent-encoded: "-1.7976931348623157e%2B308". */
const MAX_NUMBER_TEXT = 26;

/** Longest text the link itself writes for a value of this field. */
function longestValueText(field: Field): number {
  switch (field.kind) {
    case 'number':
      return MAX_NUMBER_TEXT;
    case 'list':
      return field.maxLength * (MAX_NUMBER_TEXT + 1);
    case 'points':
      return field.maxPoints * (2 * MAX_NUMBER_TEXT + 2);
    case 'choice':
      return Math.max(...field.options.map((option) => encodeURIComponent(option).length));
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}

/**
 * Longest value text parsed; longer ones are cut, and the cut reported. Derived from the schema
 * so that every link the app writes is read back whole: 32 mixture means of full-precision
 * coordinates run to about 1,700 characters.
 */
export const MAX_VALUE_LENGTH = Math.max(
  1000,
  [...HIDE_TARGETS].join(',').length,
  ...CONFIG_KEYS.map((key) => longestValueText(FIELDS[key])),
);

/** One value the app could not use as given. */
export interface ConfigFix {
  /** URL key (or a pseudo key such as "link") the fix is about. */
  key: string;
  /** What was given, shortened for display. */
  given: string;
  /** What is used instead ("" when the entry is ignored). */
  used: string;
  /** Why, in one sentence. */
  reason: string;
}

export interface DecodedConfig {
  config: PlaygroundConfig;
  fixes: ConfigFix[];
}

/** A whole link: the config, the page's view state, and every fix made while reading them. */
export interface DecodedLink extends DecodedConfig {
  view: ViewState;
}

type Repaired<T> = { value: T; reason?: string };

/** A given text as a fix shows it: one line, at most a few dozen characters. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_SHOWN_LENGTH ? `${oneLine.slice(0, MAX_SHOWN_LENGTH)}…` : oneLine;
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Strict decimal parse: "", "abc", "0x10", "1,5" and "Infinity" are not numbers here. */
function parseNumber(raw: string): number {
  const text = raw.trim();
  // "+ 0" turns −0 into 0, so that "-0" round-trips as "0".
  return NUMBER_PATTERN.test(text) ? Number(text) + 0 : Number.NaN;
}

/**
 * A number written with a decimal comma ("0,01", "-1,5"), as many keyboards and locales write
 * it, read with a decimal point. Only a lone setting's value: in lists the comma separates items.
 */
const DECIMAL_COMMA = /^\s*[+-]?\d*,\d+\s*$/;
export function withDecimalPoint(raw: string): string {
  return DECIMAL_COMMA.test(raw) ? raw.replace(',', '.') : raw;
}

function repairNumber(field: NumberField, value: number, shown: string): Repaired<number> {
  // ±Infinity here comes from overlong digit strings ("Infinity" itself is not a number here):
  // it is clamped like any other out-of-range number.
  if (Number.isNaN(value)) {
    return {
      value: field.default,
      reason: `“${shown}” is not a number; using the default ${field.default}.`,
    };
  }
  let fixed = value;
  const reasons: string[] = [];
  if (field.integer && !Number.isInteger(fixed)) {
    // "+ 0": Math.round(-0.4) is −0, which would not round-trip as "0".
    fixed = Math.round(fixed) + 0;
    reasons.push(`must be a whole number`);
  }
  if (fixed < field.min) {
    fixed = field.min;
    reasons.push(`the minimum is ${field.min}`);
  } else if (fixed > field.max) {
    fixed = field.max;
    reasons.push(`the maximum is ${field.max}`);
  }
  const parsed = field.schema.safeParse(fixed);
  if (!parsed.success) {
    return { value: field.default, reason: `${parsed.error.issues[0]?.message ?? 'invalid'}.` };
  }
  if (reasons.length === 0) return { value: fixed };
  return { value: fixed, reason: `${capitalise(reasons.join('; '))}; using ${fixed}.` };
}

function repairList(field: ListField, raw: string): Repaired<number[]> {
  const fallback = [...field.default];
  const shownFallback = fallback.length === 0 ? 'none' : fallback.join(',');
  if (raw.trim() === '') {
    if (field.minLength === 0) return { value: [] };
    return { value: fallback, reason: `A value is needed; using ${shownFallback}.` };
  }
  const reasons: string[] = [];
  let parts = raw.split(',').map((part) => part.trim());
  if (parts.length > field.maxLength) {
    reasons.push(`at most ${field.maxLength} ${field.itemName}s`);
    parts = parts.slice(0, field.maxLength);
  }
  if (parts.some((part) => Number.isNaN(parseNumber(part)))) {
    return {
      value: fallback,
      reason: `“${shorten(raw)}” is not a comma-separated list of numbers; using ${shownFallback}.`,
    };
  }
  let values = parts.map(parseNumber);
  if (field.integer && values.some((value) => !Number.isInteger(value))) {
    reasons.push(`each ${field.itemName} is a whole number`);
    values = values.map((value) => Math.round(value) + 0);
  }
  if (values.some((value) => value < field.min || value > field.max)) {
    reasons.push(`each ${field.itemName} is within ${field.min}–${field.max}`);
    values = values.map((value) => Math.min(field.max, Math.max(field.min, value)));
  }
  if (reasons.length === 0) return { value: values };
  return {
    value: values,
    reason: `${capitalise(reasons.join('; '))}; using ${shorten(values.join(','))}.`,
  };
}

function repairPoints(field: PointsField, raw: string): Repaired<number[][]> {
  const fallback = field.default.map((point) => [...point]);
  const fallBack = (why: string): Repaired<number[][]> => ({
    value: fallback,
    reason: `${why}; using ${shorten(formatPoints(fallback))}.`,
  });
  const rows = raw
    .split(';')
    .map((row) => row.trim())
    .filter((row) => row !== '');
  if (rows.length === 0) return fallBack('At least one point is needed');
  const reasons: string[] = [];
  let kept = rows;
  if (rows.length > field.maxPoints) {
    reasons.push(`at most ${field.maxPoints} points`);
    kept = rows.slice(0, field.maxPoints);
  }
  const points = kept.map((row) => row.split(',').map(parseNumber));
  if (points.some((point) => point.length > 2 || point.some(Number.isNaN))) {
    return fallBack(`“${shorten(raw)}” is not a list of points like "x,y; x,y"`);
  }
  if (points.some((point) => point.length !== points[0]?.length)) {
    return fallBack('Points must all be 1-D or all 2-D');
  }
  const clamped = points.map((point) =>
    point.map((value) => Math.min(field.maxAbs, Math.max(-field.maxAbs, value))),
  );
  if (clamped.some((point, i) => point.some((value, j) => value !== points[i]?.[j]))) {
    reasons.push(`coordinates are within ±${field.maxAbs}`);
  }
  if (reasons.length === 0) return { value: clamped };
  return {
    value: clamped,
    reason: `${capitalise(reasons.join('; '))}; using ${shorten(formatPoints(clamped))}.`,
  };
}

function formatPoints(points: readonly (readonly number[])[]): string {
  return points.map((point) => point.join(',')).join(';');
}

function repairChoice<T extends string>(field: ChoiceField<T>, raw: string): Repaired<T> {
  const wanted = raw.trim().toLowerCase();
  const match = field.options.find((option) => option.toLowerCase() === wanted);
  if (match !== undefined) return { value: match };
  return {
    value: field.default,
    reason: `“${shorten(raw)}” is not one of ${field.options.join(', ')}; using ${field.default}.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads one value from its text form (URL or text input), repairing it when needed. */
export function parseValue<K extends ConfigKey>(
  key: K,
  raw: string,
): Repaired<PlaygroundConfig[K]> {
  const field: Field = FIELDS[key];
  switch (field.kind) {
    case 'number':
      return repairNumber(field, parseNumber(withDecimalPoint(raw)), shorten(raw)) as Repaired<
        PlaygroundConfig[K]
      >;
    case 'list':
      return repairList(field, raw) as Repaired<PlaygroundConfig[K]>;
    case 'points':
      return repairPoints(field, raw) as Repaired<PlaygroundConfig[K]>;
    case 'choice':
      return repairChoice(field as ChoiceField<string>, raw) as Repaired<PlaygroundConfig[K]>;
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}

/** The text form of a value, as written in the URL and shown in text inputs. */
export function formatValue<K extends ConfigKey>(key: K, value: PlaygroundConfig[K]): string {
  const field: Field = FIELDS[key];
  if (field.kind === 'points') return formatPoints(value as number[][]);
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The `key=value` pairs of every value of `config` that differs from `base`. */
function configPairs(config: PlaygroundConfig, base: PlaygroundConfig): string[] {
  const pairs: string[] = [];
  for (const key of CONFIG_KEYS) {
    const text = formatValue(key, config[key]);
    if (text !== formatValue(key, base[key])) {
      // "," and ";" are legal in a fragment and keep lists readable.
      const readable = encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3B/g, ';');
      pairs.push(`${FIELDS[key].urlKey}=${readable}`);
    }
  }
  return pairs;
}

/** Config → hash text (without "#"): the version, then every value that differs from its default. */
export function encodeConfig(config: PlaygroundConfig): string {
  return [`${VERSION_KEY}=${SCHEMA_VERSION}`, ...configPairs(config, defaultConfig())].join('&');
}

/**
 * Config and view → hash text: the version, the view keys that differ from the default view,
 * then every value that differs from the lesson's settings (or from the defaults without one),
 * so a lesson link reads "preset=mode-collapse&lrG=0.01": the lesson, with one change.
 */
export function encodeLink(config: PlaygroundConfig, view: ViewState): string {
  const preset = view.preset === null ? undefined : presetById(view.preset);
  const base = preset === undefined ? defaultConfig() : presetConfig(preset);
  // Run B's settings as `b.` keys: only those that differ from run A's.
  const compare =
    view.compare === null
      ? []
      : configPairs(compareConfig(config, view.compare), config).map(
          (pair) => `${COMPARE_PREFIX}${pair}`,
        );
  return [
    `${VERSION_KEY}=${SCHEMA_VERSION}`,
    ...encodeView(view),
    ...configPairs(config, base),
    ...compare,
  ].join('&');
}

const KEY_BY_URL_KEY = new Map<string, ConfigKey>(
  CONFIG_KEYS.map((key) => [FIELDS[key].urlKey.toLowerCase(), key]),
);

/**
 * Percent-decodes what can be decoded ("+" is a space, as in a query string). A broken escape
 * ("%zz", a lone "%", "%E0%A4" cut mid-character) stays as typed, so the fix shows it.
 */
function safeDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9a-f]{2})+/gi, (escapes) => {
      try {
        return decodeURIComponent(escapes);
      } catch {
        return escapes;
      }
    });
  }
}

/**
 * Hash text (with or without "#") → a valid config and the list of fixes made. Missing keys take
 * their defaults silently; everything else that is not used as given is reported.
 */
export function decodeHash(hash: string): DecodedConfig {
  const { config, fixes } = decodeLink(hash);
  return { config, fixes };
}

const VIEW_KEY_BY_LOWER = new Map<string, ViewUrlKey>(
  VIEW_URL_KEYS.map((key) => [key.toLowerCase(), key]),
);

/** One `key=value` of a hash, decoded. */
interface LinkEntry {
  /** The key, lower-cased: keys are read case-insensitively. */
  key: string;
  /** The key as given, for messages. */
  rawKey: string;
  rawValue: string;
  /** Whether the value was longer than MAX_VALUE_LENGTH and cut. */
  cut: boolean;
}

function readEntry(pair: string): LinkEntry {
  const separator = pair.indexOf('=');
  const keyEnd = separator === -1 ? pair.length : separator;
  const rawKey = safeDecode(pair.slice(0, Math.min(keyEnd, MAX_VALUE_LENGTH)));
  // Values are cut before decoding: parsing stays cheap however long the link is.
  const valueText = separator === -1 ? '' : pair.slice(separator + 1);
  const cut = valueText.length > MAX_VALUE_LENGTH;
  // The cut never splits an escape: "%2" left over would spoil a value that was usable.
  const kept = cut ? valueText.slice(0, MAX_VALUE_LENGTH).replace(/%[0-9a-f]?$/i, '') : valueText;
  return { key: rawKey.toLowerCase(), rawKey, rawValue: safeDecode(kept), cut };
}

/** The setting a `b.<key>` varies in run B, if it is one run B may vary. */
function comparedKey(lowerKey: string): ConfigKey | undefined {
  if (!lowerKey.startsWith(COMPARE_PREFIX)) return undefined;
  const key = KEY_BY_URL_KEY.get(lowerKey.slice(COMPARE_PREFIX.length));
  return key === undefined || SHARED_BY_COMPARISON.has(key) ? undefined : key;
}

/** The name a fix gives a key: its canonical spelling when known, else as given (shortened). */
function fixName({ key: lowerKey, rawKey }: LinkEntry): string {
  if (lowerKey === VERSION_KEY) return VERSION_KEY;
  const viewKey = VIEW_KEY_BY_LOWER.get(lowerKey);
  if (viewKey !== undefined) return viewKey;
  const key = KEY_BY_URL_KEY.get(lowerKey);
  if (key !== undefined) return FIELDS[key].urlKey;
  if (lowerKey.startsWith(COMPARE_PREFIX)) {
    const compared = KEY_BY_URL_KEY.get(lowerKey.slice(COMPARE_PREFIX.length));
    if (compared !== undefined) return `${COMPARE_PREFIX}${FIELDS[compared].urlKey}`;
  }
  return shorten(rawKey);
}

function versionFix(rawValue: string): ConfigFix | null {
  if (rawValue === String(SCHEMA_VERSION)) return null;
  const version = /^\d{1,6}$/.test(rawValue) ? Number(rawValue) : Number.NaN;
  const reason = Number.isNaN(version)
    ? 'This is not a schema version'
    : version > SCHEMA_VERSION
      ? 'The link comes from a newer playground, whose settings may mean something else'
      : `Version ${SCHEMA_VERSION} is the first link format`;
  return {
    key: VERSION_KEY,
    given: shorten(rawValue),
    used: String(SCHEMA_VERSION),
    reason: `${reason}; the link was read as version ${SCHEMA_VERSION}.`,
  };
}

/**
 * Hash text → the config, the view state and the fixes made. A `preset=` key makes the lesson's
 * settings the base the other keys apply to (see encodeLink); missing keys take the base's values
 * silently; every key that is not used as given (unknown, repeated, repaired or cut) is reported,
 * once, under its name. Never throws.
 */
export function decodeLink(hash: string): DecodedLink {
  const fixes: ConfigFix[] = [];
  // "#" and "?" before the first key are punctuation, not part of it ("#?sigma=2" is a pasted
  // query string).
  const text = hash.replace(/^[#?]+/, '');
  const pairs = text.split('&').filter((pair) => pair !== '');
  if (pairs.length > MAX_PAIRS) {
    fixes.push({
      key: 'link',
      given: `${pairs.length.toLocaleString('en')} settings`,
      used: `the first ${MAX_PAIRS}`,
      reason: `The link has too many settings to be a configuration; only the first ${MAX_PAIRS} were read.`,
    });
  }
  const entries = pairs.slice(0, MAX_PAIRS).map(readEntry);

  // The lesson first: its settings are what the other keys change.
  let view = defaultView();
  let config = defaultConfig();
  let presetFix: ConfigFix | null = null;
  const presetEntry = entries.find((entry) => entry.key === 'preset');
  if (presetEntry !== undefined) {
    const preset = presetById(presetEntry.rawValue.trim());
    if (preset === undefined) {
      presetFix = {
        key: 'preset',
        given: shorten(presetEntry.rawValue),
        used: '',
        reason: 'No lesson has this name; the link was read without one.',
      };
    } else {
      view = { ...view, preset: preset.id };
      config = presetConfig(preset);
    }
  }
  // Run B's settings turn the comparison on, whatever `compare=` says.
  const runB = entries.some((entry) => comparedKey(entry.key) !== undefined);

  const seen = new Set<string>();
  const compare: CompareOverrides = {};
  /** Reads one entry into the config, view or comparison; returns its fix, if any. */
  const read = (entry: LinkEntry, name: string): ConfigFix | null => {
    const { key: lowerKey, rawValue } = entry;
    const viewKey = VIEW_KEY_BY_LOWER.get(lowerKey);
    const key = KEY_BY_URL_KEY.get(lowerKey);
    const known = lowerKey === VERSION_KEY || viewKey !== undefined || key !== undefined;
    if (!known && !lowerKey.startsWith(COMPARE_PREFIX)) {
      return { key: name, given: shorten(rawValue), used: '', reason: 'Unknown setting; ignored.' };
    }
    if (known && seen.has(name)) {
      return {
        key: name,
        given: shorten(rawValue),
        used: key === undefined ? '' : formatValue(key, config[key]),
        reason: 'Given more than once; the first value is used.',
      };
    }
    seen.add(name);
    if (lowerKey === VERSION_KEY) return versionFix(rawValue);
    if (lowerKey.startsWith(COMPARE_PREFIX)) return readCompareValue(compare, entry, name);
    if (viewKey === 'preset') return presetFix;
    if (viewKey === 'compare' && runB) {
      view = { ...view, compare: view.compare ?? {} };
      if (readFlag(rawValue) === true) return null;
      return {
        key: name,
        given: shorten(rawValue),
        used: '1',
        reason: "The link's b.… settings turn the comparison on.",
      };
    }
    if (viewKey !== undefined) {
      const repaired = parseViewValue(viewKey, rawValue);
      view = repaired.apply(view);
      if (repaired.reason === undefined) return null;
      return {
        key: name,
        given: shorten(rawValue),
        used: repaired.used ?? '',
        reason: repaired.reason,
      };
    }
    if (key === undefined) return null;
    return readInto(config, key, name, rawValue);
  };
  for (const entry of entries) {
    const name = fixName(entry);
    const fix = read(entry, name);
    if (fix !== null) {
      fixes.push(fix);
    } else if (entry.cut) {
      // A value read only in part is not the value given, even when its start was usable.
      fixes.push({
        key: name,
        given: shorten(entry.rawValue),
        used: '',
        reason: `Longer than ${MAX_VALUE_LENGTH.toLocaleString('en')} characters; only the start was read.`,
      });
    }
  }

  // Belt and braces: the repaired config and view must satisfy their schemas; if they somehow do
  // not, the defaults are always valid.
  const checked = configSchema.safeParse(config);
  if (checked.success) {
    config = checked.data;
  } else {
    config = defaultConfig();
    fixes.push({
      key: 'link',
      given: '',
      used: 'the defaults',
      reason: `The settings did not form a valid configuration (${shorten(checked.error.issues[0]?.message ?? 'invalid')}); the defaults are used.`,
    });
  }
  if (Object.keys(compare).length > 0 || view.compare !== null) {
    // A run-B value equal to run A's is no change: the link writes none, so it keeps none.
    const changes = Object.entries({ ...view.compare, ...compare }).filter(
      ([key, value]) =>
        formatValue(key as ConfigKey, value) !==
        formatValue(key as ConfigKey, config[key as ConfigKey]),
    );
    view = { ...view, compare: Object.fromEntries(changes) as CompareOverrides };
  }
  const checkedView = viewSchema.safeParse(view);
  if (!checkedView.success) {
    view = { ...defaultView(), preset: view.preset };
    fixes.push({
      key: 'link',
      given: '',
      used: 'the default view',
      reason: `The page's state did not validate (${shorten(checkedView.error.issues[0]?.message ?? 'invalid')}); the default view is used.`,
    });
  }
  return { config, view, fixes };
}

/**
 * Reads one `b.<key>` value into the comparison's changes; returns the fix to report, if any.
 * Settings both runs must share are refused.
 */
function readCompareValue(
  compare: CompareOverrides,
  { key: lowerKey, rawValue }: LinkEntry,
  name: string,
): ConfigFix | null {
  const key = KEY_BY_URL_KEY.get(lowerKey.slice(COMPARE_PREFIX.length));
  if (key === undefined) {
    return { key: name, given: shorten(rawValue), used: '', reason: 'Unknown setting; ignored.' };
  }
  if (SHARED_BY_COMPARISON.has(key)) {
    return {
      key: name,
      given: shorten(rawValue),
      used: '',
      reason:
        'Both runs of a comparison share the data, the seed, the backend and the kernel; ignored.',
    };
  }
  if (key in compare) {
    return {
      key: name,
      given: shorten(rawValue),
      used: '',
      reason: 'Given more than once; the first value is used.',
    };
  }
  return readInto(compare, key, name, rawValue);
}

/** Reads a setting's value into `target`, repaired; the fix when it could not be used as given. */
function readInto(
  target: Partial<PlaygroundConfig>,
  key: ConfigKey,
  name: string,
  rawValue: string,
): ConfigFix | null {
  const repaired = parseValue(key, rawValue);
  (target as Record<ConfigKey, unknown>)[key] = repaired.value;
  if (repaired.reason === undefined) return null;
  return {
    key: name,
    given: shorten(rawValue),
    used: formatValue(key, repaired.value),
    reason: repaired.reason,
  };
}
