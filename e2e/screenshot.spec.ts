import { expect, test } from './fixtures';

// The README's screenshot is this real app, trained for a few seconds, as the suite sees it.
test('screenshot of the trained playground for the README', async ({ playground }) => {
  test.setTimeout(120_000);
  // Tall enough to show the model overview, the samples and the first curves together.
  await playground.page.setViewportSize({ width: 1360, height: 1240 });
  await playground.open();
  await playground.playButton.click();
  // Long enough for the default run to have found the eight modes of the ring.
  await playground.waitForIteration(2000, 90_000);
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  // The overview's thumbnails and every curve were drawn.
  await expect(playground.page.getByTestId('overview-generated').locator('path')).toHaveCount(1);
  await playground.page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
});
