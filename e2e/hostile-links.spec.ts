/**
 * Hostile links in the real page (issue #7, "Unbreakable"): the worst hand-picked hashes, opened
 * fresh, and fast-check-generated ones typed into the address bar of an open page. For each, the
 * page renders and can train (or says why it cannot yet), the fixes banner lists exactly the
 * fixes decodeLink reports, nothing is logged as an error, and no script in the link runs.
 * tests/config/fuzz.test.ts holds the properties of the decoding itself; this spec checks that the
 * page shows what the decoding says.
 */
import fc from 'fast-check';
import { withWayForward } from '../src/config/needs';
import { CONFIG_KEYS, FIELDS } from '../src/config/schema';
import { type DecodedLink, decodeLink, encodeLink } from '../src/config/url';
import { VIEW_URL_KEYS } from '../src/config/view';
import { expect, type PlaygroundPage, test } from './fixtures';

/** Set by every script a hostile link tries to run; it must stay undefined. */
const PWNED = '__pwned';
const SCRIPT = `window.${PWNED}=1`;

/** Small networks, so that each page builds its models quickly on a 2-core machine. */
const SMALL = 'g=8&d=8&batch=32';

const ONE_MEGABYTE = 'a'.repeat(1 << 20);
const TEN_THOUSAND_LAYERS = Array.from({ length: 10_000 }, () => '4').join(',');

/** The worst links by hand, each opened in a fresh page load. */
const WORST: readonly string[] = [
  `junk=${ONE_MEGABYTE}&${SMALL}`,
  `g=${TEN_THOUSAND_LAYERS}&d=-64,-1&batch=-5&z=1e999&sigma=-0&lrG=NaN&seed=9007199254740993`,
  `<script>${SCRIPT}</script>=<script>${SCRIPT}</script>&hide=<img src=x onerror="${SCRIPT}">&${SMALL}`,
  `data=javascript:${SCRIPT}&preset=javascript:${SCRIPT}&${SMALL}`,
  `%&%zz&%E0%A4%A=%E0%A4%A&sigma=%E0%A4%A&&&==&${SMALL}`,
  `v=0&${SMALL}&v=999&v=abc`,
  `sigma=2&sigma=3&g=8&g=16&d=8&batch=32&batch=64&layers=push&layers=manifold`,
  `__proto__[polluted]=1&constructor[prototype][polluted]=1&b.__proto__=1&${SMALL}`,
  `?#?${SMALL}&lrG=0.01`,
  `preset=gaussian&embed=1&hide=toolbar,nothing&b.seed=3&compare=0&b.loss=mmd&b.g=8`,
  `data=points&${SMALL}&means=1,2;3&w=-1,x`,
  `${Array.from({ length: 200 }, (_, i) => `x${i}=${i}`).join('&')}&${SMALL}`,
];

const KEYS: readonly string[] = [
  ...CONFIG_KEYS.filter((key) => key !== 'backend').map((key) => FIELDS[key].urlKey),
  ...VIEW_URL_KEYS,
  ...['b.sigma', 'b.loss', 'b.g', 'b.seed', 'b.nope', 'v', '__proto__', 'constructor', 'prototype'],
  ...['<script>', 'javascript:', '', 'SIGMA', 'Data'],
];
const VALUES: readonly string[] = [
  ...['1e308', '-1e308', '1e999', 'NaN', 'Infinity', '-0', '0x1p3', '9007199254740993', '-64'],
  ...[
    '0',
    '1',
    '2',
    '0.5',
    '8',
    '8,8',
    '-1,-2',
    'gaussian-1d',
    'spiral',
    'mmd',
    'tanh',
    'gaussian',
  ],
  ...['controls', 'toolbar,curves', 'push', 'on', 'maybe', '%', '%zz', '%E0%A4%A', '&&', '=='],
  ...[`<script>${SCRIPT}</script>`, `"><img src=x onerror=${SCRIPT}>`, `javascript:${SCRIPT}`],
];

function encodeSafely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Hashes as a hand-editor or an attacker might type them, always with small networks. */
const hostileHash = fc
  .array(
    fc.tuple(
      fc.constantFrom(...KEYS),
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
        { weight: 1, arbitrary: fc.double().map(String) },
      ),
      fc.boolean(),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map(
    (pairs) =>
      `${pairs.map(([key, value, raw]) => `${key}=${raw ? value : encodeSafely(value)}`).join('&')}&${SMALL}`,
  );
const GENERATED = fc.sample(hostileHash, { seed: 70_707, numRuns: 24 });

/** Typed into the address bar while the page is open, after the generated ones. */
const EDITED: readonly string[] = [
  ...GENERATED,
  `g=${TEN_THOUSAND_LAYERS}&d=8&batch=32`,
  `x=${ONE_MEGABYTE}&${SMALL}`,
  `<script>${SCRIPT}</script>&hide=${encodeURIComponent(`<img src=x onerror=${SCRIPT}>`)}&${SMALL}`,
  `v=2&v=1&%E0%A4%A&${SMALL}&sigma=%zz`,
  // Last, a plain link: the page must still train after all the above.
  `data=gaussian-1d&${SMALL}&lrG=0.005`,
];

let hostileLinks = 0;
test.afterAll(() => {
  console.log(`e2e: ${hostileLinks} hostile links opened`);
});

/** Records dialogs (an alert() a link managed to run) and dismisses them. */
function watchDialogs(playground: PlaygroundPage): string[] {
  const dialogs: string[] = [];
  playground.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => undefined);
  });
  return dialogs;
}

