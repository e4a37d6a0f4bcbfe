import { existsSync } from 'node:fs';

/**
 * The Chromium the e2e tests and the benchmark drive. Playwright's own browser download is not
 * possible on every machine, so Debian's Chromium is used when present (or whatever
 * CHROMIUM_PATH names); otherwise Playwright's bundled browser.
 */
export const chromiumExecutable: string | undefined =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Launch flags shared by the e2e tests and the benchmark. */
export const chromiumArgs: string[] = [
  // WebGPU exists here only with this flag (a software SwiftShader adapter, see ENVIRONMENT).
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** Playwright launch options for that browser. */
export const chromiumLaunchOptions = {
  ...(chromiumExecutable === undefined ? {} : { executablePath: chromiumExecutable }),
  args: chromiumArgs,
};
