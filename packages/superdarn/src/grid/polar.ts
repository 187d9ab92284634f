import { asMap, type DmapRecord, type MapRecord } from '@weatherlearn/tensor-io';
import { mapPotentialModel, type MapPotentialModel } from '../geometry/potential.js';
import { mapDrift } from '../geometry/potential-grid.js';
import { SuperdarnDataError } from '../errors.js';

/** The six channels of a polar CONVMAP frame, in order (the 2026 original's layout). */
export const POLAR_CHANNELS = ['obs_vn', 'obs_ve', 'model_vn', 'model_ve', 'occupancy', 'boundary_dist'] as const;
/** A polar CONVMAP channel. */
export type PolarChannel = (typeof POLAR_CHANNELS)[number];
/** Per-frame conditioning scalars read from each MAP record (solar wind, fit quality). */
export const CONVMAP_SCALARS = ['IMF.Bx', 'IMF.By', 'IMF.Bz', 'IMF.Kp', 'IMF.Vx', 'pot.drop', 'chi.sqr'] as const;

/** Geometry of the azimuthal-equidistant polar grid. */
export interface PolarGridGeometry {
  /** Image side in pixels. */
  gridSize: number;
  /** Colatitude (degrees from the magnetic pole) of the grid's inscribed circle: 40 → down to 50° MLAT. */
  radiusDeg: number;
  /** Gaussian σ of the vector splat, in pixels (the original: 1.5). */
  sigmaPx: number;
  /**
   * What the polar angle of the grid is: 'mlon' (default, the original's `record_to_grid`) magnetic
   * longitude, MLON 0 at row 0; 'mlt' magnetic local time of the record (see {@link recordMlt}), angle
   * = MLT·15°, midnight at row 0, noon at the last row, dawn (06) at the right, dusk (18) at the left —
   * the usual SuperDARN convection map (noon up) when row 0 is drawn at the bottom.
   */
  orient?: PolarOrient;
}

/** Polar angle of the grid: magnetic longitude or magnetic local time. */
export type PolarOrient = 'mlon' | 'mlt';
/** The orientations, for CLI help and validation. */
export const POLAR_ORIENTS: readonly PolarOrient[] = ['mlon', 'mlt'];

/**
 * MLT (hours) of magnetic longitude 0 at the record's time: RST's `mlt.av` (the mean of `mlt.start`
 * and `mlt.end`, the MLT of MLON 0 at the record's start and end); MLT(mlon) = mlt.av + mlon/15
 * (mod 24), as RST's map tools and pyDARN's convection maps shift longitudes.
 * @throws Error naming the file and the field when the record lacks `mlt.av`
 */
