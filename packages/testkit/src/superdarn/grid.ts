import type { DmapRecordInput } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { SYNTHETIC_RADARS, convectionVelocity, type SyntheticRadar } from './radars.js';

/** Options of {@link makeGridRecords}. */
export interface SyntheticGridOptions {
  seed: number;
  /** UTC day start (ms or Date); records start here. */
  start: Date | number;
  /** Duration in hours (default 24). */
  hours: number;
  /** Minutes per record (RST default 2). */
  recordMinutes: number;
  /** Radars contributing (default: all synthetic radars). */
  radars: readonly SyntheticRadar[];
  /** 'grid' (grdmap) or 'map' (cnvmap: adds the fitted potential fields). */
  kind: 'grid' | 'map';
  /** Probability that a radar has no echoes in a record (default 0.15). */
  dropout: number;
}

/** Defaults: one day of 2-minute records from every synthetic radar. */
export const DEFAULT_SYNTHETIC_GRID_OPTIONS: SyntheticGridOptions = {
  seed: 1, start: Date.UTC(2014, 0, 1), hours: 24, recordMinutes: 2, radars: SYNTHETIC_RADARS, kind: 'grid', dropout: 0.15,
};

type Arrays = DmapRecordInput['arrays'];
const s = (v: number) => ({ type: 'short' as const, value: v });
const d = (v: number) => ({ type: 'double' as const, value: v });
const f32 = (a: ArrayLike<number>) => ({ type: 'float' as const, dims: [a.length], data: Float32Array.from(a) });
const i16 = (a: ArrayLike<number>) => ({ type: 'short' as const, dims: [a.length], data: Int16Array.from(a) });

function timeScalars(prefix: 'start' | 'end', ms: number): DmapRecordInput['scalars'] {
  const t = new Date(ms);
  return {
    [`${prefix}.year`]: s(t.getUTCFullYear()), [`${prefix}.month`]: s(t.getUTCMonth() + 1), [`${prefix}.day`]: s(t.getUTCDate()),
    [`${prefix}.hour`]: s(t.getUTCHours()), [`${prefix}.minute`]: s(t.getUTCMinutes()), [`${prefix}.second`]: d(t.getUTCSeconds()),
  };
}

/** RST-style equal-area grid cell of (mlat, mlon): centre and index 1000·floor(mlat) + lon bin. */
export function gridCell(mlat: number, mlon: number): { mlat: number; mlon: number; index: number } {
  const latBin = Math.floor(mlat);
  const nlon = Math.max(1, Math.round(360 * Math.cos(((latBin + 0.5) * Math.PI) / 180)));
  const lonBin = Math.floor((((mlon % 360) + 360) % 360) / (360 / nlon));
  return { mlat: latBin + 0.5, mlon: (lonBin + 0.5) * (360 / nlon), index: 1000 * latBin + lonBin };
}

/**
 * One vector set of one radar: cells of its field of view with LOS velocities from the two-cell
 * pattern at this UT (plus noise), kvect = LOS azimuth (deg from magnetic north).
 */
function radarVectors(rng: Rng, radar: SyntheticRadar, utHours: number, activity: number) {
  const n = rng.int(8, 40);
  const cells = new Map<number, { mlat: number; mlon: number; index: number }>();
  for (let k = 0; k < n * 2 && cells.size < n; k++) {
    const c = gridCell(Math.abs(radar.fovMlat) + rng.normal(0, 4), radar.fovMlon + rng.normal(0, 12));
    if (c.mlat < 45 || c.mlat > 89.5) continue;
    cells.set(c.index, radar.fovMlat < 0 ? { ...c, mlat: -c.mlat } : c); // southern radars: negative MLAT, as RST writes them
  }
  const out = { mlat: [] as number[], mlon: [] as number[], kvect: [] as number[], index: [] as number[], vel: [] as number[], velSd: [] as number[],
    pwr: [] as number[], pwrSd: [] as number[], wdt: [] as number[], wdtSd: [] as number[], channel: [] as number[] };
  const channel = radar.stereo ? rng.int(1, 2) : 0;
  for (const c of [...cells.values()].sort((a, b) => a.index - b.index)) {
    const mlt = (((c.mlon / 15 + utHours - 5) % 24) + 24) % 24;
    const { north, east } = convectionVelocity(Math.abs(c.mlat), mlt, activity);
    const kvect = radar.boresight + rng.normal(0, 20) + (c.mlon - radar.fovMlon) * 0.5;
    const k = (kvect * Math.PI) / 180;
    const vel = north * Math.cos(k) + east * Math.sin(k) + rng.normal(0, 40);
    out.mlat.push(c.mlat); out.mlon.push(c.mlon); out.index.push(c.index); out.kvect.push(kvect);
    out.vel.push(vel); out.velSd.push(Math.abs(rng.normal(40, 20)) + 5);
    out.pwr.push(Math.abs(rng.normal(15, 6)) + 1); out.pwrSd.push(Math.abs(rng.normal(3, 1)));
    out.wdt.push(Math.abs(rng.normal(150, 70)) + 10); out.wdtSd.push(Math.abs(rng.normal(30, 10)));
    out.channel.push(channel);
  }
  return { ...out, channel };
}

