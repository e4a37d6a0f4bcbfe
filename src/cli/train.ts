/**
 * Headless training from a share link: the same engine and config schema as the browser.
 *
 *   npm run train -- "<share URL or hash>" [--steps N] [--every K] [--json]
 *                    [--samples out.csv] [--sample-count N] [--points data.csv] [--backend cpu|wasm]
 *
 * Prints metrics as it goes (a progress line on a terminal, one JSON object per line with
 * --json) and can write the generated samples as CSV. Same link + same backend → same numbers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '../engine/wasm';
import type { PlaygroundConfig } from '../config/schema';
import { decodeHash } from '../config/url';
import { createTrainer, parsePointsCsv, type TrainingMetrics } from '../engine';

const USAGE = `Usage: npm run train -- "<share URL or hash>" [options]

Exit status: 0 done, 1 error, 2 bad arguments, 3 training diverged (a loss became NaN or infinite).

Options:
  --steps N          iterations to train (default 2000)
  --every K          report metrics every K iterations (default steps/20)
  --json             print one JSON object per report instead of a progress line
  --samples FILE     write generated samples to FILE as CSV at the end
  --sample-count N   number of samples for metrics and --samples (default 1000)
  --points FILE      CSV of data points, for links with data=points
  --backend NAME     cpu or wasm (default: the link's backend if cpu/wasm, else wasm)
  --help             show this help`;

class UsageError extends Error {}

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`--${name} needs a positive whole number, not "${text}".`);
  }
  return value;
}

/** The hash part of a share URL, or the argument itself when it is already a hash. */
function hashOf(link: string): string {
  const index = link.indexOf('#');
  return index === -1 ? link : link.slice(index + 1);
}

function formatMetric(value: number | null, digits = 4): string {
  return value === null ? '—' : Number.isFinite(value) ? value.toPrecision(digits) : String(value);
}

function summary(metrics: TrainingMetrics): string {
  const parts = [
    `it ${metrics.iteration}`,
    `MMD²(h=${metrics.kernelBandwidth}) ${formatMetric(metrics.mmdSquared)}`,
  ];
  if (metrics.wasserstein1 !== null) parts.push(`W1 ${formatMetric(metrics.wasserstein1)}`);
  if (metrics.slicedWasserstein !== null) {
    parts.push(`SW1 ${formatMetric(metrics.slicedWasserstein)}`);
  }
  if (metrics.modesCovered !== null) {
    parts.push(`modes ${metrics.modesCovered}/${metrics.modeCount}`);
    parts.push(`HQ ${formatMetric(metrics.highQualityShare, 3)}`);
  }
  parts.push(`JS ${formatMetric(metrics.js, 3)}`);
  return parts.join('  ');
}

async function chooseBackend(requested: string): Promise<string> {
  if (await tf.setBackend(requested)) return tf.getBackend();
  if (requested !== 'cpu' && (await tf.setBackend('cpu'))) {
    process.stderr.write(`The ${requested} backend could not start; using cpu.\n`);
    return 'cpu';
  }
  throw new Error('No tfjs backend could start.');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      steps: { type: 'string' },
      every: { type: 'string' },
      json: { type: 'boolean', default: false },
      samples: { type: 'string' },
      'sample-count': { type: 'string' },
      points: { type: 'string' },
      backend: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('Give one share link (quote it).');
  const { config, fixes } = decodeHash(hashOf(positionals[0] ?? ''));
  for (const fix of fixes) {
    process.stderr.write(`note: ${fix.key}${fix.given ? ` = ${fix.given}` : ''}: ${fix.reason}\n`);
  }
  const steps = positiveInteger(values.steps, 'steps', 2000);
  const every = positiveInteger(values.every, 'every', Math.max(1, Math.round(steps / 20)));
  const sampleCount = positiveInteger(values['sample-count'], 'sample-count', 1000);
  const requested =
    values.backend ??
    (config.backend === 'cpu' || config.backend === 'wasm' ? config.backend : 'wasm');
  if (requested !== 'cpu' && requested !== 'wasm') {
    throw new UsageError(`--backend is cpu or wasm in Node, not "${requested}".`);
  }
  const points = loadPoints(config, values.points);
  const backend = await chooseBackend(requested);

  const trainer = createTrainer({ ...config, points });
  const started = performance.now();
  /** Reports and says whether training may go on (false once a loss is NaN or infinite). */
  const report = async (): Promise<boolean> => {
    const metrics = await trainer.metrics({
      sampleSize: sampleCount,
      kernelBandwidth: config.kernelBandwidth,
    });
    const seconds = (performance.now() - started) / 1000;
    const losses = await trainer.takeLosses();
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ ...metrics, backend, seconds: Number(seconds.toFixed(3)), losses })}\n`,
      );
    } else if (process.stderr.isTTY) {
      const width = 24;
      const done = Math.round((metrics.iteration / steps) * width);
      process.stderr.write(
        `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${summary(metrics)}  ${seconds.toFixed(1)}s  `,
      );
    } else {
      process.stdout.write(`${summary(metrics)}  ${seconds.toFixed(1)}s\n`);
    }
    const latest = losses === null ? [] : [losses.generator, losses.discriminator ?? 0];
    if (latest.every(Number.isFinite)) return true;
    process.stderr.write(
      `\nTraining diverged by iteration ${metrics.iteration}: a loss is NaN or infinite. Lower the learning rates.\n`,
    );
    return false;
  };
  let healthy = true;
  try {
    await report();
    while (healthy && trainer.iteration < steps) {
      trainer.step(Math.min(every, steps - trainer.iteration));
      healthy = await report();
    }
    if (!values.json && process.stderr.isTTY) process.stderr.write('\n');
    if (values.samples !== undefined) {
      const samples = await trainer.sample(sampleCount);
      writeFileSync(values.samples, samplesCsv(samples, trainer.dimension));
      process.stderr.write(`Wrote ${sampleCount} samples to ${values.samples}.\n`);
    }
  } finally {
    trainer.dispose();
  }
  return healthy ? 0 : 3;
}

function loadPoints(
  config: PlaygroundConfig,
  file: string | undefined,
): { dimension: 1 | 2; values: Float32Array } | null {
  if (config.dataset !== 'points') return null;
  if (file === undefined)
    throw new UsageError('This link trains on your own points: give --points FILE.csv.');
  const parsed = parsePointsCsv(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error}`);
  return parsed.points;
}

/** Generated samples as CSV with a header (x or x,y). */
function samplesCsv(samples: Float32Array, dimension: 1 | 2): string {
  const lines = [dimension === 1 ? 'x' : 'x,y'];
  for (let i = 0; i < samples.length; i += dimension) {
    lines.push(Array.from(samples.subarray(i, i + dimension), (v) => String(v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
