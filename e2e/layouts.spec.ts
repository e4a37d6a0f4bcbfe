import { mkdir } from 'node:fs/promises';
import type { Frame, Page } from '@playwright/test';
import { chromiumArgs, chromiumLaunchOptions } from '../scripts/chromium';
import { expect, seriousViolations, test } from './fixtures';

/**
 * The layouts of issue #15: an embed in a small frame on another origin, a phone, and the
 * desktop's small fixes (the copy-link status, compare's titles). SCREENSHOTS=1 also writes the
 * README's pictures of each layout into docs/screenshots/.
 */

const SMALL = 'g=16&d=16&batch=64';
/** The course page that embeds the playground: another origin than the app's. */
const HOST = 'http://other.test/host.html';
const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : null;

/** An element's box in its own window, rounded, and whether its content overflows it. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  overflows: boolean;
}

/** The boxes of the elements `selectors` name, in the window of `frame` (a page's main frame or an iframe). */
function boxes(frame: Frame, selectors: readonly string[]) {
  return frame.evaluate((list) => {
    const result: Record<string, Box | null> = {};
    for (const selector of list) {
      const element = document.querySelector(selector);
      if (element === null) {
        result[selector] = null;
        continue;
      }
      const box = element.getBoundingClientRect();
      result[selector] = {
        left: Math.floor(box.left),
        top: Math.floor(box.top),
        right: Math.ceil(box.right),
        bottom: Math.ceil(box.bottom),
        overflows:
          element.scrollWidth > element.clientWidth + 1 ||
          element.scrollHeight > element.clientHeight + 1,
      };
    }
    return {
      width: window.innerWidth,
      height: window.innerHeight,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      boxes: result,
    };
  }, selectors);
}

/** Whether a box lies entirely inside a window of this size. */
function inside(box: Box | null | undefined, width: number, height: number): boolean {
  return box != null && box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;
}

