import type { RadarHardware } from './hardware.js';

/** Mean Earth radius (km), RST's value. */
export const EARTH_RADIUS_KM = 6371.2;

/** A radar site in geographic coordinates (degrees). */
export interface RadarSite {
  lat: number;
  lon: number;
  /** Three-letter code, for titles. */
  code?: string;
}

/** Options of {@link gateGroundPoint}. */
export interface GeolocateOptions {
  /** Virtual height of the scattering point (km); 300 is the usual F-region value. */
  virtualHeightKm: number;
}

/** 300 km virtual height. */
export const DEFAULT_GEOLOCATE_OPTIONS: GeolocateOptions = { virtualHeightKm: 300 };

/** Options of {@link geolocateGate} / {@link gateCell} (the plots' spelling of the same height). */
export interface GeolocationOptions {
  /** Virtual reflection height (km). */
  height: number;
}

/** Defaults of {@link GeolocationOptions}: 300 km (F region). */
export const DEFAULT_GEOLOCATION: GeolocationOptions = { height: 300 };

/**
 * Slant range (km) to the centre of range gate `gate`: frang + rsep·(gate + ½), with `frang` the
 * distance to the first gate and `rsep` the gate length from the record.
 */
export function slantRangeKm(frang: number, rsep: number, gate: number): number {
  return frang + rsep * (gate + 0.5);
}

/** Slant range (km) of the front edge of range gate `gate` (0-based): frang + gate·rsep. */
export function gateRange(gate: number, frang: number, rsep: number): number {
  return frang + gate * rsep;
}

/**
 * Great-circle destination of a start point, a bearing (degrees from north, clockwise) and an
 * angular distance (radians) — returns [lat, lon] in degrees, lon in (-180, 180].
 */
export function destination(lat: number, lon: number, bearing: number, dist: number): [number, number] {
  const r = Math.PI / 180;
  const p1 = lat * r, l1 = lon * r, b = bearing * r;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(dist) + Math.cos(p1) * Math.sin(dist) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(dist) * Math.cos(p1), Math.cos(dist) - Math.sin(p1) * Math.sin(p2));
  let lonOut = (l2 / r) % 360;
  if (lonOut > 180) lonOut -= 360;
  if (lonOut <= -180) lonOut += 360;
  return [p2 / r, lonOut];
}

/**
 * Ground distance (as an angle at the Earth's centre, radians) of a slant range (km) reflected at
 * `height` km: the triangle Earth centre – radar – reflection point, r² = R² + (R+h)² − 2R(R+h)cos θ.
 * Slant ranges shorter than the height map to 0 (onto the site).
 */
export function groundAngle(slantKm: number, height: number): number {
  const R = EARTH_RADIUS_KM, Rh = R + height;
  if (slantKm <= height) return 0;
  const c = (R * R + Rh * Rh - slantKm * slantKm) / (2 * R * Rh);
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/**
 * The geographic position [lat, lon] of a point at `slantKm` along azimuth `azimuth` (degrees from
 * geographic north) from the site: spherical Earth, straight-line propagation to a virtual height
 * (no refraction model, no elevation angles; tens of km off at far ranges).
 */
export function geolocateGate(site: RadarSite, azimuth: number, slantKm: number, o: GeolocationOptions = DEFAULT_GEOLOCATION): [number, number] {
  return destination(site.lat, site.lon, azimuth, groundAngle(slantKm, o.height));
}

/** {@link geolocateGate} as `{lat, lon}` for the gridding (height in `virtualHeightKm`). */
export function gateGroundPoint(
  site: Pick<RadarHardware, 'lat' | 'lon'>, azimuthDeg: number, rangeKm: number, options: GeolocateOptions = DEFAULT_GEOLOCATE_OPTIONS,
): { lat: number; lon: number } {
  const [lat, lon] = geolocateGate(site, azimuthDeg, rangeKm, { height: options.virtualHeightKm });
  return { lat, lon };
}

/**
 * The four corners [lat, lon] of a range gate cell: beam edges at azimuth ± beamWidth/2, gate
 * front and back edges; in drawing order.
 */
export function gateCell(site: RadarSite, azimuth: number, beamWidth: number, gate: number, frang: number, rsep: number,
  o: GeolocationOptions = DEFAULT_GEOLOCATION): [number, number][] {
  const r0 = gateRange(gate, frang, rsep), r1 = r0 + rsep;
  const a0 = azimuth - beamWidth / 2, a1 = azimuth + beamWidth / 2;
  return [geolocateGate(site, a0, r0, o), geolocateGate(site, a1, r0, o), geolocateGate(site, a1, r1, o), geolocateGate(site, a0, r1, o)];
}
