import { stat } from 'node:fs/promises';
import { readDmapRecords, type DmapStreamInfo } from './reader.js';
import type { DmapSkipped } from './stream-parser.js';
import { DmapError } from './types.js';
import { dmapRecordKind, recordEndTime, recordTime, type DmapKind } from './views/time.js';

/** Summary of a DMAP file, as printed by `weatherlearn inspect`. */
export interface DmapDescription {
  file: string;
  format: 'dmap';
  compressed: boolean;
  /** File size on disk. */
  fileBytes: number;
  /** Bytes of DMAP data read (after decompression). */
  decodedBytes: number;
  /** Good records read. */
  records: number;
  /** Most common record kind (guessed from the fields). */
  kind: DmapKind;
  /** Record count per kind. */
  kinds: Partial<Record<DmapKind, number>>;
  /** Earliest start and latest end over all records (ISO 8601, UTC), when records carry times. */
  timeRange?: { start: string; end: string };
  /** Station ids (`stid` scalar, or the GRID/MAP `stid` array), sorted. */
  stations: number[];
  /** Scalar/array names of the first record. */
  fields?: { scalars: string[]; arrays: string[] };
  mode: 'strict' | 'lax';
  /** Regions skipped in lax mode. */
  skipped: DmapSkipped[];
  /** Strict mode: the first corruption found (records counts what was read before it). */
  error?: { message: string; recordIndex: number; offset: number };
}

/**
 * Reads a DMAP file (plain or .bz2) record by record and summarises it. Corruption is reported in
 * the result (`error` in strict mode, `skipped` in lax mode), not thrown; I/O errors are thrown.
 */
export async function describeDmapFile(path: string, options: { strict?: boolean; maxTotalBytes?: number } = {}): Promise<DmapDescription> {
  const mode = options.strict === false ? 'lax' : 'strict';
  const fileBytes = (await stat(path)).size;
  const info: DmapStreamInfo = { compressed: false, rawBytes: 0 };
  const skipped: DmapSkipped[] = [];
  const kinds: Partial<Record<DmapKind, number>> = {};
  const stations = new Set<number>();
  let first: number | undefined;
  let last: number | undefined;
  let records = 0;
  let fieldNames: DmapDescription['fields'];
  let error: DmapDescription['error'];
  try {
    for await (const rec of readDmapRecords(path, { mode, onSkip: (s) => skipped.push(s), maxTotalBytes: options.maxTotalBytes }, info)) {
      records++;
      fieldNames ??= rec.names();
      const kind = dmapRecordKind(rec);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const stid = rec.get('stid');
      if (typeof stid === 'number') stations.add(stid);
      else if (ArrayBuffer.isView(stid)) for (const s of stid as Int16Array) stations.add(Number(s));
      try {
        const t0 = recordTime(rec).getTime();
        const t1 = recordEndTime(rec)?.getTime() ?? t0;
        if (Number.isFinite(t0)) { first = Math.min(first ?? t0, t0); last = Math.max(last ?? t1, t1); }
      } catch (e) {
        if (!(e instanceof DmapError)) throw e;
      }
    }
  } catch (e) {
    if (!(e instanceof DmapError)) throw e;
    error = { message: e.message, recordIndex: e.recordIndex, offset: e.offset };
  }
  const kind = (Object.entries(kinds).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown') as DmapKind;
  const out: DmapDescription = {
    file: path, format: 'dmap', compressed: info.compressed, fileBytes, decodedBytes: info.decodedBytes ?? 0,
    records, kind, kinds, stations: [...stations].sort((a, b) => a - b), mode, skipped,
  };
  if (first !== undefined && last !== undefined) out.timeRange = { start: new Date(first).toISOString(), end: new Date(last).toISOString() };
  if (fieldNames) out.fields = fieldNames;
  if (error) out.error = error;
  return out;
}
