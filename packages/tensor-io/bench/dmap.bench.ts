/**
 * DMAP parse throughput on one core: uncompressed FITACF and RAWACF (the real fixtures from
 * ../shared when present, else synthetic records), streaming (each record dropped after use).
 * "parse" validates every record and decodes its scalars (arrays are located and bounds-checked,
 * decoded on access); "parse+arrays" also materialises every array. Plus .bz2 read end to end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DmapStreamParser, readDmapRecords, writeDmap, DmapRecord } from '../src/dmap/index.js';
import { bunzip2Sync, bzip2Sync } from '../src/bz2/index.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'fixtures', 'superdarn');

function synthetic(kind: 'fitacf' | 'rawacf'): Uint8Array {
  const recs: DmapRecord[] = [];
  for (let i = 0; i < (kind === 'fitacf' ? 2000 : 100); i++) {
    const scalars: DmapRecord['scalars'] = {};
    for (let k = 0; k < 48; k++) scalars[`param.${k}`] = { type: k % 3 ? 'short' : 'float', value: k + (k % 3 ? 0 : 0.5) };
    scalars['origin.time'] = { type: 'string', value: 'Fri May  1 16:05:05 2015' };
    const arrays: DmapRecord['arrays'] = {};
    if (kind === 'fitacf') for (let k = 0; k < 20; k++) arrays[`a${k}`] = { type: 'float', dims: [12], data: new Float32Array(12).fill(k) };
    else arrays.acfd = { type: 'float', dims: [100, 22, 2], data: new Float32Array(4400).fill(1) };
    recs.push(new DmapRecord(scalars, arrays));
  }
  return writeDmap(recs);
}

function load(kind: 'fitacf' | 'rawacf'): { bytes: Uint8Array; one: Uint8Array; source: string } {
  const file = kind === 'fitacf' ? join(shared, 'wl_20140101.0401.00.fhw.fitacf.bz2') : join(shared, 'dmap_test.rawacf');
  if (!existsSync(file)) { const b = synthetic(kind); return { bytes: b, one: b, source: 'synthetic' }; }
  const raw = new Uint8Array(readFileSync(file));
  const one = kind === 'fitacf' ? bunzip2Sync(raw) : raw;
  // Repeat small files to ~16 MB so timings are not dominated by noise.
  const reps = Math.max(1, Math.round(16e6 / one.length));
  const bytes = new Uint8Array(one.length * reps);
  for (let i = 0; i < reps; i++) bytes.set(one, i * one.length);
  return { bytes, one, source: 'fixture' };
}

function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function parseAll(bytes: Uint8Array, arrays: boolean): number {
  const p = new DmapStreamParser();
  p.push(bytes);
  p.end();
  let n = 0;
  for (let r = p.next(); r; r = p.next()) {
    n++;
    if (arrays) void r.arrays;
  }
  return n;
}

function best(bytes: Uint8Array, arrays: boolean): { mbs: number; recs: number } {
  let top = { mbs: 0, recs: 0 };
  for (let rep = 0; rep < 5; rep++) {
    let n = 0;
    const s = cpuSeconds(() => { n = parseAll(bytes, arrays); });
    if (bytes.length / 1e6 / s > top.mbs) top = { mbs: bytes.length / 1e6 / s, recs: n / s };
  }
  return top;
}

export default async function (): Promise<{ name: string; value: number; unit: string }[]> {
  const rows: { name: string; value: number; unit: string }[] = [];
  for (const kind of ['fitacf', 'rawacf'] as const) {
    const { bytes, source } = load(kind);
    parseAll(bytes, true);
    const p = best(bytes, false);
    const pa = best(bytes, true);
    rows.push(
      { name: `dmap parse ${kind} (${source})`, value: Math.round(p.mbs), unit: 'MB/s' },
      { name: `dmap parse ${kind} (${source})`, value: Math.round(p.recs), unit: 'records/s' },
      { name: `dmap parse+arrays ${kind} (${source})`, value: Math.round(pa.mbs), unit: 'MB/s' },
    );
  }
  const { one } = load('fitacf');
  const bz = bzip2Sync(one);
  const t0 = performance.now();
  let n = 0;
  for await (const r of readDmapRecords(bz)) { n += r.index === undefined ? 0 : 1; }
  const s = (performance.now() - t0) / 1000;
  rows.push({ name: 'dmap read fitacf.bz2 end to end (decoded bytes)', value: Math.round(one.length / 1e6 / s), unit: 'MB/s' });
  return rows;
}
