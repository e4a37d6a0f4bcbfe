import { expect, test } from './fixtures';

/** Share of the scatter canvas's pixels that are not fully transparent. */
async function paintedShare(page: import('@playwright/test').Page): Promise<number> {
  return page.locator('[data-testid="distribution-plot"] canvas').evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
    return painted / (data.length / 4);
  });
}

test.describe('Distribution view layers', () => {
  test('2-D: the D heatmap, the G manifold and the gradient arrows render, update and toggle', async ({
    playground,
  }) => {
    await playground.open();
    const plot = playground.distribution;
    await expect(plot).toHaveAttribute('data-field-cells', String(48 * 48));
    await expect(plot).toHaveAttribute('data-manifold-points', String(21 * 21));
    await expect(plot).toHaveAttribute('data-push-arrows', '128');
    await expect(plot).toHaveAttribute('data-layers', 'discriminator manifold push');
    // The heatmap covers the whole plot; the samples alone cover a small part of it.
    expect(await paintedShare(playground.page)).toBeGreaterThan(0.9);

    await playground.playButton.click();
    await playground.waitForIteration(100);
    const digest = await plot.getAttribute('data-generated-digest');
    await expect(plot).not.toHaveAttribute('data-generated-digest', digest ?? '');

    await playground.page.getByRole('checkbox', { name: 'D heatmap' }).uncheck();
    await expect(plot).toHaveAttribute('data-layers', 'manifold push');
    await playground.page.getByRole('checkbox', { name: 'G manifold' }).uncheck();
    await playground.page.getByRole('checkbox', { name: 'gradients' }).uncheck();
    await expect(plot).toHaveAttribute('data-layers', '');
    await playground.pauseButton.click();
    // Samples only now: far from covering the plot.
    await expect.poll(() => paintedShare(playground.page)).toBeLessThan(0.5);
    await playground.page.getByRole('checkbox', { name: 'D heatmap' }).check();
    await expect.poll(() => paintedShare(playground.page)).toBeGreaterThan(0.9);
  });

  test('1-D: the discriminator curve D(x) is drawn over the histograms and toggles', async ({
    playground,
  }) => {
    await playground.open('data=mixture-1d');
    const plot = playground.distribution;
    await expect(plot).toHaveAttribute('data-dimension', '1');
    await expect(plot).toHaveAttribute('data-field-cells', '200');
    const curve = playground.page.getByTestId('discriminator-curve');
    await expect(curve).toHaveCount(1);
    expect(((await curve.locator('path').getAttribute('d')) ?? '').split('L')).toHaveLength(200);
    // 1-D has no manifold mesh or arrows to toggle.
    await expect(playground.page.getByRole('checkbox', { name: 'G manifold' })).toHaveCount(0);
    await playground.page.getByRole('checkbox', { name: 'D(x)' }).uncheck();
    await expect(curve).toHaveCount(0);
    await expect(plot).toHaveAttribute('data-layers', 'density');
    // The smoothed densities of both samples, 120 points each, toggled like the other layers.
    const densities = playground.page.getByTestId('density-curves').locator('path');
    await expect(densities).toHaveCount(2);
    for (const path of await densities.all()) {
      expect(((await path.getAttribute('d')) ?? '').split('L')).toHaveLength(120);
    }
    await playground.page.getByRole('checkbox', { name: 'densities' }).uncheck();
    await expect(densities).toHaveCount(0);
    await expect(plot).toHaveAttribute('data-layers', '');
  });

  test('without a discriminator (MMD objective) there is no D layer to show', async ({
    playground,
  }) => {
    await playground.open('loss=mmd');
    await expect(playground.distribution).toHaveAttribute('data-field-cells', '0');
    await expect(playground.page.getByRole('checkbox', { name: 'D heatmap' })).toHaveCount(0);
    await expect(playground.page.getByRole('checkbox', { name: 'G manifold' })).toHaveCount(1);
  });
});