/** Opens a course page on another origin whose iframe (width × height) shows the app's `hash`. */
async function embedInHost(page: Page, hash: string, width: number, height: number) {
  const app = new URL(`/#${hash}`, test.info().project.use.baseURL).href;
  await page.route(HOST, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Course notes</title><body style="margin:8px"><iframe title="GAN Playground" src="${app}" width="${width}" height="${height}" style="border:1px solid #888"></iframe></body>`,
    }),
  );
  await page.goto(HOST);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 30_000 });
  const origin = new URL(app).origin;
  const inner = page.frames().find((candidate) => candidate.url().startsWith(origin));
  if (inner === undefined) throw new Error('the embed did not load');
  return { frame, inner };
}

/** What an embed must show whole: the plot, Play, Reset and the iteration. */
const EMBED_ESSENTIALS = [
  '[data-testid="distribution-plot"]',
  '[data-testid="distribution-plot"] .chart-body',
  '[data-testid="toolbar"] button.primary',
  '[data-testid="toolbar"] button[aria-keyshortcuts="R"]',
  '[data-testid="iteration"]',
];

// The test's server is on this machine and the course page is not: Chromium's local network
// access checks would refuse the frame, which a public deployment never meets.
test.use({
  launchOptions: {
    ...chromiumLaunchOptions,
    args: [...chromiumArgs, '--disable-features=LocalNetworkAccessChecks'],
  },
});

test.describe('an embed in a small frame on another origin', () => {
  for (const [width, height] of [
    [720, 480],
    [480, 360],
  ] as const) {
    test(`${width}×${height}: the plot, Play, Reset and the iteration whole; Play trains`, async ({
      playground,
    }) => {
      const { page } = playground;
      await page.setViewportSize({ width: width + 40, height: height + 40 });
      const { frame, inner } = await embedInHost(page, 'preset=gaussian&embed=1', width, height);
      await expect(
        frame.getByTestId('distribution-plot').locator('canvas, svg').first(),
      ).toBeVisible();
      const seen = await boxes(inner, EMBED_ESSENTIALS);
      expect(seen.width).toBe(width);
      // Nothing scrolls: the frame holds the whole embed.
      expect(seen.scrollWidth).toBeLessThanOrEqual(width);
      expect(seen.scrollHeight).toBeLessThanOrEqual(height);
      for (const selector of EMBED_ESSENTIALS) {
        expect(inside(seen.boxes[selector], width, height), `${selector} inside the frame`).toBe(
          true,
        );
      }
      // No settings, readouts, timeline or overview in an embed.
      await expect(frame.getByTestId('memory')).toHaveCount(0);
      await expect(frame.getByTestId('backend')).toHaveCount(0);
      await expect(frame.getByRole('slider', { name: /Timeline/i })).toHaveCount(0);
      await expect(frame.getByRole('form', { name: 'Settings' })).toHaveCount(0);
      await frame.getByRole('button', { name: 'Play' }).click();
      await expect
        .poll(async () =>
          Number((await frame.getByTestId('iteration').textContent())?.replace(/,/g, '')),
        )
        .toBeGreaterThanOrEqual(5);
      if (SHOTS !== null) {
        await mkdir(SHOTS, { recursive: true });
        await page.locator('iframe').screenshot({ path: `${SHOTS}/embed-${width}x${height}.png` });
      }
    });
  }

  test('show=losses,kernel lays the extra views out inside the frame', async ({ playground }) => {
    const { page } = playground;
    await page.setViewportSize({ width: 760, height: 520 });
    const hash = `preset=gaussian&embed=1&show=losses,kernel`;
    const { frame, inner } = await embedInHost(page, hash, 720, 480);
    await expect(frame.getByTestId('loss-chart')).toBeVisible();
    await expect(frame.getByTestId('kernel-view')).toHaveCount(1);
    // 720×480: the plot left, the losses right, both whole without scrolling; the kernel view
    // below the losses in the right column, which scrolls in its own box.
    const wide = await boxes(inner, [...EMBED_ESSENTIALS, '[data-testid="loss-chart"]']);
    for (const selector of [...EMBED_ESSENTIALS, '[data-testid="loss-chart"]']) {
      expect(inside(wide.boxes[selector], 720, 480), `${selector} inside 720×480`).toBe(true);
    }
    expect(wide.scrollHeight).toBeLessThanOrEqual(480);
    const plot = wide.boxes['[data-testid="distribution-plot"]'];
    const losses = wide.boxes['[data-testid="loss-chart"]'];
    expect(losses?.left ?? 0).toBeGreaterThanOrEqual(plot?.right ?? Number.POSITIVE_INFINITY);

    // 480×360: the plot, Play, Reset and the iteration still whole; the extra views sit in a
    // narrow column beside the plot (at least 200 px wide), scrolled within that column, their
    // tops in the frame.
    await page.setViewportSize({ width: 520, height: 400 });
    const narrow = await embedInHost(page, hash, 480, 360);
    await expect(narrow.frame.getByTestId('loss-chart')).toBeVisible();
    const small = await boxes(narrow.inner, [...EMBED_ESSENTIALS, '[data-testid="loss-chart"]']);
    for (const selector of EMBED_ESSENTIALS) {
      expect(inside(small.boxes[selector], 480, 360), `${selector} inside 480×360`).toBe(true);
    }
    expect(small.scrollHeight).toBeLessThanOrEqual(360);
    expect(small.boxes['[data-testid="loss-chart"]']?.top ?? 360).toBeLessThan(360);
  });
});

test.describe('a phone', () => {
  for (const [width, height] of [
    [390, 844],
    [360, 740],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`${width}×${height} ${colorScheme}: no sideways scroll, the plot on the first screen, the settings in a drawer`, async ({
        playground,
      }) => {
        // The axe scan of a whole page takes long on a busy machine.
        test.setTimeout(120_000);
        const { page } = playground;
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await playground.open(SMALL);
        const seen = await boxes(page.mainFrame(), ['[data-testid="distribution-plot"]']);
        expect(seen.scrollWidth).toBeLessThanOrEqual(width);
        expect(seen.boxes['[data-testid="distribution-plot"]']?.top ?? height).toBeLessThan(
          height - 120,
        );
        // Every button of the toolbar is on the first screen, none cut.
        const buttons = await playground.toolbar.getByRole('button').evaluateAll((elements) =>
          elements.map((element) => {
            const box = element.getBoundingClientRect();
            return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
          }),
        );
        expect(buttons.length).toBeGreaterThanOrEqual(6);
        for (const box of buttons) {
          expect(box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height).toBe(
            true,
          );
        }
        if (SHOTS !== null && width === 390) {
          await mkdir(SHOTS, { recursive: true });
          await page.screenshot({ path: `${SHOTS}/phone-${width}x${height}-${colorScheme}.png` });
        }

        // The settings: a drawer, opened by Settings, focus inside, Escape closes it.
        const settings = page.getByTestId('settings-button');
        await expect(playground.control('noiseSigma')).toBeHidden();
        await expect(settings).toHaveAttribute('aria-expanded', 'false');
        await settings.click();
        await expect(settings).toHaveAttribute('aria-expanded', 'true');
        const sheet = page.getByTestId('settings-sheet');
        await expect(sheet).toBeVisible();
        expect(await sheet.evaluate((element) => element.contains(document.activeElement))).toBe(
          true,
        );
        await playground.control('noiseSigma').fill('2');
        await playground.control('noiseSigma').press('Enter');
        await expect.poll(() => playground.hashParams().get('sigma')).toBe('2');
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(sheet).toBeHidden();
        await expect(settings).toHaveAttribute('aria-expanded', 'false');
        await expect(settings).toBeFocused();
        // The page object opens the drawer itself.
        await playground.setControl('seed', '9');
        expect(playground.hashParams().get('seed')).toBe('9');
      });
    }
  }
});

test.describe('the desktop', () => {
  test('"Link copied" moves no header button; the backend reason takes no toolbar height', async ({
    playground,
  }) => {
    const { page } = playground;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await playground.open(SMALL);
    if (SHOTS !== null) {
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/desktop-1366x768.png` });
    }
    const compare = page.getByTestId('compare-button');
    const before = await compare.boundingBox();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByTestId('copy-status')).toHaveText(/Link copied/);
    expect(await compare.boundingBox()).toEqual(before);
    // The backend's reason is in its tooltip: the toolbar is one row of buttons and readouts.
    const toolbar = await playground.toolbar.boundingBox();
    expect(toolbar?.height ?? 999).toBeLessThan(90);
  });

  for (const [width, height] of [
    [1360, 900],
    [1366, 768],
  ] as const) {
    test(`compare at ${width}×${height}: a long title for B does not wrap, both plots' tops align`, async ({
      playground,
    }) => {
      const { page } = playground;
      await page.setViewportSize({ width, height });
      await playground.open(`${SMALL}&compare=1&b.sigma=3&b.lrG=0.0005&b.lrD=0.0005&b.k=3`);
      const plotA = page.getByTestId('compare-a');
      const plotB = page.getByTestId('compare-b');
      await expect(plotB).toBeVisible();
      const [a, b] = await Promise.all(
        [plotA, plotB].map((plot) =>
          plot.locator('.chart-body').evaluate((element) => element.getBoundingClientRect().top),
        ),
      );
      expect(a).toBe(b);
      // Each title is one line (B's long one cut with an ellipsis, whole in its title attribute).
      for (const plot of [plotA, plotB]) {
        const title = plot.getByRole('heading');
        await expect(title).toHaveAttribute('title', /^[AB] · /);
        const [lineHeight, fontSize] = await title.evaluate((element) => [
          element.getBoundingClientRect().height,
          Number.parseFloat(getComputedStyle(element).fontSize),
        ]);
        expect(lineHeight).toBeLessThan(fontSize * 1.8);
      }
    });
  }
});
