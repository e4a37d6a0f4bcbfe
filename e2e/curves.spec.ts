import { readFileSync } from 'node:fs';
import { CURVE_CHARTS } from '../bench/probes';
import { expect, test } from './fixtures';

test.describe('Training curves over a shared step axis', () => {
  test('every curve fills while training, and hovering one reads all at the same iteration', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open();
    await playground.playButton.click();
    await playground.waitForIteration(300);
    for (const id of CURVE_CHARTS.slice(1)) {
      // Metrics arrive about twice a second: a few points by now in every chart.
      await expect
        .poll(() => playground.numberAttribute(page.getByTestId(id), 'data-points'))
        .toBeGreaterThanOrEqual(3);
    }
    await playground.pauseButton.click();
    await expect(page.getByTestId('modes-chart')).toContainText('Modes covered');
    await expect(page.getByTestId('wasserstein-chart')).toContainText('Sliced Wasserstein-1');

    // Hovering the middle of one chart draws a read-out on every chart at the same iteration.
    const target = page.getByTestId('gradient-chart').locator('.hover-target');
    const box = await target.boundingBox();
    if (box === null) throw new Error('no chart box');
    await target.hover({ position: { x: box.width * 0.55, y: box.height * 0.5 } });
    const readouts = page.getByTestId('readout');
    await expect(readouts).toHaveCount(CURVE_CHARTS.length);
    const readings = await readouts.evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('data-readings') ?? ''),
    );
    const iterations = new Set(readings.map((r) => r.split(';')[0]));
    expect(iterations.size).toBe(1);
    expect([...iterations][0]).toMatch(/^iteration [\d,]+$/);
    // Each read-out names its lines with a finite value.
    expect(readings.find((r) => r.includes('D(real)'))).toMatch(/D\(real\): 0\.\d+; D\(fake\): /);
    expect(readings.find((r) => r.includes('‖∇G‖'))).toMatch(/‖∇G‖: [\d.e+-]+; ‖∇D‖: /);
    await page.mouse.move(0, 0);
    await expect(readouts).toHaveCount(0);
  });

  test('log scales: powers of ten for positive curves, signed-log for negative losses', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open('loss=wasserstein');
    await playground.playButton.click();
    await playground.waitForIteration(60);
    await playground.pauseButton.click();
    // The critic has scores, not probabilities: no D(real)/D(fake) title, a "critic" one.
    await expect(page.getByTestId('d-output-chart')).toContainText("The critic's scores");
    const losses = playground.lossChart;
    await losses.getByRole('checkbox', { name: 'log scale' }).check();
    await expect(losses).toHaveAttribute('data-scale', 'log');
    // WGAN losses go negative: the log view is signed (symlog), ticks 0 and ±10^k.
    await expect(losses.locator('svg').first()).toHaveAttribute('data-scale', 'symlog');
    // Gradient norms start on a log axis, and are positive.
    const gradients = page.getByTestId('gradient-chart');
    await expect(gradients).toHaveAttribute('data-scale', 'log');
    await expect(gradients.locator('svg').first()).toHaveAttribute('data-scale', 'log');
    await gradients.getByRole('checkbox', { name: 'log scale' }).uncheck();
    await expect(gradients.locator('svg').first()).toHaveAttribute('data-scale', 'linear');
  });

  test('without a discriminator there is no D chart; 1-D data shows the exact W1', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open('loss=mmd&data=mixture-1d');
    await expect(page.getByTestId('d-output-chart')).toHaveCount(0);
    await expect(page.getByTestId('wasserstein-chart')).toContainText('Wasserstein-1 distance');
    await expect(page.getByTestId('gradient-chart')).not.toContainText('‖∇D‖');
  });

  test('a new kernel bandwidth while paused redraws MMD² over the whole run at the new h', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open();
    await playground.playButton.click();
    // Frames are kept every 25 iterations: two to re-measure by 30.
    await playground.waitForIteration(30);
    await playground.pauseButton.click();
    const mmd = playground.mmdChart;
    await expect.poll(() => playground.numberAttribute(mmd, 'data-points')).toBeGreaterThan(1);
    await expect(mmd).toHaveAttribute('data-first-iteration', '0');
    const iteration = await playground.iteration();
    const before = await playground.numberAttribute(mmd, 'data-h');

    // Issue #15, item 6: the chart went empty here until Play, then restarted from this iteration.
    const kernel = page.getByTestId('kernel-view');
    await kernel.getByRole('slider', { name: 'Kernel bandwidth h' }).fill('0.8');
    await expect.poll(() => playground.numberAttribute(mmd, 'data-h')).not.toBe(before);
    const after = await playground.numberAttribute(mmd, 'data-h');
    await expect(mmd).toContainText(`Gaussian-kernel MMD² (h = ${after})`);
    await expect(mmd).toHaveAttribute('data-first-iteration', '0');
    // The frames at 0 and 25 re-measured, and the paused iteration.
    expect(await playground.numberAttribute(mmd, 'data-points')).toBeGreaterThan(2);
    // Every point was re-measured at the new h: none is left at the old one.
    await expect(mmd).toHaveAttribute('data-bandwidth-changed-at', '');
    // Still paused, at the same iteration.
    expect(await playground.iteration()).toBe(iteration);
    await expect(playground.playButton).toBeVisible();
  });
});