test.describe('The Gaussian kernel view', () => {
  test('shows the kernel matrix and the witness, and its slider changes h live and in the link', async ({
    playground,
  }) => {
    await playground.open();
    const card = playground.page.getByTestId('kernel-view');
    await expect(card).toHaveAttribute('data-bandwidth', '0.5');
    await expect(card).toHaveAttribute('data-witness-cells', String(48 * 48));
    const matrix = playground.page.getByTestId('kernel-matrix');
    await expect(matrix).toHaveAttribute('data-size', '128');
    // The matrix is painted: its diagonal is k(x, x) = 1, viridis yellow.
    const corner = await matrix.evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      return Array.from(c.getContext('2d')?.getImageData(0, 0, 1, 1).data ?? []);
    });
    expect(corner[0]).toBeGreaterThan(200);
    expect(corner[1]).toBeGreaterThan(200);

    const slider = playground.page.getByRole('slider', { name: 'Kernel bandwidth h' });
    await slider.fill('0.2');
    await expect(card).not.toHaveAttribute('data-bandwidth', '0.5');
    const h = await card.getAttribute('data-bandwidth');
    expect(Number(h)).toBeGreaterThan(0.01);
    expect(Number(h)).toBeLessThan(0.5);
    await expect
      .poll(() => playground.page.evaluate(() => window.location.hash))
      .toContain(`h=${h}`);
    // The MMD² chart is re-measured at the new bandwidth.
    await expect(playground.page.getByTestId('mmd-chart')).toContainText(`h = ${h}`);
  });
});

test.describe('The noise view', () => {
  test('shows the noise law with its σ, and in 1-D the learnt map z → G(z)', async ({
    playground,
  }) => {
    await playground.open('sigma=0.5');
    const card = playground.page.getByTestId('noise-view');
    await expect(card).toHaveAttribute('data-sigma', '0.5');
    await expect(card).toContainText('σ = 0.5');
    // 2-D data: the map is the manifold mesh in the main plot, not a curve here.
    await expect(playground.page.getByTestId('noise-mapping')).toHaveCount(0);

    await playground.open('data=mixture-1d');
    const mapping = playground.page.getByTestId('noise-mapping');
    await expect(mapping).toHaveCount(1);
    const before = (await mapping.getAttribute('d')) ?? '';
    expect(before.split('L')).toHaveLength(101);
    await playground.playButton.click();
    await playground.waitForIteration(200);
    await expect(mapping).not.toHaveAttribute('d', before);
  });
});

test.describe('Export', () => {
  test('downloads the plotted samples as CSV', async ({ playground }) => {
    await playground.open();
    const download = playground.page.waitForEvent('download');
    await playground.page.getByRole('button', { name: 'Samples CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('gan-samples-iteration-0.csv');
    const path = await file.path();
    const text = (await import('node:fs')).readFileSync(path, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('kind,x1,x2');
    // 512 real and 512 generated points, every coordinate a finite number.
    expect(lines).toHaveLength(1 + 512 + 512);
    expect(lines.filter((l) => l.startsWith('real,'))).toHaveLength(512);
    expect(lines.filter((l) => l.startsWith('generated,'))).toHaveLength(512);
    expect(
      lines.slice(1).every((l) =>
        l
          .split(',')
          .slice(1)
          .every((v) => Number.isFinite(Number(v))),
      ),
    ).toBe(true);
  });
});

test.describe('Training curves', () => {
  test('the losses can be smoothed, keeping the raw curves faint underneath', async ({
    playground,
  }) => {
    await playground.open();
    await playground.playButton.click();
    await playground.waitForIteration(100);
    const paths = playground.lossChart.locator('svg path[stroke-opacity]');
    await expect(paths).toHaveCount(2);
    await playground.page.getByRole('checkbox', { name: 'smoothed' }).check();
    await expect(playground.lossChart).toHaveAttribute('data-smoothed', 'true');
    await expect(paths).toHaveCount(4);
    await expect(playground.lossChart.locator('svg path[stroke-opacity="0.3"]')).toHaveCount(2);
  });
});
