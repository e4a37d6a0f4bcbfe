/**
 * Reading parsed JSON (or any structured-clone value) that may be hostile: a file, a link, an
 * IndexedDB entry. Pure, no tfjs: the config layer re-exports it for the UI.
 */

/** A plain object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property only: a key inherited from a (polluted) Object.prototype is not the value's. */
export function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