/**
 * Waits until the page has applied the link (it writes the repaired link back into the address
 * bar), then checks that it renders it, lists its fixes, logged nothing and ran nothing.
 */
async function expectHandled(
  playground: PlaygroundPage,
  hash: string,
  dialogs: readonly string[],
): Promise<void> {
  hostileLinks += 1;
  const { page } = playground;
  // As the page reads it: decoded, then what it hides but needs brought back (needs.ts).
  const decoded: DecodedLink = withWayForward(decodeLink(hash));
  const label = hash.slice(0, 80);
  const canonical = `#${encodeLink(decoded.config, decoded.view)}`;
  await expect
    .poll(() => page.evaluate(() => window.location.hash), { message: label })
    .toBe(canonical);

  await expect(playground.distribution, label).toBeVisible();
  if (decoded.config.dataset === 'points') {
    // Nothing to train on until points are drawn: the page says so.
    await expect(page.getByTestId('error'), label).toContainText('no points yet');
  } else if (!decoded.view.hide.includes('toolbar')) {
    await expect(playground.playButton, label).toBeEnabled();
  }

  const items = playground.linkFixes.locator('li');
  if (decoded.fixes.length === 0) {
    await expect(playground.linkFixes, label).toHaveCount(0);
  } else {
    await expect(items, label).toHaveCount(decoded.fixes.length);
    const shown = await items.evaluateAll((list) =>
      list.map((item) => ({ key: item.dataset.key ?? '', text: item.textContent ?? '' })),
    );
    expect(
      shown.map(({ key }) => key),
      label,
    ).toEqual(decoded.fixes.map((fix) => fix.key));
    // Each item shows what was given (script tags included, as inert text) and why it was fixed.
    const unshown = decoded.fixes.filter(
      (fix, i) =>
        !(shown[i]?.text.includes(fix.given) === true && shown[i]?.text.includes(fix.reason)),
    );
    expect(unshown, label).toEqual([]);
  }

  expect(playground.consoleErrors, label).toEqual([]);
  expect(dialogs, label).toEqual([]);
  const ran = await page.evaluate(
    (name) => ({
      pwned: (window as unknown as Record<string, unknown>)[name],
      polluted: ({} as Record<string, unknown>).polluted,
    }),
    PWNED,
  );
  expect(ran, label).toEqual({ pwned: undefined, polluted: undefined });
}

test.describe('hostile links', () => {
  test('opening the worst links: each renders, lists its fixes, runs no script', async ({
    playground,
  }) => {
    test.setTimeout(180_000);
    const { page } = playground;
    const dialogs = watchDialogs(playground);
    // The hash as the page first sees it (the browser percent-encodes some characters).
    await page.addInitScript(() => {
      (window as unknown as Record<string, unknown>).initialHash = window.location.hash;
    });
    for (const [index, hash] of WORST.entries()) {
      // A new document each time (a new query string): going from one hash to another would only
      // fire hashchange.
      await page.goto(`/?load=${index}#${hash}`);
      const seen = await page.evaluate(
        () => (window as unknown as Record<string, unknown>).initialHash,
      );
      expect(typeof seen).toBe('string');
      await expectHandled(playground, String(seen), dialogs);
      // A link's script tag reaches the page only as text in the banner.
      if (hash.startsWith('<script>')) {
        await expect(playground.linkFixes).toContainText(`<script>${SCRIPT}`);
      }
    }
  });

  test('hand-editing the hash of an open page: repaired, reported, still trains', async ({
    playground,
  }) => {
    test.setTimeout(180_000);
    const { page } = playground;
    const dialogs = watchDialogs(playground);
    await playground.open(SMALL);
    for (const hash of EDITED) {
      // As if typed into the address bar: the browser encodes it, then fires hashchange.
      const seen = await page.evaluate((next) => {
        window.location.hash = next;
        return window.location.hash;
      }, hash);
      await expectHandled(playground, seen, dialogs);
    }
    await playground.playButton.click();
    await playground.waitForIteration(10);
    await expect(playground.linkFixes).toHaveCount(0);
  });
});
