// Port of st7ma784/WeatherLearn/PTL/DataModule.py:SuperDARNDataset.process_fitacf_to_grid
import { recordTime, type DmapRecord, type NumArray } from '@weatherlearn/tensor-io';
import type { GridChannel } from '../grid/config.js';
import type { PointSet } from '../grid/splat.js';
import { beamAzimuth, radarHardware, RADAR_HARDWARE, type RadarHardware } from '../geometry/hardware.js';
import { DEFAULT_GEOLOCATE_OPTIONS, gateGroundPoint, slantRangeKm, type GeolocateOptions } from '../geometry/geolocate.js';
import { AacgmGeolocator } from '../geometry/aacgm-geolocator.js';
import { recordLocation, SuperdarnDataError } from '../errors.js';

/** Frame of geolocated FITACF gates: AACGM-v2 magnetic (as GRID/MAP vectors) or geographic. */
export type FitacfCoords = 'aacgm' | 'geo';

/** Shared geolocator of {@link collectFitacfPoints} when none is passed (its cache spans calls). */
let sharedGeolocator: AacgmGeolocator | undefined;

/** Options of {@link collectFitacfPoints}. */
export interface FitacfPointsOptions {
  file?: string;
  hardware?: readonly RadarHardware[];
  /** Skip ground scatter (gflg = 1). */
  excludeGroundScatter?: boolean;
  geolocate?: GeolocateOptions;
  /**
   * 'aacgm' (default): gates in AACGM-v2 MLAT/MLON at the virtual height and the record's time
   * (the frame of GRID/MAP vectors); 'geo': geographic latitude/longitude (the seed's frame).
   */
  coords?: FitacfCoords;
  /** AACGM converter (and its cache) to use; default one shared by every call. */
  aacgm?: AacgmGeolocator;
}

/**
 * Geolocates every good range gate (`slist`) of FITACF records and returns geographic points with
 * the requested channels (`v`, `p_l`, `w_l`, …; `count` = 1 per echo). Beam azimuth is the
 * record's `bmazm` when present, else boresight + beam offset from the hardware table; the site
 * comes from the table by `stid` and the record's time (the hardware epoch then valid; unknown
 * radars raise an Error naming file, record and stid). With `coords: 'aacgm'` (default) `lat`/`lon`
 * are AACGM-v2 MLAT/MLON; gates where AACGM is undefined (field line below the ground) are dropped.
 */
export function collectFitacfPoints(records: readonly DmapRecord[], channels: readonly GridChannel[], options: FitacfPointsOptions = {}): PointSet {
  const file = options.file ?? '<records>';
  const table = options.hardware ?? RADAR_HARDWARE;
  const geo = options.geolocate ?? DEFAULT_GEOLOCATE_OPTIONS;
  const coords = options.coords ?? 'aacgm';
  if (coords !== 'aacgm' && coords !== 'geo') throw new Error(`${file}: coords must be 'aacgm' or 'geo', got ${String(coords)}`);
  const aacgm = coords === 'aacgm' ? (options.aacgm ?? (sharedGeolocator ??= new AacgmGeolocator())) : undefined;
  const lat: number[] = [];
  const lon: number[] = [];
  const values: number[][] = channels.map(() => []);
  const where = (rec: DmapRecord) => `${file}: record ${rec.index ?? '?'}`;
  for (const rec of records) {
    const slist = rec.array('slist') as NumArray | undefined;
    if (!slist || slist.length === 0) continue;
    const stid = rec.num('stid');
    if (stid === undefined) throw new SuperdarnDataError(`${where(rec)}: FITACF record has no stid`, recordLocation(file, rec, 'stid'));
    let hw: RadarHardware;
    try { hw = radarHardware(stid, table, recordTime(rec).getTime()); } catch (e) { throw new SuperdarnDataError(`${where(rec)}: ${(e as Error).message}`, recordLocation(file, rec, 'stid'), { cause: e }); }
    const frang = rec.num('frang');
    const rsep = rec.num('rsep');
    if (frang === undefined || rsep === undefined) throw new SuperdarnDataError(`${where(rec)}: FITACF record lacks frang/rsep (field ${frang === undefined ? 'frang' : 'rsep'})`, recordLocation(file, rec, frang === undefined ? 'frang' : 'rsep'));
    const bmazm = rec.num('bmazm');
    const az = bmazm !== undefined && Number.isFinite(bmazm) ? bmazm : beamAzimuth(hw, rec.num('bmnum') ?? 0);
    const gflg = rec.array('gflg') as NumArray | undefined;
    const t = aacgm ? recordTime(rec).getTime() : 0;
    const srcs = channels.map((ch) => (ch === 'count' || ch === 'coverage' ? undefined : (rec.array(ch) as NumArray | undefined)));
    srcs.forEach((s, c) => {
      if (s !== undefined && s.length !== slist.length) throw new SuperdarnDataError(`${where(rec)}: ${channels[c]} has ${s.length} values, slist ${slist.length}`, recordLocation(file, rec, channels[c]));
    });
    for (let k = 0; k < slist.length; k++) {
      if (options.excludeGroundScatter && gflg && gflg[k] === 1) continue;
      const g = gateGroundPoint(hw, az, slantRangeKm(frang, rsep, slist[k]), geo);
      const p = aacgm ? aacgm.convert(g.lat, g.lon, geo.virtualHeightKm, t) : undefined;
      if (p && !Number.isFinite(p.mlat)) continue;
      lat.push(p ? p.mlat : g.lat);
      lon.push(p ? p.mlon : g.lon);
      channels.forEach((ch, c) => values[c].push(ch === 'count' || ch === 'coverage' ? 1 : (srcs[c]?.[k] ?? 0)));
    }
  }
  return { lat, lon, values };
}
