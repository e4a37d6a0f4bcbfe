import { expect, test } from './fixtures';

const SMALL = 'data=gaussian-1d&g=16&d=16&batch=64';

test.describe('timeline', () => {
  test('scrubs back to earlier frames and returns to live', async ({ playground }) => {
    await playground.open(SMALL);
    const { page, distribution } = playground;
    const initial = await distribution.getAttribute('data-generated-digest');
    await playground.playButton.click();
    await playground.waitForIteration(150);
    await playground.pauseButton.click();
    // The paused snapshot (the last one) has arrived once Play is back.
    await expect(playground.playButton).toBeVisible();
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => playground.numberAttribute(timeline, 'data-frames')).toBeGreaterThan(5);
    const liveDigest = await distribution.getAttribute('data-generated-digest');
    const liveIteration = await playground.iteration();

    // The slider's left end is the first frame: the run as it started.
    const slider = timeline.getByRole('slider', { name: 'Timeline' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(timeline).toHaveAttribute('data-scrubbed', '0');
    await expect(distribution).toHaveAttribute('data-iteration', '0');
    await expect(distribution).toHaveAttribute('data-generated-digest', initial ?? '');
    // One frame on: a later iteration, other points.
    await page.keyboard.press('ArrowRight');
    await expect(timeline).not.toHaveAttribute('data-scrubbed', '0');
    expect(Number(await distribution.getAttribute('data-iteration'))).toBeGreaterThan(0);
    // The toolbar keeps counting the live run, and says which frame is shown.
    expect(await playground.iteration()).toBe(liveIteration);

    await timeline.getByRole('button', { name: 'Back to live' }).click();
    await expect(timeline).toHaveAttribute('data-scrubbed', '');
    await expect(distribution).toHaveAttribute('data-generated-digest', liveDigest ?? '');
  });

  test('branches a new run from a frame, with a setting changed meanwhile', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page, distribution } = playground;
    await playground.playButton.click();
    await playground.waitForIteration(200);
    // Scrubbing while training pauses it, and the toolbar says so.
    const timeline = page.getByTestId('timeline');
    const slider = timeline.getByRole('slider', { name: 'Timeline' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(playground.playButton).toBeVisible();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const frame = Number(await timeline.getAttribute('data-scrubbed'));
    expect(frame).toBeGreaterThan(0);
    const frameDigest = await distribution.getAttribute('data-generated-digest');

    // A setting changed while scrubbed waits for the branch: no new run starts.
    await playground.setControl('generatorLearningRate', '0.0003');
    expect(playground.hashParams().get('lrG')).toBe('0.0003');
    await page.waitForTimeout(300);
    await expect(timeline).toHaveAttribute('data-scrubbed', String(frame));

    await timeline.getByRole('button', { name: 'Branch from here' }).click();
    await expect(timeline.getByTestId('timeline-message')).toContainText(
      `Branched a new run from iteration`,
    );
    await expect.poll(() => playground.iteration()).toBe(frame);
    await expect(timeline).toHaveAttribute('data-scrubbed', '');
    // The branch starts exactly where the frame was.
    await expect(distribution).toHaveAttribute('data-generated-digest', frameDigest ?? '');
    // The frames after the branch point are gone; the loss curve keeps only the past before it.
    const frames = await playground.numberAttribute(timeline, 'data-frames');
    await playground.playButton.click();
    await playground.waitForIteration(frame + 50);
    await playground.pauseButton.click();
    await expect
      .poll(() => playground.numberAttribute(timeline, 'data-frames'))
      .toBeGreaterThan(frames);
  });

  test('while scrubbed the toolbar shows the frame, and every curve marks it', async ({
    playground,
  }) => {
    const { page } = playground;
    await page.setViewportSize({ width: 1360, height: 900 });
    await playground.open(SMALL);
    await playground.playButton.click();
    await playground.waitForIteration(150);
    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => playground.numberAttribute(timeline, 'data-frames')).toBeGreaterThan(3);
    const live = await playground.iteration();
    await expect(page.getByTestId('frame-marker')).toHaveCount(0);

    const slider = timeline.getByRole('slider', { name: 'Timeline' });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect(timeline).not.toHaveAttribute('data-scrubbed', '0');
    await expect(timeline).not.toHaveAttribute('data-scrubbed', '');
    const frame = await playground.numberAttribute(timeline, 'data-scrubbed');
    const stats = playground.toolbar.locator('dd[data-viewing]');
    await expect(stats).toHaveText(
      `${frame.toLocaleString('en')} (viewing; live ${live.toLocaleString('en')})`,
    );
    // Every curve card draws the frame's marker: the losses, MMD² and the training curves.
    const cards = page.locator('[data-testid$="-chart"]:has(svg[role="img"])');
    const count = await cards.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) {
      await expect(cards.nth(i).getByTestId('frame-marker')).toHaveAttribute(
        'data-iteration',
        String(frame),
      );
    }

    await timeline.getByRole('button', { name: 'Back to live' }).click();
    await expect(page.getByTestId('frame-marker')).toHaveCount(0);
    await expect(page.getByTestId('iteration-viewed')).toHaveCount(0);
  });
});
