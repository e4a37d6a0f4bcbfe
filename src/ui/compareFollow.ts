/**
 * Run B's settings when run A's change under a recovery (going back with lower learning rates,
 * restoring a kept run): the comparison's own changes re-applied to A's new settings, as the page
 * computes them next (compareConfig(config, view.compare)). Sent with the recovery, so the config
 * change that follows finds nothing changed and does not start both runs over.
 */
import { CONFIG_KEYS, type ConfigKey, type PlaygroundConfig } from '../config/schema';

function copyKey<K extends ConfigKey>(
  target: PlaygroundConfig,
  source: PlaygroundConfig,
  key: K,
): void {
  target[key] = source[key];
}

export function followCompare(
  compare: PlaygroundConfig | null,
  from: PlaygroundConfig,
  to: PlaygroundConfig,
): PlaygroundConfig | null {
  if (compare === null) return null;
  const next: PlaygroundConfig = { ...to };
  for (const key of CONFIG_KEYS) {
    if (JSON.stringify(compare[key]) !== JSON.stringify(from[key])) copyKey(next, compare, key);
  }
  return next;
}
