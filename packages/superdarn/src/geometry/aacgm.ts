import { decimalYear, igrfField, igrfModel, IGRF_RADIUS_KM, type IgrfModel } from './igrf.js';

/** WGS-84 equatorial radius (km) and flattening, for geodetic → geocentric. */
const WGS84_A = 6378.137, WGS84_F = 1 / 298.257223563;
const D = Math.PI / 180;

/** AACGM-v2 coordinates of a point: magnetic latitude/longitude (degrees), apex distance. */
export interface AacgmPoint {
  mlat: number;
  mlon: number;
  /** Geocentric distance of the field line's dipole-equator crossing (Earth radii of 6371.2 km). */
  apexRe: number;
}

/** Options of {@link geoToAacgm}. */
export interface AacgmOptions {
  /** RK4 step as a fraction of the current geocentric distance. */
  stepFraction: number;
  /** Beyond this distance (Earth radii) the field is taken as the centred dipole (apex analytic). */
  dipoleBeyondRe: number;
  /** Steps before giving up (NaN result). */
  maxSteps: number;
}

/** Defaults: 5 % steps, dipole beyond 100 Rₑ: within 0.004° of a 0.2 %-step trace up to 85° MLAT, ~1–2 ms a point. */
export const DEFAULT_AACGM_OPTIONS: AacgmOptions = { stepFraction: 0.05, dipoleBeyondRe: 100, maxSteps: 5000 };

/** Geodetic (WGS-84) latitude/longitude (degrees) and height (km) → geocentric Cartesian (Earth radii). */
export function geodeticToCartesian(lat: number, lon: number, heightKm: number): [number, number, number] {
  const e2 = WGS84_F * (2 - WGS84_F), s = Math.sin(lat * D), c = Math.cos(lat * D);
  const n = WGS84_A / Math.sqrt(1 - e2 * s * s);
  const xy = (n + heightKm) * c;
  return [xy * Math.cos(lon * D) / IGRF_RADIUS_KM, xy * Math.sin(lon * D) / IGRF_RADIUS_KM, (n * (1 - e2) + heightKm) * s / IGRF_RADIUS_KM];
}

/**
 * The centred-dipole frame of a field model: rows of the rotation from geographic Cartesian to
 * dipole Cartesian (z along the dipole's northern pole from g₁⁰, g₁¹, h₁¹; the geographic north
 * pole on the 180° dipole meridian).
 */
export function dipoleFrame(model: IgrfModel): number[][] {
  const [g10, g11, h11] = model.coeffs as unknown as [number, number, number];
  const b0 = Math.hypot(g10, g11, h11);
  const ct = -g10 / b0, st = Math.sqrt(1 - ct * ct), ph = Math.atan2(-h11, -g11);
  const cp = Math.cos(ph), sp = Math.sin(ph);
  return [[ct * cp, ct * sp, -st], [-sp, cp, 0], [st * cp, st * sp, ct]];
}

const rotate = (m: number[][], p: readonly number[]): number[] => m.map((row) => row[0]! * p[0]! + row[1]! * p[1]! + row[2]! * p[2]!);

/**
 * AACGM-v2 coordinates (Shepherd 2014) of a geodetic point by field-line tracing: the IGRF field
 * line through the point is followed (RK4, unit tangent) away from the Earth to where it crosses
 * the equatorial plane of the epoch's centred dipole, at distance r (Earth radii); then
 * MLAT = ±acos(√(1/r)) (the latitude where the centred-dipole field line with that apex meets the
 * ground, the sign of the start's dipole hemisphere) and MLON = the dipole longitude of the
 * crossing. Every point of one field line has the same coordinates ("altitude adjusted").
 * NaN where undefined (field line below the surface: r < 1, or no crossing within maxSteps).
 */
export function geoToAacgm(lat: number, lon: number, heightKm: number, model: IgrfModel, frame: number[][] = dipoleFrame(model), o: AacgmOptions = DEFAULT_AACGM_OPTIONS): AacgmPoint {
  let p = geodeticToCartesian(lat, lon, heightKm) as number[];
  const z0 = rotate(frame, p)[2]!;
  const sign = z0 >= 0 ? 1 : -1;
  // Northern dipole hemisphere: B points down/poleward, so follow −B out to the equator; south: +B.
  const dir = -sign;
  const b = [0, 0, 0];
  const tangent = (q: readonly number[]): number[] => {
    igrfField(model, q, b);
    const n = Math.hypot(b[0]!, b[1]!, b[2]!);
    return [dir * b[0]! / n, dir * b[1]! / n, dir * b[2]! / n];
  };
  const rk4 = (q: readonly number[], h: number): number[] => {
    const k1 = tangent(q);
    const k2 = tangent(q.map((v, i) => v + h / 2 * k1[i]!));
    const k3 = tangent(q.map((v, i) => v + h / 2 * k2[i]!));
    const k4 = tangent(q.map((v, i) => v + h * k3[i]!));
    return q.map((v, i) => v + h / 6 * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
  };
  const done = (apex: readonly number[]): AacgmPoint => {
    const r = Math.hypot(apex[0]!, apex[1]!, apex[2]!);
    const mlon = Math.atan2(apex[1]!, apex[0]!) / D;
    const mlat = r >= 1 ? sign * Math.acos(Math.sqrt(1 / r)) / D : NaN;
    return { mlat, mlon: r >= 1 ? mlon : NaN, apexRe: r };
  };
  if (z0 === 0) return done(rotate(frame, p));
  for (let step = 0; step < o.maxSteps; step++) {
    const r = Math.hypot(p[0]!, p[1]!, p[2]!);
    const d = rotate(frame, p);
    if (r > o.dipoleBeyondRe) {
      // Centred dipole: the field line r = L cos²λ has its apex at L, at the current longitude.
      const c2 = 1 - (d[2]! / r) ** 2;
      const L = r / c2, rho = Math.hypot(d[0]!, d[1]!);
      return done([d[0]! / rho * L, d[1]! / rho * L, 0]);
    }
    const h = o.stepFraction * r;
    const q = rk4(p, h);
    const zq = rotate(frame, q)[2]!;
    if (zq * sign <= 0) {
      // Crossed the dipole equator inside this step: secant iterations on the step length.
      let h0 = 0, z0s = d[2]!, h1 = h, z1 = zq, cross = q;
      for (let it = 0; it < 8 && Math.abs(z1) > 1e-10; it++) {
        const hm = h1 - z1 * (h1 - h0) / (z1 - z0s);
        h0 = h1; z0s = z1; h1 = hm;
        cross = rk4(p, h1);
        z1 = rotate(frame, cross)[2]!;
      }
      return done(rotate(frame, cross));
    }
    p = q;
  }
  return { mlat: NaN, mlon: NaN, apexRe: NaN };
}

/** {@link geoToAacgm} at a UTC time (ms): the IGRF model of that date. */
export function geoToAacgmAt(lat: number, lon: number, heightKm: number, timeMs: number, o: AacgmOptions = DEFAULT_AACGM_OPTIONS): AacgmPoint {
  const model = igrfModel(decimalYear(timeMs));
  return geoToAacgm(lat, lon, heightKm, model, dipoleFrame(model), o);
}
