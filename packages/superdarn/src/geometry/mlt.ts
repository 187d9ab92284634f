import { geoToAacgm } from './aacgm.js';
import { AacgmGeolocator } from './aacgm-geolocator.js';

const D = Math.PI / 180;

/**
 * Solar declination (degrees) and equation of time (minutes) at a UTC time: the low-precision solar
 * coordinates of Meeus, Astronomical Algorithms ch. 25 and the equation of time by Smart's formula
 * (ch. 28); ~0.01° and a few seconds, ample for MLT.
 */
export function solarPosition(timeMs: number): { declination: number; equationOfTime: number } {
  const T = (timeMs / 86_400_000 + 2440587.5 - 2451545) / 36525;
  const L0 = (280.46646 + 36000.76983 * T + 0.0003032 * T * T) * D;
  const M = (357.52911 + 35999.05029 * T - 0.0001537 * T * T) * D;
  const e = 0.016708634 - 0.000042037 * T;
  const C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M) + (0.019993 - 0.000101 * T) * Math.sin(2 * M) + 0.000289 * Math.sin(3 * M);
  const omega = (125.04 - 1934.136 * T) * D;
  const lambda = L0 / D + C - 0.00569 - 0.00478 * Math.sin(omega);
  const eps = (23 + 26 / 60 + (21.448 - 46.815 * T) / 3600 + 0.00256 * Math.cos(omega)) * D;
  const declination = Math.asin(Math.sin(eps) * Math.sin(lambda * D)) / D;
  const y = Math.tan(eps / 2) ** 2;
  const E = y * Math.sin(2 * L0) - 2 * e * Math.sin(M) + 4 * e * y * Math.sin(M) * Math.cos(2 * L0)
    - 0.5 * y * y * Math.sin(4 * L0) - 1.25 * e * e * Math.sin(2 * M);
  return { declination, equationOfTime: (E / D) * 4 };
}

/** Geographic latitude/longitude (degrees) of the subsolar point at a UTC time. */
export function subsolarPoint(timeMs: number): { lat: number; lon: number } {
  const { declination, equationOfTime } = solarPosition(timeMs);
  const ut = (timeMs % 86_400_000) / 1000;
  const apparent = ut + equationOfTime * 60;
  let lon = ((43_200 - apparent) * 15) / 3600;
  lon = ((lon + 540) % 360) - 180;
  return { lat: declination, lon };
}

/**
 * AACGM-v2 magnetic local time (hours, [0, 24)) of magnetic longitude `mlon` at a UTC time, by the
 * AACGM-v2 definition: 12 + (mlon − mlon of the subsolar point at 700 km) / 15. The reference
 * longitude is traced here (the C library evaluates its coefficient fit there; they agree to well
 * under a minute of MLT).
 */
export function aacgmMlt(mlon: number, timeMs: number, geolocator?: AacgmGeolocator): number {
  if (!Number.isFinite(mlon)) return NaN;
  const s = subsolarPoint(timeMs);
  let ref: number;
  if (geolocator) ref = geolocator.convert(s.lat, s.lon, 700, timeMs).mlon;
  else {
    const { model, frame } = new AacgmGeolocator().modelFor(timeMs);
    ref = geoToAacgm(s.lat, s.lon, 700, model, frame).mlon;
  }
  const mlt = 12 + (mlon - ref) / 15;
  return ((mlt % 24) + 24) % 24;
}
