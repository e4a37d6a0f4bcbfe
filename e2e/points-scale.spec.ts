import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** `count` 2-D points as CSV text, on a grid of blobs inside the pad. */
function csv(count: number): string {
  const lines = ['x,y'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `${(((i * 7) % 41) / 10 - 2).toFixed(2)},${(((i * 13) % 37) / 10 - 1.8).toFixed(2)}`,
    );
  }
  return lines.join('\n');
}

async function upload(page: Page, count: number): Promise<void> {
  // The worker has started and refused the empty data set (points given earlier can be lost).
  await expect(page.getByText('There are no points yet').first()).toBeVisible();
  await page
    .getByTestId('points-editor')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(count)) });
  await expect(page.getByTestId('points-count')).toHaveText(`${count} points, 2-D`);
}

/** Drags across the pad, 20 steps from its top-left towards its bottom-right. */
async function stroke(page: Page): Promise<void> {
  const box = await page.getByLabel('Drawing pad: drag to add points').boundingBox();
  if (box === null) throw new Error('no drawing pad');
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 9, box.y + 30 + i * 7);
  await page.mouse.up();
}

test.describe('many uploaded points', () => {
  test('a stroke over 6 000 uploaded points adds to them, and the count says so', async ({
    playground,
  }) => {
    const page = playground.page;
    await playground.open('data=points&g=16&d=16&batch=64', { expectModel: false });
    await upload(page, 6000);
    await stroke(page);
    const message = page.getByTestId('points-message');
    await expect(message).toContainText('points drawn');
    const total = /([\d,]+) points in all/.exec((await message.textContent()) ?? '')?.[1];
    const shown = Number((await page.getByTestId('points-count').textContent())?.split(' ')[0]);
    expect(shown).toBeGreaterThan(6000);
    expect(Number(total?.replace(/,/g, ''))).toBe(shown);
  });

  test('100 000 points: the pad draws them once, not per snapshot, and a stroke at the limit says why', async ({
    playground,
  }) => {
    const page = playground.page;
    await playground.open('data=points&g=16&d=16&batch=64', { expectModel: false });
    await upload(page, 100_000);
    await expect(page.getByTestId('points-message')).toContainText('100,000 2-D points loaded');
    const pad = page.getByLabel('Drawing pad: drag to add points');
    await expect(pad).toHaveAttribute('data-layer-builds', '1');
    const redraws = await pad.getAttribute('data-redraws');
    expect(Number(redraws)).toBeGreaterThan(0);

    await expect(playground.playButton).toBeEnabled();
    await playground.playButton.click();
    // Several snapshots: the generated points are redrawn 3 times.
    const plot = playground.distribution;
    for (let k = 0; k < 3; k++) {
      const before = await plot.getAttribute('data-generated-digest');
      await expect(plot).not.toHaveAttribute('data-generated-digest', before ?? '');
    }
    // The page keeps producing animation frames while it trains on them (no rate asserted here:
    // that is `npm run bench -- --points 100000`).
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const end = performance.now() + 1000;
          const tick = (): void => {
            count++;
            if (performance.now() < end) requestAnimationFrame(tick);
            else resolve(count);
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBeGreaterThan(1);
    // Neither the layer nor the pad was redrawn by the snapshots.
    await expect(pad).toHaveAttribute('data-layer-builds', '1');
    await expect(pad).toHaveAttribute('data-redraws', redraws ?? '');

    await stroke(page);
    const message = page.getByTestId('points-message');
    await expect(message).toContainText('Nothing was added');
    await expect(message).toContainText('at most 100,000 points');
    await expect(page.getByTestId('points-count')).toHaveText('100000 points, 2-D');
  });
});
