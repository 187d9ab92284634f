import type { DmapRecord, NumArray } from '@weatherlearn/tensor-io';
import type { GridExtent } from '../grid/config.js';
import { hemisphereOf, radarHardware, RADAR_HARDWARE, type Hemisphere, type RadarHardware } from '../geometry/hardware.js';

/** Default extent of a southern dataset: −90…−50° latitude, full longitude circle. */
export const SOUTH_EXTENT: GridExtent = { latMin: -90, latMax: -50, lonMin: 0, lonMax: 360 };

/**
 * Hemisphere of a file's records: MAP `hemisphere` scalar, else the sign of the GRID/MAP vector
 * latitudes (RST writes southern MLAT negative), else (FITACF) the radar site's latitude from the
 * hardware table. Undefined when nothing tells (no vectors, unknown radar).
 */
export function recordsHemisphere(records: readonly DmapRecord[], hardware: readonly RadarHardware[] = RADAR_HARDWARE): Hemisphere | undefined {
  for (const rec of records) {
    const h = rec.num('hemisphere');
    if (h !== undefined && h !== 0) return h < 0 ? 'south' : 'north';
    const lat = rec.array('vector.mlat') as NumArray | undefined;
    if (lat && lat.length) {
      let s = 0;
      for (let k = 0; k < lat.length; k++) s += lat[k]!;
      return hemisphereOf(s / lat.length);
    }
    const stid = rec.num('stid');
    if (stid !== undefined && rec.has('time.yr')) {
      try { return hemisphereOf(radarHardware(stid, hardware)); } catch { return undefined; }
    }
  }
  return undefined;
}

/**
 * The hemisphere of a dataset: `requested` when given; else what an explicit extent implies
 * (latMax ≤ 0: south, latMin ≥ 0: north); else south when every file with a known hemisphere is
 * southern, north otherwise.
 */
export function chooseHemisphere(requested: Hemisphere | 'auto', extent: Partial<GridExtent> | undefined, files: readonly (Hemisphere | undefined)[]): Hemisphere {
  if (requested !== 'auto') return requested;
  if (extent?.latMax !== undefined && extent.latMax <= 0) return 'south';
  if (extent?.latMin !== undefined && extent.latMin >= 0) return 'north';
  const known = files.filter((h): h is Hemisphere => h !== undefined);
  return known.length > 0 && known.every((h) => h === 'south') ? 'south' : 'north';
}
