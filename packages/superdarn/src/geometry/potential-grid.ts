import { EARTH_RADIUS_KM } from './geolocate.js';
import { evalMapPotential, type MapPotentialModel } from './potential.js';

/** The potential on a regular (|lat|, lon) grid poleward of latmin, rows = latitudes. */
export interface PotentialGrid {
  /** Absolute magnetic latitudes of the rows (latmin … 90). */
  lats: Float64Array;
  /** Magnetic longitudes of the columns (0 … 360 inclusive, so contours close). */
  lons: Float64Array;
  /** Volts, row-major [lats.length × lons.length]. */
  values: Float64Array;
  max: { value: number; lat: number; lon: number };
  min: { value: number; lat: number; lon: number };
}

/** Evaluates the fit on a grid (steps in degrees; pyDARN uses 1° × 2°). */
export function potentialGrid(model: MapPotentialModel, latStep = 1, lonStep = 2): PotentialGrid {
  if (!(latStep > 0 && lonStep > 0)) throw new Error(`potentialGrid: steps must be positive (${latStep}, ${lonStep})`);
  const nLat = Math.floor((90 - model.latmin) / latStep + 1e-9) + 1;
  const nLon = Math.round(360 / lonStep) + 1;
  const lats = Float64Array.from({ length: nLat }, (_, i) => Math.min(90, model.latmin + i * latStep));
  const lons = Float64Array.from({ length: nLon }, (_, j) => Math.min(360, j * lonStep));
  const values = new Float64Array(nLat * nLon);
  const scratch = new Float64Array((model.order + 1) ** 2);
  const max = { value: -Infinity, lat: 0, lon: 0 }, min = { value: Infinity, lat: 0, lon: 0 };
  for (let i = 0; i < nLat; i++) {
    for (let j = 0; j < nLon; j++) {
      const v = evalMapPotential(model, model.hemisphere * lats[i]!, lons[j]!, scratch);
      values[i * nLon + j] = v;
      if (v > max.value) Object.assign(max, { value: v, lat: lats[i]!, lon: lons[j]! });
      if (v < min.value) Object.assign(min, { value: v, lat: lats[i]!, lon: lons[j]! });
    }
  }
  return { lats, lons, values, max, min };
}

/** Cross-polar-cap potential (volts): max − min of the evaluated field. */
export function crossPolarCapPotential(grid: PotentialGrid): number {
  return grid.max.value - grid.min.value;
}

/** Magnitude (tesla) of a centred dipole field at |lat| degrees and `altitudeKm` (pole field 6.2e-5 T at the surface). */
export function dipoleField(lat: number, altitudeKm = 300): number {
  const s = Math.sin((Math.abs(lat) * Math.PI) / 180);
  return 3.1e-5 * (EARTH_RADIUS_KM / (EARTH_RADIUS_KM + altitudeKm)) ** 3 * Math.sqrt(1 + 3 * s * s);
}

/** An E×B drift velocity: north/east components (m/s), speed and azimuth (degrees from magnetic north). */
export interface Drift { north: number; east: number; speed: number; azimuth: number }

/**
 * The E×B drift of the fitted potential at a point: E = −∇Φ on a sphere of radius Re + 300 km
 * (central differences of 0.01°), B a dipole pointing down in the north (up in the south).
 */
export function mapDrift(model: MapPotentialModel, lat: number, lon: number, altitudeKm = 300): Drift {
  const d = 0.01, r = Math.PI / 180, R = (EARTH_RADIUS_KM + altitudeKm) * 1000;
  const phi = (la: number, lo: number): number => evalMapPotential(model, la, lo);
  const dLat = (phi(lat + d, lon) - phi(lat - d, lon)) / (2 * d * r);
  const dLon = (phi(lat, lon + d) - phi(lat, lon - d)) / (2 * d * r);
  const eNorth = -dLat / R, eEast = -dLon / (R * Math.cos(lat * r));
  const b = dipoleField(lat, altitudeKm) * (lat >= 0 ? 1 : -1);
  const north = eEast / b, east = -eNorth / b;
  return { north, east, speed: Math.hypot(north, east), azimuth: (Math.atan2(east, north) / r + 360) % 360 };
}
