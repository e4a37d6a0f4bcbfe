/**
 * The default mode of `npm run bench`: every --backends × --sizes, the median of --runs runs
 * each, then the time for the default preset to cover the 8 modes of the ring.
 */

import { describeLoad } from './load';
import { machine, save } from './output';
import { type BenchContext, hashFor, type ModesResult, measureModes, measureRun } from './page';
import { median } from './probes';
import { clickMethod, medianRun, type RunResult, runTable, targetsLine } from './report';
import { sizeHash } from './sizes';

async function modesRows(ctx: BenchContext, baseUrl: string) {
  const { options } = ctx;
  const modes: { requested: string; median: ModesResult; runs: ModesResult[] }[] = [];
  for (const requested of options.backends) {
    const results: ModesResult[] = [];
    for (let r = 0; r < options.runs; r++) {
      const result = await measureModes(ctx, baseUrl, hashFor(options, `backend=${requested}`));
      console.log(`ring-8 modes ${requested} run ${r + 1}: ${JSON.stringify(result)}`);
      results.push(result);
      if (result.seconds === null) break; // a timeout will not end sooner next time
    }
    const reached = results.filter((r) => r.seconds !== null);
    modes.push({
      requested,
      runs: results,
      median: {
        backend: results[0]?.backend ?? '?',
        seconds:
          reached.length === results.length ? median(reached.map((r) => r.seconds ?? 0)) : null,
        iterations: median(results.map((r) => r.iterations)),
      },
    });
  }
  return modes;
}

export async function matrix(ctx: BenchContext, baseUrl: string): Promise<void> {
  const { options } = ctx;
  const rows: { size: string; requested: string; median: RunResult; runs: RunResult[] }[] = [];
  for (const size of options.sizes) {
    for (const requested of options.backends) {
      const results: RunResult[] = [];
      for (let r = 0; r < options.runs; r++) {
        const hash = hashFor(options, `backend=${requested}`, sizeHash(size));
        const result = await measureRun(ctx, baseUrl, hash);
        const load = result.load === null ? '' : ` (${describeLoad(result.load)})`;
        console.log(`${size} ${requested} run ${r + 1}${load}: ${JSON.stringify(result)}`);
        results.push(result);
        if (result.backend === '?') break; // a backend that cannot run will not on the next try
      }
      rows.push({ size, requested, median: medianRun(results), runs: results });
    }
  }
  const modes = options.modes ? await modesRows(ctx, baseUrl) : [];
  console.log(
    `\nMedian of ${options.runs} runs; ${options.seconds} s measured per run after ${options.warmupSeconds} s of warm-up; ${machine(options)}.`,
  );
  console.log(
    `Iterations/s on the worker's own clock; click-to-paint over ${options.clicks} clicks per run on ${options.toggles.join(', ')} (${clickMethod(rows.flatMap((r) => r.runs))}).`,
  );
  console.log(`${targetsLine()}\n`);
  console.log(
    runTable(rows.map((r) => ({ label: `${r.size} ${r.requested}`, run: r.median }))).join('\n'),
  );
  if (modes.length > 0) {
    console.log('\nRing of 8 (default preset): until the metrics show all 8 modes covered');
    console.log('| backend | seconds | iterations |');
    console.log('| --- | --- | --- |');
    for (const { median: m } of modes) {
      console.log(
        `| ${m.backend} | ${m.seconds === null ? `> ${options.modesTimeout}` : m.seconds} | ${m.seconds === null ? `(${m.iterations} when stopped)` : m.iterations} |`,
      );
    }
  }
  const file = save(options, 'matrix', { machine: machine(options), options, rows, modes });
  console.log(`\nJSON: ${file}`);
}
