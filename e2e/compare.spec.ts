import type { Locator } from '@playwright/test';
import type { PlaygroundDebugHook } from '../src/worker/protocol';
import { expect, type PlaygroundPage, test } from './fixtures';

declare global {
  interface Window {
    ganPlayground?: PlaygroundDebugHook;
  }
}

const SMALL = 'data=gaussian-1d&g=16&d=16&batch=64';
/** Plain SGD at learning rate 1 on the Wasserstein loss without a penalty: NaN within 50 iterations. */
const DIVERGING = 'optG=sgd&optD=sgd&lrG=1&lrD=1&loss=wasserstein&gp=0';

/** Run A's and run B's iterations, once the page shows a paused run. */
async function iterations(playground: PlaygroundPage): Promise<[number, number]> {
  const view = playground.page.getByTestId('compare-view');
  const of = async (run: Locator): Promise<number> =>
    Number(await run.getAttribute('data-iteration'));
  return [await of(view.getByTestId('compare-a')), await of(view.getByTestId('compare-b'))];
}

/** Pauses, then checks that both runs stand at the same iteration, at least `atLeast`. */
async function expectInStep(playground: PlaygroundPage, atLeast: number): Promise<number> {
  // A run that diverged again has stopped by itself.
  if (await playground.pauseButton.isVisible()) await playground.pauseButton.click();
  await expect(playground.playButton).toBeVisible();
  await expect
    .poll(async () => {
      const [a, b] = await iterations(playground);
      return a === b && a === (await playground.iteration()) && a >= atLeast;
    })
    .toBe(true);
  return (await iterations(playground))[0];
}

