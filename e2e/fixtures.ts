import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { ConfigKey } from '../src/config/schema';

/** A setting of the config schema; each control's id is `control-<key>`. */
export type ControlKey = ConfigKey;

/** A page object for the playground: what a user sees and does, nothing about its internals. */
export class PlaygroundPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`));
  }

  /**
   * Opens the app with a hash and waits until the worker has chosen a backend and (unless the
   * config cannot train yet, e.g. 'points' with none drawn) built the first model.
   */
  async open(hash = '', { expectModel = true } = {}): Promise<void> {
    await this.page.goto(`/${hash === '' ? '' : `#${hash}`}`);
    await expect(this.backend).not.toHaveAttribute('data-backend', '');
    if (expectModel) await expect(this.playButton).toBeEnabled();
  }

  get playButton(): Locator {
    return this.page.getByRole('button', { name: 'Play' });
  }
  get pauseButton(): Locator {
    return this.page.getByRole('button', { name: 'Pause' });
  }
  get backend(): Locator {
    return this.page.getByTestId('backend');
  }
  get distribution(): Locator {
    return this.page.getByTestId('distribution-plot');
  }
  get lossChart(): Locator {
    return this.page.getByTestId('loss-chart');
  }
  get mmdChart(): Locator {
    return this.page.getByTestId('mmd-chart');
  }
  get linkFixes(): Locator {
    return this.page.getByTestId('link-fixes');
  }
  control(key: ControlKey): Locator {
    return this.page.locator(`#control-${key}`);
  }

  /** Shows the controls marked advanced (activations, optimiser details, stabilisers). */
  async showAdvanced(): Promise<void> {
    await this.page.getByLabel(/Show advanced settings/).check();
  }

  async iteration(): Promise<number> {
    const text = (await this.page.getByTestId('iteration').textContent()) ?? '';
    return Number(text.replace(/,/g, ''));
  }

  async waitForIteration(atLeast: number, timeout = 30_000): Promise<void> {
    await expect.poll(() => this.iteration(), { timeout }).toBeGreaterThanOrEqual(atLeast);
  }

  async numberAttribute(locator: Locator, name: string): Promise<number> {
    return Number(await locator.getAttribute(name));
  }

  /** Types a value into a control and commits it (Enter), as a user would. */
  async setControl(key: ControlKey, value: string): Promise<void> {
    const control = this.control(key);
    if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
      await control.selectOption(value);
    } else {
      await control.fill(value);
      await control.press('Enter');
    }
  }

  /** The hash parameters of the current URL. */
  hashParams(): URLSearchParams {
    return new URLSearchParams(new URL(this.page.url()).hash.slice(1));
  }
}

/** TOUR_SEEN_KEY of src/ui/tour.ts (not imported: that module loads the tour's stylesheet). */
const TOUR_SEEN_KEY = 'gan-playground:tour-seen';

export const test = base.extend<{ playground: PlaygroundPage; firstVisit: boolean }>({
  /** Whether the page opens as on a first visit (with the tour); other tests skip the tour. */
  firstVisit: [false, { option: true }],
  playground: async ({ page, firstVisit }, use) => {
    if (!firstVisit) {
      await page.addInitScript((key) => window.localStorage.setItem(key, '1'), TOUR_SEEN_KEY);
    }
    const playground = new PlaygroundPage(page);
    await use(playground);
    // Every test also asserts that the page logged no error and threw nothing.
    expect(playground.consoleErrors, 'console errors').toEqual([]);
  },
});

export { expect };
