import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Creates a fresh temp folder (under the OS temp dir) and returns its path. */
export function makeTempDir(prefix = 'weatherlearn-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `fn` with a fresh temp folder that is removed afterwards, even when `fn` throws. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T> | T, prefix?: string): Promise<T> {
  const dir = makeTempDir(prefix);
  try { return await fn(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** The repository root (the folder holding the root package.json with workspaces). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The `../shared` folder beside the repository (real fixtures and PyTorch references), or
 * `undefined` when absent — tests then skip with {@link SHARED_MISSING}.
 */
export function sharedDir(sub = ''): string | undefined {
  const dir = join(REPO_ROOT, '..', 'shared', sub);
  return existsSync(dir) ? dir : undefined;
}

/** The skip message for tests that need `../shared`. */
export const SHARED_MISSING = 'needs ../shared (real fixtures / PyTorch references) beside the repository; absent in this clone';
