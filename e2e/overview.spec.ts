import { expect, test } from './fixtures';

test.describe('The model overview', () => {
  test('each box shows its live state, and clicking one focuses its view', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open();
    const overview = page.getByTestId('model-overview');
    const generated = overview.locator('[data-thumbnail="generated"] path');
    const judge = overview.locator('[data-thumbnail="judge"] image');
    await expect(generated).toHaveAttribute('d', /^M/);
    await expect(judge).toHaveAttribute('href', /^data:image\/png;base64,/);
    await expect(overview.locator('[data-thumbnail="manifold"] path')).toHaveAttribute('d', /^M/);

    const before = (await generated.getAttribute('d')) ?? '';
    await playground.playButton.click();
    await playground.waitForIteration(150);
    await expect(generated).not.toHaveAttribute('d', before);
    await expect(overview.getByTestId('overview-losses')).toContainText(/L_D \d\.\d\d · L_G/);
    await playground.pauseButton.click();

    // Clicking the discriminator box brings the distribution view into focus with its D layer on.
    await page.getByRole('checkbox', { name: 'D heatmap' }).uncheck();
    await expect(playground.distribution).toHaveAttribute('data-layers', 'manifold push');
    await overview.getByTestId('overview-judge').click();
    await expect(playground.distribution).toBeFocused();
    await expect(playground.distribution).toBeInViewport();
    await expect(playground.distribution).toHaveAttribute(
      'data-layers',
      'discriminator manifold push',
    );

    // The boxes are buttons for the keyboard too.
    const losses = page.getByRole('button', { name: /^Losses L_D/ });
    await losses.focus();
    await page.keyboard.press('Enter');
    await expect(playground.lossChart).toBeFocused();
    await page.getByRole('button', { name: /^Noise z / }).press(' ');
    await expect(page.getByTestId('noise-view')).toBeFocused();
  });

  test('with the MMD objective the judge is the Gaussian kernel, and leads to its view', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open('loss=mmd');
    const judge = page.getByTestId('overview-judge');
    await expect(judge).toContainText('Kernel k');
    await expect(judge).toContainText('h = 0.5');
    await expect(judge.locator('image')).toHaveAttribute('href', /^data:image\/png/);
    await judge.click();
    await expect(page.getByTestId('kernel-view')).toBeFocused();
  });

  test('in 1-D the thumbnails are histograms and curves', async ({ playground }) => {
    const { page } = playground;
    await playground.open('data=mixture-1d');
    const overview = page.getByTestId('model-overview');
    await expect(overview.locator('[data-thumbnail="real"] path')).toHaveAttribute('d', /V.*H/);
    // D(x) and z → G(z) as curves of the worker's grids (200 and 101 points).
    const dCurve =
      (await overview.locator('[data-thumbnail="judge"] path').getAttribute('d')) ?? '';
    expect(dCurve.split('L')).toHaveLength(200);
    const map =
      (await overview.locator('[data-thumbnail="manifold"] path').getAttribute('d')) ?? '';
    expect(map.split('L')).toHaveLength(101);
    await overview.getByTestId('overview-generator').click();
    await expect(page.getByTestId('noise-view')).toBeFocused();
  });
});
