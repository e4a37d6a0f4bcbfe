/**
 * Settings as the page names them outside their own control: with the network they belong to
 * ("G · Learning rate", "D · Optimiser"), since several settings share a label, and with their
 * values in the controls' words. Used by the comparison's label and chips and by the timeline's
 * note on edits set aside.
 */
import { CONFIG_KEYS, type ConfigKey, FIELDS, type PlaygroundConfig } from '../config/schema';
import { formatValue } from '../config/url';
import { type CompareOverrides, SHARED_BY_COMPARISON } from '../config/view';

/** The settings run B may change, in the schema's order. */
export const COMPARABLE_KEYS: readonly ConfigKey[] = CONFIG_KEYS.filter(
  (key) => !SHARED_BY_COMPARISON.has(key),
);

/** Which network a setting belongs to, so "Learning rate" reads "G · Learning rate". */
export function settingName(key: ConfigKey): string {
  const field = FIELDS[key];
  if (field.group === 'generator') return `G · ${field.label}`;
  if (field.group === 'discriminator') return `D · ${field.label}`;
  return field.label;
}

/** A setting's value in the controls' words: a choice's label, else the link's text. */
export function settingValue<K extends ConfigKey>(key: K, value: PlaygroundConfig[K]): string {
  const field = FIELDS[key];
  if (field.kind === 'choice') {
    const labels: Readonly<Record<string, string>> = field.optionLabels;
    return labels[String(value)] ?? String(value);
  }
  return formatValue(key, value);
}

/** "G · Optimiser = SGD, D · Optimiser = SGD" — how run B differs, in the controls' words. */
export function describeCompare(compare: CompareOverrides): string {
  const keys = COMPARABLE_KEYS.filter((key) => key in compare);
  if (keys.length === 0) return 'the same settings';
  return keys
    .map(
      (key) =>
        `${settingName(key)} = ${settingValue(key, compare[key] as PlaygroundConfig[typeof key])}`,
    )
    .join(', ');
}

/** The settings that differ between two configs, in the schema's order. */
export function changedKeys(from: PlaygroundConfig, to: PlaygroundConfig): ConfigKey[] {
  return CONFIG_KEYS.filter((key) => formatValue(key, from[key]) !== formatValue(key, to[key]));
}

/** "G · Learning rate 0.001 → 0.0003, Batch size 256 → 64": each change, from and to. */
export function describeChanges(from: PlaygroundConfig, to: PlaygroundConfig): string {
  return changedKeys(from, to)
    .map(
      (key) =>
        `${settingName(key)} ${settingValue(key, from[key])} → ${settingValue(key, to[key])}`,
    )
    .join(', ');
}
