import type { Page } from '@playwright/test';
import type { FaultKind, PlaygroundDebugHook } from '../src/worker/protocol';
import { expect, type PlaygroundPage, test } from './fixtures';

/**
 * Faults injected into a running page: a run built to diverge, poisoned weights, a crashed,
 * killed or stuck worker, a backend that fails mid-run and a lost WebGPU device. Each time the
 * page says what happened and nothing trained is lost.
 */

declare global {
  interface Window {
    ganPlayground?: PlaygroundDebugHook;
  }
}

/** Plain SGD at learning rate 1 on the Wasserstein loss without a penalty: NaN within 50 iterations. */
const DIVERGING = 'optG=sgd&optD=sgd&lrG=1&lrD=1&loss=wasserstein&gp=0';

async function inject(page: Page, kind: FaultKind): Promise<void> {
  await page.evaluate((fault) => window.ganPlayground?.injectFault(fault), kind);
}

/** Trains to at least `iterations`, then waits for the worker's next save (every 2 s). */
async function trainAndSave(playground: PlaygroundPage, iterations: number): Promise<void> {
  await playground.playButton.click();
  await playground.waitForIteration(iterations);
  await playground.page.waitForTimeout(2500);
}

test.describe('a run that diverges', () => {
  test('is stopped with an explanation and goes back to its last good iteration with lower learning rates', async ({
    playground,
  }) => {
    await playground.open(DIVERGING);
    await playground.playButton.click();
    const panel = playground.page.getByTestId('divergence');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(/Training diverged at iteration [\d,]+/);
    await expect(panel).toContainText('learning rate');
    await expect(playground.playButton).toBeVisible();
    const lastGood = Number(await panel.getAttribute('data-last-good'));
    expect(lastGood).toBeGreaterThanOrEqual(0);
    expect(lastGood).toBeLessThan(await playground.iteration());

    await panel
      .getByRole('button', { name: /with learning rates ÷ 10/ })
      .first()
      .click();
    await expect(panel).toBeHidden();
    await expect.poll(() => playground.iteration()).toBe(lastGood);
    await expect.poll(() => playground.hashParams().get('lrG')).toBe('0.1');
    expect(playground.hashParams().get('lrD')).toBe('0.1');
  });

  test('"start over" starts a new run with the learning rates divided by 10', async ({
    playground,
  }) => {
    await playground.open(DIVERGING);
    await playground.playButton.click();
    const panel = playground.page.getByTestId('divergence');
    await panel.getByRole('button', { name: 'Start over with learning rates ÷ 10' }).click();
    await expect(panel).toBeHidden();
    await expect.poll(() => playground.hashParams().get('lrG')).toBe('0.1');
    await expect.poll(() => playground.iteration()).toBe(0);
  });

  test('poisoned weights are found within one snapshot, and the run goes back to a good frame', async ({
    playground,
  }) => {
    await playground.open();
    await playground.playButton.click();
    await playground.waitForIteration(60);
    await playground.pauseButton.click();
    await expect(playground.playButton).toBeVisible();
    await inject(playground.page, 'nan-weights');
    const panel = playground.page.getByTestId('divergence');
    await expect(panel).toHaveAttribute('data-cause', 'weights');
    await expect(panel).toContainText('a weight of the networks became NaN or infinite');
    const lastGood = Number(await panel.getAttribute('data-last-good'));
    expect(lastGood).toBeGreaterThan(0);
    await panel
      .getByRole('button', { name: `Go back to iteration ${lastGood}`, exact: true })
      .click();
    await expect(panel).toBeHidden();
    await expect.poll(() => playground.iteration()).toBe(lastGood);
    // The restored run trains on, finitely.
    await playground.playButton.click();
    await playground.waitForIteration(lastGood + 50);
    await playground.pauseButton.click();
    await expect(panel).toBeHidden();
  });
});

test.describe('a training worker that fails', () => {
  const cases: { fault: FaultKind | 'kill'; says: RegExp }[] = [
    { fault: 'crash', says: /Simulated crash of the training worker/ },
    { fault: 'kill', says: /stopped answering/ },
    { fault: 'hang', says: /stopped answering/ },
  ];
  for (const { fault, says } of cases) {
    test(`${fault}: is restarted from the last saved run, and says so`, async ({ playground }) => {
      test.setTimeout(90_000);
      await playground.open();
      await trainAndSave(playground, 100);
      const before = await playground.iteration();
      if (fault === 'kill') {
        await playground.page.evaluate(() => window.ganPlayground?.terminateWorker());
      } else {
        await inject(playground.page, fault);
      }
      const notice = playground.page.getByTestId('notice');
      await expect(notice).toContainText(says, { timeout: 30_000 });
      await expect(notice).toContainText(/restarted and the run restored from iteration [\d,]+/);
      const restored = await playground.iteration();
      // At most one save interval (2 s) of training is lost.
      expect(restored).toBeGreaterThanOrEqual(100);
      expect(restored).toBeLessThanOrEqual(before + 1000);
      // The restarted worker trains on from there.
      await playground.playButton.click();
      await playground.waitForIteration(restored + 50);
      await playground.pauseButton.click();
    });
  }
});

