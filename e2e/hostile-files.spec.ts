import { readFile, writeFile } from 'node:fs/promises';
import { collectDownloads, expect, type PlaygroundPage, test } from './fixtures';

/**
 * Issue #7: hostile uploads on the three upload paths of the real UI. Each path first holds
 * something valid; every hostile file must then be refused with a message naming the problem,
 * and the points, config or trained generator must stay exactly as they were.
 */

const SMALL = 'g=16&d=16&batch=64';
const MB = 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]), Buffer.from('xl/')]);

interface HostileFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** UTF-16LE text with a byte-order mark, as Excel's "Unicode text" export writes it. */
const utf16 = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

/** A 50 MB file on disk: setInputFiles refuses buffers of that size, a path goes through. */
async function fiftyMegabytes(path: string, fill: string): Promise<string> {
  await writeFile(path, Buffer.alloc(50 * MB, fill));
  return path;
}

/** Whether the page's Object.prototype is still clean after a file was read. */
async function prototypeIsClean(playground: PlaygroundPage): Promise<boolean> {
  return playground.page.evaluate(
    () =>
      !('polluted' in {}) &&
      !('format' in {}) &&
      !Object.getOwnPropertyNames(Object.prototype).includes('polluted'),
  );
}

test.describe('hostile uploads are refused and change nothing', () => {
  test('points: upload and paste', async ({ playground }, testInfo) => {
    await playground.open(`data=points&${SMALL}`, { expectModel: false });
    const { page } = playground;
    await page.getByRole('button', { name: 'Dismiss' }).click();
    const editor = page.getByTestId('points-editor');
    const upload = editor.locator('input[type=file]');
    const message = editor.getByTestId('points-message');
    const count = page.getByTestId('points-count');

    const rows = Array.from({ length: 40 }, (_, i) => `${Math.cos(i / 3)},${Math.sin(i / 3)}`);
    await upload.setInputFiles({
      name: 'circle.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`x,y\n${rows.join('\n')}\n`),
    });
    await expect(count).toHaveText('40 points, 2-D');
    await expect(message).toHaveAttribute('data-kind', 'ok');
    const digest = await editor.getAttribute('data-points-digest');
    expect(digest).toMatch(/^80:/);

    const expectKept = async (text: RegExp): Promise<void> => {
      await expect(message).toHaveText(text);
      await expect(message).toHaveAttribute('data-kind', 'error');
      await expect(message).toContainText('Your points were kept.');
      await expect(count).toHaveText('40 points, 2-D');
      await expect(editor).toHaveAttribute('data-points-digest', digest ?? '');
    };

    const big = await fiftyMegabytes(testInfo.outputPath('huge.csv'), '1,2\n');
    await upload.setInputFiles(big);
    await expectKept(
      /^huge\.csv is 50 MB, larger than the 10 MB limit\. A points file is plain text/,
    );

    const hostile: [HostileFile, RegExp][] = [
      [
        { name: 'empty.csv', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
        /^empty\.csv is empty\./,
      ],
      [
        { name: 'blank.csv', mimeType: 'application/octet-stream', buffer: Buffer.from(' \n\t\n') },
        /^blank\.csv holds only blank space/,
      ],
      [
        { name: 'photo.png', mimeType: 'image/png', buffer: PNG },
        /^photo\.png is a PNG image, not text/,
      ],
      [
        { name: 'data.xlsx', mimeType: 'application/octet-stream', buffer: ZIP },
        /^data\.xlsx is a zip archive \(an \.xlsx or \.ods/,
      ],
      [
        {
          name: 'gan-config.json',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('{"format": "gan-playground-config"}'),
        },
        /gan-config\.json: This is a GAN Playground config \(JSON\), not a table of points/,
      ],
      [
        {
          name: 'nan.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('x,y\n1,2\nNaN,3\n'),
        },
        /^nan\.csv: "NaN" on line 3 is not a finite number/,
      ],
      [
        {
          name: 'inf.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('1,2\n-Infinity,3\n'),
        },
        /^inf\.csv: "-Infinity" on line 2 is not a finite number/,
      ],
      [
        {
          name: 'huge-value.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('1,2\n1e308,3\n'),
        },
        /^huge-value\.csv: "1e308" on line 2 is too large/,
      ],
      [
        {
          name: 'ragged.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('x,y\n1,2\n3\n'),
        },
        /^ragged\.csv: Expected 2 columns on line 3, like the first data row \(line 2\), but found 1/,
      ],
      [
        {
          name: 'wide.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('1,2,3\n4,5,6\n'),
        },
        /^wide\.csv: Found 3 columns on line 1; points need 1 column \(x\) or 2 \(x, y\)/,
      ],
      [
        {
          name: 'excel.txt',
          mimeType: 'application/octet-stream',
          buffer: utf16('x\ty\n1\t2\n1,5\t3\n'),
        },
        /^excel\.txt: "1,5" on line 3 is not a number; write decimals with a point/,
      ],
      [
        {
          name: 'rows.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('1,2\n'.repeat(100_001)),
        },
        /^rows\.csv: The file has 100 001 rows; the limit is 100 000\./,
      ],
      [
        {
          name: 'header.csv',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('__proto__,constructor\n'),
        },
        /^header\.csv: The file has only a header line and no data rows/,
      ],
    ];
    for (const [file, text] of hostile) {
      await upload.setInputFiles(file);
      await expectKept(text);
    }

    const textarea = editor.locator('textarea');
    const usePasted = editor.getByRole('button', { name: 'Use pasted points' });
    const pasted: [string, RegExp][] = [
      ['x,y\n1,2\nnan,inf\n', /^Pasted text: "nan" on line 3 is not a finite number/],
      ['{"__proto__": {"polluted": true}}', /^Pasted text: This is JSON, not a table/],
      ['1;2\n3;0x1F\n', /^Pasted text: "0x1F" on line 2 is not a number/],
      ['   \n\n', /^Pasted text: The text has no data rows/],
    ];
    for (const [text, expected] of pasted) {
      await textarea.fill(text);
      await usePasted.click();
      await expectKept(expected);
    }
    expect(await prototypeIsClean(playground)).toBe(true);
  });

  test('config: import', async ({ playground }, testInfo) => {
    await playground.open(`data=gaussian-1d&${SMALL}&sigma=0.7&seed=5`);
    const { page } = playground;
    await page.getByText('Share & export').click();
    const input = page.getByTestId('import-config-input');
    const status = page.getByTestId('share-status');

    // A valid config first: the exported one with another seed.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export config (JSON)' }).click();
    const exported = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
      config: Record<string, unknown>;
    };
    exported.config.seed = 11;
    const valid = JSON.stringify(exported);
    await input.setInputFiles({
      name: 'valid.json',
      mimeType: 'application/json',
      buffer: Buffer.from(valid),
    });
    await expect(status).toHaveText('Loaded the config from valid.json.');
    await expect(playground.control('seed')).toHaveValue('11');
    const url = page.url();
    const controls = async () => ({
      sigma: await playground.control('noiseSigma').inputValue(),
      seed: await playground.control('seed').inputValue(),
      layers: await playground.control('generatorLayers').inputValue(),
    });
    const before = await controls();
    expect(before.sigma).toBe('0.7');

    const expectKept = async (text: RegExp): Promise<void> => {
      await expect(status).toHaveText(text);
      await expect(status).toHaveClass(/is-error/);
      await expect(status).toContainText('Your config was kept.');
      expect(page.url()).toBe(url);
      expect(await controls()).toEqual(before);
      await expect(playground.linkFixes).toHaveCount(0);
    };

    const big = await fiftyMegabytes(testInfo.outputPath('huge.json'), ' ');
    await input.setInputFiles(big);
    await expectKept(/^huge\.json is 50 MB, larger than the 97\.7 KB limit\. A config file is/);

    const json = (name: string, text: string): HostileFile => ({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    const hostile: [HostileFile, RegExp][] = [
      [json('empty.json', ''), /^empty\.json is empty\./],
      [json('blank.json', '\n  \n'), /^blank\.json holds only blank space/],
      [
        { name: 'photo.json', mimeType: 'application/octet-stream', buffer: PNG },
        /^photo\.json is a PNG image, not text/,
      ],
      [
        json('points.csv', '1,2\n3,4\n'),
        /^points\.csv: This file is a table \(CSV\), not a config/,
      ],
      [
        json('model.json', '{"modelTopology": {}, "weightsManifest": []}'),
        /^model\.json: This is a generator's model\.json, not a config; load it with "Load generator"/,
      ],
      [json('cut.json', valid.slice(0, 120)), /^cut\.json: This file is not valid JSON/],
      [json('list.json', '[1, 2, 3]'), /^list\.json: This JSON is a list, not an object/],
      [
        json('other.json', '{"hello": 1}'),
        /^other\.json: This JSON is not a GAN Playground config/,
      ],
      [
        json('proto.json', `{"__proto__": ${valid}}`),
        /^proto\.json: This JSON is not a GAN Playground config/,
      ],
      [
        json('constructor.json', `{"constructor": {"prototype": ${valid}}}`),
        /^constructor\.json: This JSON is not a GAN Playground config/,
      ],
      [
        json('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
        /^deep\.json is 195\.3 KB, larger than the 97\.7 KB limit/,
      ],
      [json('unclosed.json', '['.repeat(90_000)), /^unclosed\.json: This file is not valid JSON/],
      [
        {
          name: 'nul.json',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('{"format":\u0000}'),
        },
        /^nul\.json is a binary file \(it holds NUL bytes\)/,
      ],
    ];
    for (const [file, text] of hostile) {
      await input.setInputFiles(file);
      await expectKept(text);
    }
    expect(await prototypeIsClean(playground)).toBe(true);

    // A valid config whose settings carry pollution keys, a duplicate and one wrong value:
    // it loads, with every fix listed, and pollutes nothing.
    const { noiseSigma: _, ...others } = exported.config;
    const polluted = JSON.stringify({ ...exported, config: others }).replace(
      '"config":{',
      '"config":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"noiseSigma":0.3,"noiseSigma":1e308,',
    );
    await input.setInputFiles(json('polluted.json', polluted));
    await expect(playground.linkFixes).toContainText('polluted.json');
    for (const key of ['__proto__', 'constructor', 'sigma']) {
      await expect(playground.linkFixes.locator(`li[data-key="${key}"]`).first()).toBeVisible();
    }
    await expect(playground.control('noiseSigma')).toHaveValue('10');
    expect(await prototypeIsClean(playground)).toBe(true);
  });

  test('generator: load', async ({ playground }, testInfo) => {
    await playground.open(`data=gaussian-1d&${SMALL}`);
    const { page, distribution } = playground;
    await playground.playButton.click();
    await playground.waitForIteration(50);
    await playground.pauseButton.click();
    // The paused snapshot (the last one) has arrived once Play is back.
    await expect(playground.playButton).toBeVisible();
    const trained = await distribution.getAttribute('data-generated-digest');
    const iteration = await playground.iteration();
    await page.getByText('Share & export').click();
    const status = page.getByTestId('share-status');
    const input = page.getByTestId('load-generator-input');

    const downloads = collectDownloads(page);
    await page.getByRole('button', { name: 'Export generator (tfjs model)' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const modelJson = downloads.find((d) => d.name.endsWith('.json'))?.body ?? Buffer.alloc(0);
    const weights = downloads.find((d) => d.name.endsWith('.bin'))?.body ?? Buffer.alloc(0);
    expect(weights.length).toBeGreaterThan(0);
    const model = (buffer: Buffer | string, name = 'gan-generator.json'): HostileFile => ({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(buffer),
    });
    const bin = (buffer: Buffer, name = 'gan-generator.weights.bin'): HostileFile => ({
      name,
      mimeType: 'application/octet-stream',
      buffer,
    });
    const withFloat = (index: number, value: number): Buffer => {
      const copy = Buffer.from(weights);
      copy.writeFloatLE(value, index * 4);
      return copy;
    };
    const edited = (edit: (json: Record<string, unknown>) => void): Buffer => {
      const json = JSON.parse(modelJson.toString('utf8')) as Record<string, unknown>;
      edit(json);
      return Buffer.from(JSON.stringify(json));
    };

    const expectKept = async (text: RegExp): Promise<void> => {
      await expect(status).toHaveText(text);
      await expect(status).toHaveClass(/is-error/);
      await expect(status).toContainText('The current generator was kept.');
      await expect(distribution).toHaveAttribute('data-generated-digest', trained ?? '');
      expect(await playground.iteration()).toBe(iteration);
      await expect(playground.playButton).toBeVisible();
    };

    await input.setInputFiles([
      { name: 'gan-generator.json', mimeType: 'application/json', buffer: modelJson },
    ]);
    await expectKept(/^Only one file was chosen\. Choose two files together/);
    // 50 MB of weights, from disk (setInputFiles refuses buffers that large).
    const jsonOnDisk = testInfo.outputPath('gan-generator.json');
    await writeFile(jsonOnDisk, modelJson);
    const big = await fiftyMegabytes(testInfo.outputPath('huge.weights.bin'), '\u0000');
    await input.setInputFiles([jsonOnDisk, big]);
    await expectKept(/^huge\.weights\.bin is 50 MB, larger than the 15\.3 MB limit\./);

    const hostile: [HostileFile[], RegExp][] = [
      [[model(''), bin(weights)], /^gan-generator\.json is empty\. Choose two files together/],
      [[model(modelJson), bin(Buffer.alloc(0))], /^gan-generator\.weights\.bin is empty\./],
      [[model(PNG, 'model.json'), bin(weights)], /^model\.json is a PNG image, not text\./],
      [
        [model('{"format": "gan-playground-config", "config": {}}', 'config.json'), bin(weights)],
        /^config\.json is a GAN Playground config, not a model\.json; import it with "Import config"/,
      ],
      [
        [model('x,y\n1,2\n', 'points.json'), bin(weights)],
        /^points\.json is a table of numbers \(CSV\)/,
      ],
      [
        [model(modelJson), bin(weights.subarray(0, 40), 'short.bin')],
        /^short\.bin is too short: model\.json describes [\d,]+ bytes of weights but the file holds 40\./,
      ],
      [
        [model(modelJson), bin(Buffer.concat([weights, Buffer.alloc(8)]), 'long.bin')],
        /^long\.bin is too long: it holds [\d,]+ bytes but model\.json describes [\d,]+\./,
      ],
      [
        [model(modelJson), bin(withFloat(3, Number.NaN), 'nan.bin')],
        /^nan\.bin holds NaN or infinite weights \(value 4\)/,
      ],
      [
        [
          model(
            edited((json) => {
              const topology = json.modelTopology as {
                config: { layers: { config: Record<string, unknown> }[] };
              };
              const first = topology.config.layers[0];
              if (first !== undefined) first.config.units = 1e9;
            }),
            'absurd.json',
          ),
          bin(weights),
        ],
        /The file's generator has hidden layers 1000000000(,\d+)*; this model has [\d,]+\./,
      ],
      [
        [model(`{"__proto__": ${modelJson.toString('utf8')}}`, 'proto.json'), bin(weights)],
        /^proto\.json is JSON but not a tfjs model\.json: it has no "modelTopology"/,
      ],
      [
        [model(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'deep.json'), bin(weights)],
        /^deep\.json is not a JSON object, so it is not a model\.json/,
      ],
    ];
    for (const [files, text] of hostile) {
      await input.setInputFiles(files);
      await expectKept(text);
    }
    expect(await prototypeIsClean(playground)).toBe(true);

    // Still usable: the exported files load back into the same run.
    await input.setInputFiles([model(modelJson), bin(weights)]);
    await expect(status).toContainText('Loaded the generator');
    await expect(distribution).toHaveAttribute('data-generated-digest', trained ?? '');
  });
});