test.describe('Every view explains itself and exports', () => {
  test('each chart card has an info tooltip: on click, and Escape closes it', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open();
    const buttons = page.getByRole('button', { name: /^About “/ });
    // The overview, the distribution plot, losses, MMD², noise, kernel, five curves, metrics.
    expect(await buttons.count()).toBeGreaterThanOrEqual(12);
    const card = page.getByTestId('kernel-view');
    const button = card.getByRole('button', { name: /^About “/ });
    const tip = card.getByRole('tooltip');
    await expect(tip).toBeHidden();
    await button.click();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('witness');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    // Every tooltip holds its text for assistive technology too (aria-describedby).
    const described = await buttons.evaluateAll((nodes) =>
      nodes.every((node) => {
        const id = node.getAttribute('aria-describedby');
        return id !== null && (document.getElementById(id)?.textContent ?? '').length > 40;
      }),
    );
    expect(described).toBe(true);
  });

  test('a chart exports as a standalone SVG (inline styles, embedded pixels) and as a PNG', async ({
    playground,
  }) => {
    const { page } = playground;
    await playground.open();
    await playground.playButton.click();
    await playground.waitForIteration(100);
    await playground.pauseButton.click();

    const plot = playground.distribution;
    await plot.getByRole('button', { name: /^Export/ }).click();
    const svgDownload = page.waitForEvent('download');
    await plot.getByRole('button', { name: 'SVG' }).click();
    const svgFile = await svgDownload;
    expect(svgFile.suggestedFilename()).toMatch(
      /^gan-playground-distribution-plot-[a-z0-9-]+-iteration-\d+\.svg$/,
    );
    const svg = readFileSync(await svgFile.path(), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Real vs generated');
    // The canvas layer (heatmap, points) is embedded; the axes carry their styles inline.
    expect(svg).toMatch(/<image[^>]+href="data:image\/png;base64,/);
    expect(svg).toMatch(/<text[^>]+style="[^"]*font-size:\s*11px/);
    expect(svg).not.toContain('class=');
    // The file is a well-formed SVG document (parsed in a blank page: a document parsed in the
    // app's page inherits its Content-Security-Policy, which refuses the inline styles).
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate(
      (text) => new DOMParser().parseFromString(text, 'image/svg+xml').documentElement.nodeName,
      svg,
    );
    await blank.close();
    expect(parsed).toBe('svg');

    const losses = playground.lossChart;
    await losses.getByRole('button', { name: /^Export/ }).click();
    const pngDownload = page.waitForEvent('download');
    await losses.getByRole('button', { name: 'PNG' }).click();
    const png = readFileSync(await (await pngDownload).path());
    // PNG signature, then the IHDR chunk: width and height at twice the chart's size.
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const body = await losses.locator('.chart-body').boundingBox();
    expect(width).toBe(2 * Math.round(body?.width ?? 0));
    expect(height).toBe(2 * (Math.round(body?.height ?? 0) + 30));
  });
});
