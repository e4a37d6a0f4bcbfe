import type { Page } from '@playwright/test';
import { expect, seriousViolations, test } from './fixtures';

const SMALL = 'data=gaussian-1d&g=16&d=16&batch=64';

/** What the screen says σ is: the field, the noise card and the link. */
async function sigmas(page: Page) {
  return {
    field: await page.locator('#control-noiseSigma').inputValue(),
    card: await page.getByTestId('noise-view').getAttribute('data-sigma'),
    link: new URLSearchParams(new URL(page.url()).hash.slice(1)).get('sigma') ?? '1',
  };
}

/** Focus on nothing: the page's own shortcuts, not a field's, take the keys. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
}

test.describe('undo and redo of settings', () => {
  test('Ctrl+Z in a field keeps the field, the noise card and the link in agreement', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page } = playground;
    await playground.setControl('noiseSigma', '3');
    await expect.poll(() => sigmas(page)).toEqual({ field: '3', card: '3', link: '3' });
    // The browser's own undo of the typing: the field commits what it then shows.
    await playground.control('noiseSigma').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => sigmas(page)).toEqual({ field: '1', card: '1', link: '1' });
    // A decimal comma is a decimal point, not a mistake replaced by the default.
    await playground.setControl('noiseSigma', '0,5');
    await expect.poll(() => sigmas(page)).toEqual({ field: '0.5', card: '0.5', link: '0.5' });
    // The advanced-settings switch and a curve's log scale are kept in the link.
    await playground.showAdvanced();
    await playground.lossChart.getByRole('checkbox', { name: 'log scale' }).check();
    await expect.poll(() => playground.hashParams().get('advanced')).toBe('1');
    await expect.poll(() => playground.hashParams().get('log')).toBe('loss');
  });

  test('Ctrl+Z and Ctrl+Shift+Z outside fields undo and redo; the buttons say what', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page } = playground;
    const undo = page.getByTestId('undo-settings');
    const redo = page.getByTestId('redo-settings');
    await expect(undo).toBeDisabled();
    await playground.setControl('noiseSigma', '3');
    await expect(undo).toHaveAttribute('title', 'Undo G · Noise σ 1 → 3 (Ctrl+Z)');
    await blur(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => sigmas(page)).toEqual({ field: '1', card: '1', link: '1' });
    await expect(redo).toHaveAttribute('title', 'Redo G · Noise σ 1 → 3 (Ctrl+Shift+Z)');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => sigmas(page)).toEqual({ field: '3', card: '3', link: '3' });
    await expect(redo).toBeDisabled();
    // The buttons do the same.
    await undo.click();
    await expect.poll(() => sigmas(page)).toEqual({ field: '1', card: '1', link: '1' });
    await redo.click();
    await expect.poll(() => sigmas(page)).toEqual({ field: '3', card: '3', link: '3' });
  });

  test('a live σ change keeps the run: the iteration goes on', async ({ playground }) => {
    await playground.open(SMALL);
    const { page } = playground;
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i++) await step.click();
    await expect.poll(() => playground.iteration()).toBe(3);
    await playground.setControl('noiseSigma', '2');
    await expect(playground.restartQuestion).toHaveCount(0);
    await expect(page.getByTestId('noise-view')).toHaveAttribute('data-sigma', '2');
    // A new run would count from 0; the kept one goes on from 3.
    await step.click();
    await expect.poll(() => playground.iteration()).toBe(4);
  });

  test('a change that needs a new run asks first; "Keep the run" keeps it', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page } = playground;
    const step = page.getByRole('button', { name: 'Step', exact: true });
    const layers = playground.control('generatorLayers');
    for (let i = 0; i < 2; i++) await step.click();
    await expect.poll(() => playground.iteration()).toBe(2);

    await playground.setControl('generatorLayers', '8');
    await expect(playground.restartQuestion).toContainText(
      'Restart the run with G · Hidden layers 16 → 8? The current run (iteration 2) will start over.',
    );
    expect(playground.hashParams().get('g')).toBe('16');
    // The question and the undo buttons pass the scan in both themes.
    expect(await seriousViolations(page, '.control-panel')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page, '.control-panel')).toEqual([]);
    await playground.restartQuestion.getByRole('button', { name: 'Keep the run' }).click();
    await expect(playground.restartQuestion).toHaveCount(0);
    await expect(layers).toHaveValue('16');
    await step.click();
    await expect.poll(() => playground.iteration()).toBe(3);

    // Restart makes the change: a new run from 0.
    await playground.setControl('generatorLayers', '8');
    await playground.confirmRestart();
    await expect(layers).toHaveValue('8');
    expect(playground.hashParams().get('g')).toBe('8');
    await expect.poll(() => playground.iteration()).toBe(0);

    // Undoing it after training asks the same way.
    await step.click();
    await expect.poll(() => playground.iteration()).toBe(1);
    await blur(page);
    await page.keyboard.press('Control+z');
    await expect(playground.restartQuestion).toContainText('Undo: restart the run with');
    await expect(layers).toHaveValue('16');
    await playground.restartQuestion.getByRole('button', { name: 'Keep the run' }).click();
    await expect(layers).toHaveValue('8');
    expect(playground.hashParams().get('g')).toBe('8');
  });
});
