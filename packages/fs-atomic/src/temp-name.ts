import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

const TEMP_RE = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * The temp file an atomic write of `path` goes through: `.<name>.<pid>.<8 hex>.tmp` in the same
 * folder (same file system, so the final rename is atomic; hidden; unique per process and call).
 */
export function atomicTempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * The target file name of an atomic-write temp file name (`.a.npz.123.0badf00d.tmp` → `a.npz`), or
 * undefined for other names: lets a re-run find the temp files a killed run left behind.
 */
export function atomicTempTarget(name: string): string | undefined {
  return TEMP_RE.exec(name)?.[1];
}
