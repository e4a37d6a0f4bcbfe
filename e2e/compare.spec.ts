import { expect, test } from './fixtures';

const SMALL = 'data=gaussian-1d&g=16&d=16&batch=64';

test.describe('side-by-side comparison', () => {
  test('a link with b. keys trains two runs in step on the same data, plotted together', async ({
    playground,
  }) => {
    await playground.open(`${SMALL}&sigma=0.05&b.sigma=1`);
    const { page } = playground;
    const view = page.getByTestId('compare-view');
    await expect(view.getByTestId('compare-label')).toHaveText('Noise σ = 1');
    await expect(view.getByTestId('compare-b')).toHaveAttribute('data-generated-count', '512');
    await playground.playButton.click();
    await playground.waitForIteration(300);
    await playground.pauseButton.click();
    const a = view.getByTestId('compare-a');
    const b = view.getByTestId('compare-b');
    // In step: both runs have made the same number of iterations.
    await expect
      .poll(
        async () =>
          (await a.getAttribute('data-iteration')) === String(await playground.iteration()),
      )
      .toBe(true);
    await expect(b).toHaveAttribute(
      'data-iteration',
      (await a.getAttribute('data-iteration')) ?? '',
    );
    // Both curves fill, on one chart.
    await expect
      .poll(() => playground.numberAttribute(view.getByTestId('compare-mmd'), 'data-points-b'))
      .toBeGreaterThan(2);
    await expect(view.getByTestId('compare-mmd').locator('path[data-points]')).toHaveCount(2);
    // The runs differ only by σ, and a tiny σ learns the Gaussian more slowly.
    const mmdA = Number(await a.getAttribute('data-mmd'));
    const mmdB = Number(await b.getAttribute('data-mmd'));
    expect(mmdA).toBeGreaterThan(mmdB);
  });

  test('the Compare button and the editor change run B; the link follows', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page } = playground;
    await page.getByTestId('compare-button').click();
    const view = page.getByTestId('compare-view');
    await expect(view.getByTestId('compare-label')).toHaveText('the same settings');
    await expect.poll(() => playground.hashParams().get('compare')).toBe('1');
    await view.getByLabel('For run B, set').selectOption('objective');
    await view.getByLabel('to', { exact: true }).fill('mmd');
    await view.getByRole('button', { name: 'Apply to B' }).click();
    await expect(view.getByTestId('compare-label')).toHaveText('Objective = MMD only (GMMN)');
    await expect.poll(() => playground.hashParams().get('b.loss')).toBe('mmd');
    await playground.playButton.click();
    await playground.waitForIteration(30);
    await expect(view.getByTestId('compare-b')).not.toHaveAttribute('data-iteration', '0');
    // A bad value is repaired and said so.
    await view.getByLabel('For run B, set').selectOption('noiseSigma');
    await view.getByLabel('to', { exact: true }).fill('99');
    await view.getByRole('button', { name: 'Apply to B' }).click();
    await expect(view.getByRole('status')).toContainText('maximum is 10');
    await expect.poll(() => playground.hashParams().get('b.sigma')).toBe('10');
    await view.getByRole('button', { name: /Remove .*Objective from run B/ }).click();
    await expect.poll(() => playground.hashParams().get('b.loss')).toBeNull();
    await view.getByRole('button', { name: 'Stop comparing' }).click();
    await expect(view).toHaveCount(0);
    await expect.poll(() => playground.hashParams().get('compare')).toBeNull();
  });
});