export function recordMlt(map: MapRecord, file = '<records>'): number {
  const v = map['mlt.av'];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${file}: field 'mlt.av' is missing or not a number; --polar-orient mlt needs the MLT of the record (use --polar-orient mlon)`);
  return v;
}

/**
 * Centre of pixel (row, col): x = colatitude·sin(mlon), y = −colatitude·cos(mlon) (MLON 0 at the
 * bottom, increasing anticlockwise), both spanning [−radius, radius]. Returns |MLAT| and the polar
 * angle `lon` (degrees): MLON, or MLT·15° with `orient: 'mlt'`.
 */
export function polarPixelCentre(g: PolarGridGeometry, row: number, col: number): { lat: number; lon: number } {
  const x = (((col + 0.5) / g.gridSize) * 2 - 1) * g.radiusDeg;
  const y = (((row + 0.5) / g.gridSize) * 2 - 1) * g.radiusDeg;
  const lon = (Math.atan2(x, -y) * 180) / Math.PI;
  return { lat: 90 - Math.hypot(x, y), lon: (lon + 360) % 360 };
}

/** Fractional pixel coordinates (row, col) of |MLAT| and polar angle (MLON, or MLT·15°; inverse of {@link polarPixelCentre}). */
export function polarPixelOf(g: PolarGridGeometry, lat: number, lon: number): { row: number; col: number } {
  const c = 90 - Math.abs(lat), r = (lon * Math.PI) / 180;
  const x = c * Math.sin(r), y = -c * Math.cos(r);
  return { col: ((x / g.radiusDeg + 1) * g.gridSize) / 2 - 0.5, row: ((y / g.radiusDeg + 1) * g.gridSize) / 2 - 0.5 };
}

/** Gaussian splat in pixel space: Σw and Σw·v per value array; cut at 3σ. */
function splatPolar(g: PolarGridGeometry, lat: ArrayLike<number>, lon: ArrayLike<number>, values: ArrayLike<number>[]): { w: Float64Array; sums: Float64Array[] } {
  const G = g.gridSize, w = new Float64Array(G * G), sums = values.map(() => new Float64Array(G * G));
  const rad = 3 * g.sigmaPx, inv = 1 / (2 * g.sigmaPx * g.sigmaPx);
  for (let k = 0; k < lat.length; k++) {
    if (!Number.isFinite(lat[k]!) || !Number.isFinite(lon[k]!) || values.some((v) => !Number.isFinite(v[k]!))) continue;
    const p = polarPixelOf(g, lat[k]!, lon[k]!);
    for (let i = Math.max(0, Math.ceil(p.row - rad)); i <= Math.min(G - 1, Math.floor(p.row + rad)); i++) {
      for (let j = Math.max(0, Math.ceil(p.col - rad)); j <= Math.min(G - 1, Math.floor(p.col + rad)); j++) {
        const d2 = (i - p.row) ** 2 + (j - p.col) ** 2;
        if (d2 > rad * rad) continue;
        const wk = Math.exp(-d2 * inv), q = i * G + j;
        w[q] += wk;
        values.forEach((v, c) => { sums[c]![q] += wk * v[k]!; });
      }
    }
  }
  return { w, sums };
}

/** Latitude (absolute degrees) of the Heppner–Maynard boundary at `lon`, linear in MLON with wrap-around. */
export function boundaryLatAt(map: MapRecord, lon: number): number {
  const bl = map['boundary.mlat'], bo = map['boundary.mlon'];
  if (!bl || !bo || bl.length === 0) return Math.abs(map.latmin ?? 60);
  const pts = Array.from(bo, (o, k) => [((o % 360) + 360) % 360, Math.abs(bl[k]!)] as const).sort((a, b) => a[0] - b[0]);
  if (pts.length === 1) return pts[0]![1];
  const L = ((lon % 360) + 360) % 360;
  let k = pts.findIndex((p) => p[0] > L);
  if (k < 0) k = pts.length;
  const a = pts[(k - 1 + pts.length) % pts.length]!, b = pts[k % pts.length]!;
  const span = (((b[0] - a[0]) % 360) + 360) % 360 || 360;
  const t = ((((L - a[0]) % 360) + 360) % 360) / span;
  return a[1] + t * (b[1] - a[1]);
}

/**
 * One MAP/CONVMAP record on the polar grid: (6, G, G) float32 in {@link POLAR_CHANNELS} order,
 * oriented by `g.orient` (with 'mlt' every position is rotated by 15°·{@link recordMlt}: a pixel at
 * polar angle θ holds MLON θ − 15°·mlt.av; north/east drift components do not change).
 * `occupancy` = tanh(w / median of w > 0), w the summed splat weight of the record's measured
 * vectors; `obs_vn/obs_ve` = the spherical-harmonic fit's E×B drift (m/s, north/east) where w > 0,
 * 0 elsewhere; `model_vn/model_ve` = weighted mean of the background model vectors (0 where none
 * reaches); `boundary_dist` = |MLAT| − boundary |MLAT| at the pixel's MLON (positive poleward).
 * @throws Error naming the record when it has no fit coefficients
 */
export function polarFrame(rec: DmapRecord | MapRecord, g: PolarGridGeometry, file = '<records>'): Float32Array {
  const map = asMapView(rec);
  let model: MapPotentialModel;
  try { model = mapPotentialModel(map); } catch (e) { throw new SuperdarnDataError(`${file}: polar grids need MAP/CONVMAP records with a fit: ${(e as Error).message}`, { file, ...(e instanceof SuperdarnDataError && e.offset !== undefined ? { offset: e.offset } : {}), ...(e instanceof SuperdarnDataError && e.field !== undefined ? { field: e.field } : {}) }, { cause: e }); }
  const G = g.gridSize, P = G * G, out = new Float32Array(6 * P);
  const shift = g.orient === 'mlt' ? 15 * recordMlt(map, file) : 0;
  const angle = (lons: ArrayLike<number>): number[] => Array.from(lons, (o) => o + shift);
  const vec = splatPolar(g, map['vector.mlat'] ?? [], angle(map['vector.mlon'] ?? []), []);
  const positive = Array.from(vec.w).filter((x) => x > 0).sort((a, b) => a - b);
  const median = positive.length ? positive[Math.floor(positive.length / 2)]! : 1;
  const mv = map['model.vel.median'] ?? [], mk = map['model.kvect'] ?? [];
  const vn = Array.from(mv, (v, k) => v * Math.cos((mk[k]! * Math.PI) / 180));
  const ve = Array.from(mv, (v, k) => v * Math.sin((mk[k]! * Math.PI) / 180));
  const mod = splatPolar(g, map['model.mlat'] ?? [], angle(map['model.mlon'] ?? []), [vn, ve]);
  const hemi = model.hemisphere;
  for (let i = 0; i < G; i++) {
    for (let j = 0; j < G; j++) {
      const q = i * G + j, c = polarPixelCentre(g, i, j), lat = c.lat, lon = c.lon - shift;
      if (vec.w[q]! > 0) {
        const d = mapDrift(model, hemi * lat, lon);
        out[q] = d.north; out[P + q] = d.east;
        out[4 * P + q] = Math.tanh(vec.w[q]! / median);
      }
      const wm = mod.w[q]!;
      if (wm > 0) { out[2 * P + q] = mod.sums[0]![q]! / wm; out[3 * P + q] = mod.sums[1]![q]! / wm; }
      out[5 * P + q] = lat - boundaryLatAt(map, lon);
    }
  }
  return out;
}

/** A MAP view of a raw record (a view passes through). */
function asMapView(rec: DmapRecord | MapRecord): MapRecord {
  return typeof (rec as DmapRecord).scalar === 'function' ? asMap(rec as DmapRecord) : (rec as MapRecord);
}

/** The record's {@link CONVMAP_SCALARS}; 0 for a missing field or RST's IMF fill value (|IMF.*| ≥ 9999: no IMF data). */
export function convmapScalars(rec: DmapRecord | MapRecord): number[] {
  const map = asMapView(rec);
  return CONVMAP_SCALARS.map((k) => { const v = map[k]; return typeof v === 'number' && Number.isFinite(v) && !(k.startsWith('IMF.') && Math.abs(v) >= 9999) ? v : 0; });
}

/** The mean polar frame and mean scalars of a window's records (empty window: zeros). */
export function polarWindow(records: readonly DmapRecord[], g: PolarGridGeometry, file?: string): { data: Float32Array; scalars: number[] } {
  const data = new Float32Array(6 * g.gridSize * g.gridSize), scalars = new Array<number>(CONVMAP_SCALARS.length).fill(0);
  for (const r of records) {
    const f = polarFrame(r, g, file);
    for (let k = 0; k < f.length; k++) data[k] += f[k]! / records.length;
    convmapScalars(r).forEach((v, k) => { scalars[k] += v / records.length; });
  }
  return { data, scalars };
}
