/**
 * How long ago a time was, in words ("3 minutes ago"). A time that cannot be right (not a
 * number, before 2024, or more than a minute ahead of the clock) is said to be unknown, never
 * "1.1574e+292 days ago".
 */
import { plausibleTime } from './storedRun';

const UNITS: readonly [string, number][] = [
  ['year', 365 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

export function timeAgo(then: number, now = Date.now()): string {
  if (!plausibleTime(then, now)) return 'at an unknown time';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  for (const [unit, size] of UNITS) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count.toLocaleString('en')} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}
