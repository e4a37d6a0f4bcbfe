import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, PlaygroundPage, test } from './fixtures';

/**
 * "My experiments" (src/ui/experiments): a lecturer saves the current setup under a name, with a
 * thumbnail, the lesson's claim and the run, and opens, renames, copies and deletes (with Undo)
 * what was saved; another tab's list follows; without IndexedDB the list says so.
 */

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .include('[data-testid="experiments-dialog"]')
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

function dialogOf(page: Page): Locator {
  return page.getByTestId('experiments-dialog');
}

async function openPanel(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'My experiments' }).click();
  const dialog = dialogOf(page);
  await expect(dialog.getByTestId('experiments')).toHaveAttribute('data-availability', 'ready');
  return dialog;
}

test('save a trained lesson under a name, rename, delete and undo, then open it again', async ({
  playground,
}) => {
  const { page } = playground;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await playground.open('preset=gaussian');
  await playground.playButton.click();
  await playground.waitForIteration(80);
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  const trained = await playground.iteration();

  const dialog = await openPanel(page);
  const name = dialog.getByLabel('Name', { exact: true });
  await expect(name).toHaveValue(/^A GAN learns a Gaussian, \d+ \w+ \d{4} \d\d:\d\d$/);
  await name.fill('Lecture 3: a Gaussian');
  await dialog.getByRole('button', { name: 'Save current' }).click();
  const row = dialog.getByTestId('experiment');
  await expect(row).toHaveCount(1);
  await expect(dialog.getByTestId('experiments-status')).toContainText(
    'Saved “Lecture 3: a Gaussian”, with its run.',
  );
  await expect(row.getByRole('heading')).toHaveText('Lecture 3: a Gaussian');
  await expect(row).toHaveAttribute('data-iteration', String(trained));
  await expect(row).toHaveAttribute('data-run', String(trained));
  await expect(row).toContainText(`Iteration ${trained.toLocaleString('en')}, with its run`);
  await expect(row).toContainText('saved just now');
  await expect(row.getByRole('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(row.getByTestId('experiment-claim')).toContainText('A GAN learns a Gaussian');
  await expect(row.getByTestId('experiment-link')).toContainText('preset=gaussian');
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole('button', { name: /^Copy link/ }).click();
  await expect(row.getByText('Link copied.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).hash).toContain('preset=gaussian');

  await row.getByRole('button', { name: /^Rename/ }).click();
  const field = row.getByRole('textbox', { name: /^New name/ });
  await field.fill('');
  await field.press('Enter');
  await expect(row.getByRole('alert')).toHaveText('A name cannot be empty.');
  await field.fill('Lecture 3, the Gaussian');
  await field.press('Enter');
  await expect(row.getByRole('heading')).toHaveText('Lecture 3, the Gaussian');

  await row.getByRole('button', { name: /^Delete/ }).click();
  await expect(row).toHaveCount(0);
  const undo = dialog.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('heading')).toHaveText('Lecture 3, the Gaussian');

  // Another setting starts a new run; opening the experiment brings back its settings and run.
  await page.keyboard.press('Escape');
  await playground.setControl('seed', '9');
  await playground.confirmRestart();
  await expect.poll(() => playground.iteration()).toBe(0);
  await openPanel(page);
  await row.getByRole('button', { name: /^Open/ }).click();
  await expect(dialogOf(page)).toBeHidden();
  await expect.poll(() => playground.iteration()).toBe(trained);
  expect(playground.hashParams().get('preset')).toBe('gaussian');
  expect(playground.hashParams().has('seed')).toBe(false);
  await expect(playground.control('seed')).toHaveValue('1');
});

test('another tab’s save appears in an open list; at phone width, dark', async ({
  playground,
  context,
}) => {
  await playground.open('data=gaussian-1d&g=8&d=8');
  const other = new PlaygroundPage(await context.newPage());
  await other.page.setViewportSize({ width: 390, height: 844 });
  await other.page.emulateMedia({ colorScheme: 'dark' });
  await other.open('data=gaussian-1d&g=8&d=8');
  const list = await openPanel(other.page);
  await expect(list.getByText('No experiment saved yet.')).toBeVisible();

  const dialog = await openPanel(playground.page);
  await dialog.getByLabel('Name', { exact: true }).fill('From the first tab');
  await dialog.getByRole('button', { name: 'Save current' }).click();
  await expect(dialog.getByTestId('experiment')).toHaveCount(1);

  const row = list.getByTestId('experiment');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('heading')).toHaveText('From the first tab');
  await expect(row).toContainText('Iteration 0, settings only');
  // The dialog fits the phone: nothing wider than the screen, no sideways scroll.
  const box = await list.boundingBox();
  expect(box !== null && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  expect(await list.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  expect(await seriousViolations(other.page)).toEqual([]);
  expect(other.consoleErrors).toEqual([]);
  await other.page.close();
});

test('without IndexedDB (private browsing) the list says so and the page works', async ({
  playground,
}) => {
  await playground.page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await playground.open('data=gaussian-1d&g=8&d=8');
  await playground.page.getByRole('button', { name: 'My experiments' }).click();
  const dialog = dialogOf(playground.page);
  await expect(dialog.getByTestId('experiments-unavailable')).toContainText(
    'Experiments cannot be kept in this browser: its storage is unavailable',
  );
  await expect(dialog.getByRole('button', { name: 'Save current' })).toHaveCount(0);
  await playground.page.keyboard.press('Escape');
  await playground.playButton.click();
  await playground.waitForIteration(5);
});
