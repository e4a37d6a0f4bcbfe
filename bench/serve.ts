/**
 * The builds `npm run bench` measures and their servers: the working tree built into a folder,
 * a git ref built in a throwaway worktree, each served by `vite preview` (the e2e server's
 * headers) on its own port. Every server is stopped by `stop()`, also from an exit handler.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
/** Where results, ref builds and their worktrees go (not committed). */
export const RESULTS = resolve(ROOT, 'bench-results');

function viteBuild(cwd: string, out: string): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', out], {
    cwd,
    stdio: 'inherit',
  });
}

/** Builds the working tree into `dist` (relative to the checkout) unless `build` is false. */
export function buildWorkingTree(dist: string, build: boolean): string {
  const out = resolve(ROOT, dist);
  if (build) viteBuild(ROOT, out);
  return out;
}

/** Builds a git ref in a throwaway worktree that borrows this checkout's node_modules. */
export function buildRef(ref: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT }).toString().trim();
  const out = resolve(RESULTS, 'builds', sha);
  if (existsSync(resolve(out, 'index.html'))) return out;
  const tree = resolve(RESULTS, 'worktrees', sha);
  rmSync(tree, { recursive: true, force: true });
  execFileSync('git', ['worktree', 'add', '--detach', '--force', tree, sha], { cwd: ROOT });
  try {
    symlinkSync(resolve(ROOT, 'node_modules'), resolve(tree, 'node_modules'), 'dir');
    viteBuild(tree, out);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT });
  }
  return out;
}

/** A folder holding a build (its index.html), as opposed to a git ref. */
export function isBuildFolder(spec: string): boolean {
  return existsSync(resolve(spec, 'index.html'));
}

/** `vite preview` servers on consecutive ports from `firstPort`. */
export class Servers {
  private readonly children: ChildProcess[] = [];
  private nextPort: number;

  constructor(firstPort: number) {
    this.nextPort = firstPort;
  }

  /** Serves a built folder; resolves with its URL once it answers. */
  async serve(dir: string): Promise<string> {
    const port = this.nextPort++;
    const server = spawn(
      'npx',
      ['vite', 'preview', '--outDir', dir, '--port', String(port), '--strictPort'].concat([
        '--host',
        '127.0.0.1',
      ]),
      { cwd: ROOT, stdio: 'ignore', detached: true },
    );
    this.children.push(server);
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(url)).ok) return url;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`vite preview of ${dir} did not start on port ${port}`);
  }

  /** Stops every server (their process groups); synchronous, safe to repeat. */
  stop(): void {
    for (const server of this.children) {
      try {
        if (server.pid !== undefined) process.kill(-server.pid);
      } catch {
        // already gone
      }
    }
    this.children.length = 0;
  }
}
