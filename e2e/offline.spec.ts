import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { PlaygroundDebugHook } from '../src/worker/protocol';
import { expect, test } from './fixtures';

/**
 * Offline once loaded (README, Offline): the service worker precaches the page, the training
 * worker and the WASM binaries, so with the network gone a killed worker is restarted and its
 * run restored, and a reload opens the app, not the browser's offline page.
 */

declare global {
  interface Window {
    ganPlayground?: PlaygroundDebugHook;
  }
}

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has precached the app and controls the page. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 30_000,
    })
    .toBe(true);
}

test('offline, a killed worker is restarted with its run, and a reload opens the app', async ({
  playground,
  context,
}) => {
  const { page } = playground;
  await playground.open();
  await waitForOfflineReady(page);
  await playground.playButton.click();
  await playground.waitForIteration(100);
  // The worker's next save (every 2 s while training).
  await page.waitForTimeout(2500);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // The emulation covers the service worker's own fetches too: nothing below came from the network.
  const [worker] = context.serviceWorkers();
  expect(worker).toBeDefined();
  const probe = await worker?.evaluate(() =>
    fetch(`/favicon.svg?probe=${Date.now()}`).then(
      (response) => `answered ${response.status}`,
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');

  const before = await playground.iteration();
  const backend = await playground.backend.getAttribute('data-backend');
  await page.evaluate(() => window.ganPlayground?.terminateWorker());
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(/restarted and the run restored from iteration [\d,]+/, {
    timeout: 30_000,
  });
  const restored = await playground.iteration();
  // On the same backend: the cached worker and WASM files kept their response headers (the
  // policy that lets the worker compile WebAssembly).
  await expect(playground.backend).toHaveAttribute('data-backend', backend ?? '');
  expect(restored).toBeGreaterThanOrEqual(100);
  expect(restored).toBeLessThanOrEqual(before + 1000);
  await playground.playButton.click();
  await playground.waitForIteration(restored + 50);
  await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();

  // A reload, still offline: the app, and its kept run offered back.
  await page.reload();
  await expect(playground.backend).not.toHaveAttribute('data-backend', '');
  await expect(playground.playButton).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Restore it' })).toBeVisible();
});

test('a new version waits, and Update keeps the paused run before it reloads into it', async ({
  playground,
}) => {
  const { page } = playground;
  await playground.open();
  await waitForOfflineReady(page);
  // A new deployment: the served service worker script changes. `vite preview` reads files per
  // request, and the browser fetches the script itself (no Playwright route sees that fetch), so
  // the built file is changed for the test and put back after it.
  const script = join(process.env.E2E_DIST ?? 'dist', 'sw.js');
  const original = await readFile(script, 'utf8');
  try {
    await writeFile(script, `${original}\n// a new version\n`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const banner = page.getByTestId('update');
    await expect(banner).toContainText('A new version is ready');

    // Never mid-run: while training, Update waits for a pause.
    await playground.playButton.click();
    await playground.waitForIteration(60);
    await expect(banner).toContainText('Pause the run to update');
    await expect(banner.getByRole('button', { name: 'Update' })).toBeDisabled();
    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();
    const kept = await playground.iteration();

    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Update' }).click(),
    ]);
    await expect(playground.playButton).toBeEnabled();
    // The new version controls the page (none waits), and the run kept before the reload is
    // offered back.
    await expect(banner).toBeHidden();
    expect(
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.waiting === null && navigator.serviceWorker.controller !== null;
      }),
    ).toBe(true);
    await page.getByRole('button', { name: 'Restore it' }).click();
    await expect.poll(() => playground.iteration()).toBe(kept);
  } finally {
    await writeFile(script, original);
  }
});

test.describe('where the app is not stored for offline use', () => {
  test.use({ serviceWorkers: 'block' });

  test('offline, a worker that cannot restart never advises a reload', async ({
    playground,
    context,
  }) => {
    const { page } = playground;
    await playground.open();
    await context.setOffline(true);
    // A crash restarts at once (a kill waits 10 s for the heartbeat); offline, no restart loads.
    await page.evaluate(() => window.ganPlayground?.injectFault('crash'));
    const error = page.getByTestId('error');
    await expect(error).toContainText(/The training worker failed \d+ times/, {
      timeout: 40_000,
    });
    await expect(error).toContainText(
      'You are offline and the app is not stored for offline use yet, so a reload would only show the browser’s offline page: reconnect first, then reload.',
    );
    await expect(error).not.toContainText('Reload the page');
  });
});
