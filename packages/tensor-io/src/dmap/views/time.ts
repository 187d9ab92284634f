import { DmapError, type DmapRecord } from '../types.js';

/** The kinds of DMAP record the readers recognise. */
export type DmapKind = 'rawacf' | 'fitacf' | 'grid' | 'map' | 'snd' | 'iqdat' | 'unknown';

/** Guesses a record's kind from its fields (revision scalars first, then characteristic fields). */
export function dmapRecordKind(rec: DmapRecord): DmapKind {
  if (rec.has('start.year')) {
    return rec.has('map.major.revision') || rec.has('pot.drop') || rec.has('fit.order') || rec.has('N+2') ? 'map' : 'grid';
  }
  if (!rec.has('time.yr')) return 'unknown';
  if (rec.has('snd.revision.major')) return 'snd';
  if (rec.has('iqdata.revision.major') || rec.has('tsc')) return 'iqdat';
  if (rec.has('rawacf.revision.major') || rec.has('acfd')) return 'rawacf';
  if (rec.has('fitacf.revision.major') || rec.has('p_l') || rec.has('noise.sky')) return 'fitacf';
  return 'unknown';
}

function need(rec: DmapRecord, name: string): number {
  const v = rec.num(name);
  if (v === undefined) throw new DmapError('<record>', rec.index ?? -1, rec.offset ?? -1, 'record has no time: field missing', name);
  return v;
}

/**
 * The record's (start) time as a UTC Date: `time.yr`..`time.us` for RAWACF/FITACF/SND/IQDAT,
 * `start.year`..`start.second` for GRID/MAP. Throws DmapError when neither set is present.
 */
export function recordTime(rec: DmapRecord): Date {
  if (rec.has('time.yr')) {
    const ms = Date.UTC(need(rec, 'time.yr'), need(rec, 'time.mo') - 1, need(rec, 'time.dy'), need(rec, 'time.hr'), need(rec, 'time.mt'), need(rec, 'time.sc'));
    return new Date(ms + Math.floor((rec.num('time.us') ?? 0) / 1000));
  }
  const ms = Date.UTC(need(rec, 'start.year'), need(rec, 'start.month') - 1, need(rec, 'start.day'), need(rec, 'start.hour'), need(rec, 'start.minute'));
  return new Date(ms + Math.round(need(rec, 'start.second') * 1000));
}

/** End time of a GRID/MAP record (`end.*`), or undefined for other kinds. */
export function recordEndTime(rec: DmapRecord): Date | undefined {
  const y = rec.num('end.year');
  if (y === undefined) return undefined;
  const ms = Date.UTC(y, need(rec, 'end.month') - 1, need(rec, 'end.day'), need(rec, 'end.hour'), need(rec, 'end.minute'));
  return new Date(ms + Math.round(need(rec, 'end.second') * 1000));
}
