import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DmapKind } from '@weatherlearn/tensor-io';
import { parseSuperdarnFileName } from './records.js';
import { looksLikeDmap, sniffSuperdarnKind } from './kinds.js';

/** Options of {@link listSuperdarnFiles}. */
export interface ListFilesOptions {
  /** Descend into sub-folders (default true). */
  recursive: boolean;
  /** Keep only these kinds (by file name, or by content for unrecognised names); empty = every SuperDARN file. */
  kinds: DmapKind[];
  /**
   * Also pick up files whose names say nothing (no extension, RST names not in the table, renamed
   * downloads) when their content is DMAP with a recognised first record (default true).
   */
  byContent: boolean;
}

/** Default: recursive, every kind, content recognition on. */
export const DEFAULT_LIST_FILES_OPTIONS: ListFilesOptions = { recursive: true, kinds: [], byContent: true };

/** Endings that are never SuperDARN data (not even opened). */
const NOT_DATA = /\.(json|jsonl|txt|md|csv|npy|npz|pt|safetensors|nc|png|svg|py|ts|js|log|part|tmp)$/i;

/**
 * Lists SuperDARN DMAP files under `folder` (plain or `.bz2`), sorted by path. Names with a known
 * extension (fitacf/fitex/lmfit, rawacf, grd/grdex/grdmap/grid, map/cnvmap/mp, snd, iqdat) are
 * listed as they are (a mislabelled or corrupt one is reported later by the step reading it);
 * other files (e.g. extension-less) are opened and listed when their first record is SuperDARN
 * DMAP. Hidden files and obvious non-data (`.json`, `.npy`, `.txt`, …) are skipped.
 * @throws Error naming the folder when it cannot be read
 */
export async function listSuperdarnFiles(folder: string, options: Partial<ListFilesOptions> = {}): Promise<string[]> {
  const opts = { ...DEFAULT_LIST_FILES_OPTIONS, ...options };
  const out: string[] = [];
  const want = (k: DmapKind) => !opts.kinds.length || opts.kinds.includes(k);
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
      if (kind !== undefined) { if (want(kind)) out.push(p); continue; }
      if (!opts.byContent || NOT_DATA.test(e.name)) continue;
      if (!(await looksLikeDmap(p).catch(() => false))) continue;
      const sniffed = await sniffSuperdarnKind(p);
      if (sniffed.kind !== undefined && sniffed.kind !== 'unknown' && want(sniffed.kind)) out.push(p);
    }
  };
  await walk(folder);
  return out.sort();
}
