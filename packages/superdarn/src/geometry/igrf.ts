import { IGRF_COEFFS, IGRF_EPOCH_STEP, IGRF_FIRST_EPOCH, IGRF_MAX_DEGREE, IGRF_MODEL, IGRF_SV, IGRF_VALID_TO } from './igrf-coeffs.js';

/** IGRF reference radius (km): the coefficients' `a`, also AACGM's Earth radius. */
export const IGRF_RADIUS_KM = 6371.2;

/** A main-field model at one date: coefficients in the generated file's order (g10, g11, h11, …). */
export interface IgrfModel {
  /** Decimal year the model was evaluated for. */
  year: number;
  coeffs: Float64Array;
  /** True when `year` is after the model's validity end (secular variation extrapolated). */
  extrapolated: boolean;
}

/** Decimal year of a UTC time (ms): year + fraction of that year elapsed. */
export function decimalYear(timeMs: number): number {
  const y = new Date(timeMs).getUTCFullYear();
  const a = Date.UTC(y, 0, 1), b = Date.UTC(y + 1, 0, 1);
  return y + (timeMs - a) / (b - a);
}

/**
 * The IGRF coefficients at decimal year `year`: linear interpolation between the 5-year epochs,
 * the last epoch's secular variation after it. Dates after {@link IGRF_VALID_TO} are extrapolated
 * with that variation and flagged (`extrapolated`); dates before the first epoch throw.
 */
export function igrfModel(year: number): IgrfModel {
  if (!Number.isFinite(year) || year < IGRF_FIRST_EPOCH) throw new RangeError(`${IGRF_MODEL} starts at ${IGRF_FIRST_EPOCH}; cannot evaluate the field for year ${year}`);
  const last = IGRF_COEFFS.length - 1;
  const i = Math.min(last, Math.floor((year - IGRF_FIRST_EPOCH) / IGRF_EPOCH_STEP));
  const c0 = IGRF_COEFFS[i]!;
  const dt = year - (IGRF_FIRST_EPOCH + i * IGRF_EPOCH_STEP);
  const coeffs = new Float64Array(c0.length);
  if (i === last) for (let k = 0; k < c0.length; k++) coeffs[k] = c0[k]! + IGRF_SV[k]! * dt;
  else {
    const c1 = IGRF_COEFFS[i + 1]!, f = dt / IGRF_EPOCH_STEP;
    for (let k = 0; k < c0.length; k++) coeffs[k] = c0[k]! + (c1[k]! - c0[k]!) * f;
  }
  return { year, coeffs, extrapolated: year > IGRF_VALID_TO };
}

/**
 * The IGRF field vector (nT) at geocentric Cartesian position `p` (units of {@link IGRF_RADIUS_KM};
 * x towards 0° longitude on the equator, z north): B = −∇V with
 * V = a Σₙ (a/r)ⁿ⁺¹ Σₘ (gₙᵐ cos mφ + hₙᵐ sin mφ) Pₙᵐ(cos θ), Schmidt semi-normalised Pₙᵐ.
 * `out` receives [Bx, By, Bz].
 */
export function igrfField(model: IgrfModel, p: readonly number[], out: number[] = [0, 0, 0]): number[] {
  const x = p[0]!, y = p[1]!, z = p[2]!;
  const rho = Math.hypot(x, y), r = Math.hypot(rho, z);
  const ct = z / r, st = Math.max(rho / r, 1e-12);
  const cp = rho > 0 ? x / rho : 1, sp = rho > 0 ? y / rho : 0;
  const N = IGRF_MAX_DEGREE, W = N + 1, c = model.coeffs;
  cosm[0] = 1; sinm[0] = 0;
  for (let m = 1; m <= N; m++) { cosm[m] = cosm[m - 1]! * cp - sinm[m - 1]! * sp; sinm[m] = sinm[m - 1]! * cp + cosm[m - 1]! * sp; }
  // Schmidt semi-normalised Pₙᵐ(cos θ) and dPₙᵐ/dθ by the usual recurrences (sectoral, then in n).
  P[0] = 1; dP[0] = 0;
  let br = 0, bt = 0, bp = 0, k = 0;
  let ar = 1 / (r * r); // (a/r)^(n+2), a = 1
  for (let n = 1; n <= N; n++) {
    ar /= r;
    const row = n * W, prev = row - W, prev2 = prev - W;
    for (let m = 0; m <= n; m++) {
      let pn: number, dpn: number;
      if (m === n) {
        const f = SECTORAL[n]!;
        pn = f * st * P[prev + m - 1]!;
        dpn = f * (ct * P[prev + m - 1]! + st * dP[prev + m - 1]!);
      } else {
        const d = RECUR_D[row + m]!, k2 = RECUR_K[row + m]!;
        const p2 = m <= n - 2 ? P[prev2 + m]! : 0, dp2 = m <= n - 2 ? dP[prev2 + m]! : 0;
        pn = ((2 * n - 1) * ct * P[prev + m]! - k2 * p2) / d;
        dpn = ((2 * n - 1) * (ct * dP[prev + m]! - st * P[prev + m]!) - k2 * dp2) / d;
      }
      P[row + m] = pn; dP[row + m] = dpn;
      const g = c[k++]!, h = m === 0 ? 0 : c[k++]!;
      const gc = g * cosm[m]! + h * sinm[m]!;
      br += (n + 1) * ar * gc * pn;
      bt -= ar * gc * dpn;
      if (m > 0) bp += ar * m * (g * sinm[m]! - h * cosm[m]!) * pn;
    }
  }
  bp /= st;
  const bh = br * st + bt * ct;
  out[0] = bh * cp - bp * sp;
  out[1] = bh * sp + bp * cp;
  out[2] = br * ct - bt * st;
  return out;
}

// Scratch space and recurrence constants of igrfField (computed once; no other state).
const W0 = IGRF_MAX_DEGREE + 1;
const P = new Float64Array(W0 * W0), dP = new Float64Array(W0 * W0);
const cosm = new Float64Array(W0), sinm = new Float64Array(W0);
const SECTORAL = Float64Array.from({ length: W0 }, (_, n) => (n <= 1 ? 1 : Math.sqrt((2 * n - 1) / (2 * n))));
const RECUR_D = Float64Array.from({ length: W0 * W0 }, (_, i) => Math.sqrt(Math.max(0, (Math.floor(i / W0) ** 2) - (i % W0) ** 2)));
const RECUR_K = Float64Array.from({ length: W0 * W0 }, (_, i) => Math.sqrt(Math.max(0, (Math.floor(i / W0) - 1) ** 2 - (i % W0) ** 2)));
