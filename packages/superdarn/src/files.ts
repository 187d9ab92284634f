import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DmapKind } from '@weatherlearn/tensor-io';
import { parseSuperdarnFileName } from './records.js';

/** Options of {@link listSuperdarnFiles}. */
export interface ListFilesOptions {
  /** Descend into sub-folders (default true). */
  recursive: boolean;
  /** Keep only these kinds (by file name); empty = every recognised SuperDARN file. */
  kinds: DmapKind[];
}

/** Default: recursive, every kind. */
export const DEFAULT_LIST_FILES_OPTIONS: ListFilesOptions = { recursive: true, kinds: [] };

/**
 * Lists SuperDARN DMAP files under `folder` (plain or `.bz2`), recognised by extension
 * (fitacf, rawacf, grd/grdmap/grid, map/cnvmap/mp, snd, iqdat), sorted by path. Hidden files,
 * `.npy`/`.txt`/`.json` and other extensions are skipped.
 * @throws Error naming the folder when it cannot be read
 */
export async function listSuperdarnFiles(folder: string, options: Partial<ListFilesOptions> = {}): Promise<string[]> {
  const opts = { ...DEFAULT_LIST_FILES_OPTIONS, ...options };
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new Error(`cannot list SuperDARN folder ${dir}: ${(e as Error).message}`);
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (opts.recursive) await walk(p); continue; }
      if (!e.isFile()) continue;
      const kind = parseSuperdarnFileName(e.name).kind;
      if (kind === undefined) continue;
      if (opts.kinds.length && !opts.kinds.includes(kind)) continue;
      out.push(p);
    }
  };
  await walk(folder);
  return out.sort();
}
