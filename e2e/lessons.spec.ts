import { PRESETS } from '../src/config/presets';
import { expect, test } from './fixtures';

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
});
