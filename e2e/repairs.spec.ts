import { collectDownloads, expect, test } from './fixtures';

const SMALL = 'g=16&d=16&batch=64';
const CIRCLE = Array.from({ length: 60 }, (_, i) => `${Math.cos(i / 3)},${Math.sin(i / 3)}`);

test.describe('repairs: nothing lost, nothing silent, always a way forward', () => {
  test('back to live after an edit made while scrubbed keeps the live run', async ({
    playground,
  }) => {
    await playground.open(`data=gaussian-1d&${SMALL}`);
    const { page } = playground;
    await playground.playButton.click();
    await playground.waitForIteration(150);
    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();
    const live = await playground.iteration();
    const timeline = page.getByTestId('timeline');
    await timeline.getByRole('slider', { name: 'Timeline' }).focus();
    await page.keyboard.press('Home');
    await expect(timeline).toHaveAttribute('data-scrubbed', '0');
    await page.keyboard.press('ArrowRight');
    await expect(timeline).not.toHaveAttribute('data-scrubbed', /^0?$/);
    const frame = Number(await timeline.getAttribute('data-scrubbed'));

    // Edited while scrubbed: for a branch. Going back to live must not rebuild the run.
    await playground.setControl('generatorLearningRate', '0.0003');
    await timeline.getByRole('button', { name: 'Back to live' }).click();
    await expect(timeline).toHaveAttribute('data-scrubbed', '');
    // Time for a rebuilt run's first snapshot to arrive, were one started.
    await page.waitForTimeout(500);
    expect(await playground.iteration()).toBe(live);
    await expect(playground.distribution).toHaveAttribute('data-iteration', String(live));
    const note = page.getByTestId('timeline-set-aside');
    await expect(note).toContainText('set aside: G · Learning rate 0.001 → 0.0003');
    await expect(playground.control('generatorLearningRate')).toHaveValue('0.001');
    expect(playground.hashParams().get('lrG')).toBeNull();

    // One click branches with the edits instead.
    await note.getByRole('button', { name: `Branch from iteration ${frame} with them` }).click();
    await expect(page.getByTestId('timeline-message')).toContainText('Branched a new run');
    await expect.poll(() => playground.iteration()).toBe(frame);
    expect(playground.hashParams().get('lrG')).toBe('0.0003');
  });

  test('#data=points&hide=controls: points editor shown and reported, exports say why they cannot, the stale error clears', async ({
    playground,
  }) => {
    await playground.open(`data=points&${SMALL}&hide=controls`, { expectModel: false });
    const { page } = playground;
    await expect(playground.linkFixes).toContainText(
      'points editor is shown although hide=controls',
    );
    await expect(page.locator('#control-batchSize')).toHaveCount(0);
    const editor = page.getByTestId('points-editor');
    await expect(editor).toBeVisible();
    await expect(page.getByTestId('error')).toContainText('no points yet');

    // A script of a config the engine refuses: a message in the menu, no file, no console error.
    const downloads = collectDownloads(page);
    await page.getByText('Share & export').click();
    await page.getByRole('button', { name: 'PyTorch script (.py)' }).click();
    const status = page.getByTestId('share-status');
    await expect(status).toContainText('The PyTorch script cannot be written');
    await expect(status).toContainText('no points yet');
    await page.getByRole('button', { name: 'Node + tfjs script (.mjs)' }).click();
    await expect(status).toContainText('The Node script cannot be written');
    await page.getByText('Share & export').click();
    // A refused clipboard: the page says so and offers the link to copy by hand.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByTestId('copy-status')).toContainText(
      'The browser refused the clipboard (Write permission denied)',
    );
    await expect(page.getByLabel('The link to this setup')).toHaveValue(page.url());

    // Points loaded: the run builds and the old error goes.
    await editor.locator('textarea').fill(`x,y\n${CIRCLE.join('\n')}\n`);
    await editor.getByRole('button', { name: 'Use pasted points' }).click();
    await expect(page.getByTestId('points-count')).toHaveText('60 points, 2-D');
    await expect(page.getByTestId('error')).toHaveCount(0);
    await playground.playButton.click();
    await playground.waitForIteration(10);
    await expect(page.getByTestId('error')).toHaveCount(0);
    expect(downloads).toEqual([]);
  });

  test('#data=points&embed=1 shows the points editor in the embed, reported', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open(`data=points&${SMALL}&embed=1`, { expectModel: false });
    await expect(playground.linkFixes).toContainText('points editor is shown although embed=1');
    await expect(page.getByTestId('points-editor')).toBeVisible();
    await expect(page.getByTestId('share-menu')).toHaveCount(0);
  });

  test('#preset=mode-collapse&embed=1&hide=toolbar gets Play back, reported', async ({
    playground,
  }) => {
    await playground.open('preset=mode-collapse&embed=1&hide=toolbar');
    await expect(playground.linkFixes).toContainText('cannot be hidden: without its Play button');
    await expect(playground.playButton).toBeEnabled();
    expect(playground.hashParams().get('hide')).toBeNull();
  });

  test('#pack=8&batch=4&hide=controls: the settings the engine refuses come back to be fixed', async ({
    playground,
  }) => {
    await playground.open(`${SMALL.replace('batch=64', 'batch=4')}&pack=8&hide=controls`, {
      expectModel: false,
    });
    const { page } = playground;
    await expect(playground.linkFixes).toContainText('cannot be hidden: the engine refuses');
    await expect(page.getByTestId('error')).toContainText('packing (8) must not exceed');
    await playground.setControl('batchSize', '64');
    await expect(playground.playButton).toBeEnabled();
    // The refusal was about a run that is gone: its error goes with it.
    await expect(page.getByTestId('error')).toHaveCount(0);
    expect(playground.hashParams().get('hide')).toBeNull();
  });
});
