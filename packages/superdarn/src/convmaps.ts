// Port of st7ma784/WeatherLearn/PTL/generateFitToConv.py:find_conv_maps_from_filelists
import { NoUsableInputError, type SkippedInput } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { listSuperdarnFiles } from './files.js';
import { unsuitableReason } from './kinds.js';
import { hemisphereOf, radarHardware, type Hemisphere } from './geometry/hardware.js';
import { buildTimeIndex, recordsOverlapping, type FileTimeIndex } from './records.js';
import type { FileListWindow, FitacfFilelists } from './filelists.js';
import { SuperdarnDataError } from './errors.js';

/** A window with the MAP/GRID files and records covering it. */
export interface WindowWithMaps extends FileListWindow {
  /** Files and record indices (in file order) whose [start, end] overlaps the window. */
  maps: { file: string; records: number[] }[];
}

/** Result of {@link findConvMapsFromFilelists}. */
export interface ConvMapMatch {
  windows: WindowWithMaps[];
  /** Windows no MAP/GRID record covers (ISO start). */
  missing: string[];
  /** MAP/GRID candidates not used (unreadable, not GRID/MAP by content), with reasons. */
  skipped: SkippedInput[];
  /** MAP/GRID candidate files looked at (used + skipped). */
  inputs: number;
  /** Window/file pairs refused because the map is of the other hemisphere than the window's radars. */
  crossHemisphere: { window: string; file: string; reason: string }[];
}

/** Hemispheres of a window's radars (codes from file names, or `stid<N>`), from the hardware table. */
export function windowHemispheres(radars: readonly string[]): Set<Hemisphere> {
  const out = new Set<Hemisphere>();
  for (const r of radars) {
    const m = /^stid(\d+)$/.exec(r);
    try { out.add(hemisphereOf(radarHardware(m ? Number(m[1]) : r))); } catch { /* unknown radar: no constraint */ }
  }
  return out;
}

/** Options of {@link findConvMapsFromFilelists}. */
export interface ConvMapOptions {
  /** Write the result as JSON here (atomically). */
  out?: string;
  /** Pre-built indexes of the map files (skips reading them). */
  indexes?: FileTimeIndex[];
  /** Stop at the first unreadable or unsuitable file instead of skipping it. */
  strict?: boolean;
}

/**
 * Attaches to every window of `lists` the MAP/GRID files under `mapFolder` (recursive; .map,
 * .cnvmap, .mp, .grd, .grdmap; plain or .bz2) and the records of each that overlap the window;
 * windows with no such record are listed in `missing`. A map of the other hemisphere than all of
 * a window's radars (from the hardware table) is never attached (listed in `crossHemisphere`). Unreadable files and files whose content
 * is not GRID/MAP are skipped and listed in `skipped` (the first one throws with `strict`).
 * @throws NoUsableInputError when no MAP/GRID file is usable
 */
export async function findConvMapsFromFilelists(
  lists: FitacfFilelists | FileListWindow[], mapFolder: string, options: ConvMapOptions = {},
): Promise<ConvMapMatch> {
  const windows = Array.isArray(lists) ? lists : lists.windows;
  let indexes = options.indexes;
  const skipped: SkippedInput[] = [];
  let inputs = indexes?.length ?? 0;
  if (!indexes) {
    const paths = await listSuperdarnFiles(mapFolder);
    inputs = paths.length;
    const skip = (file: string, reason: string) => {
      if (options.strict) throw new SuperdarnDataError(`${file}: ${reason} (--strict)`, { file });
      skipped.push({ file, reason });
    };
    indexes = [];
    for (const p of paths) {
      let ix: FileTimeIndex | undefined;
      try { ix = await buildTimeIndex(p); } catch (e) { skip(p, `unreadable: ${(e as Error).message}`); }
      if (!ix) continue;
      const why = ix.records.length === 0 ? 'no records' : unsuitableReason(ix.kind, 'vectors');
      if (why) skip(p, why); else indexes.push(ix);
    }
    if (indexes.length === 0) throw new NoUsableInputError(`no usable MAP/GRID files (*.map, *.cnvmap, *.grdmap, *.grdex, … [.bz2]) under ${mapFolder}`, skipped, paths.length);
  }
  const out: ConvMapMatch = { windows: [], missing: [], skipped, inputs, crossHemisphere: [] };
  for (const w of windows) {
    const from = Date.parse(w.start);
    const to = Date.parse(w.end);
    if (Number.isNaN(from) || Number.isNaN(to)) throw new Error(`file list window has an invalid start/end: ${JSON.stringify({ start: w.start, end: w.end })}`);
    const maps: WindowWithMaps['maps'] = [];
    const hemis = windowHemispheres(w.radars ?? []);
    for (const ix of indexes) {
      if (!(ix.start < to && ix.end >= from)) continue; // cheap file-level test; records are checked exactly below
      if (ix.hemisphere && hemis.size && !hemis.has(ix.hemisphere)) {
        out.crossHemisphere.push({ window: w.start, file: ix.file, reason: `${ix.hemisphere}ern map for a window of ${[...hemis].join('/')}ern radars (${w.radars.join(', ')})` });
        continue;
      }
      const recs = recordsOverlapping(ix, from, to).map((i) => ix.records[i].index);
      if (recs.length) maps.push({ file: ix.file, records: recs });
    }
    if (maps.length === 0) out.missing.push(w.start);
    out.windows.push({ ...w, maps });
  }
  if (options.out) await writeFileAtomic(options.out, JSON.stringify(out, null, 2) + '\n');
  return out;
}
