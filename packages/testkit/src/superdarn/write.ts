import { join } from 'node:path';
import { writeDmapFile } from '@weatherlearn/tensor-io';
import { makeGridRecords, type SyntheticGridOptions } from './grid.js';
import { makeFitacfRecords, type SyntheticFitacfOptions } from './fitacf.js';
import { SYNTHETIC_RADARS, syntheticRadar, type SyntheticRadar } from './radars.js';

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}
function hm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16).replace(':', '');
}
const ms = (t: Date | number): number => (typeof t === 'number' ? t : t.getTime());

/**
 * Writes one synthetic GRID (`YYYYMMDD.north.grdmap[.bz2]`) or MAP (`YYYYMMDD.north.map[.bz2]`)
 * day file into `dir` (created when missing) as real DMAP; returns its path. With one radar the
 * name is per radar: `YYYYMMDD.CODE.grdmap`.
 */
export async function writeSyntheticGridFile(
  dir: string, options: Partial<SyntheticGridOptions> & { bz2?: boolean } = {},
): Promise<string> {
  const { bz2 = false, ...o } = options;
  const start = ms(o.start ?? Date.UTC(2014, 0, 1));
  const radars = o.radars ?? SYNTHETIC_RADARS;
  const who = radars.length === 1 ? radars[0].code : radars.every((r) => r.fovMlat < 0) ? 'south' : 'north';
  const path = join(dir, `${ymd(start)}.${who}.${o.kind === 'map' ? 'map' : 'grdmap'}${bz2 ? '.bz2' : ''}`);
  await writeDmapFile(path, makeGridRecords({ ...o, start, radars }), { bz2: bz2 ? 1 : false });
  return path;
}

/**
 * Writes synthetic FITACF files named like real ones (`YYYYMMDD.HHMM.00.CODE.fitacf[.bz2]`), one
 * per radar and per `fileMinutes` block between `start` and `start + minutes`; returns the paths.
 */
export async function writeSyntheticFitacfFiles(
  dir: string,
  options: Partial<Omit<SyntheticFitacfOptions, 'radar'>> & { radars?: (string | SyntheticRadar)[]; fileMinutes?: number; bz2?: boolean } = {},
): Promise<string[]> {
  const { radars = ['sas', 'pgr', 'inv'], fileMinutes = 120, bz2 = false, ...o } = options;
  const start = ms(o.start ?? Date.UTC(2014, 0, 1, 4, 0));
  const minutes = o.minutes ?? 10;
  const paths: string[] = [];
  for (const key of radars) {
    const radar = typeof key === 'string' ? syntheticRadar(key) : key;
    for (let t = start; t < start + minutes * 60_000; t += fileMinutes * 60_000) {
      const len = Math.min(fileMinutes, (start + minutes * 60_000 - t) / 60_000);
      const path = join(dir, `${ymd(t)}.${hm(t)}.00.${radar.code}.fitacf${bz2 ? '.bz2' : ''}`);
      await writeDmapFile(path, makeFitacfRecords({ ...o, radar, start: t, minutes: len, seed: (o.seed ?? 1) + t / 60_000 }), { bz2: bz2 ? 1 : false });
      paths.push(path);
    }
  }
  return paths;
}
