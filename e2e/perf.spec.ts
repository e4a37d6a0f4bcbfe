import { expect, test } from './fixtures';

/**
 * Issue #15, "smooth on a student's laptop": views out of sight do not redraw with every
 * snapshot; they catch up now and then, and at once when scrolled into sight.
 */
test.describe('The page works in proportion to what is on screen', () => {
  test('a chart out of sight skips the redraws of a chart in sight, and catches up when seen', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open();
    const seen = playground.lossChart;
    // Far below the first screen at the suite's 1360 × 900.
    const unseen = page.getByTestId('divergence-chart');
    await expect(seen).toHaveAttribute('data-in-sight', 'true');
    await expect(unseen).toHaveAttribute('data-in-sight', 'false');

    await playground.playButton.click();
    await playground.waitForIteration(50);
    const draws = async () => ({
      seen: await playground.numberAttribute(seen, 'data-draws'),
      unseen: await playground.numberAttribute(unseen, 'data-draws'),
      at: Date.now(),
    });
    const before = await draws();
    // The chart in sight redraws with every snapshot...
    await expect
      .poll(async () => (await draws()).seen - before.seen, { timeout: 40_000 })
      .toBeGreaterThanOrEqual(6);
    const after = await draws();
    // ...the one out of sight catches up once every MAX_STALE_MS (2 s, plus its stagger) at most.
    const elapsed = after.at - before.at;
    expect(after.unseen - before.unseen).toBeLessThanOrEqual(Math.ceil(elapsed / 2000) + 1);

    // Scrolled into sight, it draws the latest state at once.
    await unseen.scrollIntoViewIfNeeded();
    await expect(unseen).toHaveAttribute('data-in-sight', 'true');
    await expect
      .poll(() => playground.numberAttribute(unseen, 'data-draws'))
      .toBeGreaterThan(after.unseen);
  });
});
