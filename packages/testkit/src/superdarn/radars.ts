/**
 * A few real northern-hemisphere SuperDARN radars for the synthetic generators: station id,
 * code, geographic site and boresight (from the RST hdw.dat tables, rounded), and the approximate
 * AACGM magnetic latitude/longitude of the middle of the field of view (used to place GRID vectors).
 */
export interface SyntheticRadar {
  stid: number;
  code: string;
  /** Geographic site latitude/longitude (deg) and boresight (deg east of north). */
  lat: number;
  lon: number;
  boresight: number;
  /** Beams and beam separation (deg). */
  beams: number;
  bmsep: number;
  /** Approximate magnetic lat/lon (deg, mlon 0..360) of the centre of the field of view. */
  fovMlat: number;
  fovMlon: number;
  /** Stereo radars report channel 1/2; others channel 0. */
  stereo: boolean;
}

/** Radars used by default (six, so at least three overlap any time window). */
export const SYNTHETIC_RADARS: readonly SyntheticRadar[] = [
  { stid: 5, code: 'sas', lat: 52.16, lon: -106.53, boresight: 23.1, beams: 16, bmsep: 3.24, fovMlat: 70, fovMlon: 315, stereo: false },
  { stid: 6, code: 'pgr', lat: 53.98, lon: -122.59, boresight: -5.0, beams: 16, bmsep: 3.24, fovMlat: 68, fovMlon: 295, stereo: false },
  { stid: 64, code: 'inv', lat: 68.414, lon: -133.772, boresight: 29.5, beams: 16, bmsep: 3.24, fovMlat: 78, fovMlon: 275, stereo: false },
  { stid: 65, code: 'rkn', lat: 62.828, lon: -92.113, boresight: 5.7, beams: 16, bmsep: 3.24, fovMlat: 80, fovMlon: 330, stereo: false },
  { stid: 204, code: 'fhw', lat: 38.859, lon: -99.389, boresight: -25.0, beams: 22, bmsep: 3.24, fovMlat: 58, fovMlon: 310, stereo: false },
  { stid: 32, code: 'wal', lat: 37.93, lon: -75.47, boresight: 35.9, beams: 24, bmsep: 3.24, fovMlat: 60, fovMlon: 0, stereo: true },
];

/**
 * Southern-hemisphere radars (sites, boresights, beams from the RST hdw.dat tables as in
 * @weatherlearn/superdarn's NETWORK_HARDWARE; the field-of-view MLAT/MLON are rough, negative MLAT).
 * Not in the default set: pass them as `radar` / `radars` to generate southern FITACF/GRID files.
 */
export const SOUTHERN_SYNTHETIC_RADARS: readonly SyntheticRadar[] = [
  { stid: 20, code: 'mcm', lat: -77.88, lon: 166.73, boresight: 263.4, beams: 16, bmsep: 3.24, fovMlat: -78, fovMlon: 300, stereo: false },
  { stid: 15, code: 'ker', lat: -49.35, lon: 70.26, boresight: 168, beams: 16, bmsep: -3.24, fovMlat: -62, fovMlon: 125, stereo: false },
  { stid: 14, code: 'tig', lat: -43.38, lon: 147.23, boresight: 180, beams: 16, bmsep: -3.24, fovMlat: -62, fovMlon: 230, stereo: false },
  { stid: 18, code: 'unw', lat: -46.51, lon: 168.38, boresight: 227.9, beams: 16, bmsep: -3.24, fovMlat: -60, fovMlon: 255, stereo: false },
];

/** Looks a synthetic radar up by code or station id (northern defaults and southern radars). */
export function syntheticRadar(key: string | number): SyntheticRadar {
  const all = [...SYNTHETIC_RADARS, ...SOUTHERN_SYNTHETIC_RADARS];
  const r = all.find((x) => x.code === key || x.stid === key);
  if (!r) throw new RangeError(`unknown synthetic radar ${String(key)} (known: ${all.map((x) => x.code).join(', ')})`);
  return r;
}

/**
 * A two-cell convection pattern (anti-sunward over the pole, sunward return flow near 65–70°
 * MLAT) as magnetic north/east velocity in m/s, at magnetic latitude `mlat`, magnetic local time
 * `mlt` (hours) and activity `a` (0..1).
 */
export function convectionVelocity(mlat: number, mlt: number, a: number): { north: number; east: number } {
  const phi = (mlt / 24) * 2 * Math.PI; // 0 at midnight, π at noon
  const colat = 90 - mlat;
  const peak = 18 - 4 * a; // the convection reversal moves equatorward with activity
  const inner = Math.exp(-(((colat - 0) / (peak * 0.8)) ** 2));
  const ring = Math.exp(-(((colat - peak) / 5) ** 2));
  const v0 = 300 + 900 * a;
  // Over the polar cap: flow from noon (phi=π) to midnight (phi=0) → magnetic "south" on the dayside.
  const north = v0 * (inner * -Math.cos(phi) * 0.8 + ring * Math.cos(phi) * 0.6);
  const east = v0 * ring * Math.sin(phi) * (mlat > 0 ? 1 : -1);
  return { north, east };
}
