import { expect, type PlaygroundPage, test } from './fixtures';

/**
 * The last trained run is kept in IndexedDB: after a reload (or the next visit) it is offered
 * back, and restored with one click, settings and weights.
 */

/** Trains, pauses, and waits until the saved run has been written (at most every 5 s). */
async function trainAndKeep(playground: PlaygroundPage, iterations: number): Promise<number> {
  await playground.playButton.click();
  await playground.waitForIteration(iterations);
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  const iteration = await playground.iteration();
  await playground.page.waitForTimeout(5500);
  return iteration;
}

test('a reload offers the last run back, and one click restores it', async ({ playground }) => {
  await playground.open();
  const trained = await trainAndKeep(playground, 150);
  await playground.page.reload();
  const banner = playground.page.getByTestId('saved-run');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-iteration', String(trained));
  await expect(banner).toContainText(`iteration ${trained.toLocaleString('en')}`);
  await expect(playground.playButton).toBeEnabled();
  expect(await playground.iteration()).toBe(0);

  await banner.getByRole('button', { name: 'Restore it' }).click();
  await expect(banner).toBeHidden();
  await expect.poll(() => playground.iteration()).toBe(trained);
  await playground.playButton.click();
  await playground.waitForIteration(trained + 50);
  await playground.pauseButton.click();
});

test('restoring brings back the run’s own settings, whatever the link says now', async ({
  playground,
}) => {
  await playground.open('data=gaussian-2d&g=16,16');
  const trained = await trainAndKeep(playground, 100);
  // Another link, opened afresh (a new hash alone would not reload the page).
  await playground.page.goto('/#data=ring-8');
  await playground.page.reload();
  const banner = playground.page.getByTestId('saved-run');
  await expect(banner).toContainText('iteration');
  await banner.getByRole('button', { name: 'Restore it' }).click();
  await expect(banner).toBeHidden();
  await expect.poll(() => playground.iteration()).toBe(trained);
  await expect.poll(() => playground.hashParams().get('data')).toBe('gaussian-2d');
  expect(playground.hashParams().get('g')).toBe('16,16');
  await expect(playground.control('dataset')).toHaveValue('gaussian-2d');
});

test('"Forget it" deletes the kept run', async ({ playground }) => {
  await playground.open();
  await trainAndKeep(playground, 60);
  await playground.page.reload();
  const banner = playground.page.getByTestId('saved-run');
  await banner.getByRole('button', { name: 'Forget it' }).click();
  await expect(banner).toBeHidden();
  await playground.page.reload();
  await expect(playground.playButton).toBeEnabled();
  // The page has settled (first snapshot in): had a run been kept, its banner would be up.
  await expect(playground.page.getByTestId('iteration')).toHaveText('0');
  await expect(banner).toHaveCount(0);
});
