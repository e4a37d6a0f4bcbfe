import { expect, test } from './fixtures';

test.describe('GAN Playground', () => {
  test('loads without console errors and picks WASM automatically, saying why', async ({
    playground,
  }) => {
    await playground.open();
    await expect(playground.page).toHaveTitle('GAN Playground');
    await expect(playground.backend).toHaveAttribute('data-backend', 'wasm');
    // Chromium here has only software GPUs (SwiftShader), which the automatic choice skips.
    await expect(playground.backend).toContainText('WASM');
    await expect(playground.backend).toContainText(
      /WebGPU (is a software fallback|has no adapter)/,
    );
    await expect(playground.backend).toContainText(/WebGL (renders in software|is not available)/);
    await expect(playground.backend).toContainText('the fastest backend without a GPU');
    // The worker reports its memory with every snapshot.
    await expect(playground.page.getByTestId('memory')).toHaveAttribute('data-tensors', /^\d+$/);
    await expect(playground.distribution).toHaveAttribute('data-generated-count', '512');
    expect(await playground.iteration()).toBe(0);
  });

  test('play trains: the counter rises, the curves gain points, the points move', async ({
    playground,
  }) => {
    await playground.open();
    const digestBefore = await playground.distribution.getAttribute('data-generated-digest');
    const lossPointsBefore = await playground.numberAttribute(playground.lossChart, 'data-points');
    await playground.playButton.click();
    await playground.waitForIteration(50);
    await expect
      .poll(() => playground.numberAttribute(playground.lossChart, 'data-points'))
      .toBeGreaterThan(lossPointsBefore + 5);
    await expect
      .poll(() => playground.numberAttribute(playground.mmdChart, 'data-points'))
      .toBeGreaterThan(3);
    await expect(playground.distribution).not.toHaveAttribute(
      'data-generated-digest',
      digestBefore ?? '',
    );
    const rate = Number(await playground.page.getByTestId('steps-per-second').textContent());
    expect(rate).toBeGreaterThan(1);
    // The loss chart draws one path per network, each with as many points as the history holds.
    const paths = playground.lossChart.locator('path[data-points]');
    await expect(paths).toHaveCount(2);

    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();
    const paused = await playground.iteration();
    await playground.page.waitForTimeout(600);
    expect(await playground.iteration()).toBe(paused);
  });

  test('step runs exactly one iteration; reset starts again from zero', async ({ playground }) => {
    await playground.open();
    await playground.page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => playground.iteration()).toBe(1);
    await playground.page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => playground.iteration()).toBe(2);
    await playground.page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => playground.iteration()).toBe(0);
  });

  test('editing controls updates the URL, and that URL restores them in a new page', async ({
    playground,
    browser,
  }) => {
    await playground.open();
    const historyLength = await playground.page.evaluate(() => window.history.length);
    const edits = {
      generatorLayers: '32,16',
      discriminatorLayers: '48',
      noiseDimension: '3',
      noiseSigma: '0.5',
      generatorLearningRate: '0.002',
      discriminatorLearningRate: '0.0005',
      batchSize: '128',
      discriminatorSteps: '2',
      seed: '7',
      kernelBandwidth: '0.8',
    } as const;
    for (const [key, value] of Object.entries(edits)) {
      await playground.setControl(key as keyof typeof edits, value);
    }
    await playground.setControl('dataset', 'grid-25');
    await expect
      .poll(() => Object.fromEntries(playground.hashParams()))
      .toEqual({
        v: '1',
        data: 'grid-25',
        g: '32,16',
        d: '48',
        z: '3',
        sigma: '0.5',
        lrG: '0.002',
        lrD: '0.0005',
        batch: '128',
        k: '2',
        seed: '7',
        h: '0.8',
      });
    // Edits replace the history entry instead of adding one per keystroke.
    expect(await playground.page.evaluate(() => window.history.length)).toBe(historyLength);

    const url = playground.page.url();
    const colleague = await browser.newPage();
    const other = new (playground.constructor as typeof import('./fixtures').PlaygroundPage)(
      colleague,
    );
    await colleague.goto(url);
    await expect(other.backend).not.toHaveAttribute('data-backend', '');
    for (const [key, value] of Object.entries(edits)) {
      await expect(other.control(key as keyof typeof edits)).toHaveValue(value);
    }
    await expect(other.control('dataset')).toHaveValue('grid-25');
    await expect(other.linkFixes).toHaveCount(0);
    expect(other.consoleErrors).toEqual([]);
    await colleague.close();
  });

  test('a hostile link is repaired, every fix is listed, and the app still trains', async ({
    playground,
  }) => {
    const junk = 'x'.repeat(100_000);
    await playground.open(
      `lrG=abc&g=99999999&sigma=-1&bogus=1&d=1,2,3,4,5,6,7,8,9,10&batch=%ZZ&data=<script>alert(1)</script>&pad=${junk}`,
    );
    await expect(playground.linkFixes).toBeVisible();
    for (const key of ['lrG', 'g', 'sigma', 'bogus', 'd', 'batch', 'data', 'pad']) {
      await expect(playground.linkFixes.locator(`li[data-key="${key}"]`)).toHaveCount(1);
    }
    await expect(playground.linkFixes).toContainText('not a number');
    await expect(playground.control('generatorLearningRate')).toHaveValue('0.001');
    await expect(playground.control('generatorLayers')).toHaveValue('512');
    await expect(playground.control('noiseSigma')).toHaveValue('0.01');
    await expect(playground.control('discriminatorLayers')).toHaveValue('1,2,3,4,5,6,7,8');
    await expect(playground.control('dataset')).toHaveValue('ring-8');
    // The repaired config is what the URL now says.
    expect(playground.hashParams().get('lrG')).toBeNull();
    expect(playground.hashParams().get('sigma')).toBe('0.01');
    expect(playground.page.url().length).toBeLessThan(300);

    await playground.playButton.click();
    await playground.waitForIteration(5);
    await playground.page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(playground.linkFixes).toHaveCount(0);
  });

  test('a value typed into a control is repaired with a note', async ({ playground }) => {
    await playground.open();
    await playground.setControl('batchSize', '100000');
    await expect(playground.control('batchSize')).toHaveValue('2048');
    await expect(playground.page.locator('#control-batchSize-note')).toContainText(
      'maximum is 2048',
    );
    expect(playground.hashParams().get('batch')).toBe('2048');
  });

  test('a 1-D data set is drawn as histograms', async ({ playground }) => {
    await playground.open('data=gaussian-1d&g=16&d=16');
    await expect(playground.distribution).toHaveAttribute('data-dimension', '1');
    const barHeights = await playground.distribution
      .locator('svg rect')
      .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('height'))));
    expect(barHeights.length).toBeGreaterThan(10);
    expect(barHeights.filter((height) => height > 0).length).toBeGreaterThan(5);
    await playground.playButton.click();
    await playground.waitForIteration(20);
  });

  test('backend=webgpu runs a few steps on WebGPU and says so', async ({ playground }) => {
    // A small model: the software WebGPU adapter here is slow, and this test is about the path.
    await playground.open('backend=webgpu&g=8&d=8&batch=32');
    await expect(playground.backend).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
    await expect(playground.backend).toContainText('WebGPU was requested');
    await playground.playButton.click();
    await playground.waitForIteration(3, 45_000);
    await expect
      .poll(() => playground.numberAttribute(playground.lossChart, 'data-points'))
      .toBeGreaterThan(0);
  });

  test('copy link puts the current URL on the clipboard', async ({ playground, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await playground.open('sigma=2');
    await playground.page.getByRole('button', { name: 'Copy link' }).click();
    await expect(playground.page.getByText('Link copied')).toBeVisible();
    const copied = await playground.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(playground.page.url());
    expect(copied).toContain('sigma=2');
  });
});

