import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a fresh temp folder (under the OS temp dir) and returns its path. */
export function makeTempDir(prefix = 'weatherlearn-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `fn` with a fresh temp folder that is removed afterwards, even when `fn` throws. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T> | T, prefix?: string): Promise<T> {
  const dir = makeTempDir(prefix);
  try { return await fn(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}
