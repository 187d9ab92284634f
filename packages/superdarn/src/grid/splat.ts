// Port of st7ma784/WeatherLearn/PTL/DataModule.py:gaussian
import { wrapLon, type GridConfig } from './config.js';

/** Points to splat: coordinates (deg) and one value array per channel (same length). */
export interface PointSet {
  lat: Float64Array | Float32Array | number[];
  lon: Float64Array | Float32Array | number[];
  /** values[c][k]: channel c of point k. */
  values: (Float32Array | Float64Array | number[])[];
}

/**
 * How a channel's values combine at a pixel (w = the Gaussian weight of each point there):
 * `sum` Σ v·w (the original); `mean` Σ v·w / Σ w (bounded by the inputs); `circular` the weighted
 * circular mean of angles in degrees, atan2(Σ w·sin v, Σ w·cos v) in (−180, 180]; `nearest` the value
 * of the point with the largest weight (ids, flags: never summed); `weight` Σ w (coverage: an
 * effective count of the measurements reaching the pixel; the channel's values are ignored).
 */
export type SplatMode = 'sum' | 'mean' | 'circular' | 'nearest' | 'weight';

/**
 * Gaussian splat of points onto a (C, H, W) (C = number of value arrays) float32 image: each point adds
 * value·exp(-(Δlat² + Δlon²)/(2σ²)) to every pixel centre within `truncateSigmas`·σ (Δ in degrees,
 * Δlon the shortest way round the circle when the extent spans 360°). `modes` says per channel how
 * values combine ({@link SplatMode}); without it every channel is `sum`, or `mean` with
 * `accumulate: 'mean'`. Points outside the extent still reach pixels within the kernel radius.
 * Non-finite values are skipped. Pixels no point reaches are 0. Never produces NaN.
 */
export function splatPoints(points: PointSet, c: GridConfig, out?: Float32Array, modes?: readonly SplatMode[]): Float32Array {
  const G = c.gridSize;
  const C = points.values.length;
  const img = out ?? new Float32Array(C * G * G);
  if (img.length !== C * G * G) throw new Error(`splat: output has ${img.length} values, expected ${C}×${G}×${G}`);
  const { latMin, latMax, lonMin, lonMax } = c.extent;
  const dLat = (latMax - latMin) / G;
  const dLon = (lonMax - lonMin) / G;
  const fullCircle = lonMax - lonMin >= 360 - 1e-9;
  const r = c.sigmaDeg * c.truncateSigmas;
  const inv2s2 = 1 / (2 * c.sigmaDeg * c.sigmaDeg);
  const plane = G * G;
  const mode: SplatMode[] = points.values.map((_, ch) => modes?.[ch] ?? (c.accumulate === 'mean' ? 'mean' : 'sum'));
  if (mode.length !== C) throw new Error(`splat: ${modes?.length} modes for ${C} channels`);
  const needW = mode.some((m) => m === 'mean' || m === 'nearest');
  const wsum = needW ? new Float64Array(plane) : undefined;
  const best = mode.includes('nearest') ? new Float64Array(plane) : undefined;
  const cosSum = mode.map((m) => (m === 'circular' ? new Float64Array(plane) : undefined));
  const d2r = Math.PI / 180;
  const r2 = r * r;
  const maxCols = Math.min(G, 2 * Math.ceil(r / dLon) + 3);
  const dx2 = new Float64Array(maxCols);
  const wx = new Float64Array(maxCols);
  const cols = new Int32Array(maxCols);
  const vals = new Float64Array(C);
  const n = points.lat.length;
  for (let k = 0; k < n; k++) {
    const lat = points.lat[k];
    const lon = wrapLon(points.lon[k], lonMin);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const i0 = Math.max(0, Math.ceil((lat - r - latMin) / dLat - 0.5));
    const i1 = Math.min(G - 1, Math.floor((lat + r - latMin) / dLat - 0.5));
    if (i0 > i1) continue;
    const jc = (lon - lonMin) / dLon - 0.5;
    let j0 = Math.ceil(jc - r / dLon);
    let j1 = Math.floor(jc + r / dLon);
    if (!fullCircle) { j0 = Math.max(0, j0); j1 = Math.min(G - 1, j1); }
    else if (j1 - j0 + 1 > G) { j0 = Math.floor(jc) - Math.floor(G / 2) + 1; j1 = j0 + G - 1; }
    if (j0 > j1) continue;
    let any = false;
    for (let ch = 0; ch < C; ch++) { const v = points.values[ch][k]; vals[ch] = Number.isFinite(v) ? v : 0; any ||= Number.isFinite(v); }
    if (!any) continue;
    // The Gaussian is separable: w = wy(row) · wx(col); the disc cut compares squared distances.
    const nj = j1 - j0 + 1;
    for (let jj = 0; jj < nj; jj++) {
      const dx = (j0 + jj - jc) * dLon;
      dx2[jj] = dx * dx;
      wx[jj] = Math.exp(-dx * dx * inv2s2);
      cols[jj] = fullCircle ? (((j0 + jj) % G) + G) % G : j0 + jj;
    }
    for (let i = i0; i <= i1; i++) {
      const dy = latMin + (i + 0.5) * dLat - lat;
      const dy2 = dy * dy;
      if (dy2 > r2) continue;
      const wy = Math.exp(-dy2 * inv2s2);
      const rowBase = i * G;
      for (let jj = 0; jj < nj; jj++) {
        if (dy2 + dx2[jj] > r2) continue;
        const w = wy * wx[jj];
        const p = rowBase + cols[jj];
        if (wsum) wsum[p] += w;
        const nearest = best !== undefined && w > best[p];
        if (nearest) best[p] = w;
        for (let ch = 0; ch < C; ch++) {
          const m = mode[ch];
          if (m === 'sum' || m === 'mean') img[ch * plane + p] += vals[ch] * w;
          else if (m === 'weight') img[ch * plane + p] += w;
          else if (m === 'nearest') { if (nearest) img[ch * plane + p] = vals[ch]; }
          else { img[ch * plane + p] += w * Math.sin(vals[ch] * d2r); cosSum[ch]![p] += w * Math.cos(vals[ch] * d2r); }
        }
      }
    }
  }
  for (let ch = 0; ch < C; ch++) {
    const base = ch * plane;
    if (mode[ch] === 'mean') for (let p = 0; p < plane; p++) { if (wsum![p] > 0) img[base + p] /= wsum![p]; }
    const cs = cosSum[ch];
    if (cs) for (let p = 0; p < plane; p++) { const sn = img[base + p]; img[base + p] = sn === 0 && cs[p] === 0 ? 0 : Math.atan2(sn, cs[p]) / d2r; }
  }
  return img;
}
