/**
 * `npm run bench`: training speed and page smoothness of the production build, in headless
 * Chromium (the e2e tests' browser and flags), driven by Playwright.
 *
 *   npm run bench                          every backend × every model size, median of 3 runs,
 *                                          plus the time to cover the 8 modes of the ring
 *   npm run bench -- --compare A [B]       two variants interleaved A B A B …, one table per
 *                                          figure with B/A and the targets; a variant is a
 *                                          backend, a built folder, a git ref or working-tree
 *                                          (B's default)
 *   npm run bench -- --soak 1800           30 minutes of training with every view on: live
 *                                          tensors, worker and page heaps, frames/s in the
 *                                          first and the last window, a verdict for each
 *                                          (exit status 2 when one fails); a build folder
 *                                          or git ref after it soaks that build instead
 *   npm run bench -- --largest             the largest legal model on each of --backends,
 *                                          trained or refused (bench/largest.ts)
 *
 * Options (parsed and checked in bench/options.ts):
 * --backends webgpu,webgl,wasm,cpu  --sizes default,small,ganlab,wide (bench/sizes.ts; ganlab is
 * GAN Lab's real default)  --runs 3  --seconds 10 (measured per run, after a warm-up)
 * --modes-timeout 60  --no-modes  --hash 'lrG=0.002' (extra settings for every run)  --json FILE
 * --dist DIR (build the working tree into DIR, default dist; --no-build serves it as it is)
 * --port 4310 (the first port the builds are served on)  --largest-timeout 300 (s per backend)
 * --points 100000 (train on that many uploaded 2-D points, bench/points.ts).
 * Contended mode: --load N starts N busy processes (bench/load.ts) once the builds are served,
 * and stops them itself (also on Ctrl+C or an error); each run measures with them spinning,
 * then reads the worker's speed with them paused (its unloaded iterations/s, same warm page).
 * GPU-canvas mode: --angle swiftshader (alias --gpu-canvas) launches Chromium with
 * --use-angle=swiftshader: canvases in the GPU process, as on a machine with a hardware GPU.
 * Clicks: --clicks 8 clicks per run on --toggles 'D heatmap,log scale' (by accessible name), each
 * timed from its input to the next painted frame (Event Timing; rAF after the click when no
 * entry comes, i.e. under 16 ms).
 * Soak: --interval S (between samples; default T/30 within 2–10 s), --warmup S (before the
 * first window; default T/6, at most 60 s), --window S (default T/4, at most 60 s).
 *
 * Per run it reports the worker's iterations/s on the worker's own clock (the live snapshot's
 * count and time, which the toolbar carries as data-worker-iteration/-time; the toolbar's own
 * figure lags when snapshots queue up), with --load the share of its unloaded speed, the page's
 * frames/s (median of the window's whole seconds), its longest main-thread task (Long Tasks
 * API), click-to-paint median and max, the time from "Play" to the first drawn update, and the
 * load average seen, next to the issue's targets. Results print as Markdown tables and are
 * written as JSON under bench-results/ (not committed). Timings are measurements, never test
 * assertions.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium';
import { compare, compareVariants } from './compare';
import { largest } from './largest';
import { type Load, startLoad } from './load';
import { matrix } from './matrix';
import { angleArgs, type BenchOptions, parseBenchOptions } from './options';
import { save } from './output';
import type { BenchContext } from './page';
import { buildRef, buildWorkingTree, isBuildFolder, Servers } from './serve';
import { soak } from './soak';

/** The builds a mode measures, built and served before any load starts. */
async function serveTargets(options: BenchOptions, servers: Servers) {
  if (options.mode === 'compare') return { variants: await compareVariants(options, servers) };
  const target = options.mode === 'soak' ? options.soakTarget : null;
  const dir =
    target === null
      ? buildWorkingTree(options.dist, options.build)
      : isBuildFolder(target)
        ? target
        : buildRef(target);
  return { baseUrl: await servers.serve(dir) };
}

async function main(options: BenchOptions, servers: Servers): Promise<void> {
  const served = await serveTargets(options, servers);
  const started: { load?: Load } = {};
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, ...angleArgs(options.angle)],
  });
  const ctx: BenchContext = {
    browser,
    options,
    load: () => {
      started.load ??= startLoad(options.load);
      return started.load;
    },
  };
  try {
    if (served.variants !== undefined) await compare(ctx, served.variants);
    else if (options.mode === 'soak') await soak(ctx, served.baseUrl, options.soakSeconds ?? 0);
    else if (options.mode === 'largest') {
      ctx.load();
      const found = await largest(
        browser,
        served.baseUrl,
        options.backends,
        options.largestTimeout,
      );
      console.log(`JSON: ${save(options, 'largest', found)}`);
    } else await matrix(ctx, served.baseUrl);
  } finally {
    started.load?.stop();
    await browser.close();
  }
}

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const servers = new Servers(options.port);
process.on('SIGINT', () => {
  servers.stop();
  process.exit(130);
});
main(options, servers)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => servers.stop());
