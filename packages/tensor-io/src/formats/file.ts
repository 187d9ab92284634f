import { basename, extname } from 'node:path';
import type { Tensor } from '../tensor.js';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { readNpy, writeNpy } from '../npy/npy.js';
import { readNpz, writeNpz } from '../npz/npz.js';
import { readStateDict } from '../pt/state-dict.js';
import { writePt } from '../pt/write.js';
import { readSafetensors, writeSafetensors } from '../safetensors/safetensors.js';
import { TensorIOError } from './errors.js';
import { withFileSource } from './source.js';
import { formatFromBytes, formatFromPath, type TensorFormat } from './detect.js';

/** Options of {@link writeTensorFile}. */
export interface TensorFileWriteOptions {
  /** Force a format instead of using the extension. */
  format?: TensorFormat;
  /** Deflate .npz entries (like `np.savez_compressed`). */
  compress?: boolean;
  /** `__metadata__` strings for .safetensors. */
  metadata?: Record<string, string>;
}

/** Options of {@link readTensorFile}. */
export interface TensorFileReadOptions {
  /** Read only these tensors (.npz and .safetensors skip the others unread; .pt and .npy read all, then pick). */
  keys?: readonly string[];
}

/**
 * Reads a file of tensors, choosing the reader from the extension (or, for unknown extensions,
 * the magic bytes). A `.npy` file gives `{ <file stem>: tensor }`; `.npz`, `.safetensors` and `.pt`
 * (a state dict, see `readStateDict`) give their dict of tensors. Files are read by position
 * (headers and directories, then each tensor by offset), never whole: any size, and memory bounded
 * by the tensors read.
 * @throws TensorIOError for unknown formats and bad files
 */
export async function readTensorFile(path: string, format?: TensorFormat, options: TensorFileReadOptions = {}): Promise<Record<string, Tensor>> {
  return withFileSource(path, (src) => {
    const fmt = format ?? formatFromPath(path) ?? formatFromBytes(src.read(0, Math.min(src.size, 4096)));
    const pick = (d: Record<string, Tensor>): Record<string, Tensor> =>
      (options.keys ? Object.fromEntries(Object.entries(d).filter(([k]) => options.keys!.includes(k))) : d);
    switch (fmt) {
      case 'npy': return pick({ [basename(path, extname(path))]: readNpy(src.read(0, src.size), path) });
      case 'npz': return readNpz(src, path, options.keys ? { keys: options.keys } : {});
      case 'pt': return pick(readStateDict(src, path));
      case 'safetensors': return readSafetensors(src, path, options.keys ? { keys: options.keys } : {});
      default: throw new TensorIOError('unknown tensor file format (expected .npy, .npz, .pt/.pth or .safetensors)', { file: path });
    }
  });
}

/**
 * Writes a dict of tensors atomically, choosing the writer from the extension. `.npy` needs exactly
 * one tensor; `.pt` writes a plain dict state dict loadable with `torch.load(weights_only=True)`.
 */
export async function writeTensorFile(path: string, dict: Record<string, Tensor>, options: TensorFileWriteOptions = {}): Promise<void> {
  const fmt = options.format ?? formatFromPath(path);
  let bytes: Uint8Array;
  try {
    bytes = encode(path, fmt, dict, options);
  } catch (e) {
    if (e instanceof TensorIOError && e.file === undefined) throw new TensorIOError(e.detail, { file: path, ...(e.offset !== undefined ? { offset: e.offset } : {}), ...(e.field !== undefined ? { field: e.field } : {}) }, { cause: e });
    throw e;
  }
  await writeFileAtomic(path, bytes);
}

function encode(path: string, fmt: TensorFormat | undefined, dict: Record<string, Tensor>, options: TensorFileWriteOptions): Uint8Array {
  let bytes: Uint8Array;
  switch (fmt) {
    case 'npy': {
      const keys = Object.keys(dict);
      if (keys.length !== 1) throw new TensorIOError(`.npy holds exactly one tensor, got ${keys.length} (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}); use .npz, .pt or .safetensors`, { file: path });
      bytes = writeNpy(dict[keys[0]!]!);
      break;
    }
    case 'npz': bytes = writeNpz(dict, { compress: options.compress ?? false }); break;
    case 'pt': bytes = writePt(dict, { archiveName: safeArchiveName(path) }); break;
    case 'safetensors': bytes = writeSafetensors(dict, options.metadata); break;
    default: throw new TensorIOError('unknown output format (use .npy, .npz, .pt/.pth or .safetensors)', { file: path });
  }
  return bytes;
}

function safeArchiveName(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^\w.-]/g, '_');
  return stem.length > 0 && stem !== '.' && stem !== '..' ? stem : 'archive';
}