test.describe('GAN laboratory settings', () => {
  test('controls follow the objective and optimiser, and a kernel-only run trains', async ({
    playground,
  }) => {
    await playground.open('data=gaussian-1d&g=16&d=16&batch=64');
    await expect(playground.page.locator('#control-generatorBeta1')).toHaveCount(0);
    await playground.showAdvanced();
    await expect(playground.page.locator('#control-generatorBeta1')).toBeVisible();
    await expect(playground.page.locator('#control-gradientPenalty')).toHaveCount(0);
    await playground.setControl('objective', 'wasserstein');
    await expect(playground.page.locator('#control-gradientPenalty')).toBeVisible();
    await playground.setControl('objective', 'mmd');
    await expect(playground.page.locator('#control-mmdBandwidths')).toBeVisible();
    await expect(playground.page.locator('#control-gradientPenalty')).toHaveCount(0);
    await expect(playground.page.locator('#control-generatorMomentum')).toHaveCount(0);
    await playground.setControl('generatorOptimizer', 'sgd');
    await expect(playground.page.locator('#control-generatorMomentum')).toBeVisible();
    await expect(playground.page.locator('#control-generatorBeta1')).toHaveCount(0);
    expect(playground.hashParams().get('loss')).toBe('mmd');
    expect(playground.hashParams().get('optG')).toBe('sgd');
    await playground.playButton.click();
    await playground.waitForIteration(20);
    // No discriminator is trained: one loss line only.
    await expect(playground.lossChart.locator('path[data-points]')).toHaveCount(1);
    await expect(playground.page.getByTestId('metrics')).toContainText('Wasserstein-1');
  });

  test('your own points: a bad CSV is refused naming the line, a good one trains', async ({
    playground,
  }) => {
    await playground.open('data=points&g=16&d=16&batch=64', { expectModel: false });
    const editor = playground.page.getByTestId('points-editor');
    await expect(editor).toBeVisible();
    await expect(playground.page.getByTestId('error')).toContainText('no points yet');
    await playground.page.getByRole('button', { name: 'Dismiss' }).click();
    const rows = Array.from({ length: 60 }, (_, i) => `${Math.cos(i / 3)},${Math.sin(i / 3)}`);
    await editor.locator('textarea').fill(`x,y\n${rows.slice(0, 5).join('\n')}\n1,oops\n`);
    await editor.getByRole('button', { name: 'Use pasted points' }).click();
    await expect(editor).toContainText('line 7');
    await expect(playground.page.getByTestId('points-count')).toHaveText('none yet');
    await editor.locator('input[type=file]').setInputFiles({
      name: 'circle.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`x,y\n${rows.join('\n')}\n`),
    });
    await expect(playground.page.getByTestId('points-count')).toHaveText('60 points, 2-D');
    await playground.playButton.click();
    await playground.waitForIteration(20);
  });

  test('drawing on the pad makes a data set', async ({ playground }) => {
    await playground.open('data=points&g=16&d=16&batch=64', { expectModel: false });
    await playground.page.getByRole('button', { name: 'Dismiss' }).click();
    const pad = playground.page.getByLabel('Drawing pad: drag to add points');
    const box = await pad.boundingBox();
    if (box === null) throw new Error('no drawing pad');
    await playground.page.mouse.move(box.x + 40, box.y + 40);
    await playground.page.mouse.down();
    for (let i = 0; i <= 20; i++) {
      await playground.page.mouse.move(box.x + 40 + i * 8, box.y + 40 + i * 6);
    }
    await playground.page.mouse.up();
    await expect(playground.page.getByTestId('points-count')).toContainText('2-D');
    await playground.playButton.click();
    await playground.waitForIteration(10);
  });

  test('a diverging run pauses with an explanation, and the app recovers', async ({
    playground,
  }) => {
    await playground.open(
      'loss=leastSquares&lrG=1&lrD=1&optG=sgd&optD=sgd&momG=0.99&momD=0.99&g=32&d=32&batch=64',
    );
    await playground.playButton.click();
    const divergence = playground.page.getByTestId('divergence');
    await expect(divergence).toContainText('Training diverged');
    await expect(playground.playButton).toBeVisible();
    await divergence.getByRole('button', { name: 'Dismiss' }).click();
    await playground.setControl('generatorLearningRate', '0.001');
    await playground.setControl('discriminatorLearningRate', '0.001');
    await playground.playButton.click();
    await playground.waitForIteration(30);
    await expect(divergence).toHaveCount(0);
    await expect(playground.page.getByTestId('error')).toHaveCount(0);
  });

  test('the ring of 8 reports its modes covered', async ({ playground }) => {
    await playground.open();
    await playground.playButton.click();
    await playground.waitForIteration(50);
    await expect(playground.page.getByTestId('metrics')).toContainText(/Modes covered\s*\d \/ 8/);
    await expect(playground.page.getByTestId('metrics')).toContainText('Sliced Wasserstein-1');
  });
});