test.describe('side-by-side comparison', () => {
  test('a link with b. keys trains two runs in step on the same data, plotted together', async ({
    playground,
  }) => {
    await playground.open(`${SMALL}&sigma=0.05&b.sigma=1`);
    const { page } = playground;
    const view = page.getByTestId('compare-view');
    await expect(view.getByTestId('compare-label')).toHaveText('G · Noise σ = 1');
    await expect(view.getByTestId('compare-b')).toHaveAttribute('data-generated-count', '512');
    await playground.playButton.click();
    await playground.waitForIteration(300);
    await playground.pauseButton.click();
    // The paused snapshot (the last one) has arrived once Play is back: a running snapshot
    // read earlier could be overtaken by it.
    await expect(playground.playButton).toBeVisible();
    const a = view.getByTestId('compare-a');
    const b = view.getByTestId('compare-b');
    // In step: both runs have made the same number of iterations.
    await expect
      .poll(
        async () =>
          (await a.getAttribute('data-iteration')) === String(await playground.iteration()),
      )
      .toBe(true);
    await expect(b).toHaveAttribute(
      'data-iteration',
      (await a.getAttribute('data-iteration')) ?? '',
    );
    // Both curves fill, on one chart.
    await expect
      .poll(() => playground.numberAttribute(view.getByTestId('compare-mmd'), 'data-points-b'))
      .toBeGreaterThan(2);
    await expect(view.getByTestId('compare-mmd').locator('path[data-points]')).toHaveCount(2);
    // The runs differ only by σ, and a tiny σ learns the Gaussian more slowly.
    const mmdA = Number(await a.getAttribute('data-mmd'));
    const mmdB = Number(await b.getAttribute('data-mmd'));
    expect(mmdA).toBeGreaterThan(mmdB);
  });

  test('the Compare button and the editor change run B; the link follows', async ({
    playground,
  }) => {
    await playground.open(SMALL);
    const { page } = playground;
    await page.getByTestId('compare-button').click();
    const view = page.getByTestId('compare-view');
    await expect(view.getByTestId('compare-label')).toHaveText('the same settings');
    await expect.poll(() => playground.hashParams().get('compare')).toBe('1');
    await view.getByLabel('For run B, set').selectOption('objective');
    await view.getByLabel('to', { exact: true }).fill('mmd');
    await view.getByRole('button', { name: 'Apply to B' }).click();
    await expect(view.getByTestId('compare-label')).toHaveText('Objective = MMD only (GMMN)');
    await expect.poll(() => playground.hashParams().get('b.loss')).toBe('mmd');
    await playground.playButton.click();
    await playground.waitForIteration(30);
    await expect(view.getByTestId('compare-b')).not.toHaveAttribute('data-iteration', '0');
    // A bad value is repaired and said so.
    await view.getByLabel('For run B, set').selectOption('noiseSigma');
    await view.getByLabel('to', { exact: true }).fill('99');
    await view.getByRole('button', { name: 'Apply to B' }).click();
    await expect(view.getByRole('status')).toContainText('maximum is 10');
    await expect.poll(() => playground.hashParams().get('b.sigma')).toBe('10');
    await view.getByRole('button', { name: /Remove .*Objective from run B/ }).click();
    await expect.poll(() => playground.hashParams().get('b.loss')).toBeNull();
    await view.getByRole('button', { name: 'Stop comparing' }).click();
    await expect(view).toHaveCount(0);
    await expect.poll(() => playground.hashParams().get('compare')).toBeNull();
  });

  test('a killed worker restores run A and run B at the same saved iteration, and both go on in step', async ({
    playground,
  }) => {
    test.setTimeout(90_000);
    await playground.open(`${SMALL}&compare=1&b.sigma=2`);
    await playground.playButton.click();
    await playground.waitForIteration(150);
    // The worker sends a save every 2 s while training.
    await playground.page.waitForTimeout(2500);
    const before = await playground.iteration();
    await playground.page.evaluate(() => window.ganPlayground?.terminateWorker());
    const notice = playground.page.getByTestId('notice');
    await expect(notice).toContainText(/Restored run A and run B from iteration [\d,]+/, {
      timeout: 45_000,
    });
    const said = Number(
      /from iteration ([\d,]+)/.exec((await notice.textContent()) ?? '')?.[1]?.replace(/,/g, ''),
    );
    expect(said).toBeGreaterThanOrEqual(100);
    expect(said).toBeLessThanOrEqual(before + 1000);
    await expect(playground.page.getByTestId('compare-error')).toHaveCount(0);
    // Both runs show the restored iteration, not 0: no later config change rebuilt them.
    await expect.poll(() => iterations(playground)).toEqual([said, said]);
    await playground.page.waitForTimeout(500);
    expect(await iterations(playground)).toEqual([said, said]);
    await playground.playButton.click();
    await playground.waitForIteration(said + 50);
    await expectInStep(playground, said + 50);
  });

  test('"go back" after run A diverges takes run A and run B back to the same iteration', async ({
    playground,
  }) => {
    // Run B learns at a rate that does not diverge.
    await playground.open(`${SMALL}&${DIVERGING}&compare=1&b.lrG=0.001&b.lrD=0.001`);
    await playground.playButton.click();
    const panel = playground.page.getByTestId('divergence');
    await expect(panel).toBeVisible();
    const diverged = await playground.iteration();
    const lastGood = Number(await panel.getAttribute('data-last-good'));
    expect(lastGood).toBeLessThan(diverged);
    await panel
      .getByRole('button', { name: /with learning rates ÷ 10/ })
      .first()
      .click();
    await expect(panel).toBeHidden();
    await expect.poll(() => iterations(playground)).toEqual([lastGood, lastGood]);
    await expect.poll(() => playground.hashParams().get('lrG')).toBe('0.1');
    // Run B kept its own learning rates, and the config change did not start both runs over.
    expect(playground.hashParams().get('b.lrG')).toBe('0.001');
    await playground.page.waitForTimeout(500);
    expect(await iterations(playground)).toEqual([lastGood, lastGood]);
    // Both train on in step (run A may diverge again at its lowered rate: B still follows).
    await playground.playButton.click();
    await playground.waitForIteration(lastGood + 5);
    await expectInStep(playground, lastGood + 5);
  });

  test('a backend that fails mid-run hands both runs to the next one at the same iteration', async ({
    playground,
  }) => {
    await playground.open(`${SMALL}&backend=wasm&compare=1&b.sigma=2`);
    await expect(playground.backend).toHaveAttribute('data-backend', 'wasm');
    await playground.playButton.click();
    await playground.waitForIteration(100);
    await playground.page.evaluate(() => window.ganPlayground?.injectFault('backend-failure'));
    const notice = playground.page.getByTestId('notice');
    await expect(notice).toContainText(/Run A and run B continue on WebGL from iteration [\d,]+/);
    const from = Number(
      /from iteration ([\d,]+)/.exec((await notice.textContent()) ?? '')?.[1]?.replace(/,/g, ''),
    );
    expect(from).toBeGreaterThanOrEqual(75);
    await playground.waitForIteration(from + 30);
    await expectInStep(playground, from + 30);
  });
});
