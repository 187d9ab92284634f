import { join } from 'node:path';
import { writeDmapFile, type DmapRecordInput } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { gateArrays, makeFitacfRecords } from './fitacf.js';
import { gridCell, gridRecord, type GridRadarVectors } from './grid.js';
import { syntheticRadar, type SyntheticRadar } from './radars.js';

/** Geographic (lat, lon, height km, UTC ms) → magnetic MLAT/MLON, e.g. an AACGM-v2 converter. */
export type ToMagnetic = (lat: number, lon: number, heightKm: number, timeMs: number) => { mlat: number; mlon: number };

/** Options of {@link makeFitacfGridPair}. */
export interface FitacfGridPairOptions {
  seed: number;
  /** Radar (code, stid or object). */
  radar: string | number | SyntheticRadar;
  /** Scan start (ms or Date); the GRID record spans [start, start + recordMinutes). */
  start: Date | number;
  /** Beams with echoes (default: every beam) and their gates with echoes. */
  beams?: readonly number[];
  gates: readonly number[];
  /** Line-of-sight velocity (m/s, FITACF sign) of the echo at (beam, gate). */
  velocity: (beam: number, gate: number) => number;
  /** The magnetic frame of the GRID file (the caller's AACGM-v2 converter). */
  toMagnetic: ToMagnetic;
  /** Virtual height (km) of the gates, first range and range separation (km), seconds per beam. */
  virtualHeightKm: number;
  frang: number;
  rsep: number;
  inttSeconds: number;
  /** Minutes of the GRID record (RST default 2). */
  recordMinutes: number;
}

/** Defaults: Saskatoon at 2015-01-01 04:00 UTC, gates 10–39, +300 m/s on the first half of the beams and −300 m/s on the rest. */
export const DEFAULT_FITACF_GRID_PAIR_OPTIONS: Omit<FitacfGridPairOptions, 'toMagnetic'> = {
  seed: 1, radar: 'sas', start: Date.UTC(2015, 0, 1, 4, 0), gates: Array.from({ length: 30 }, (_, i) => i + 10),
  velocity: (beam) => (beam < 8 ? 300 : -300), virtualHeightKm: 300, frang: 180, rsep: 45, inttSeconds: 3, recordMinutes: 2,
};

/** One echo of the pair: where the testkit placed it (geographic ground point, magnetic cell) and its velocity. */
export interface PairEcho {
  beam: number; gate: number; v: number;
  lat: number; lon: number; mlat: number; mlon: number;
  /** RST grid cell index of the echo. */
  cell: number;
}

const RE_KM = 6371.2;
const rad = Math.PI / 180;

/**
 * Ground point below the centre of a gate, computed here independently of the packages: spherical
 * Earth (6371.2 km), slant range frang + rsep·(gate + ½) to a reflection at `heightKm`, the central
 * angle from the triangle (Re, Re + h, slant range), great-circle destination along `azimuthDeg`.
 */
export function pairGatePoint(lat: number, lon: number, azimuthDeg: number, slantKm: number, heightKm: number): { lat: number; lon: number } {
  const rh = RE_KM + heightKm;
  const theta = Math.acos(Math.min(1, (RE_KM ** 2 + rh ** 2 - slantKm ** 2) / (2 * RE_KM * rh)));
  const p1 = lat * rad, az = azimuthDeg * rad;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(theta) + Math.cos(p1) * Math.sin(theta) * Math.cos(az));
  const l2 = lon * rad + Math.atan2(Math.sin(az) * Math.sin(theta) * Math.cos(p1), Math.cos(theta) - Math.sin(p1) * Math.sin(p2));
  return { lat: p2 / rad, lon: ((((l2 / rad) + 540) % 360) - 180) };
}

/** Initial bearing (deg from north) from (lat1, lon1) to (lat2, lon2). */
function bearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * rad, p2 = lat2 * rad, dl = (lon2 - lon1) * rad;
  return Math.atan2(Math.sin(dl) * Math.cos(p2), Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl)) / rad;
}

const median = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };

/**
 * A matching FITACF/GRID pair of one radar and one scan: FITACF records (one scan, known velocities
 * on the given beams and gates, no ground scatter) and the GRID record RST's make_grid would make from
 * them: each echo's gate centre, placed here by spherical geometry, converted by `toMagnetic`, binned
 * into RST's equal-area 1° cells ({@link gridCell}, cell centre as vector position, southern MLAT
 * negative), the median velocity of each cell with the FITACF sign, kvect the beam's magnetic
 * azimuth at the gate. Returns both record lists and the echoes.
 */
