import { expect, test } from './fixtures';

// The README's screenshot is this real app, trained for a few seconds, as the suite sees it.
test('screenshot of the trained playground for the README', async ({ playground }) => {
  await playground.open();
  await playground.playButton.click();
  await playground.waitForIteration(300, 45_000);
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  await playground.page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
});
