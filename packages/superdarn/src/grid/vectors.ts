import type { DmapRecord, NumArray } from '@weatherlearn/tensor-io';
import type { GridChannel } from './config.js';
import type { PointSet } from './splat.js';
import { recordLocation, SuperdarnDataError } from '../errors.js';

/** Gridded vectors gathered from GRID/MAP records: coordinates, cell ids and channel values. */
export interface VectorSet extends PointSet {
  /** RST cell id (`vector.index`) per vector (-1 when the file has none). */
  index: Int32Array;
}

/**
 * Concatenates the `vector.*` arrays of GRID/MAP records into one point set with the requested
 * channels (`count` = 1 per vector). Records without vectors contribute nothing. A record whose
 * vector arrays disagree in length raises an Error naming the record and field.
 */
export function collectVectors(records: readonly DmapRecord[], channels: readonly GridChannel[], file = '<records>'): VectorSet {
  let n = 0;
  const parts: { rec: DmapRecord; lat: NumArray; lon: NumArray; len: number }[] = [];
  for (const rec of records) {
    const lat = rec.array('vector.mlat') as NumArray | undefined;
    const lon = rec.array('vector.mlon') as NumArray | undefined;
    if (lat === undefined || lon === undefined || lat.length === 0) continue;
    if (lon.length !== lat.length) throw new SuperdarnDataError(`${file}: record ${rec.index ?? '?'}: vector.mlon has ${lon.length} values, vector.mlat ${lat.length}`, recordLocation(file, rec, 'vector.mlon'));
    parts.push({ rec, lat, lon, len: lat.length });
    n += lat.length;
  }
  const out: VectorSet = { lat: new Float32Array(n), lon: new Float32Array(n), index: new Int32Array(n), values: channels.map(() => new Float32Array(n)) };
  let o = 0;
  for (const { rec, lat, lon, len } of parts) {
    (out.lat as Float32Array).set(lat, o);
    (out.lon as Float32Array).set(lon, o);
    const idx = rec.array('vector.index') as NumArray | undefined;
    if (idx && idx.length === len) out.index.set(idx, o); else out.index.fill(-1, o, o + len);
    channels.forEach((ch, c) => {
      const dst = out.values[c] as Float32Array;
      if (ch === 'count' || ch === 'coverage') { dst.fill(1, o, o + len); return; }
      const src = rec.array(`vector.${ch}`) as NumArray | undefined;
      if (src === undefined) { dst.fill(0, o, o + len); return; } // e.g. pwr fields absent in old files
      if (src.length !== len) throw new SuperdarnDataError(`${file}: record ${rec.index ?? '?'}: vector.${ch} has ${src.length} values, vector.mlat ${len}`, recordLocation(file, rec, `vector.${ch}`));
      dst.set(src, o);
    });
    o += len;
  }
  return out;
}
