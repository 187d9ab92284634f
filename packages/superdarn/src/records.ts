// Port of st7ma784/WeatherLearn/PTL/DataModule.py:SuperDARNDataset.process_file
import { basename } from 'node:path';
import type { Hemisphere } from './geometry/hardware.js';
import { recordsHemisphere } from './dataset/hemisphere.js';
import {
  dmapRecordKind, readDmapRecords, recordEndTime, recordTime, type DmapKind, type DmapRecord, type DmapSource,
} from '@weatherlearn/tensor-io';
import { recordLocation, SuperdarnDataError } from './errors.js';

/** Time span of one record in epoch milliseconds (UTC); `end` ≥ `start`. */
export interface RecordSpan {
  /** Position of the record in its file. */
  index: number;
  start: number;
  end: number;
}

/**
 * Start and end of a record in epoch ms. GRID/MAP: `start.*` / `end.*`. FITACF/RAWACF/SND/IQDAT:
 * `time.*` plus the integration time `intt.sc` + `intt.us` (0 when absent).
 * @throws DmapError naming the field when the time fields are missing
 */
export function recordSpan(rec: DmapRecord): { start: number; end: number } {
  const start = recordTime(rec).getTime();
  const endDate = recordEndTime(rec);
  if (endDate !== undefined) return { start, end: Math.max(start, endDate.getTime()) };
  const intt = (rec.num('intt.sc') ?? 0) * 1000 + (rec.num('intt.us') ?? 0) / 1000;
  return { start, end: start + Math.max(0, Math.round(intt)) };
}

/**
 * Station ids a record carries: FITACF/RAWACF have one scalar `stid`; GRID/MAP have one `stid`
 * per contributing radar (array). Empty when absent.
 */
export function recordStations(rec: DmapRecord): number[] {
  const arr = rec.arrayField('stid');
  if (arr !== undefined) return Array.from(arr.data as ArrayLike<number>, Number);
  const s = rec.num('stid');
  return s === undefined ? [] : [s];
}

/** What the file name of a SuperDARN file says (`20140101.0401.00.fhw.fitacf.bz2`). */
export interface SuperdarnFileName {
  /** UTC time from the leading `YYYYMMDD[.HHMM]` field, when present. */
  date?: Date;
  /** Radar code: the dot-field before the format (`fhw`), as in the original pipeline. */
  radar?: string;
  /** Format from the extension: fitacf (fitacf/fit/fitex/lmfit), rawacf, grid (grd/grdex/grdmap/grid), map (map/cnvmap/mp). */
  kind?: DmapKind;
  /** True when the name ends in `.bz2`. */
  bz2: boolean;
}

const KIND_BY_EXT: Record<string, DmapKind> = {
  fitacf: 'fitacf', fit: 'fitacf', fitex: 'fitacf', lmfit: 'fitacf', rawacf: 'rawacf', grd: 'grid', grdex: 'grid', grdmap: 'grid', grid: 'grid',
  map: 'map', cnvmap: 'map', mp: 'map', snd: 'snd', iqdat: 'iqdat',
};

/** Parses a SuperDARN file name; fields that cannot be read are left undefined. */
export function parseSuperdarnFileName(path: string): SuperdarnFileName {
  let name = basename(path);
  const bz2 = /\.bz2$/i.test(name);
  if (bz2) name = name.slice(0, -4);
  const parts = name.split('.');
  const ext = parts.length > 1 ? parts[parts.length - 1].toLowerCase() : '';
  const kind = KIND_BY_EXT[ext];
  const out: SuperdarnFileName = { bz2 };
  if (kind !== undefined) out.kind = kind;
  if (parts.length >= 3) {
    const code = parts[parts.length - 2];
    if (/^[a-z]{3}$/i.test(code)) out.radar = code.toLowerCase();
  }
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(\d{2})(\d{2})(?:\.(\d{2})(\d{2}))?/.exec(name);
  if (m) {
    const [, y, mo, d, h, mi] = m;
    const ms = Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0);
    if (!Number.isNaN(ms) && +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= 31) out.date = new Date(ms);
  }
  return out;
}

/** Per-file time index: the kind, stations and the span of every record. */
export interface FileTimeIndex {
  /** The file (path, S3 key or name given). */
  file: string;
  kind: DmapKind;
  /** Distinct station ids over all records, ascending. */
  stations: number[];
  /** Earliest record start / latest record end (epoch ms); NaN when the file has no records. */
  start: number;
  end: number;
  /** One span per record, in file order. */
  records: RecordSpan[];
  /** Hemisphere of the data (MAP `hemisphere`, vector MLAT sign, FITACF radar site), when known. */
  hemisphere?: Hemisphere;
}

/**
 * Reads every record of a DMAP file (plain or bzip2; path, bytes or stream) and returns its time
 * index. Records without time fields raise a DmapError naming the file and record.
 */
export async function buildTimeIndex(source: DmapSource, name?: string): Promise<FileTimeIndex> {
  const file = name ?? (typeof source === 'string' ? source : '<buffer>');
  const records: RecordSpan[] = [];
  const stations = new Set<number>();
  let kind: DmapKind = 'unknown';
  let hemisphere: Hemisphere | undefined;
  for await (const rec of readDmapRecords(source, { name: file })) {
    if (records.length === 0) kind = dmapRecordKind(rec);
    records.push(indexRecord(rec, file));
    for (const s of recordStations(rec)) stations.add(s);
    hemisphere ??= recordsHemisphere([rec]);
  }
  const ix = spansToIndex(file, kind, [...stations], records);
  if (hemisphere) ix.hemisphere = hemisphere;
  return ix;
}

/** The span of one record, with errors naming the file. */
export function indexRecord(rec: DmapRecord, file: string): RecordSpan {
  try {
    return { index: rec.index ?? 0, ...recordSpan(rec) };
  } catch (e) {
    throw new SuperdarnDataError(`${file}: record ${rec.index ?? '?'}: ${(e as Error).message}`, recordLocation(file, rec), { cause: e });
  }
}

/** Assembles a FileTimeIndex from record spans. */
export function spansToIndex(file: string, kind: DmapKind, stations: number[], records: RecordSpan[]): FileTimeIndex {
  let start = Infinity;
  let end = -Infinity;
  for (const r of records) { if (r.start < start) start = r.start; if (r.end > end) end = r.end; }
  return {
    file, kind, stations: stations.sort((a, b) => a - b), records,
    start: records.length ? start : NaN, end: records.length ? end : NaN,
  };
}

/** Indices (into `index.records`) of the records whose span overlaps [from, to). */
export function recordsOverlapping(index: FileTimeIndex, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < index.records.length; i++) {
    const r = index.records[i];
    if (r.start < to && (r.end > from || r.start >= from)) out.push(i);
  }
  return out;
}
