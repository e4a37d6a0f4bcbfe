/**
 * `npm run bench -- --compare A [B]`: two variants measured in interleaved rounds (A B A B …,
 * fresh pages, at least 4 rounds), so that a drift of the machine's load hits both alike; one
 * table per figure, round by round, with the medians, B/A and the targets. A variant is a
 * backend name, a folder holding a build, a git ref, or `working-tree` (B by default).
 */
import { describeLoad } from './load';
import { ALL_BACKENDS, type BenchOptions } from './options';
import { machine, save } from './output';
import { type BenchContext, hashFor, measureRun } from './page';
import { clickMethod, compareTables, medianRun, type RunResult, targetsLine } from './report';
import { buildRef, buildWorkingTree, isBuildFolder, type Servers } from './serve';
import { sizeHash } from './sizes';

export interface Variant {
  label: string;
  baseUrl: string;
  hash: string;
}

/** The backend every variant that is not a backend name runs on: --backends when it names one. */
function backendPart(options: BenchOptions): string {
  return options.backends.length === 1 ? `backend=${options.backends[0]}` : '';
}

/** Builds (or finds) and serves a variant. */
async function variant(
  spec: string,
  options: BenchOptions,
  servers: Servers,
  workingTreeUrl: () => Promise<string>,
): Promise<Variant> {
  if ((ALL_BACKENDS as readonly string[]).includes(spec)) {
    return { label: spec, baseUrl: await workingTreeUrl(), hash: `backend=${spec}` };
  }
  const hash = backendPart(options);
  if (spec === 'working-tree') return { label: spec, baseUrl: await workingTreeUrl(), hash };
  if (isBuildFolder(spec)) return { label: spec, baseUrl: await servers.serve(spec), hash };
  return { label: spec, baseUrl: await servers.serve(buildRef(spec)), hash };
}

/** Builds and serves both variants (before any load starts). */
export async function compareVariants(
  options: BenchOptions,
  servers: Servers,
): Promise<[Variant, Variant]> {
  const [a, b] = options.variants ?? ['working-tree', 'working-tree'];
  let workingTree: Promise<string> | null = null;
  const workingTreeUrl = () =>
    (workingTree ??= servers.serve(buildWorkingTree(options.dist, options.build)));
  return [
    await variant(a, options, servers, workingTreeUrl),
    await variant(b, options, servers, workingTreeUrl),
  ];
}

export async function compare(ctx: BenchContext, variants: [Variant, Variant]): Promise<void> {
  const { options } = ctx;
  const size = options.sizes[0] ?? 'default';
  const rounds = Math.max(options.runs, 4);
  const results: [RunResult[], RunResult[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const [i, v] of variants.entries()) {
      const result = await measureRun(ctx, v.baseUrl, hashFor(options, v.hash, sizeHash(size)));
      const load = result.load === null ? '' : ` (${describeLoad(result.load)})`;
      console.log(`round ${r + 1} ${v.label}${load}: ${JSON.stringify(result)}`);
      results[i === 0 ? 0 : 1].push(result);
    }
  }
  const labels: [string, string] = [variants[0].label, variants[1].label];
  const sources = results.map((runs, i) =>
    runs.every((r) => r.iterationsSource === 'worker')
      ? ''
      : ` ${labels[i]} has no worker clock: its iterations/s are the toolbar's.`,
  );
  console.log(
    `\n${rounds} interleaved rounds (A B A B …), size ${size}, ${options.seconds} s measured each after ${options.warmupSeconds} s of warm-up; ${machine(options)}.`,
  );
  console.log(
    `Click-to-paint over ${options.clicks} clicks per round on ${options.toggles.join(', ')} (${clickMethod([...results[0], ...results[1]])}).${sources.join('')}`,
  );
  console.log(targetsLine());
  console.log(compareTables(labels, results).join('\n'));
  const medians = results.map(medianRun);
  const file = save(options, 'compare', {
    machine: machine(options),
    options,
    size,
    variants,
    results,
    medians,
  });
  console.log(`\nJSON: ${file}`);
}
