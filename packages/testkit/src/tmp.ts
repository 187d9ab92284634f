import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Temp folders (makeTempDir, withTempDir) live in @weatherlearn/test-parts, which depends on nothing.

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
