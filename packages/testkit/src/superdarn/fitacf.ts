import type { DmapRecordInput } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { convectionVelocity, syntheticRadar, type SyntheticRadar } from './radars.js';

/** Options of {@link makeFitacfRecords}. */
export interface SyntheticFitacfOptions {
  seed: number;
  /** Radar (code, stid or object). */
  radar: string | number | SyntheticRadar;
  /** Start time (ms or Date). */
  start: Date | number;
  /** Duration in minutes (a real file is 120 min; tests use a few). */
  minutes: number;
  /** Seconds per beam integration (3 s: a 16-beam scan per minute). */
  inttSeconds: number;
  /** Range gates (nrang), first range (km), range separation (km). */
  nrang: number;
  frang: number;
  rsep: number;
  /** Fraction of gates with a good fit (default 0.25). */
  fill: number;
}

/** Defaults: 10 minutes of normal-scan data from Saskatoon. */
export const DEFAULT_SYNTHETIC_FITACF_OPTIONS: SyntheticFitacfOptions = {
  seed: 1, radar: 'sas', start: Date.UTC(2014, 0, 1, 4, 0), minutes: 10, inttSeconds: 3, nrang: 75, frang: 180, rsep: 45, fill: 0.25,
};

const sh = (v: number) => ({ type: 'short' as const, value: v });
const it = (v: number) => ({ type: 'int' as const, value: v });
const fl = (v: number) => ({ type: 'float' as const, value: v });
const ch = (v: number) => ({ type: 'char' as const, value: v });
const st = (v: string) => ({ type: 'string' as const, value: v });
const f32 = (a: ArrayLike<number>) => ({ type: 'float' as const, dims: [a.length], data: Float32Array.from(a) });
const i16 = (a: ArrayLike<number>) => ({ type: 'short' as const, dims: [a.length], data: Int16Array.from(a) });
const i8 = (a: ArrayLike<number>) => ({ type: 'char' as const, dims: [a.length], data: Int8Array.from(a) });

/**
 * Synthetic FITACF records (RST fitacf 2.5 layout: the 49 required scalars, `ptab`, `ltab`,
 * `pwr0`, and per-good-gate `slist`, `v`, `p_l`, `w_l`, `gflg`, … arrays) of one radar sweeping
 * its beams in order. Velocities follow the two-cell convection pattern along each beam (site
 * geographic coordinates used as a magnetic proxy), ~15% of echoes are ground scatter (v ≈ 0,
 * gflg = 1). Records with no echoes omit the per-gate arrays, as real files do.
 */
