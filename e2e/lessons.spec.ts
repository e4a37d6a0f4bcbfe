import { PRESETS } from '../src/config/presets';
import { expect, seriousViolations, test } from './fixtures';

/** What a first screen must show of the main plot: its title, its toggles and the plot's top. */
const PLOT_ROOM = 200;

test.describe('lessons', () => {
  test('the gallery lists every lesson as a link, and opening one sets it up', async ({
    playground,
  }) => {
    await playground.open();
    const { page } = playground;
    await page.getByTestId('lessons-button').click();
    const dialog = page.getByTestId('lessons-dialog');
    const tiles = dialog.getByRole('link');
    await expect(tiles).toHaveCount(PRESETS.length);
    // Each tile sums its lesson up in a whole sentence, not cut at "et al." (issue #15).
    await expect(dialog.locator('[data-preset="k-steps"] .lesson-summary')).toHaveText(
      /^Algorithm 1 of Goodfellow et al\. \(2014\) trains D k times .*\)\.$/,
    );
    const lesson = PRESETS[2] ?? PRESETS[0];
    if (lesson === undefined) throw new Error('no lessons');
    await expect(tiles.nth(PRESETS.indexOf(lesson))).toHaveAttribute(
      'href',
      `#v=1&preset=${lesson.id}`,
    );
    await tiles.nth(PRESETS.indexOf(lesson)).click();
    await expect(dialog).toBeHidden();
    const card = page.getByTestId('lesson-card');
    await expect(card).toContainText(lesson.title);

    await expect(card.getByTestId('lesson-claim')).toHaveAttribute('data-status', 'pending');
    expect(playground.hashParams().get('preset')).toBe(lesson.id);
    // A changed setting is flagged, and the lesson's settings come back on request.
    await playground.setControl('seed', '999');
    await expect(card.getByTestId('lesson-modified')).toBeVisible();
    expect(playground.hashParams().get('seed')).toBe('999');
    await card.getByRole('button', { name: "Restore the lesson's settings" }).click();
    await expect(card.getByTestId('lesson-modified')).toHaveCount(0);
    expect(playground.hashParams().get('seed')).toBeNull();
    await card.getByRole('button', { name: 'Close lesson' }).click();
    await expect(card).toHaveCount(0);
    expect(playground.hashParams().get('preset')).toBeNull();
  });

  for (const preset of PRESETS) {
    test(`“${preset.title}”: its claim holds after ${preset.claim.afterIterations} iterations`, async ({
      playground,
    }) => {
      // Training to the claim takes up to a minute or so on this 2-core machine.
      test.setTimeout(180_000);
      await playground.open(`preset=${preset.id}`);
      const claim = playground.page.getByTestId('lesson-claim');
      await expect(claim).toHaveAttribute('data-status', 'pending');
      await playground.playButton.click();
      await playground.waitForIteration(preset.claim.afterIterations, 150_000);
      // The claim is judged on the next measurement after the threshold.
      await expect(claim).not.toHaveAttribute('data-status', 'pending', { timeout: 10_000 });
      await playground.pauseButton.click();
      await expect(
        claim,
        `${preset.claim.text}: ${await claim.getAttribute('data-value')}`,
      ).toHaveAttribute('data-status', 'holds');
    });
  }

  test.describe('at 1366×768', () => {
    test.use({ viewport: { width: 1366, height: 768 } });

    test('every lesson opens with the main plot on the first screen, its card folded to one line', async ({
      playground,
    }) => {
      const { page } = playground;
      const card = page.getByTestId('lesson-card');
      const plot = playground.distribution;
      for (const [index, preset] of PRESETS.entries()) {
        // The first lesson opens a fresh page, the others follow links to them, as from the gallery.
        if (index === 0) await playground.open(`preset=${preset.id}`);
        else await page.evaluate((hash) => window.location.assign(hash), `#preset=${preset.id}`);
        await expect(card).toContainText(preset.title);
        await expect(playground.playButton).toBeEnabled();
        await expect(plot.locator('canvas, svg').first()).toBeVisible();
        const layout = await page.evaluate(() => ({
          scrollY: window.scrollY,
          height: window.innerHeight,
          plotTop: document
            .querySelector('[data-testid="distribution-plot"]')
            ?.getBoundingClientRect().top,
          card: document.querySelector('[data-testid="lesson-card"]')?.getBoundingClientRect()
            .height,
        }));
        expect(layout.scrollY, preset.id).toBe(0);
        expect(layout.plotTop ?? Number.NaN, `${preset.id}: the plot's top`).toBeLessThanOrEqual(
          layout.height - PLOT_ROOM,
        );
        // One line: the title, the claim's verdict and the buttons.
        expect(layout.card ?? Number.NaN, preset.id).toBeLessThanOrEqual(56);
        await expect(card.getByTestId('lesson-claim')).toBeInViewport();
        await expect(card.getByTestId('lesson-toggle')).toHaveAttribute('aria-expanded', 'false');
      }
    });

    test('the card unfolds to its story and the choice holds for the tab', async ({
      playground,
    }) => {
      const { page } = playground;
      await playground.open('preset=mode-collapse');
      const card = page.getByTestId('lesson-card');
      const toggle = card.getByTestId('lesson-toggle');
      const story = card.locator('.lesson-story');
      await expect(story).toBeHidden();
      await expect(card.getByTestId('lesson-claim')).toContainText('Claim from iteration');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(story).toBeVisible();
      await expect(card.getByTestId('lesson-claim')).toContainText('press Play.');
      expect(await seriousViolations(page, '[data-testid="lesson-card"]')).toEqual([]);
      await page.reload();
      await expect(story).toBeVisible();
      await toggle.click();
      await expect(story).toBeHidden();
      await page.reload();
      await expect(card).toBeVisible();
      await expect(story).toBeHidden();
    });

    test('the claim line follows the run: not started, training, paused', async ({
      playground,
    }) => {
      const { page } = playground;
      await playground.open('preset=gaussian');
      await page.getByTestId('lesson-toggle').click();
      const claim = page.getByTestId('lesson-claim');
      await expect(claim).toHaveAttribute('data-phase', 'not-started');
      await expect(claim).toContainText('press Play.');
      await playground.playButton.click();
      await expect(claim).toHaveAttribute('data-phase', 'running');
      await expect(claim).not.toContainText('Play');
      await playground.waitForIteration(1);
      await playground.pauseButton.click();
      await expect(claim).toHaveAttribute('data-phase', 'paused');
      await expect(claim).toContainText(/paused at [\d,]+: press Play to go on/);
    });
  });

  for (const [width, height] of [
    [390, 844],
    [360, 740],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`the card folded and unfolded at ${width}×${height}, ${colorScheme}: no overflow, no violation`, async ({
        playground,
      }) => {
        const { page } = playground;
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await playground.open('preset=packing');
        const card = page.getByTestId('lesson-card');
        for (const open of [false, true]) {
          await expect(card.getByTestId('lesson-toggle')).toHaveAttribute(
            'aria-expanded',
            String(open),
          );
          const box = await card.boundingBox();
          expect(box === null ? Number.NaN : box.x + box.width).toBeLessThanOrEqual(width);
          expect(await seriousViolations(page, '[data-testid="lesson-card"]')).toEqual([]);
          if (!open) await card.getByTestId('lesson-toggle').click();
        }
      });
    }
  }
});
