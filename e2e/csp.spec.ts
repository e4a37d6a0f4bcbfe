import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../vite.config';
import { expect, type PlaygroundPage, test } from './fixtures';

/**
 * The production build runs under a strict Content-Security-Policy (README, Security). The fixture
 * fails every test of the suite on a violation; this spec checks that the policy is there, that it
 * bites, and that every part of the app works under it.
 */

// A small model: these tests are about the paths, and software WebGPU is slow.
const SMALL = 'g=8&d=8&batch=32';

/** Empties a list the fixture checks, after asserting that it holds only what a test provoked. */
function takeExpected(list: string[], pattern: RegExp): void {
  expect(list.filter((entry) => !pattern.test(entry))).toEqual([]);
  list.splice(0);
}

/** The download's file name and text, once `click` has started it. */
async function download(
  playground: PlaygroundPage,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const started: Promise<Download> = playground.page.waitForEvent('download');
  await click();
  const file = await started;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test.describe('Content-Security-Policy', () => {
  test('the served page carries the policy, as header and meta, and loads the production bundle', async ({
    playground,
  }) => {
    const { page } = playground;
    const response = await page.goto('/#g=8&d=8');
    expect(response?.status()).toBe(200);
    const header = response?.headers()['content-security-policy'] ?? '';
    expect(header).toBe(CONTENT_SECURITY_POLICY_HEADER);
    const scriptSources = (policy: string) => /script-src ([^;]*)/.exec(policy)?.[1];
    // WebAssembly compilation for the worker, which takes the header as its policy.
    expect(scriptSources(header)).toBe("'self' 'wasm-unsafe-eval'");
    expect(header).toContain("object-src 'none'");
    expect(header).toContain("base-uri 'none'");
    // Embeds are meant to be framed by course notes on any site.
    expect(header).toContain('frame-ancestors *');
    const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(meta).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
    expect(scriptSources(CONTENT_SECURITY_POLICY)).toBe("'self'");

    // The hashed production bundle, not the dev server's /src/main.tsx, and no inline script.
    const scripts = await page
      .locator('script')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('src')));
    expect(scripts).toEqual([expect.stringMatching(/^\/assets\/index-[\w-]+\.js$/)]);
    await expect(playground.playButton).toBeEnabled();
    const workers = page.workers().map((worker) => new URL(worker.url()).pathname);
    expect(workers).toEqual([expect.stringMatching(/^\/assets\/trainer\.worker-[\w-]+\.js$/)]);
    // The worker takes its policy from its own response, not from the page.
    const workerResponse = await page.request.get(workers[0] ?? '');
    expect(workerResponse.headers()['content-security-policy']).toBe(
      CONTENT_SECURITY_POLICY_HEADER,
    );
  });

  test('eval, new Function, WebAssembly, inline scripts and inline styles are refused in the page', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    // In a task of its own: code that DevTools evaluates (page.evaluate) may use eval.
    const outcome = await playground.page.evaluate(
      () =>
        new Promise((resolve) => {
          setTimeout(async () => {
            const attempt = (run: () => unknown): string => {
              try {
                run();
                return 'ran';
              } catch (error) {
                return error instanceof Error ? error.name : 'thrown';
              }
            };
            const marker = '__cspInlineScriptRan';
            const script = document.createElement('script');
            script.textContent = `window.${marker} = true;`;
            document.head.append(script);
            const style = document.createElement('style');
            style.textContent = 'body { outline: 7px solid red; }';
            document.head.append(style);
            const styled = document.createElement('div');
            styled.setAttribute('style', 'outline: 7px solid red');
            document.body.append(styled);
            const outlines = [document.body, styled].map((e) => getComputedStyle(e).outlineStyle);
            styled.remove();
            // The smallest WebAssembly module: magic number and version.
            const wasm = await WebAssembly.compile(
              new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]),
            ).then(
              () => 'compiled',
              (error: unknown) => (error instanceof Error ? error.name : 'thrown'),
            );
            resolve({
              wasm,
              // biome-ignore lint/security/noGlobalEval: the test checks that the policy refuses it.
              eval: attempt(() => eval('1')),
              // biome-ignore lint/nursery/noImpliedEval: the test checks that the policy refuses it.
              newFunction: attempt(() => new Function('return 1')),
              inlineScript: Reflect.get(window, marker) === true ? 'ran' : 'refused',
              outlines,
            });
          }, 0);
        }),
    );
    expect(outcome).toEqual({
      wasm: 'CompileError',
      eval: 'EvalError',
      newFunction: 'EvalError',
      inlineScript: 'refused',
      outlines: ['none', 'none'],
    });
    // Each refusal was reported (once per policy: the header's and the meta tag's).
    const directives = () =>
      [...new Set(playground.cspViolations.map((v) => /: (\S+) blocked/.exec(v)?.[1]))].sort();
    await expect
      .poll(directives)
      .toEqual(['script-src', 'script-src-elem', 'style-src-attr', 'style-src-elem']);
    playground.cspViolations.splice(0);
    // The script and styles are also logged; eval is not (hence the fixture's event listener).
    expect(playground.consoleErrors.length).toBeGreaterThan(0);
    takeExpected(playground.consoleErrors, /violates the following Content Security Policy/);
  });

  test('a violation inside the training worker is caught too', async ({ playground }) => {
    await playground.open(SMALL);
    const [worker] = playground.page.workers();
    if (worker === undefined) throw new Error('The training worker is not running.');
    // The worker runs under the policy too (in a task of its own, as DevTools' code may eval).
    const outcome = await worker.evaluate(
      () =>
        new Promise((resolve) => {
          setTimeout(async () => {
            let evaluated: string;
            try {
              // biome-ignore lint/security/noGlobalEval: the test checks that the policy refuses it.
              eval('1');
              evaluated = 'ran';
            } catch (error) {
              evaluated = error instanceof Error ? error.name : 'thrown';
            }
            const fetched = await fetch('https://example.invalid/').then(
              () => 'fetched',
              () => 'refused',
            );
            // What the WASM backend needs, and all the header allows beyond the page's policy.
            const wasm = await WebAssembly.compile(
              new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]),
            ).then(
              () => 'compiled',
              (error: unknown) => (error instanceof Error ? error.name : 'thrown'),
            );
            resolve({ evaluated, fetched, wasm });
          }, 0);
        }),
    );
    expect(outcome).toEqual({ evaluated: 'EvalError', fetched: 'refused', wasm: 'compiled' });
    // Both refusals reach the fixture's list, which fails any other test that has one.
    const directives = () =>
      [
        ...new Set(playground.cspViolations.map((v) => /worker: (\S+) blocked/.exec(v)?.[1])),
      ].sort();
    await expect.poll(directives).toEqual(['connect-src', 'script-src']);
    playground.cspViolations.splice(0);
    // Chromium may also log the refusals; nothing else may have been.
    takeExpected(playground.consoleErrors, /example\.invalid|Content Security Policy/);
  });

  for (const backend of ['wasm', 'webgl', 'cpu', 'webgpu'] as const) {
    test(`training on ${backend} breaks no rule`, async ({ playground }) => {
      await playground.open(`backend=${backend}&${SMALL}`);
      await expect(playground.backend).toHaveAttribute('data-backend', backend, {
        timeout: 30_000,
      });
      await playground.playButton.click();
      await playground.waitForIteration(backend === 'webgpu' ? 3 : 30, 45_000);
      await playground.pauseButton.click();
      await expect(playground.playButton).toBeVisible();
      await expect
        .poll(() => playground.numberAttribute(playground.lossChart, 'data-points'))
        .toBeGreaterThan(0);
    });
  }

  test('chart, samples, config, script and model exports break no rule', async ({ playground }) => {
    await playground.open(SMALL);
    const { page } = playground;
    await playground.playButton.click();
    await playground.waitForIteration(30);
    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();

    const plot = playground.distribution;
    await plot.getByRole('button', { name: /^Export/ }).click();
    const svg = await download(playground, () => plot.getByRole('button', { name: 'SVG' }).click());
    // Styles are inlined through the style attribute of detached clones: still allowed.
    expect(svg.text).toMatch(/<text[^>]+style="[^"]*font-size:\s*11px/);
    expect(svg.text).toMatch(/<image[^>]+href="data:image\/png;base64,/);
    const losses = playground.lossChart;
    await losses.getByRole('button', { name: /^Export/ }).click();
    const png = await download(playground, () =>
      losses.getByRole('button', { name: 'PNG' }).click(),
    );
    expect(png.name).toMatch(/^gan-playground-loss-chart-[a-z0-9-]+-iteration-\d+\.png$/);
    const csv = await download(playground, () =>
      page.getByRole('button', { name: 'Samples CSV' }).click(),
    );
    expect(csv.text.split('\n')[0]).toBe('kind,x1,x2');

    await page.getByText('Share & export').click();
    const config = await download(playground, () =>
      page.getByRole('button', { name: 'Export config (JSON)' }).click(),
    );
    expect(config.name).toBe('gan-config.json');
    const script = await download(playground, () =>
      page.getByRole('button', { name: 'PyTorch script (.py)' }).click(),
    );
    expect(script.text).toContain('import torch');
    const names: string[] = [];
    page.on('download', (file) => names.push(file.suggestedFilename()));
    await page.getByRole('button', { name: 'Export generator (tfjs model)' }).click();
    await expect.poll(() => names.length).toBe(2);
    expect(names.some((name) => name.endsWith('.json'))).toBe(true);
  });

  test('the embed, alone and inside an iframe, breaks no rule', async ({ playground }) => {
    const { page } = playground;
    await playground.open(`${SMALL}&embed=1`);
    await playground.playButton.click();
    await playground.waitForIteration(20);
    await playground.pauseButton.click();
    await page.setContent(
      `<iframe title="GAN" src="${new URL(`/#${SMALL}&embed=1`, page.url()).href}" width="900" height="700"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    await expect(frame.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
    await frame.getByRole('button', { name: 'Play' }).click();
    await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(frame.getByTestId('distribution-plot')).toBeVisible();
  });
});

test.describe('Content-Security-Policy, first visit', () => {
  test.use({ firstVisit: true });

  test('the whole tour breaks no rule', async ({ playground }) => {
    await playground.open(SMALL);
    // Offered, never started by itself (issue #15).
    await playground.page
      .getByTestId('tour-prompt')
      .getByRole('button', { name: 'Take the tour' })
      .click();
    const popover = playground.page.locator('.driver-popover');
    await expect(popover).toContainText('1 of 7');
    for (let step = 2; step <= 7; step++) {
      await popover.getByRole('button', { name: 'Next' }).click();
      await expect(popover).toContainText(`${step} of 7`);
    }
    await popover.getByRole('button', { name: 'Done' }).click();
    await expect(popover).toHaveCount(0);
  });
});