/** Per-vector arrays of one radar in a GRID record (`channel`: the radar's channel). */
export interface GridRadarVectors {
  mlat: number[]; mlon: number[]; kvect: number[]; index: number[]; vel: number[]; velSd: number[];
  pwr: number[]; pwrSd: number[]; wdt: number[]; wdtSd: number[]; channel: number;
}

/**
 * One GRID record spanning [start, start + step) from per-radar vector sets: the per-radar arrays
 * (`stid`, `channel`, `nvec`, `freq`, …) and, when any radar has vectors, the `vector.*` arrays.
 */
export function gridRecord(rng: Rng, start: number, step: number, per: readonly { radar: SyntheticRadar; v: GridRadarVectors }[]): { scalars: DmapRecordInput['scalars']; arrays: Arrays } {
  const scalars = { ...timeScalars('start', start), ...timeScalars('end', start + step) };
  const arrays: Arrays = {
    stid: i16(per.map((p) => p.radar.stid)), channel: i16(per.map((p) => p.v.channel)), nvec: i16(per.map((p) => p.v.mlat.length)),
    freq: f32(per.map(() => rng.uniform(9000, 14000))), 'major.revision': i16(per.map(() => 2)), 'minor.revision': i16(per.map(() => 0)),
    'program.id': i16(per.map(() => 1)), 'noise.mean': f32(per.map(() => rng.uniform(1, 5))), 'noise.sd': f32(per.map(() => rng.uniform(0.1, 1))),
    gsct: i16(per.map(() => 0)), 'v.min': f32(per.map(() => 35)), 'v.max': f32(per.map(() => 2000)), 'p.min': f32(per.map(() => 3)),
    'p.max': f32(per.map(() => 50)), 'w.min': f32(per.map(() => 10)), 'w.max': f32(per.map(() => 1000)), 've.min': f32(per.map(() => 0)), 've.max': f32(per.map(() => 200)),
  };
  const cat = (f: (v: GridRadarVectors, p: SyntheticRadar) => number[]) => per.flatMap((p) => f(p.v, p.radar));
  if (per.some((p) => p.v.mlat.length > 0)) {
    Object.assign(arrays, {
      'vector.mlat': f32(cat((v) => v.mlat)), 'vector.mlon': f32(cat((v) => v.mlon)), 'vector.kvect': f32(cat((v) => v.kvect)),
      'vector.stid': i16(cat((v, p) => v.mlat.map(() => p.stid))), 'vector.channel': i16(cat((v) => v.mlat.map(() => v.channel))),
      'vector.index': { type: 'int', dims: [cat((v) => v.index).length], data: Int32Array.from(cat((v) => v.index)) },
      'vector.vel.median': f32(cat((v) => v.vel)), 'vector.vel.sd': f32(cat((v) => v.velSd)),
      'vector.pwr.median': f32(cat((v) => v.pwr)), 'vector.pwr.sd': f32(cat((v) => v.pwrSd)),
      'vector.wdt.median': f32(cat((v) => v.wdt)), 'vector.wdt.sd': f32(cat((v) => v.wdtSd)),
    });
  }
  return { scalars, arrays };
}

/**
 * Synthetic GRID (grdmap) or MAP (cnvmap) records with the fields and types of real RST files:
 * per-radar arrays (`stid`, `channel`, `nvec`, `freq`, …) and per-vector arrays (`vector.mlat`,
 * `vector.mlon`, `vector.kvect`, `vector.stid`, `vector.channel`, `vector.index`,
 * `vector.vel.median`, …). Records where no radar has echoes omit every `vector.*` array, as real
 * files do. Seeded: the same options give the same records.
 */
