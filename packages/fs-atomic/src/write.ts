// fs and fs/promises are called through their module objects (not named imports) so a test can
// observe the order of the steps (write, fsync, chmod, rename) with node:test's mock.method.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { dirname } from 'node:path';
import { atomicTempName } from './temp-name.js';

/**
 * A folder cannot be fsynced everywhere (Windows, some network file systems): those refusals are
 * not failures of the write, which is whole either way; the rename is then durable only as far as
 * the file system makes it so by itself.
 */
const unsyncableDir = (err: unknown): boolean => ['EINVAL', 'EPERM', 'EISDIR', 'EBADF', 'ENOTSUP', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '');

/** What {@link writeFileAtomic} writes: bytes, text, or chunks (written in order as they come). */
export type AtomicData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Options of {@link writeFileAtomic} and {@link writeFileAtomicSync}. */
export interface WriteFileAtomicOptions {
  /**
   * Permission bits of the written file (e.g. `0o755` for a job script), set with chmod before the
   * rename so the umask cannot narrow them. Default: none given, a new file gets the usual
   * `0o666 & ~umask` (an existing file's mode is not carried over, as with any write-and-rename).
   */
  mode?: number;
}

/** Default options: no explicit mode. */
export const DEFAULT_WRITE_FILE_ATOMIC_OPTIONS: WriteFileAtomicOptions = {};

/**
 * Writes `path` atomically: the data goes to a temp file in the same folder (created with its parent
 * folders), which is fsynced, given `mode` when set, and renamed over `path`; then the folder is
 * fsynced, so that the rename survives a power loss too. Readers see the old file or the whole new
 * one, never a part, even after kill -9 or a write that throws half-way (the temp file is then
 * removed and the error rethrown).
 */
export async function writeFileAtomic(path: string, data: AtomicData, options: WriteFileAtomicOptions = DEFAULT_WRITE_FILE_ATOMIC_OPTIONS): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true });
  const tmp = atomicTempName(path);
  try {
    await fsp.writeFile(tmp, data, options.mode === undefined ? {} : { mode: options.mode });
    const fh = await fsp.open(tmp, 'r');
    try { await fh.sync(); } finally { await fh.close(); }
    if (options.mode !== undefined) await fsp.chmod(tmp, options.mode);
    await fsp.rename(tmp, path);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  // the rename is an entry of the folder: fsync the folder so that a power loss keeps the new file
  try {
    const dh = await fsp.open(dirname(path), 'r');
    try { await dh.sync(); } finally { await dh.close(); }
  } catch (err) {
    if (!unsyncableDir(err)) throw err;
  }
}

/** Synchronous {@link writeFileAtomic} (bytes or text only). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = DEFAULT_WRITE_FILE_ATOMIC_OPTIONS): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  const tmp = atomicTempName(path);
  try {
    fs.writeFileSync(tmp, data, options.mode === undefined ? {} : { mode: options.mode });
    const fd = fs.openSync(tmp, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
    if (options.mode !== undefined) fs.chmodSync(tmp, options.mode);
    fs.renameSync(tmp, path);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const dfd = fs.openSync(dirname(path), 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  } catch (err) {
    if (!unsyncableDir(err)) throw err;
  }
}