test.describe('a backend that fails mid-run', () => {
  test('WASM failing hands the run to the next backend, which continues it', async ({
    playground,
  }) => {
    await playground.open('backend=wasm');
    await expect(playground.backend).toHaveAttribute('data-backend', 'wasm');
    await trainAndSave(playground, 100);
    await inject(playground.page, 'backend-failure');
    const notice = playground.page.getByTestId('notice');
    await expect(notice).toContainText(/WASM failed during training \(simulated backend failure\)/);
    await expect(notice).toContainText(/continues on WebGL from iteration [\d,]+/);
    await expect(playground.backend).toHaveAttribute('data-backend', 'webgl');
    const from = Number(
      /from iteration ([\d,]+)/.exec((await notice.textContent()) ?? '')?.[1]?.replace(/,/g, ''),
    );
    expect(from).toBeGreaterThanOrEqual(100);
    await playground.waitForIteration(from + 20);
    await playground.pauseButton.click();
  });

  test('a lost WebGPU device hands the run to WASM', async ({ playground }) => {
    test.setTimeout(120_000);
    // Small networks: WebGPU is a slow software adapter on machines without a GPU.
    await playground.open('backend=webgpu&g=8&d=8&batch=32');
    await expect(playground.backend).toHaveAttribute('data-backend', 'webgpu');
    await trainAndSave(playground, 5);
    await inject(playground.page, 'device-lost');
    const notice = playground.page.getByTestId('notice');
    await expect(notice).toContainText(/WebGPU failed during training \(the GPU device was lost/, {
      timeout: 30_000,
    });
    await expect(playground.backend).toHaveAttribute('data-backend', 'wasm');
    const iteration = await playground.iteration();
    await playground.waitForIteration(iteration + 50);
  });
});

test.describe('a busy worker', () => {
  test('a long block it announces is not taken for a hang; progress shows; an export clicked meanwhile yields its files', async ({
    playground,
  }) => {
    test.setTimeout(60_000);
    const { page } = playground;
    await playground.open();
    await playground.playButton.click();
    await playground.waitForIteration(20);
    // Blocks the worker for 14 s (longer than the heartbeat's 10 s), announced as a long iteration.
    await inject(page, 'slow');
    await expect(page.getByTestId('busy-progress')).toContainText(
      /iteration in progress · \d+ s of ~14 s/,
    );
    const before = await playground.iteration();
    await page.getByText('Share & export').click();
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Export generator (tfjs model)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^gan-generator/);
    await playground.waitForIteration(before + 20);
    await expect(page.getByTestId('busy-progress')).toBeHidden();
    await expect(page.getByTestId('notice')).toBeHidden();
  });

  test('an export in flight when a stuck worker is replaced says so', async ({ playground }) => {
    test.setTimeout(60_000);
    const { page } = playground;
    await playground.open();
    await inject(page, 'hang');
    await page.getByText('Share & export').click();
    await page.getByRole('button', { name: 'Export generator (tfjs model)' }).click();
    await expect(page.getByTestId('share-status')).toHaveText(
      'The training worker restarted before the export finished; try again.',
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('notice')).toContainText(/stopped answering/);
  });

  test('the largest legal model on the CPU backend is refused before it trains, saying why; the settings stay editable', async ({
    playground,
  }) => {
    test.setTimeout(90_000);
    const { page } = playground;
    const wide = Array(8).fill(512).join(',');
    await playground.open(`backend=cpu&g=${wide}&d=${wide}&batch=2048&z=16&k=10`, {
      expectModel: false,
    });
    // At once, without the minutes its first views and metrics would take on this backend.
    await expect(page.getByTestId('error')).toContainText(
      /too large to train here: one iteration takes ~[\d,.]+ (s|min) on CPU.*Reduce the batch or the layers/,
      { timeout: 45_000 },
    );
    await expect(page.getByTestId('notice')).toBeHidden();
    const batch = page.getByLabel('Batch size', { exact: true });
    await expect(batch).toBeEditable();
  });

  test('a worker that keeps failing without training on is not restarted a third time', async ({
    playground,
  }) => {
    test.setTimeout(60_000);
    const { page } = playground;
    await playground.open();
    const notice = page.getByTestId('notice');
    for (let failure = 1; failure <= 2; failure++) {
      await inject(page, 'crash');
      await expect(notice).toContainText(/Simulated crash/);
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice).toBeHidden();
    }
    await inject(page, 'crash');
    await expect(page.getByTestId('error')).toContainText(
      /failed 3 times in a row without training any further \(last: .*Simulated crash/,
    );
  });
});
