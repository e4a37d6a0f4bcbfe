import { expect, seriousViolations, test } from './fixtures';

test.describe('accessibility (axe-core)', () => {
  test('the playground, trained a little, has no serious or critical violation', async ({
    playground,
  }) => {
    await playground.open('data=gaussian-1d&g=16&d=16&batch=64');
    await playground.playButton.click();
    await playground.waitForIteration(30);
    await playground.pauseButton.click();
    expect(await seriousViolations(playground.page)).toEqual([]);
  });

  test('in 2-D with a lesson open and advanced settings shown', async ({ playground }) => {
    await playground.open('preset=mode-collapse');
    await playground.showAdvanced();
    await expect(playground.page.getByTestId('lesson-card')).toBeVisible();
    expect(await seriousViolations(playground.page)).toEqual([]);
  });

  test('the lessons and help dialogs, the share menu and an embed', async ({ playground }) => {
    await playground.open();
    const { page } = playground;
    await page.getByTestId('lessons-button').click();
    await expect(page.getByTestId('lessons-dialog')).toBeVisible();
    expect(await seriousViolations(page, '[data-testid="lessons-dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Help and keyboard shortcuts' }).click();
    expect(await seriousViolations(page, '[data-testid="help-dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByText('Share & export').click();
    expect(await seriousViolations(page, '[data-testid="share-menu"]')).toEqual([]);
    await playground.open('embed=1');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('in the dark theme', async ({ playground }) => {
    await playground.page.emulateMedia({ colorScheme: 'dark' });
    await playground.open();
    expect(await seriousViolations(playground.page)).toEqual([]);
  });
});

test.describe('the recovery views (issue #14) at phone width, in both themes', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`kept runs, progress of a long step, the points editor in an embed: ${colorScheme}`, async ({
      playground,
    }) => {
      test.setTimeout(90_000);
      const { page } = playground;
      await page.setViewportSize({ width: 360, height: 740 });
      await page.emulateMedia({ colorScheme });
      // These views fit the phone's width themselves (and the page does: e2e/layouts.spec.ts).
      const fitsWidth = (testId: string) =>
        page
          .getByTestId(testId)
          .first()
          .evaluate((el) => {
            const box = el.getBoundingClientRect();
            return (
              box.left >= 0 && box.right <= window.innerWidth && el.scrollWidth <= el.clientWidth
            );
          });
      await playground.open('g=16&d=16&batch=64');
      await playground.playButton.click();
      await playground.waitForIteration(40);
      await playground.pauseButton.click();
      // The run is kept (written within 5 s); a reload offers it back, named.
      await page.waitForTimeout(6000);
      await page.reload();
      await expect(page.getByTestId('kept-run').first()).toBeVisible();
      await expect(playground.playButton).toBeEnabled();
      await playground.playButton.click();
      await page.evaluate(() => window.ganPlayground?.injectFault('slow'));
      await expect(page.getByTestId('busy-progress')).toBeVisible();
      expect(await fitsWidth('kept-run')).toBe(true);
      expect(await fitsWidth('busy-progress')).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await playground.open('data=points&embed=1', { expectModel: false });
      await expect(page.getByTestId('link-fixes')).toBeVisible();
      expect(await fitsWidth('link-fixes')).toBe(true);
      expect(await fitsWidth('points-editor')).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
