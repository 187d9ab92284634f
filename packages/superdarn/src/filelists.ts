// Port of st7ma784/WeatherLearn/PTL/generateFitToConv.py:process_fitacf_to_filelists
import { NoUsableInputError, type SkippedInput } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { listSuperdarnFiles } from './files.js';
import { unsuitableReason } from './kinds.js';
import { buildTimeIndex, parseSuperdarnFileName, type FileTimeIndex } from './records.js';
import { SuperdarnDataError } from './errors.js';

/** Options of {@link processFitacfToFilelists}. */
export interface FitacfFilelistOptions {
  /** Folder searched recursively for FITACF files (plain or .bz2). */
  folder: string;
  /** Window length in minutes (default 120). */
  timeWindow: number;
  /** Minimum number of distinct radars with data in a window (default 3). */
  minRadars: number;
  /** When set, the result is written there as JSON (atomically). */
  out?: string;
  /** Called after each file is indexed. */
  onFile?: (file: string, done: number, total: number) => void;
  /** Stop at the first unreadable or non-FITACF file instead of skipping it (default false). */
  strict: boolean;
}

/** Defaults of {@link processFitacfToFilelists} (folder is required). */
export const DEFAULT_FITACF_FILELIST_OPTIONS: Omit<FitacfFilelistOptions, 'folder'> = { timeWindow: 120, minRadars: 3, strict: false };

/** One time window with the FITACF files (and their radars) that have records in it. */
export interface FileListWindow {
  /** ISO start / end (exclusive) of the window. */
  start: string;
  end: string;
  /** Radar codes (from the file name, else `stid<N>`) with data, sorted. */
  radars: string[];
  /** Files with at least one record starting inside the window, sorted. */
  files: string[];
}

/** Result of {@link processFitacfToFilelists} (also the saved JSON). */
export interface FitacfFilelists {
  timeWindow: number;
  minRadars: number;
  windows: FileListWindow[];
  /** Windows that had data but fewer than minRadars radars. */
  rejected: number;
  /** Per-file time extents (ISO), for reuse. */
  files: { file: string; radar: string; start: string; end: string; records: number }[];
  /** Files not used (unreadable, truncated, not FITACF), each with its reason. */
  skipped: SkippedInput[];
}

/** Radar label of an indexed FITACF file: the file-name code, else `stid<N>`. */
export function radarLabel(ix: FileTimeIndex): string {
  return parseSuperdarnFileName(ix.file).radar ?? (ix.stations.length ? `stid${ix.stations[0]}` : 'unknown');
}

/**
 * Groups FITACF files into fixed time windows (aligned to multiples of `timeWindow` minutes UTC)
 * in which at least `minRadars` distinct radars have records, reading each file's record times
 * (the original read `start.*` fields FITACF does not have; this uses `time.*`). Returns the
 * windows and, with `out`, saves them as JSON. Files that cannot be read (truncated, corrupt) or
 * whose content is not FITACF (a RAWACF, GRID, … whatever its name) are skipped and listed with
 * their reason in `skipped` (with `strict`, the first one throws instead).
 * @throws NoUsableInputError when no FITACF file is usable (it carries the skipped list)
 */
export async function processFitacfToFilelists(options: Partial<FitacfFilelistOptions> & { folder: string }): Promise<FitacfFilelists> {
  const o = { ...DEFAULT_FITACF_FILELIST_OPTIONS, ...options };
  if (!(o.timeWindow > 0)) throw new Error(`timeWindow must be > 0 minutes, got ${o.timeWindow}`);
  if (!Number.isInteger(o.minRadars) || o.minRadars < 1) throw new Error(`minRadars must be a positive integer, got ${o.minRadars}`);
  const paths = await listSuperdarnFiles(o.folder);
  const indexes: FileTimeIndex[] = [];
  const skipped: SkippedInput[] = [];
  const skip = (file: string, reason: string) => {
    if (o.strict) throw new SuperdarnDataError(`${file}: ${reason} (--strict)`, { file });
    skipped.push({ file, reason });
  };
  for (const [i, p] of paths.entries()) {
    let ix: FileTimeIndex | undefined;
    try { ix = await buildTimeIndex(p); } catch (e) { skip(p, `unreadable: ${(e as Error).message}`); }
    if (ix) {
      const why = ix.records.length === 0 ? 'no records' : unsuitableReason(ix.kind, 'fitacf');
      if (why) skip(p, why); else indexes.push(ix);
    }
    o.onFile?.(p, i + 1, paths.length);
  }
  if (indexes.length === 0) throw new NoUsableInputError(`no usable FITACF files under ${o.folder} (${paths.length} SuperDARN file(s) found)`, skipped, paths.length);
  const w = o.timeWindow * 60_000;
  const buckets = new Map<number, { radars: Set<string>; files: Set<string> }>();
  for (const ix of indexes) {
    const radar = radarLabel(ix);
    for (const r of ix.records) {
      const k = Math.floor(r.start / w) * w;
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = { radars: new Set(), files: new Set() }));
      b.radars.add(radar);
      b.files.add(ix.file);
    }
  }
  const windows: FileListWindow[] = [];
  let rejected = 0;
  for (const k of [...buckets.keys()].sort((a, b) => a - b)) {
    const b = buckets.get(k)!;
    if (b.radars.size < o.minRadars) { rejected++; continue; }
    windows.push({ start: new Date(k).toISOString(), end: new Date(k + w).toISOString(), radars: [...b.radars].sort(), files: [...b.files].sort() });
  }
  const result: FitacfFilelists = {
    timeWindow: o.timeWindow, minRadars: o.minRadars, windows, rejected,
    files: indexes.map((ix) => ({
      file: ix.file, radar: radarLabel(ix), records: ix.records.length,
      start: Number.isNaN(ix.start) ? '' : new Date(ix.start).toISOString(), end: Number.isNaN(ix.end) ? '' : new Date(ix.end).toISOString(),
    })),
    skipped,
  };
  if (o.out) await writeFileAtomic(o.out, JSON.stringify(result, null, 2) + '\n');
  return result;
}
