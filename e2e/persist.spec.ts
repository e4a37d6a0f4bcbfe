import type { Page } from '@playwright/test';
import { expect, PlaygroundPage, test } from './fixtures';

/**
 * Trained runs are kept in IndexedDB, one slot per page (a tab id in sessionStorage names the
 * tab's): after a reload, or in another tab, the runs are offered back by name, and restored
 * with one click, settings, points, weights and a comparison's run B, once the worker took them.
 */

/** Trains, pauses, and returns the iteration (the run is written at most every 5 s). */
async function train(playground: PlaygroundPage, iterations: number): Promise<number> {
  await playground.playButton.click();
  await playground.waitForIteration(iterations);
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  return playground.iteration();
}

/** Waits until the latest run has been written. */
const written = (page: Page): Promise<void> => page.waitForTimeout(5500);

async function drawCircle(playground: PlaygroundPage): Promise<void> {
  const rows = Array.from({ length: 60 }, (_, i) => `${Math.cos(i / 3)},${Math.sin(i / 3)}`);
  await playground.page
    .getByTestId('points-editor')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'circle.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`x,y\n${rows.join('\n')}\n`),
    });
  await expect(playground.page.getByTestId('points-count')).toHaveText('60 points, 2-D');
}

test('a reload offers the tab’s run back, and one click restores it', async ({ playground }) => {
  await playground.open();
  const trained = await train(playground, 150);
  await written(playground.page);
  await playground.page.reload();
  const row = playground.page.getByTestId('kept-run');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-iteration', String(trained));
  await expect(row).toContainText('Ring of 8 Gaussians, Non-saturating GAN');
  await expect(row).toContainText(`iteration ${trained.toLocaleString('en')}`);
  await expect(row).toContainText('kept by this tab');
  await expect(playground.playButton).toBeEnabled();
  expect(await playground.iteration()).toBe(0);

  await row.getByRole('button', { name: 'Restore it' }).click();
  await expect(playground.page.getByTestId('saved-run')).toBeHidden();
  await expect.poll(() => playground.iteration()).toBe(trained);
  await playground.playButton.click();
  await playground.waitForIteration(trained + 50);
  await playground.pauseButton.click();
});

test('a restore under another link (a comparison, no points) trains on from the kept iteration, not 0', async ({
  playground,
}) => {
  await playground.open('data=points&g=16&d=16&batch=64', { expectModel: false });
  await drawCircle(playground);
  const trained = await train(playground, 100);
  await written(playground.page);
  // Another link, opened afresh: it compares two runs, and a reload has no points.
  await playground.page.goto('/#data=ring-8&compare=1&b.sigma=2');
  await playground.page.reload();
  await expect(playground.playButton).toBeEnabled();
  const row = playground.page.getByTestId('kept-run');
  await row.getByRole('button', { name: 'Restore it' }).click();
  await expect.poll(() => playground.iteration()).toBe(trained);
  await expect(playground.page.getByTestId('points-count')).toHaveText('60 points, 2-D');
  expect(playground.hashParams().get('data')).toBe('points');
  expect(playground.hashParams().get('g')).toBe('16');
  // The kept run had no comparison: the restored page has none either.
  expect(playground.hashParams().get('compare')).toBeNull();
  // One step on from the kept iteration (a resend of the settings used to rebuild it at 0).
  await playground.page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => playground.iteration()).toBe(trained + 1);
});

test('two tabs each keep their own run; a new tab names both, and forgetting one keeps the other', async ({
  playground,
}) => {
  const context = playground.page.context();
  const other = new PlaygroundPage(await context.newPage());
  await playground.open();
  await other.open('data=gaussian-2d');
  const first = await train(playground, 150);
  const second = await train(other, 40);
  await written(other.page);

  const third = new PlaygroundPage(await context.newPage());
  await third.open('data=two-moons');
  const rows = third.page.getByTestId('kept-run');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Ring of 8' })).toContainText(
    `iteration ${first.toLocaleString('en')}`,
  );
  await expect(rows.filter({ hasText: '2-D Gaussian' })).toContainText(
    `iteration ${second.toLocaleString('en')}`,
  );
  await expect(rows.first()).toContainText('kept by another tab');

  // The first tab reloaded: its own run first, the other tab's still there.
  await playground.page.reload();
  const own = playground.page.getByTestId('kept-run');
  await expect(own).toHaveCount(2);
  await expect(own.first()).toContainText('kept by this tab');
  await expect(own.first()).toHaveAttribute('data-iteration', String(first));
  await own.nth(1).getByRole('button', { name: 'Forget it' }).click();
  await third.page.reload();
  await expect(third.page.getByTestId('kept-run')).toHaveCount(1);
  await expect(third.page.getByTestId('kept-run')).toHaveAttribute('data-iteration', String(first));
  await other.page.close();
  await third.page.close();
});

/** Rewrites the kept runs in IndexedDB (as another program, or a damaged disk, might). */
async function tamper(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const done = <T>(request: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const db = await done(indexedDB.open('gan-playground'));
    const runs = db.transaction('runs', 'readwrite').objectStore('runs');
    for (const key of await done(runs.getAllKeys())) {
      const entry = await done(runs.get(key));
      if (String(key).startsWith('run:')) {
        // Settings that no longer fit the weights: only the worker can tell.
        entry.run.config.generatorLayers = [32];
        await done(runs.put(entry, key));
      }
    }
    // A description from nowhere, with an impossible time.
    const info = { id: 'junk', tab: 'x', writer: 'x', name: 'Junk', iteration: 5, experiment: '' };
    await done(runs.put({ version: 2, info: { ...info, savedAt: 1e300 } }, 'meta:junk'));
    db.close();
  });
}

test('a restore the worker refuses changes neither link nor settings, and says why', async ({
  playground,
}) => {
  await playground.open('data=gaussian-2d&g=16,16');
  await train(playground, 60);
  await written(playground.page);
  await tamper(playground.page);
  await playground.page.goto('/#data=two-moons&lrG=0.003');
  await playground.page.reload();
  await expect(playground.playButton).toBeEnabled();
  // The impossible entry is dropped with a note, never shown ("1.1574e+292 days ago").
  await expect(playground.page.getByTestId('kept-notes')).toContainText(
    'could not be read (its description is damaged) and was dropped',
  );
  const row = playground.page.getByTestId('kept-run');
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Restore it' }).click();
  await expect(row.getByRole('alert')).toContainText(
    /It could not be restored: .*hidden layers 16,16.*32.*Nothing on this page was changed/,
  );
  expect(playground.hashParams().get('data')).toBe('two-moons');
  expect(playground.hashParams().get('lrG')).toBe('0.003');
  expect(playground.hashParams().get('g')).toBeNull();
  await expect(playground.control('dataset')).toHaveValue('two-moons');
  expect(await playground.iteration()).toBe(0);
  await playground.playButton.click();
  await playground.waitForIteration(20);
});
