import { mkdir } from 'node:fs/promises';
import { TensorIOError } from '../formats/errors.js';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { DEFAULT_ZIP_READ_OPTIONS, listZip, readZipEntry, type ZipReadOptions } from './read.js';
import { safeJoin } from './safe-path.js';

/**
 * Extracts a zip archive into `dir`. Every entry name goes through {@link safeJoin} (entries that
 * would escape `dir` are refused before anything is written), symlink entries are refused, the sum
 * of declared sizes is bounded by `maxTotalBytes` and each entry by `maxEntryBytes` (declared and
 * actual). Files are written atomically. Returns the absolute paths written.
 * @param name archive name used in error messages
 */
export async function extractZip(
  bytes: Uint8Array, dir: string, options: Partial<ZipReadOptions> & { name?: string } = {},
): Promise<string[]> {
  const { name = '<zip>', ...rest } = options;
  const opts = { ...DEFAULT_ZIP_READ_OPTIONS, ...rest };
  const entries = listZip(bytes, name);
  // Validate everything first so a hostile archive writes nothing at all.
  const targets = entries.map((e) => {
    if (e.isSymlink) throw new TensorIOError('symlink entries are not extracted', { file: name, offset: e.localHeaderOffset, field: e.name });
    return safeJoin(dir, e.name);
  });
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > opts.maxTotalBytes) {
      throw new TensorIOError(`archive declares more than ${opts.maxTotalBytes} uncompressed bytes (zip bomb guard)`, { file: name, field: e.name });
    }
  }
  const written: string[] = [];
  await mkdir(dir, { recursive: true });
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (e.isDirectory) { await mkdir(targets[k]!, { recursive: true }); continue; }
    await writeFileAtomic(targets[k]!, readZipEntry(bytes, e, name, opts));
    written.push(targets[k]!);
  }
  return written;
}