export function makeFitacfGridPair(options: Partial<FitacfGridPairOptions> & { toMagnetic: ToMagnetic }): { fitacf: DmapRecordInput[]; grid: DmapRecordInput[]; echoes: PairEcho[] } {
  const o = { ...DEFAULT_FITACF_GRID_PAIR_OPTIONS, ...options };
  const radar = typeof o.radar === 'object' ? o.radar : syntheticRadar(o.radar);
  const beams = new Set(o.beams ?? Array.from({ length: radar.beams }, (_, b) => b));
  const start = typeof o.start === 'number' ? o.start : o.start.getTime();
  const rng = new Rng(o.seed).fork(`pair.${radar.code}`);
  const fitacf = makeFitacfRecords({ seed: o.seed, radar, start, minutes: (radar.beams * o.inttSeconds) / 60, inttSeconds: o.inttSeconds, frang: o.frang, rsep: o.rsep, fill: 0 });
  const echoes: PairEcho[] = [];
  for (const rec of fitacf) {
    const s = rec.scalars;
    const bmnum = s.bmnum!.value as number, bmazm = s.bmazm!.value as number;
    if (!beams.has(bmnum)) continue;
    const time = Date.UTC(s['time.yr']!.value as number, (s['time.mo']!.value as number) - 1, s['time.dy']!.value as number,
      s['time.hr']!.value as number, s['time.mt']!.value as number, s['time.sc']!.value as number);
    const v = o.gates.map((g) => o.velocity(bmnum, g));
    Object.assign(rec.arrays!, gateArrays(rng, o.gates, v, o.gates.map(() => 0)));
    for (const [k, gate] of o.gates.entries()) {
      const slant = o.frang + o.rsep * (gate + 0.5);
      const g = pairGatePoint(radar.lat, radar.lon, bmazm, slant, o.virtualHeightKm);
      const m = o.toMagnetic(g.lat, g.lon, o.virtualHeightKm, time);
      const c = gridCell(Math.abs(m.mlat), m.mlon);
      echoes.push({ beam: bmnum, gate, v: v[k]!, lat: g.lat, lon: g.lon, mlat: m.mlat, mlon: m.mlon, cell: c.index });
    }
  }
  const south = echoes.some((e) => e.mlat < 0);
  const cells = new Map<number, PairEcho[]>();
  for (const e of echoes) cells.set(e.cell, [...(cells.get(e.cell) ?? []), e]);
  const vec: GridRadarVectors = { mlat: [], mlon: [], kvect: [], index: [], vel: [], velSd: [], pwr: [], pwrSd: [], wdt: [], wdtSd: [], channel: radar.stereo ? 1 : 0 };
  for (const [index, es] of [...cells.entries()].sort((a, b) => a[0] - b[0])) {
    const e0 = es[0]!;
    const c = gridCell(Math.abs(e0.mlat), e0.mlon);
    // kvect: magnetic bearing of the beam at the gate (towards the next gate along the beam)
    const next = pairGatePoint(radar.lat, radar.lon, radar.boresight + (e0.beam - (radar.beams - 1) / 2) * radar.bmsep, o.frang + o.rsep * (e0.gate + 1.5), o.virtualHeightKm);
    const m2 = o.toMagnetic(next.lat, next.lon, o.virtualHeightKm, start);
    const vs = es.map((e) => e.v), mean = vs.reduce((a, b) => a + b, 0) / vs.length;
    vec.mlat.push(south ? -c.mlat : c.mlat); vec.mlon.push(c.mlon); vec.index.push(index);
    vec.kvect.push(bearing(e0.mlat, e0.mlon, m2.mlat, m2.mlon)); vec.vel.push(median(vs));
    vec.velSd.push(Math.sqrt(vs.reduce((a, b) => a + (b - mean) ** 2, 0) / vs.length) + 5);
    vec.pwr.push(rng.uniform(5, 30)); vec.pwrSd.push(rng.uniform(1, 3)); vec.wdt.push(rng.uniform(50, 300)); vec.wdtSd.push(rng.uniform(10, 40));
  }
  const { scalars, arrays } = gridRecord(rng, start, o.recordMinutes * 60_000, [{ radar, v: vec }]);
  return { fitacf, grid: [{ scalars, arrays }], echoes };
}

/**
 * Writes {@link makeFitacfGridPair} as `DIR/fitacf/YYYYMMDD.HHMM.00.CODE.fitacf` and
 * `DIR/grid/YYYYMMDD.CODE.grdmap` (separate folders, so each can be gridded alone); returns the paths and echoes.
 */
export async function writeFitacfGridPair(dir: string, options: Partial<FitacfGridPairOptions> & { toMagnetic: ToMagnetic }): Promise<{ fitacf: string; grid: string; echoes: PairEcho[] }> {
  const o = { ...DEFAULT_FITACF_GRID_PAIR_OPTIONS, ...options };
  const radar = typeof o.radar === 'object' ? o.radar : syntheticRadar(o.radar);
  const iso = new Date(o.start).toISOString();
  const day = iso.slice(0, 10).replace(/-/g, ''), hm = iso.slice(11, 16).replace(':', '');
  const pair = makeFitacfGridPair({ ...o, radar });
  const fitacf = join(dir, 'fitacf', `${day}.${hm}.00.${radar.code}.fitacf`), grid = join(dir, 'grid', `${day}.${radar.code}.grdmap`);
  await writeDmapFile(fitacf, pair.fitacf);
  await writeDmapFile(grid, pair.grid);
  return { fitacf, grid, echoes: pair.echoes };
}
