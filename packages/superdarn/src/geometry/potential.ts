import type { MapRecord } from '@weatherlearn/tensor-io';
import { SuperdarnDataError } from '../errors.js';

/**
 * The spherical-harmonic fit of a MAP (cnvmap) record: coefficient k multiplies
 * P_l^|m|(cos θ') · (m = 0: 1; m > 0: cos mφ; m < 0: sin |m|φ), with l = `N[k]`, m = `N+1[k]`
 * (RST's convention: the sine term has negative m), a = `N+2[k]` volts.
 */
export interface MapPotentialModel {
  order: number;
  /** Low-latitude boundary of the fit (absolute degrees). */
  latmin: number;
  l: Int32Array;
  m: Int32Array;
  coef: Float64Array;
  latShift: number;
  lonShift: number;
  hemisphere: 1 | -1;
}

/** Builds the fit model of a MAP record; errors name the missing/inconsistent field. */
export function mapPotentialModel(map: MapRecord): MapPotentialModel {
  const where = `MAP record ${map.record.index ?? '?'}`;
  const at = (field?: string) => ({ ...(map.record.offset !== undefined ? { offset: map.record.offset } : {}), ...(field ? { field } : {}) });
  const order = map['fit.order'], latmin = map.latmin;
  if (order === undefined || !(order >= 1 && order <= 20)) throw new SuperdarnDataError(`${where}: field fit.order missing or out of range (${order})`, at('fit.order'));
  if (latmin === undefined || !(Math.abs(latmin) > 0 && Math.abs(latmin) < 90)) throw new SuperdarnDataError(`${where}: field latmin missing or out of range (${latmin})`, at('latmin'));
  const N = map.N, N1 = map['N+1'], N2 = map['N+2'];
  if (!N || !N1 || !N2) throw new SuperdarnDataError(`${where}: coefficient arrays N, N+1, N+2 missing (a record without a fit)`, at('N'));
  if (N.length !== N1.length || N.length !== N2.length) throw new SuperdarnDataError(`${where}: N/N+1/N+2 lengths differ (${N.length}, ${N1.length}, ${N2.length})`, at('N+1'));
  for (let k = 0; k < N.length; k++) {
    const l = N[k]!, m = N1[k]!;
    if (!(Number.isInteger(l) && Number.isInteger(m) && l >= 0 && l <= order && Math.abs(m) <= l)) {
      throw new SuperdarnDataError(`${where}: coefficient ${k} has degree/order (${l}, ${m}) outside fit.order ${order}`, at('fit.order'));
    }
  }
  return {
    order, latmin: Math.abs(latmin), l: Int32Array.from(N), m: Int32Array.from(N1), coef: Float64Array.from(N2),
    latShift: map['lat.shft'] ?? 0, lonShift: map['lon.shft'] ?? 0, hemisphere: (map.hemisphere ?? 1) < 0 ? -1 : 1,
  };
}

/**
 * All associated Legendre functions P_l^m(x) for 0 ≤ m ≤ l ≤ lmax, by the standard upward
 * recurrences (Condon–Shortley phase, unnormalised, as RST's CnvMapEvalPLM). out[l*(lmax+1)+m].
 */
export function legendreTable(lmax: number, x: number, out: Float64Array = new Float64Array((lmax + 1) * (lmax + 1))): Float64Array {
  const s = Math.sqrt(Math.max(0, (1 - x) * (1 + x)));
  const w = lmax + 1;
  let pmm = 1;
  for (let m = 0; m <= lmax; m++) {
    if (m > 0) pmm *= -(2 * m - 1) * s;
    out[m * w + m] = pmm;
    if (m < lmax) out[(m + 1) * w + m] = x * (2 * m + 1) * pmm;
    for (let l = m + 2; l <= lmax; l++) out[l * w + m] = (x * (2 * l - 1) * out[(l - 1) * w + m]! - (l + m - 1) * out[(l - 2) * w + m]!) / (l - m);
  }
  return out;
}

/**
 * RST's coordinate shift of the fit (CnvMapCrdShft): rotates (lat, lon) by `latShift` towards
 * the meridian 180° − lonShift. The identity when latShift is 0 (all maps in practice).
 */
export function shiftCoordinates(lat: number, lon: number, latShift: number, lonShift: number): [number, number] {
  if (latShift === 0) return [lat, lon];
  const r = Math.PI / 180;
  let l = lon + lonShift;
  if (l > 360) l -= 360;
  if (l < 0) l += 360;
  const a = (90 - lat) * r, b = (180 - l) * r, d = latShift * r;
  const clamp = (v: number): number => Math.max(-1, Math.min(1, v));
  let bs = Math.acos(clamp(Math.cos(a) * Math.cos(d) + Math.sin(a) * Math.sin(d) * Math.cos(b)));
  if (bs === 0) bs = 0.1;
  let ang = Math.acos(clamp((Math.cos(a) - Math.cos(bs) * Math.cos(d)) / (Math.sin(bs) * Math.sin(d))));
  if (l > 180) ang = 2 * Math.PI - ang;
  let outLon = ang / r - lonShift;
  if (outLon > 360) outLon -= 360;
  if (outLon < 0) outLon += 360;
  return [90 - bs / r, outLon];
}

/**
 * The electrostatic potential (volts) of the fit at magnetic (lat, lon) degrees: colatitude
 * rescaled θ' = θ·π/θmax (θmax = 90° − latmin), x = cos θ', φ = lon. Points equatorward of latmin
 * are outside the fit and give 0 (the fit's boundary condition).
 */
export function evalMapPotential(model: MapPotentialModel, lat: number, lon: number, scratch?: Float64Array): number {
  let la = Math.abs(lat), lo = lon;
  if (model.latShift !== 0 || model.lonShift !== 0) [la, lo] = shiftCoordinates(la, lo, model.latShift, model.lonShift);
  if (la < model.latmin) return 0;
  const alpha = Math.PI / ((90 - model.latmin) * Math.PI / 180);
  const x = Math.cos(alpha * (90 - la) * Math.PI / 180);
  const phi = lo * Math.PI / 180;
  const w = model.order + 1;
  const p = legendreTable(model.order, x, scratch);
  let v = 0;
  for (let k = 0; k < model.coef.length; k++) {
    const l = model.l[k]!, m = model.m[k]!;
    const plm = p[l * w + Math.abs(m)]!;
    v += model.coef[k]! * plm * (m === 0 ? 1 : m > 0 ? Math.cos(m * phi) : Math.sin(-m * phi));
  }
  return v;
}
