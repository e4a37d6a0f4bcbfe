import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');
const CLI = join('src', 'cli', 'train.ts');

async function train(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { timeout: 120_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

const LINK =
  'http://localhost:5173/#v=1&data=gaussian-1d&g=16,16&d=16,16&batch=64&lrG=0.005&lrD=0.005';

describe('npm run train', () => {
  it('trains a share link and prints JSON lines of metrics; the same link gives the same numbers', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gan-cli-'));
    const samplesFile = join(directory, 'samples.csv');
    const args = [LINK, '--steps', '200', '--every', '100', '--json', '--backend', 'cpu'];
    args.push('--sample-count', '300');
    const first = await train([...args, '--samples', samplesFile]);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.iteration)).toEqual([0, 100, 200]);
    expect(lines.every((line) => line.backend === 'cpu')).toBe(true);
    const [start, , end] = lines;
    expect(end.wasserstein1).toBeLessThan(start.wasserstein1);
    expect(end.ks).toBeGreaterThanOrEqual(0);
    expect(end.ks).toBeLessThanOrEqual(1);
    const csv = readFileSync(samplesFile, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('x');
    expect(csv).toHaveLength(301);
    expect(csv.slice(1).every((row) => Number.isFinite(Number(row)))).toBe(true);

    // Timings differ between runs; every other number must be identical.
    const withoutTime = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => ({ ...JSON.parse(line), seconds: undefined }));
    const second = await train(args);
    expect(withoutTime(second.stdout)).toEqual(withoutTime(first.stdout));
  }, 120_000);

  it('reports fixed link values and refuses bad arguments with usage', async () => {
    const fixed = await train([
      '#data=gaussian-1d&g=4&d=4&batch=16&sigma=-1',
      '--steps',
      '1',
      '--json',
      '--backend',
      'cpu',
    ]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toMatch(/sigma = -1: The minimum is 0.01/);
    const bad = await train(['#', '--steps', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--steps needs a positive whole number/);
    expect(bad.stderr).toMatch(/Usage: npm run train/);
  }, 60_000);

  it('stops with status 3 and says so when training diverges', async () => {
    const diverging =
      '#loss=leastSquares&lrG=1&lrD=1&optG=sgd&optD=sgd&momG=0.99&momD=0.99&g=32&d=32&batch=64';
    const result = await train([diverging, '--steps', '400', '--every', '20', '--backend', 'cpu']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Training diverged by iteration \d+/);
    expect(result.stdout).not.toMatch(/it 400/);
  }, 60_000);

  it('trains on points from a CSV file, and explains a bad one', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gan-cli-'));
    const good = join(directory, 'good.csv');
    writeFileSync(
      good,
      `x,y\n${Array.from({ length: 50 }, (_, i) => `${i / 10},${-i / 20}`).join('\n')}\n`,
    );
    const ok = await train([
      '#data=points&g=4&d=4&batch=16',
      '--points',
      good,
      '--steps',
      '5',
      '--json',
      '--backend',
      'cpu',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1) ?? '{}').iteration).toBe(5);
    const badFile = join(directory, 'bad.csv');
    writeFileSync(badFile, '1,2\n3,abc\n');
    const bad = await train(['#data=points', '--points', badFile, '--steps', '5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 2/);
  }, 60_000);
});
