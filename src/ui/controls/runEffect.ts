import { LIVE_KEYS, MEASUREMENT_KEYS } from '../../config/live';
import type { ConfigKey } from '../../config/schema';

/** What a change of the setting does to the run under way, for its help line. */
export function runEffect(key: ConfigKey): string {
  if (MEASUREMENT_KEYS.has(key)) return 'Changes only what is measured; the run goes on.';
  if (LIVE_KEYS.has(key)) {
    return 'Applies to the running run: it keeps its iteration, and the optimiser its state.';
  }
  return 'A change starts a new run (asked first once the run has trained).';
}
