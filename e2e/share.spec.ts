import { readFile } from 'node:fs/promises';
import { collectDownloads, expect, test } from './fixtures';

const SMALL = 'data=gaussian-1d&g=16&d=16&batch=64';

test.describe('classroom links', () => {
  test('hide= hides chosen controls and parts, which keep their values', async ({ playground }) => {
    await playground.open(`${SMALL}&lrG=0.002&hide=lrG,discriminator,lessons,kernel`);
    const { page } = playground;
    await expect(playground.control('generatorLearningRate')).toHaveCount(0);
    await expect(playground.control('discriminatorLayers')).toHaveCount(0);
    await expect(playground.control('generatorLayers')).toBeVisible();
    await expect(page.getByTestId('lessons-button')).toHaveCount(0);
    await expect(page.getByTestId('kernel-view')).toHaveCount(0);
    await expect(playground.distribution).toBeVisible();
    // The hidden value still applies, and the link keeps both it and the hide list.
    await playground.setControl('seed', '7');
    expect(playground.hashParams().get('lrG')).toBe('0.002');
    expect(playground.hashParams().get('hide')).toBe('lrG,discriminator,lessons,kernel');
  });

  test('embed=1 shows the plots and a play button, nothing else, and trains', async ({
    playground,
  }) => {
    await playground.open(`${SMALL}&embed=1`);
    const { page } = playground;
    await expect(page.getByRole('form', { name: 'Settings' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'GAN Playground', level: 1 })).toHaveCount(0);
    await expect(page.getByTestId('share-menu')).toHaveCount(0);
    await expect(page.getByTestId('lessons-button')).toHaveCount(0);
    await expect(playground.distribution).toBeVisible();
    await expect(playground.lossChart).toBeVisible();
    const open = page.getByRole('link', { name: /Open the full playground/ });
    await expect(open).toHaveAttribute('href', /data=gaussian-1d/);
    expect(await open.getAttribute('href')).not.toContain('embed');
    await playground.playButton.click();
    await playground.waitForIteration(20);
  });

  test('an embed works inside an iframe', async ({ playground }) => {
    const { page } = playground;
    await page.goto('/');
    await page.setContent(
      `<iframe title="GAN" src="${new URL(`/#${SMALL}&embed=1`, page.url()).href}" width="900" height="700"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    await expect(frame.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
    await expect(frame.getByTestId('distribution-plot')).toBeVisible();
  });
});

test.describe('import and export', () => {
  test('the config exports as JSON and imports back, with fixes reported', async ({
    playground,
  }) => {
    await playground.open(`${SMALL}&sigma=0.7&seed=5`);
    const { page } = playground;
    await page.getByText('Share & export').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export config (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('gan-config.json');
    const text = await readFile(await file.path(), 'utf8');
    const json = JSON.parse(text) as { format: string; config: Record<string, unknown> };
    expect(json.format).toBe('gan-playground-config');
    expect(json.config.noiseSigma).toBe(0.7);
    expect(json.config.dataset).toBe('gaussian-1d');

    // Change everything back to the defaults, then import the file.
    await page.goto('/#v=1');
    await expect(playground.playButton).toBeEnabled();
    expect(playground.hashParams().get('sigma')).toBeNull();
    await page.getByTestId('import-config-input').setInputFiles({
      name: 'gan-config.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await expect(playground.control('noiseSigma')).toHaveValue('0.7');
    expect(playground.hashParams().get('seed')).toBe('5');

    // A hand-edited file: one bad value is repaired and reported with the file's name.
    json.config.noiseSigma = 1000;
    await page.getByTestId('import-config-input').setInputFiles({
      name: 'edited.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(json)),
    });
    await expect(playground.linkFixes).toContainText('edited.json');
    await expect(playground.linkFixes.locator('li[data-key="sigma"]')).toBeVisible();
    await expect(playground.control('noiseSigma')).toHaveValue('10');

    // Not a config at all: a message, and nothing changes.
    await page.getByTestId('import-config-input').setInputFiles({
      name: 'photo.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": 1}'),
    });
    await expect(page.getByTestId('share-status')).toContainText('not a GAN Playground config');
    await expect(playground.control('noiseSigma')).toHaveValue('10');
  });

  test('the PyTorch and Node scripts download with this config in them', async ({ playground }) => {
    await playground.open(`${SMALL}&lrG=0.0025`);
    const { page } = playground;
    await page.getByText('Share & export').click();
    for (const [button, name, marker] of [
      ['PyTorch script (.py)', 'gan.py', 'import torch'],
      ['Node + tfjs script (.mjs)', 'gan.mjs', '@tensorflow/tfjs'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(name);
      const text = await readFile(await file.path(), 'utf8');
      expect(text).toContain(marker);
      expect(text).toContain('0.0025');
    }
  });

  test('the generator exports as tfjs model files and loads back; a mismatch is refused', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page, distribution } = playground;
    await playground.playButton.click();
    await playground.waitForIteration(100);
    await playground.pauseButton.click();
    // The paused snapshot (the last one) has arrived once Play is back.
    await expect(playground.playButton).toBeVisible();
    const trained = await distribution.getAttribute('data-generated-digest');
    await page.getByText('Share & export').click();
    const downloads = collectDownloads(page);
    await page.getByRole('button', { name: 'Export generator (tfjs model)' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const names = downloads.map((d) => d.name).sort();
    expect(names).toEqual(['gan-generator.json', 'gan-generator.weights.bin']);
    const modelJson = JSON.parse(
      downloads.find((d) => d.name.endsWith('.json'))?.body.toString('utf8') ?? '{}',
    ) as { modelTopology: unknown; weightsManifest: { paths: string[] }[] };
    expect(modelJson.modelTopology).toBeTruthy();
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['gan-generator.weights.bin']);

    // The menu is closed as a person would (Escape) before reaching the toolbar beneath it.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('share-menu')).not.toHaveAttribute('open', '');
    // A fresh run, then the saved generator loaded into it: its samples are the trained ones.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => playground.iteration()).toBe(0);
    expect(await distribution.getAttribute('data-generated-digest')).not.toBe(trained);
    const files = downloads.map((d) => ({
      name: d.name,
      mimeType: 'application/octet-stream',
      buffer: d.body,
    }));
    await page.getByTestId('load-generator-input').setInputFiles(files);
    await expect(page.getByTestId('share-status')).toContainText('Loaded the generator');
    await expect(distribution).toHaveAttribute('data-generated-digest', trained ?? '');

    // Into a different architecture: refused with what differs; the run goes on untouched.
    await playground.setControl('generatorLayers', '8');
    await expect(playground.playButton).toBeEnabled();
    // The new run's first snapshot (on a loaded machine it comes after Play is enabled).
    await expect(distribution).not.toHaveAttribute('data-generated-digest', trained ?? '');
    const before = await distribution.getAttribute('data-generated-digest');
    await page.getByText('Share & export').click();
    await page.getByTestId('load-generator-input').setInputFiles(files);
    await expect(page.getByTestId('share-status')).toContainText(/16/);
    expect(await distribution.getAttribute('data-generated-digest')).toBe(before);
    // Only one of the two files: said so.
    await page.getByTestId('load-generator-input').setInputFiles(files.slice(0, 1));
    await expect(page.getByTestId('share-status')).toContainText('Choose two files');
  });
});
