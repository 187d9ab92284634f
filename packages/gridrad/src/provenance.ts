import { readFile } from 'node:fs/promises';
import { tensor, type Tensor } from '@weatherlearn/tensor-io';

/**
 * Where each 2-D slice of a chunk came from: the npz key (input path relative to the root, minus
 * `.npz`), the channel name, and for patches the patch row/column in the crop. Written by `to-pt`
 * as `<chunk>.json` beside `crops_<k>.pt` / `patches_<k>.pt`; `split` names slice files after it.
 */
export interface SliceOrigin {
  source: string;
  channel: string;
  row?: number;
  col?: number;
}

/** npz entry holding the channel names (UTF-8 JSON array as uint8; numpy reads it as bytes). */
export const CHANNEL_NAMES_KEY = 'channel_names';

/** The channel names as an npz-storable uint8 tensor. */
export function channelNamesTensor(names: readonly string[]): Tensor {
  const bytes = new TextEncoder().encode(JSON.stringify(names));
  return tensor('uint8', [bytes.length], bytes);
}

/** Channel names stored in an npz (`channel_names`), or `channel<c>` for files written without them. */
export function channelNamesOf(npz: Record<string, Tensor>, count: number): string[] {
  const t = npz[CHANNEL_NAMES_KEY];
  if (t) {
    try {
      const names = JSON.parse(new TextDecoder().decode(t.data as Uint8Array)) as unknown;
      if (Array.isArray(names) && names.length === count) return names.map(String);
    } catch { /* fall through */ }
  }
  return Array.from({ length: count }, (_, c) => `channel${c}`);
}

/** A name part safe in file names: path separators become `__`, other odd characters `_`. */
const safe = (s: string) => s.replace(/[\\/]+/g, '__').replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The file name of a slice: `<source>.<channel>.crop.pt` or `<source>.<channel>.patch_r<row>_c<col>.pt`
 * (source path separators become `__`), so a slice says which netCDF file and channel it is.
 */
export function sliceFileName(o: SliceOrigin, kind: 'crops' | 'patches'): string {
  const tail = kind === 'crops' ? 'crop' : `patch_r${o.row ?? 0}_c${o.col ?? 0}`;
  return `${safe(o.source)}.${safe(o.channel)}.${tail}.pt`;
}

/** The channel a slice file name (from {@link sliceFileName}) carries, or undefined. */
export function channelOfSliceName(name: string): string | undefined {
  return /\.([A-Za-z0-9_-]+)\.(?:crop|patch_r\d+_c\d+)\.pt$/.exec(name)?.[1];
}

/** Reads a chunk's `<chunk>.json` origins; undefined when absent (chunks of older runs). */
export async function readSliceOrigins(chunkPath: string): Promise<SliceOrigin[] | undefined> {
  try { return (JSON.parse(await readFile(chunkPath.replace(/\.pt$/, '.json'), 'utf8')) as { slices: SliceOrigin[] }).slices; } catch { return undefined; }
}
