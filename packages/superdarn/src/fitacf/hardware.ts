/**
 * Radar hardware as data: site, boresight, beam separation and beam count of the radars the
 * FITACF gridding knows. Values are the current entries of the RST `hdw.dat.<code>` tables
 * (rounded; older epochs of some radars differ, e.g. Wallops used 1.62° beams before 2006).
 * Pass your own table (e.g. parsed from hdw.dat) to override or extend it.
 */
export interface RadarHardware {
  stid: number;
  code: string;
  /** Geographic site latitude/longitude (deg; west negative). */
  lat: number;
  lon: number;
  /** Direction of the centre of the beam fan (deg east of geographic north). */
  boresight: number;
  /** Angular separation of adjacent beams (deg). */
  bmsep: number;
  /** Number of beams (beam 0 is the most counter-clockwise). */
  beams: number;
}

/** Built-in table (northern hemisphere radars used by the fixtures, the testkit and the demo). */
export const RADAR_HARDWARE: readonly RadarHardware[] = [
  { stid: 1, code: 'gbr', lat: 53.32, lon: -60.46, boresight: 5.0, bmsep: 3.24, beams: 16 },
  { stid: 3, code: 'kap', lat: 49.39, lon: -82.32, boresight: -12.0, bmsep: 3.24, beams: 16 },
  { stid: 5, code: 'sas', lat: 52.16, lon: -106.53, boresight: 23.1, bmsep: 3.24, beams: 16 },
  { stid: 6, code: 'pgr', lat: 53.98, lon: -122.59, boresight: -5.0, bmsep: 3.24, beams: 16 },
  { stid: 7, code: 'kod', lat: 57.6, lon: -152.2, boresight: 30.0, bmsep: 3.24, beams: 16 },
  { stid: 9, code: 'pyk', lat: 63.77, lon: -20.54, boresight: 30.0, bmsep: 3.24, beams: 16 },
  { stid: 10, code: 'han', lat: 62.32, lon: 26.61, boresight: -12.0, bmsep: 3.24, beams: 16 },
  { stid: 32, code: 'wal', lat: 37.93, lon: -75.47, boresight: 35.9, bmsep: 3.24, beams: 24 },
  { stid: 33, code: 'bks', lat: 37.1, lon: -77.95, boresight: -40.0, bmsep: 3.24, beams: 24 },
  { stid: 64, code: 'inv', lat: 68.414, lon: -133.772, boresight: 29.5, bmsep: 3.24, beams: 16 },
  { stid: 65, code: 'rkn', lat: 62.828, lon: -92.113, boresight: 5.7, bmsep: 3.24, beams: 16 },
  { stid: 204, code: 'fhw', lat: 38.859, lon: -99.389, boresight: -25.0, bmsep: 3.24, beams: 22 },
  { stid: 205, code: 'fhe', lat: 38.859, lon: -99.389, boresight: 45.0, bmsep: 3.24, beams: 22 },
  { stid: 206, code: 'cvw', lat: 43.27, lon: -120.36, boresight: -26.0, bmsep: 3.24, beams: 24 },
  { stid: 207, code: 'cve', lat: 43.27, lon: -120.36, boresight: 54.0, bmsep: 3.24, beams: 24 },
];

/**
 * Finds a radar by station id or 3-letter code in `table` (default: the built-in one).
 * @throws Error listing the known radars when absent
 */
export function radarHardware(key: number | string, table: readonly RadarHardware[] = RADAR_HARDWARE): RadarHardware {
  const r = table.find((h) => h.stid === key || h.code === key);
  if (!r) throw new Error(`no hardware entry for radar ${String(key)} (known: ${table.map((h) => `${h.code}=${h.stid}`).join(', ')}); pass a hardware table`);
  return r;
}

/**
 * Azimuth of a beam's centre (deg east of north): boresight + (bmnum − (beams − 1)/2)·bmsep, the
 * RST convention when the record has no `bmazm`.
 */
export function beamAzimuth(hw: RadarHardware, bmnum: number): number {
  return hw.boresight + (bmnum - (hw.beams - 1) / 2) * hw.bmsep;
}
