import type { Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import { readNpy, writeNpy } from '../npy/npy.js';
import { asSource, type ByteSource } from '../formats/source.js';
import { DEFAULT_ZIP_READ_OPTIONS, listZip, readZipEntry, type ZipReadOptions } from '../zip/read.js';
import { writeZip } from '../zip/write.js';

/** Options of {@link writeNpz}. */
export interface NpzWriteOptions {
  /** Deflate every entry, like `np.savez_compressed` (default false, like `np.savez`). */
  compress: boolean;
}

/** Default .npz writer options (stored, like `np.savez`). */
export const DEFAULT_NPZ_WRITE_OPTIONS: NpzWriteOptions = { compress: false };

/** Reader options of {@link readNpz}. */
export interface NpzReadOptions {
  /** Read only these keys (others are listed, never read). */
  keys?: readonly string[];
}

/**
 * Reads a .npz archive (from bytes, or a {@link ByteSource} such as `fileSource(path)`: then the
 * archive is read entry by entry, never whole), stored or deflated, as written by `np.savez` / `np.savez_compressed`).
 * Keys drop the `.npy` suffix, as numpy does. Uncompressed sizes are bounded (zip bomb guard).
 * @throws TensorIOError naming the archive and the entry
 */
export function readNpz(input: Uint8Array | ByteSource, name = '<npz>', options: Partial<ZipReadOptions> & NpzReadOptions = {}): Record<string, Tensor> {
  const opts = { ...DEFAULT_ZIP_READ_OPTIONS, ...options };
  const bytes = asSource(input, name);
  const magic = bytes.read(0, Math.min(2, bytes.size));
  if (bytes.size >= 2 && !(magic[0] === 0x50 && magic[1] === 0x4b)) throw new TensorIOError('bad magic: not a .npz (zip) file', { file: name, offset: 0, field: 'magic' });
  const keyOf = (n: string): string => (n.endsWith('.npy') ? n.slice(0, -4) : n);
  const entries = listZip(bytes, name).filter((e) => !e.isDirectory && (!opts.keys || opts.keys.includes(keyOf(e.name))));
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > opts.maxTotalBytes) throw new TensorIOError(`archive declares more than ${opts.maxTotalBytes} uncompressed bytes (zip bomb guard)`, { file: name, field: e.name });
  }
  const out: Record<string, Tensor> = {};
  for (const e of entries) {
    out[keyOf(e.name)] = readNpy(readZipEntry(bytes, e, name, opts), `${name}:${e.name}`);
  }
  return out;
}

/** Writes a .npz archive, one `<key>.npy` entry per tensor (stored, or deflated with `compress`). */
export function writeNpz(dict: Record<string, Tensor>, options: Partial<NpzWriteOptions> = {}): Uint8Array {
  const { compress } = { ...DEFAULT_NPZ_WRITE_OPTIONS, ...options };
  // Stored entries are 64-byte aligned; the .npy header is padded to 64 bytes too, so the tensor
  // data is aligned and reads back as a view, without a copy.
  const files = Object.entries(dict).map(([k, t]) => ({ name: `${k}.npy`, data: writeNpy(t), compress }));
  return writeZip(files, { align: compress ? 0 : 64 });
}
