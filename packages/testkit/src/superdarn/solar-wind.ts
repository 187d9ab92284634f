import { join } from 'node:path';
import { writeDmapFile, type DmapRecordInput } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { makeGridRecords } from './grid.js';

/** Options of {@link makeSolarWindMapRecords}. */
export interface SolarWindMapOptions {
  seed: number;
  /** First record's start (ms). */
  start: number;
  hours: number;
  /** Minutes per record (RST default 2). */
  recordMinutes: number;
  /** Volts of the l = 1, m = 1 (cos, dawn–dusk two-cell) coefficient added per nT of −IMF.Bz. */
  voltsPerBz: number;
  /** Volts of the l = 2, m = 1 (sin, By asymmetry) coefficient added per nT of IMF.By. */
  voltsPerBy: number;
  /** Fraction of the departure from the base pattern kept per record (mean reversion, < 1 keeps it bounded). */
  persistence: number;
}

/** Defaults: 3 hours of 2-minute records, 4 kV/nT (Bz), 3 kV/nT (By), 0.9 kept per record. */
export const DEFAULT_SOLAR_WIND_MAP_OPTIONS: SolarWindMapOptions = {
  seed: 1, start: Date.UTC(2014, 0, 1), hours: 3, recordMinutes: 2, voltsPerBz: 4000, voltsPerBy: 3000, persistence: 0.9,
};

/**
 * A CONVMAP series whose convection changes with the solar wind in a known way, as real MAP
 * records (the fields of {@link makeGridRecords} with `kind: 'map'`). Everything but the fit is
 * frozen at the first record (radars, vector positions — so coverage does not change — model
 * vectors, Heppner–Maynard boundary, `latmin`); each record carries its own IMF.By, IMF.Bz
 * (independent, N(0, 4) and N(0, 3) nT) and the other scalars as noise, and the NEXT record's
 * spherical-harmonic fit is
 *
 *   c(t + 1) = base + persistence·(c(t) − base) + Δ,  Δ[l=1, m=+1] = −voltsPerBz·Bz(t)/√2,  Δ[l=2, m=−1] = voltsPerBy·By(t)/√6
 *
 * (the √((l+m)!/(l−m)!) scaling of the generator's coefficients): the IMF a record carries drives
 * the change to the next one, so that change is predictable from the input frame's scalars and not
 * from the frame alone. Seeded.
 */
export function makeSolarWindMapRecords(options: Partial<SolarWindMapOptions> = {}): DmapRecordInput[] {
  const o = { ...DEFAULT_SOLAR_WIND_MAP_OPTIONS, ...options };
  const recs = makeGridRecords({ seed: o.seed, start: o.start, hours: o.hours, recordMinutes: o.recordMinutes, kind: 'map', dropout: 0 });
  const rng = new Rng(o.seed).fork('solar-wind');
  const first = recs[0]!, base = Float64Array.from(first.arrays['N+2']!.data as Float64Array);
  const N = first.arrays.N!.data as Float64Array, M = first.arrays['N+1']!.data as Float64Array;
  const kz = [...N].findIndex((l, k) => l === 1 && M[k] === 1), ky = [...N].findIndex((l, k) => l === 2 && M[k] === -1);
  let c = Float64Array.from(base);
  return recs.map((r) => {
    const by = rng.normal(0, 4), bz = rng.normal(0, 3);
    const arrays = { ...first.arrays, 'N+2': { type: 'double' as const, dims: [c.length], data: Float64Array.from(c) } };
    const scalars = { ...r.scalars, latmin: first.scalars.latmin!, 'IMF.By': { type: 'double' as const, value: by }, 'IMF.Bz': { type: 'double' as const, value: bz } };
    const next = Float64Array.from(c, (v, k) => base[k]! + o.persistence * (v - base[k]!));
    next[kz] += (-o.voltsPerBz * bz) / Math.SQRT2;
    next[ky] += (o.voltsPerBy * by) / Math.sqrt(6);
    c = next;
    return { scalars, arrays };
  });
}

/** Writes {@link makeSolarWindMapRecords} as one DMAP file `YYYYMMDD.north.map` in `dir`; returns its path. */
export async function writeSolarWindMapFile(dir: string, options: Partial<SolarWindMapOptions> = {}): Promise<string> {
  const start = options.start ?? DEFAULT_SOLAR_WIND_MAP_OPTIONS.start;
  const path = join(dir, `${new Date(start).toISOString().slice(0, 10).replace(/-/g, '')}.north.map`);
  await writeDmapFile(path, makeSolarWindMapRecords(options));
  return path;
}
