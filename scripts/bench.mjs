// Iterations per second of the training worker on each backend, in headless Chromium, against
// the production build. Usage: npm run bench [-- --seconds 20 --hash "g=64,64"]
// (Issue #4 grows this into the full benchmark; this measures the worker's training rate.)
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const seconds = Number(option('seconds', '20'));
const extraHash = option('hash', '');
const backends = option('backends', 'wasm,webgl,cpu,webgpu').split(',');
const port = 4179;

if (!args.includes('--no-build')) execSync('npx vite build', { stdio: 'inherit' });
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {}
};
process.on('exit', stop);

const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: [
    '--enable-unsafe-webgpu',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
});

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('preview server did not start');
}
await waitForServer();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)];
};

const results = [];
for (const backend of backends) {
  const page = await browser.newPage();
  const hash = [`backend=${backend}`, extraHash].filter(Boolean).join('&');
  await page.goto(`http://127.0.0.1:${port}/#${hash}`);
  await page.getByRole('button', { name: 'Play' }).waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid=backend]')?.getAttribute('data-backend') !== '',
  );
  const actual = await page.getByTestId('backend').getAttribute('data-backend');
  await page.getByRole('button', { name: 'Play' }).click();
  // Warm-up: shader compilation, JIT, the loop's turn-length adaptation.
  await page.waitForTimeout(Math.min(5000, seconds * 250));
  const startIteration = Number(
    (await page.getByTestId('iteration').textContent()).replace(/,/g, ''),
  );
  const started = Date.now();
  const rates = [];
  while (Date.now() - started < seconds * 1000) {
    await page.waitForTimeout(1000);
    rates.push(Number(await page.getByTestId('steps-per-second').textContent()));
  }
  const endIteration = Number(
    (await page.getByTestId('iteration').textContent()).replace(/,/g, ''),
  );
  const mean = (endIteration - startIteration) / ((Date.now() - started) / 1000);
  results.push({
    requested: backend,
    backend: actual,
    iterationsPerSecond: Number(mean.toFixed(1)),
    medianSnapshotRate: median(rates),
  });
  console.log(
    `${backend.padEnd(7)} ran on ${String(actual).padEnd(7)} ${mean.toFixed(1).padStart(8)} iterations/s`,
  );
  await page.close();
}
await browser.close();
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/backends.json',
  JSON.stringify({ hash: extraHash, seconds, results }, null, 2),
);
console.log('\n| backend | iterations/s |\n| --- | --- |');
for (const r of results) console.log(`| ${r.backend} | ${r.iterationsPerSecond} |`);
stop();
process.exit(0);
