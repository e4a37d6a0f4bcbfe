/**
 * The benchmark's user points (`npm run bench -- --points 100000`): a generated CSV uploaded
 * into the page through the points editor's file input, as a user would, so that frames/s and
 * the longest main-thread task are measured while training on that many points. Combine it with
 * the GPU-process canvas (`--angle swiftshader`, alias `--gpu-canvas`: bench/options.ts's
 * angleArgs), where canvas readbacks are synchronous round trips (see ../shared/ENVIRONMENT.md).
 */
import type { Page } from '@playwright/test';
import { createRandom } from '../src/engine/random';

/** The hash part that selects the user's points as the data set. */
export const POINTS_HASH = 'data=points';

/**
 * `count` 2-D points as CSV text (header x,y): five Gaussian blobs inside the pad's square,
 * the same for every run (fixed seed).
 */
export function pointsCsv(count: number): string {
  const random = createRandom(14);
  const centres = [
    [-1.5, -1],
    [1.5, -1],
    [0, 1.6],
    [-1.8, 1.2],
    [1.8, 1.2],
  ];
  const lines = ['x,y'];
  for (let i = 0; i < count; i++) {
    const [cx = 0, cy = 0] = centres[i % centres.length] ?? [];
    lines.push(
      `${(cx + 0.3 * random.normal()).toFixed(4)},${(cy + 0.3 * random.normal()).toFixed(4)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Uploads `count` generated points into the page and waits until the editor reports them. It
 * first waits for the worker to refuse the empty data set: points given while the worker is
 * still starting can be lost (the worker keeps saying "There are no points yet").
 */
export async function uploadPoints(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    () => document.body.innerText.includes('There are no points yet'),
    null,
    {
      timeout: 120_000,
    },
  );
  const editor = page.getByTestId('points-editor');
  await editor.locator('input[type="file"]').setInputFiles({
    name: `bench-${count}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(pointsCsv(count)),
  });
  await page.waitForFunction(
    (expected) =>
      document.querySelector('[data-testid="points-count"]')?.textContent?.startsWith(expected) ??
      false,
    `${count} points`,
    { timeout: 120_000 },
  );
}