export function makeGridRecords(options: Partial<SyntheticGridOptions> = {}): DmapRecordInput[] {
  const o = { ...DEFAULT_SYNTHETIC_GRID_OPTIONS, ...options };
  const rng = new Rng(o.seed);
  const t0 = typeof o.start === 'number' ? o.start : o.start.getTime();
  const step = o.recordMinutes * 60_000;
  const n = Math.round((o.hours * 60) / o.recordMinutes);
  const records: DmapRecordInput[] = [];
  let activity = rng.uniform(0.2, 0.6);
  for (let r = 0; r < n; r++) {
    activity = Math.min(1, Math.max(0, activity + rng.normal(0, 0.03)));
    const start = t0 + r * step;
    const ut = ((start / 3_600_000) % 24 + 24) % 24;
    const per: { radar: SyntheticRadar; v: ReturnType<typeof radarVectors> }[] = [];
    for (const radar of o.radars) if (rng.next() >= o.dropout) per.push({ radar, v: radarVectors(rng.fork(`${r}.${radar.code}`), radar, ut, activity) });
    if (per.length === 0) { // keep one radar listed with no vectors, so the per-radar arrays are never empty
      const v = radarVectors(rng.fork(`${r}.empty`), o.radars[0], ut, activity);
      for (const k of Object.keys(v) as (keyof typeof v)[]) if (Array.isArray(v[k])) (v[k] as number[]).length = 0;
      per.push({ radar: o.radars[0], v });
    }
    const { scalars, arrays } = gridRecord(rng, start, step, per);
    if (o.kind === 'map') addMapFields(rng, scalars, arrays, activity, o.radars.every((x) => x.fovMlat < 0) ? -1 : 1);
    records.push({ scalars, arrays });
  }
  return records;
}

function addMapFields(rng: Rng, scalars: DmapRecordInput['scalars'], arrays: Arrays, activity: number, hemisphere: 1 | -1): void {
  const order = 8;
  const nc = (order + 1) ** 2;
  const potDrop = (20 + 80 * activity) * 1000;
  Object.assign(scalars, {
    'map.major.revision': s(2), 'map.minor.revision': s(0), source: { type: 'string', value: 'testkit' }, 'doping.level': s(1),
    'model.wt': s(1), 'error.wt': s(1), 'IMF.flag': s(1), 'IMF.delay': s(10), 'IMF.Bx': d(rng.normal(0, 3)), 'IMF.By': d(rng.normal(0, 4)),
    'IMF.Bz': d(-6 * activity + rng.normal(0, 1)), 'IMF.Vx': d(400 + 200 * activity), 'IMF.tilt': d(0), 'IMF.Kp': d(1 + 5 * activity),
    'model.angle': { type: 'string', value: 'Bz-' }, 'model.level': { type: 'string', value: '2<BT<4' }, 'model.tilt': { type: 'string', value: 'DP-' },
    'model.name': { type: 'string', value: 'TS18' }, hemisphere: s(hemisphere), noigrf: s(0), 'fit.order': s(order), latmin: { type: 'float', value: 60 - 8 * activity },
    'chi.sqr': d(rng.uniform(100, 1000)), 'chi.sqr.dat': d(rng.uniform(50, 500)), 'rms.err': d(rng.uniform(50, 200)),
    'lon.shft': { type: 'float', value: 0 }, 'lat.shft': { type: 'float', value: 0 }, 'mlt.start': d(0), 'mlt.end': d(0), 'mlt.av': d(0),
    'pot.drop': d(potDrop), 'pot.drop.err': d(potDrop * 0.05), 'pot.max': d(potDrop / 2), 'pot.max.err': d(500), 'pot.min': d(-potDrop / 2), 'pot.min.err': d(500),
  });
  const N: number[] = [], M: number[] = [], C: number[] = [], E: number[] = [];
  for (let l = 0; l <= order; l++) for (let m = 0; m <= l; m++) for (const sgn of m === 0 ? [0] : [m, -m]) {
    // Scaled by 1/√((l+m)!/(l−m)!) so every term is of the size of the potential (unnormalised P_l^m grow
    // like that), as in real fits: the fitted E×B drift stays at hundreds of m/s.
    let f = 1;
    for (let k = l - m + 1; k <= l + m; k++) f *= k;
    N.push(l); M.push(sgn); C.push(rng.normal(0, potDrop / (1 + l * l) / 3 / Math.sqrt(f))); E.push(rng.uniform(1, 100));
  }
  // RST's boundary condition Φ = 0 at latmin (x = −1, where only m = 0 terms survive, P_l(−1) = (−1)^l): fix a_00.
  C[0] = -N.reduce((acc, l, k) => (k > 0 && M[k] === 0 ? acc + C[k]! * (-1) ** l : acc), 0);
  const dbl = (a: number[]) => ({ type: 'double' as const, dims: [a.length], data: Float64Array.from(a) });
  if (N.length !== nc) throw new Error(`internal: ${N.length} coefficients for order ${order}`);
  const bLon = Array.from({ length: 73 }, (_, i) => i * 5);
  Object.assign(arrays, {
    N: dbl(N), 'N+1': dbl(M), 'N+2': dbl(C), 'N+3': dbl(E),
    'model.mlat': f32([65.5, 70.5, 75.5]), 'model.mlon': f32([10, 130, 250]), 'model.kvect': f32([0, 90, 180]), 'model.vel.median': f32([200, 300, 100]),
    'boundary.mlat': f32(bLon.map((l) => 60 - 8 * activity + 3 * Math.cos((l * Math.PI) / 180))), 'boundary.mlon': f32(bLon),
  });
}
