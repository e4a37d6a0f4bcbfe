import type { Locator, Page } from '@playwright/test';
import { expect, type PlaygroundPage, seriousViolations, test } from './fixtures';

/**
 * The tour is offered, never imposed (issue #15): its overlay once arrived ~5 s after load, just
 * as Play became clickable, and swallowed a newcomer's first click. Every test here opens the page
 * as on a first visit (fresh storage).
 */
test.use({ firstVisit: true });

const SMALL = 'data=gaussian-1d&g=16&d=16&batch=64';

function prompt(page: Page): Locator {
  return page.getByTestId('tour-prompt');
}

/** Steps through the whole tour from its first popover, calling `check` on each; returns the count. */
async function stepThrough(
  playground: PlaygroundPage,
  check: (popover: Locator, step: number) => Promise<void>,
): Promise<number> {
  const popover = playground.page.locator('.driver-popover');
  await expect(popover).toContainText(/1 of \d+/);
  const total = Number((await popover.textContent())?.match(/1 of (\d+)/)?.[1]);
  for (let step = 1; step <= total; step++) {
    await expect(popover).toContainText(`${step} of ${total}`);
    await check(popover, step);
    await popover.getByRole('button', { name: step === total ? 'Done' : 'Next' }).click();
  }
  await expect(popover).toHaveCount(0);
  return total;
}

test('on a first visit, Play clicked a second after the page is interactive starts training', async ({
  playground,
}) => {
  const { page } = playground;
  await playground.open(SMALL);
  // A person reads the page for a moment, then presses Play.
  await page.waitForTimeout(1000);
  await playground.playButton.click();
  await playground.waitForIteration(1);
  await expect(playground.pauseButton).toBeVisible();
  // Nothing came over the page: no tour by itself, only its offer.
  await expect(page.locator('.driver-overlay, .driver-popover')).toHaveCount(0);
  await expect(prompt(page)).toBeVisible();
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  // Declined: gone at once, and on the next visit.
  await prompt(page).getByRole('button', { name: 'No, thanks' }).click();
  await expect(prompt(page)).toHaveCount(0);
  await page.reload();
  await expect(playground.playButton).toBeEnabled();
  await expect(prompt(page)).toHaveCount(0);
});

test('the prompt starts the tour, and is not offered again once taken', async ({ playground }) => {
  const { page } = playground;
  await page.emulateMedia({ colorScheme: 'dark' });
  await playground.open(SMALL);
  await expect(prompt(page)).toContainText('New here?');
  expect(await seriousViolations(page, '[data-testid="tour-prompt"]')).toEqual([]);
  await prompt(page).getByRole('button', { name: 'Take the tour' }).click();
  await expect(prompt(page)).toHaveCount(0);
  const steps = await stepThrough(playground, async (popover, step) => {
    if (step === 1) await expect(popover).toContainText('Start with a lesson');
  });
  expect(steps).toBeGreaterThanOrEqual(5);
  await page.reload();
  await expect(playground.playButton).toBeEnabled();
  await expect(prompt(page)).toHaveCount(0);
});

test('“Real vs generated” is introduced beside its legend, not over it', async ({ playground }) => {
  const { page } = playground;
  await playground.open(SMALL);
  await prompt(page).getByRole('button', { name: 'Take the tour' }).click();
  let seen = false;
  await stepThrough(playground, async (popover) => {
    if (!(await popover.textContent())?.includes('Real vs generated')) return;
    seen = true;
    const legend = playground.distribution.locator('.legend');
    // driver.js places the popover once the page has scrolled to the plot.
    await expect
      .poll(async () => {
        const [a, b] = [await popover.boundingBox(), await legend.boundingBox()];
        if (a === null || b === null) return 'not laid out';
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        return apart ? 'apart' : 'overlapping';
      })
      .toBe('apart');
  });
  expect(seen).toBe(true);
});

for (const hash of ['preset=gaussian', `${SMALL}&embed=1`]) {
  test(`no prompt on a page opened from a link to a lesson or an embed: ${hash}`, async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open(hash);
    await expect(playground.distribution).toBeVisible();
    await expect(prompt(page)).toHaveCount(0);
    await expect(page.locator('.driver-popover')).toHaveCount(0);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every popover of the tour fits the screen', async ({ playground }) => {
    const { page } = playground;
    await playground.open(SMALL);
    expect(await seriousViolations(page, '[data-testid="tour-prompt"]')).toEqual([]);
    const box = await prompt(page).boundingBox();
    expect(box).not.toBeNull();
    if (box !== null) expect(box.x + box.width).toBeLessThanOrEqual(390);
    await prompt(page).getByRole('button', { name: 'Take the tour' }).click();
    await stepThrough(playground, async (popover, step) => {
      await expect
        .poll(async () => {
          const b = await popover.boundingBox();
          if (b === null) return 'not laid out';
          const inside = b.x >= 0 && b.y >= 0 && b.x + b.width <= 390 && b.y + b.height <= 844;
          return inside ? 'inside' : `step ${step} at ${JSON.stringify(b)}`;
        })
        .toBe('inside');
    });
  });
});