export function makeFitacfRecords(options: Partial<SyntheticFitacfOptions> = {}): DmapRecordInput[] {
  const o = { ...DEFAULT_SYNTHETIC_FITACF_OPTIONS, ...options };
  const radar = typeof o.radar === 'object' ? o.radar : syntheticRadar(o.radar);
  const rng = new Rng(o.seed).fork(radar.code);
  const t0 = typeof o.start === 'number' ? o.start : o.start.getTime();
  const n = Math.floor((o.minutes * 60) / o.inttSeconds);
  const ptab = [0, 14, 22, 24, 27, 31, 42, 43];
  const ltab = [0, 0, 42, 43, 22, 24, 24, 27, 27, 31, 22, 27, 24, 31, 14, 22, 22, 31, 14, 24, 31, 42, 31, 43, 14, 27, 0, 14, 27, 42, 27, 43, 14, 31, 24, 42, 24, 43, 22, 42, 22, 43, 0, 22, 0, 24, 43, 43];
  const records: DmapRecordInput[] = [];
  const activity = rng.uniform(0.2, 0.8);
  for (let r = 0; r < n; r++) {
    const time = t0 + r * o.inttSeconds * 1000 + rng.int(0, 40);
    const t = new Date(time);
    const bmnum = r % radar.beams;
    const bmazm = radar.boresight + (bmnum - (radar.beams - 1) / 2) * radar.bmsep;
    const slist: number[] = [];
    for (let g = 5; g < o.nrang; g++) if (rng.next() < o.fill * Math.exp(-(((g - 30) / 25) ** 2)) * 2) slist.push(g);
    const ut = (time / 3_600_000) % 24;
    const mlat = radar.lat + 12; // crude magnetic proxy for the pattern only
    const gflg = slist.map(() => (rng.next() < 0.15 ? 1 : 0));
    const v = slist.map((g, k) => {
      if (gflg[k]) return rng.normal(0, 5);
      const lat = Math.min(89, mlat + (g * o.rsep * Math.cos((bmazm * Math.PI) / 180)) / 111);
      const { north, east } = convectionVelocity(lat, (ut + radar.lon / 15 + 24) % 24, activity);
      const a = (bmazm * Math.PI) / 180;
      return north * Math.cos(a) + east * Math.sin(a) + rng.normal(0, 30);
    });
    const scalars: DmapRecordInput['scalars'] = {
      'radar.revision.major': ch(1), 'radar.revision.minor': ch(18), 'origin.code': ch(1), 'origin.time': st(t.toUTCString()),
      'origin.command': st('make_fit -fitacf-version 2.5 (testkit)'), cp: sh(153), stid: sh(radar.stid),
      'time.yr': sh(t.getUTCFullYear()), 'time.mo': sh(t.getUTCMonth() + 1), 'time.dy': sh(t.getUTCDate()), 'time.hr': sh(t.getUTCHours()),
      'time.mt': sh(t.getUTCMinutes()), 'time.sc': sh(t.getUTCSeconds()), 'time.us': it(t.getUTCMilliseconds() * 1000),
      txpow: sh(9000), nave: sh(rng.int(20, 35)), atten: sh(0), lagfr: sh(1200), smsep: sh(300), ercod: sh(0), 'stat.agc': sh(0), 'stat.lopwr': sh(0),
      'noise.search': fl(rng.uniform(1, 10)), 'noise.mean': fl(rng.uniform(1, 10)), channel: sh(radar.stereo ? 1 : 0), bmnum: sh(bmnum), bmazm: fl(bmazm),
      scan: sh(bmnum === 0 ? 1 : 0), offset: sh(0), rxrise: sh(100), 'intt.sc': sh(Math.floor(o.inttSeconds)), 'intt.us': it(0), txpl: sh(300),
      mpinc: sh(1500), mppul: sh(8), mplgs: sh(23), nrang: sh(o.nrang), frang: sh(o.frang), rsep: sh(o.rsep), xcf: sh(1), tfreq: sh(rng.int(10000, 12000)),
      mxpwr: it(1073741824), lvmax: it(20000), 'fitacf.revision.major': it(2), 'fitacf.revision.minor': it(5), combf: st('testkit'),
      'noise.sky': fl(rng.uniform(1, 10)), 'noise.lag0': fl(0), 'noise.vel': fl(0),
    };
    const arrays: DmapRecordInput['arrays'] = {
      ptab: i16(ptab), ltab: { type: 'short', dims: [24, 2], data: Int16Array.from(ltab) },
      pwr0: f32(Array.from({ length: o.nrang }, () => rng.uniform(0, 30))),
    };
    if (slist.length) Object.assign(arrays, gateArrays(rng, slist, v, gflg));
    records.push({ scalars, arrays });
  }
  return records;
}

/**
 * The per-gate arrays of one FITACF record with echoes at `slist`: the given velocities `v` and
 * ground-scatter flags `gflg`, plausible random fit quantities (powers, widths, errors, nlag).
 */
export function gateArrays(rng: Rng, slist: readonly number[], v: readonly number[], gflg: readonly number[]): NonNullable<DmapRecordInput['arrays']> {
  const k = slist.length;
  const rnd = (lo: number, hi: number) => Array.from({ length: k }, () => rng.uniform(lo, hi));
  return {
    slist: i16(slist), nlag: i16(slist.map(() => rng.int(5, 20))), qflg: i8(slist.map(() => 1)), gflg: i8(gflg),
    p_l: f32(rnd(3, 40)), p_l_e: f32(rnd(0.1, 2)), p_s: f32(rnd(3, 40)), p_s_e: f32(rnd(0.1, 2)), v: f32(v), v_e: f32(rnd(5, 60)),
    w_l: f32(slist.map((_, j) => (gflg[j] ? rng.uniform(0, 30) : rng.uniform(30, 400)))), w_l_e: f32(rnd(5, 50)),
    w_s: f32(rnd(10, 300)), w_s_e: f32(rnd(5, 50)), sd_l: f32(rnd(0, 1)), sd_s: f32(rnd(0, 1)), sd_phi: f32(rnd(0, 1)),
  };
}
