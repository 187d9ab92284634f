import type { DmapArray, DmapRecord } from '../types.js';
import { buildView, fields, type NumArray } from './common.js';
import { RADAR_PARAMETER_SCALARS, type RadarParameters } from './fitacf.js';

/**
 * A RAWACF record: `acfd` (and `xcfd` when the radar has an interferometer) have dims
 * [nrang or slist length, mplgs, 2] (real, imaginary), `ltab` [npairs, 2].
 */
export interface RawacfRecord extends RadarParameters {
  'rawacf.revision.major'?: number; 'rawacf.revision.minor'?: number; thr?: number; combf?: string;
  ptab?: NumArray; ltab?: DmapArray; pwr0?: NumArray; slist?: NumArray; acfd?: DmapArray; xcfd?: DmapArray;
}

/** Typed RAWACF view; throws DmapError when `stid` or the time fields are missing. */
export function asRawacf(rec: DmapRecord): RawacfRecord {
  return buildView<RawacfRecord>(
    rec, 'RAWACF', fields('stid time.yr time.mo time.dy time.hr time.mt time.sc'),
    [...RADAR_PARAMETER_SCALARS, ...fields('rawacf.revision.major rawacf.revision.minor thr combf')],
    fields('ptab ltab pwr0 slist acfd xcfd'), fields('ltab acfd xcfd'),
  );
}
