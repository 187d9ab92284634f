import type { RadarHardware } from './hardware.js';

/** Mean Earth radius (km). */
export const EARTH_RADIUS_KM = 6371.2;

/** Options of {@link gateGroundPoint}. */
export interface GeolocateOptions {
  /** Virtual height of the scattering point (km); 300 is the usual F-region value. */
  virtualHeightKm: number;
}

/** 300 km virtual height. */
export const DEFAULT_GEOLOCATE_OPTIONS: GeolocateOptions = { virtualHeightKm: 300 };

/**
 * Slant range (km) to the centre of range gate `gate`: frang + rsep·(gate + ½), with `frang` the
 * distance to the first gate and `rsep` the gate length from the record.
 */
export function slantRangeKm(frang: number, rsep: number, gate: number): number {
  return frang + rsep * (gate + 0.5);
}

/**
 * Ground-projected position of an echo at slant range `rangeKm` along azimuth `azimuthDeg` from the
 * radar site, assuming straight-line propagation to a scatterer at the virtual height h on a
 * spherical Earth: the central angle θ solves r² = R² + (R+h)² − 2R(R+h)cos θ (echoes nearer than
 * h map onto the site), then the point lies θ along the great circle from the site.
 */
export function gateGroundPoint(
  site: Pick<RadarHardware, 'lat' | 'lon'>, azimuthDeg: number, rangeKm: number, options: GeolocateOptions = DEFAULT_GEOLOCATE_OPTIONS,
): { lat: number; lon: number } {
  const R = EARTH_RADIUS_KM;
  const Rh = R + options.virtualHeightKm;
  const cosT = Math.max(-1, Math.min(1, (R * R + Rh * Rh - rangeKm * rangeKm) / (2 * R * Rh)));
  const theta = rangeKm <= options.virtualHeightKm ? 0 : Math.acos(cosT);
  const d2r = Math.PI / 180;
  const lat1 = site.lat * d2r;
  const lon1 = site.lon * d2r;
  const az = azimuthDeg * d2r;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(theta) + Math.cos(lat1) * Math.sin(theta) * Math.cos(az));
  const lon2 = lon1 + Math.atan2(Math.sin(az) * Math.sin(theta) * Math.cos(lat1), Math.cos(theta) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / d2r, lon: ((((lon2 / d2r) + 180) % 360) + 360) % 360 - 180 };
}
