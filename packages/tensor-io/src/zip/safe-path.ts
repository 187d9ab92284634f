import { posix, resolve, sep } from 'node:path';
import { TensorIOError } from '../formats/errors.js';

/**
 * Joins an untrusted relative name (a zip entry, an S3 key, a tar member) onto `root`, refusing
 * anything that could land outside it: absolute paths (`/x`, `\x`, `C:x`), `..` segments that
 * climb above the root after normalisation, NUL bytes and empty names. Backslashes count as
 * separators. Returns the absolute target path.
 * @throws TensorIOError naming the entry
 */
export function safeJoin(root: string, entryName: string): string {
  const bad = (why: string): TensorIOError => new TensorIOError(`unsafe path: ${why}`, { file: root, field: entryName });
  if (entryName.length === 0) throw bad('empty name');
  if (entryName.includes('\0')) throw bad('contains a NUL byte');
  const slashed = entryName.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) throw bad('absolute path');
  const norm = posix.normalize(slashed);
  if (norm === '..' || norm.startsWith('../')) throw bad('escapes the target folder');
  if (norm === '.' || norm === './') throw bad('names the target folder itself');
  const base = resolve(root);
  const target = resolve(base, ...norm.split('/').filter((s) => s.length > 0));
  if (target !== base && !target.startsWith(base.endsWith(sep) ? base : base + sep)) throw bad('escapes the target folder');
  if (target === base) throw bad('names the target folder itself');
  return target;
}
