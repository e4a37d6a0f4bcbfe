import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { ConfigKey } from '../src/config/schema';

/** A setting of the config schema; each control's id is `control-<key>`. */
export type ControlKey = ConfigKey;

/** A page object for the playground: what a user sees and does, nothing about its internals. */
export class PlaygroundPage {
  readonly consoleErrors: string[] = [];
  /** Content-Security-Policy violations reported by any page or frame of the test's context. */
  readonly cspViolations: string[] = [];

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
    // The toolbar carries the backend in every layout (an embed shows no backend readout).
    await expect(this.toolbar).not.toHaveAttribute('data-backend', '');
    if (expectModel) await expect(this.playButton).toBeEnabled();
  }

  get playButton(): Locator {
    return this.page.getByRole('button', { name: 'Play' });
  }
  get pauseButton(): Locator {
    return this.page.getByRole('button', { name: 'Pause' });
  }
  get toolbar(): Locator {
    return this.page.getByTestId('toolbar');
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
    await this.inSettings(() => this.page.getByLabel(/Show advanced settings/).check());
  }

  /**
   * Runs `act` on the settings: on a phone they wait in a drawer, opened by the toolbar's
   * "Settings" button first and closed again after; elsewhere they are on the page.
   */
  async inSettings<T>(act: () => Promise<T>): Promise<T> {
    const button = this.page.getByTestId('settings-button');
    const closed =
      (await button.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false';
    if (closed) await button.click();
    const result = await act();
    if (closed) {
      await this.page.getByTestId('settings-sheet').getByRole('button', { name: 'Close' }).click();
    }
    return result;
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
    await this.inSettings(async () => {
      if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
        await control.selectOption(value);
      } else {
        await control.fill(value);
        await control.press('Enter');
      }
    });
  }

  /** The question a change that needs a new run asks once the run has trained. */
  get restartQuestion(): Locator {
    return this.page.getByTestId('restart-question');
  }

  /** Answers "Restart" to that question: the change is made and the run starts over. */
  async confirmRestart(): Promise<void> {
    await this.restartQuestion.getByRole('button', { name: 'Restart' }).click();
    await expect(this.restartQuestion).toHaveCount(0);
  }

  /** The hash parameters of the current URL. */
  hashParams(): URLSearchParams {
    return new URLSearchParams(new URL(this.page.url()).hash.slice(1));
  }
}

/** Serious and critical violations found by axe-core (WCAG 2.1 A and AA rules and best practices). */
export async function seriousViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // Experimental in axe-core 4.14, and wrong here: the overview's SVG buttons are named by
    // aria-labelledby from exactly their visible <text> (title and subtitle), yet it reports
    // their text as missing from their names (docs/notes-issue-6.md).
    .disableRules(['label-content-name-mismatch']);
  if (include !== undefined) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

/** The name under which pages report a CSP violation back to the test. */
const CSP_BINDING = '__reportCspViolation';
/** The prefix of the console warning a worker writes for each of its CSP violations. */
const WORKER_CSP_MARKER = 'Content-Security-Policy violation in a worker:';

/**
 * Reports every `securitypolicyviolation` event into `violations`: those of every page and frame
 * of the context (new pages and navigations included), and those of the page's workers. Chromium
 * logs most violations to the console, but not a refused eval, and Playwright does not forward a
 * worker's browser-side log at all: the events are the reliable channel.
 */
async function recordCspViolations(page: Page, violations: string[]): Promise<void> {
  const context = page.context();
  await context.exposeBinding(CSP_BINDING, ({ page: source }, report: string) => {
    violations.push(`${source?.url() ?? '?'}: ${report}`);
  });
  await context.addInitScript((binding) => {
    // Capture: the event is fired at the offending element, or at the document, and bubbles.
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const report = Reflect.get(window, binding);
        const where = `${event.sourceFile || event.documentURI}:${event.lineNumber}`;
        const text = `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${where}: ${event.sample}`;
        if (typeof report === 'function') report(text);
      },
      true,
    );
  }, CSP_BINDING);
  // Init scripts do not run in workers: the listener is added as soon as the worker's context
  // exists. Violation events are fired from a queued task, so even its first statements are heard.
  page.on('worker', (worker) => {
    worker
      .evaluate((marker) => {
        self.addEventListener('securitypolicyviolation', (event) => {
          const where = `${event.sourceFile || event.documentURI}:${event.lineNumber}`;
          const text = `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${where}: ${event.sample}`;
          console.warn(`${marker} ${text}`);
        });
      }, WORKER_CSP_MARKER)
      // A worker the app has already terminated has nothing left to report.
      .catch(() => undefined);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(WORKER_CSP_MARKER)) violations.push(`${message.location().url}: ${text}`);
  });
}

/** A downloaded file: its suggested name and its bytes. */
export interface DownloadedFile {
  name: string;
  body: Buffer;
}

/** Collects every file the page downloads from now on (read once each download completes). */
export function collectDownloads(page: Page): DownloadedFile[] {
  const downloads: DownloadedFile[] = [];
  page.on('download', async (download) => {
    downloads.push({
      name: download.suggestedFilename(),
      body: await readFile(await download.path()),
    });
  });
  return downloads;
}

/** TOUR_SEEN_KEY of src/ui/tourOffer.ts. */
const TOUR_SEEN_KEY = 'gan-playground:tour-seen';

export const test = base.extend<{ playground: PlaygroundPage; firstVisit: boolean }>({
  // The production build registers a service worker (README, Offline). Each test has a fresh
  // context, so no cache outlives it, but precaching ~3 MB in every test costs time on this
  // machine: specs about offline use allow it with `test.use({ serviceWorkers: 'allow' })`.
  serviceWorkers: 'block',
  /** Whether the page opens as on a first visit (the tour offered); other tests decline it. */
  firstVisit: [false, { option: true }],
  playground: async ({ page, firstVisit }, use) => {
    if (!firstVisit) {
      await page.addInitScript((key) => window.localStorage.setItem(key, '1'), TOUR_SEEN_KEY);
    }
    const playground = new PlaygroundPage(page);
    await recordCspViolations(page, playground.cspViolations);
    await use(playground);
    // Every test also asserts that the page logged no error, threw nothing and broke no rule of
    // the Content-Security-Policy (the suite runs against `vite preview`, which sends it).
    expect(playground.consoleErrors, 'console errors').toEqual([]);
    expect(playground.cspViolations, 'Content-Security-Policy violations').toEqual([]);
  },
});

export { expect };
