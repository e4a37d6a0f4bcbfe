/** Where `npm run bench` writes its JSON, and the line that says what it ran on. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import type { BenchOptions } from './options';
import { describeAngle } from './options';
import { RESULTS } from './serve';

/** "2 × Intel …, linux 6.1, Chromium headless, software canvas, 1 busy process". */
export function machine(options: BenchOptions): string {
  const cpus = os.cpus();
  const busy = options.load === 1 ? '1 busy process' : `${options.load} busy processes`;
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${os.platform()} ${os.release()}, Chromium headless, ${describeAngle(options.angle)}, ${busy}`;
}

/** Writes `data` as JSON to --json or bench-results/<kind>-<time>.json; returns the file. */
export function save(options: BenchOptions, kind: string, data: unknown): string {
  mkdirSync(RESULTS, { recursive: true });
  const file =
    options.json ??
    resolve(RESULTS, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}
