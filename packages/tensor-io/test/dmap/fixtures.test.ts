import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  asFitacf, asGrid, asMap, asRawacf, describeDmapFile, dmapRecordKind, parseDmap, readDmapFile, recordTime, writeDmap,
} from '../../src/dmap/index.js';
import { bunzip2Sync } from '../../src/bz2/index.js';
import { plain } from './helpers.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

// Expected values were obtained once with independent_check.py (Python struct + bz2).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const dir = join(resolve(repoRoot, '..', 'shared'), 'fixtures', 'superdarn');
const skip = requirePart('shared', !existsSync(dir) && 'needs ../shared (real SuperDARN fixtures)');
const f = (name: string): string => join(dir, name);
const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0);

const COUNTS: [string, number, number, string][] = [
  ['dmap_test.fitacf', 2, 10780, 'fitacf'], ['dmap_test.grid', 2, 4612, 'grid'], ['dmap_test.map', 2, 32668, 'map'],
  ['dmap_test.rawacf', 2, 73528, 'rawacf'], ['dmap_test.snd', 2, 1659, 'snd'], ['pydarn_test.north.mp', 1, 13237, 'map'],
  ['wl_20090102.00.a.wal.grdmap.bz2', 837, 700839, 'grid'], ['wl_20140101.0401.00.fhw.fitacf.bz2', 2640, 4010378, 'fitacf'],
];

test('every SuperDARN fixture parses with the independently checked record count and kind', { skip }, async () => {
  for (const [name, n, bytes, kind] of COUNTS) {
    const r = await readDmapFile(f(name));
    assert.equal(r.records.length, n, name);
    assert.deepEqual(r.skipped, []);
    assert.equal(r.compressed, name.endsWith('.bz2'));
    assert.deepEqual(r.records.map((x) => x.index), [...Array(n).keys()]);
    assert.equal(dmapRecordKind(r.records[0]), kind, name);
    // Re-encoding every record reproduces the decoded stream byte for byte.
    const decoded = name.endsWith('.bz2') ? bunzip2Sync(readFileSync(f(name))) : new Uint8Array(readFileSync(f(name)));
    assert.equal(decoded.length, bytes);
    assert.deepEqual(writeDmap(r.records), decoded, name);
  }
});

test('plain and .bz2 fixtures give identical records', { skip }, async () => {
  for (const base of ['dmap_test.fitacf', 'dmap_test.grid', 'dmap_test.map', 'dmap_test.rawacf']) {
    const a = await readDmapFile(f(base));
    const b = await readDmapFile(f(`${base}.bz2`));
    assert.equal(b.compressed, true);
    assert.deepEqual(b.records.map(plain), a.records.map(plain), base);
  }
});

test('our bz2 decoder matches the system bzip2 on the real fixtures', { skip: skip || requirePart('bzip2', spawnSync('bzip2', ['--help']).status !== 0 && 'needs the bzip2 binary (apt-get install bzip2)') }, () => {
  for (const name of ['wl_20140101.0401.00.fhw.fitacf.bz2', 'dmap_test.rawacf.bz2', 'wl_20090102.00.a.wal.grdmap.bz2']) {
    assert.deepEqual(bunzip2Sync(readFileSync(f(name))), new Uint8Array(execFileSync('bzip2', ['-dc', f(name)], { maxBuffer: 1 << 26 })), name);
  }
});

test('FITACF and RAWACF field values and typed views', { skip }, async () => {
  const fit = (await readDmapFile(f('dmap_test.fitacf'))).records.map(asFitacf);
  assert.deepEqual([fit[0].stid, fit[0]['time.yr'], fit[0]['time.mo'], fit[0]['time.dy'], fit[0]['time.hr'], fit[0]['time.mt']], [64, 2022, 11, 7, 18, 1]);
  assert.deepEqual([fit[1]['time.sc'], fit[1]['time.us'], fit[1].bmnum, fit[1].nrang], [3, 899268, 1, 75]);
  assert.equal(fit[0]['origin.time'], 'Mon Dec 12 22:06:12 2022');
  assert.equal(fit[0].v!.length, 26);
  assert.equal(fit[0].v![0], Math.fround(-3.745159149169922));
  assert.ok(Math.abs(sum(fit[0].v!) - -15762.190687179565) < 1e-6);
  assert.equal(sum(fit[1].slist!), 679);
  assert.deepEqual(fit[0].ltab!.dims, [23, 2]);
  assert.equal(recordTime(fit[1].record).toISOString(), '2022-11-07T18:01:03.899Z');

  const fhw = (await readDmapFile(f('wl_20140101.0401.00.fhw.fitacf.bz2'))).records;
  const first = asFitacf(fhw[0]);
  const last = asFitacf(fhw.at(-1)!);
  assert.deepEqual([first.stid, first.bmnum, first['time.hr'], first.v!.length, first.slist![0]], [204, 21, 4, 1, 45]);
  assert.equal(first.v![0], Math.fround(0.33390507102012634));
  // The last record has no good range gates: the per-gate arrays are undefined, not errors.
  assert.equal(last.v, undefined);
  assert.equal(last.slist, undefined);
  assert.equal(recordTime(last.record).toISOString(), '2014-01-01T06:00:52.791Z');

  const raw = (await readDmapFile(f('dmap_test.rawacf.bz2'))).records.map(asRawacf);
  assert.deepEqual([raw[0].stid, raw[0].bmnum, raw[1].bmnum, raw[0]['time.us']], [66, 6, 5, 108580]);
  assert.deepEqual(raw[0].acfd!.dims, [100, 22, 2]);
  assert.equal(raw[0].acfd!.data[0], Math.fround(7.754966735839844));
  assert.equal(raw[1].acfd!.data.at(-1), Math.fround(-2.855337142944336));
  assert.ok(Math.abs(sum(raw[0].acfd!.data as Float32Array) - 16346377.098059556) < 1e-3);
});

test('GRID and MAP field values and typed views (maps and grids without vectors allowed)', { skip }, async () => {
  const grid = (await readDmapFile(f('dmap_test.grid'))).records.map(asGrid);
  assert.deepEqual([grid[0]['start.year'], grid[0]['start.month'], grid[0]['start.hour'], grid[1]['start.minute']], [2015, 3, 20, 4]);
  assert.deepEqual(Array.from(grid[0].stid!), [64]);
  assert.equal(grid[0]['vector.mlat']!.length, 31);
  assert.equal(sum(grid[1]['vector.mlat']!), 2853);
  assert.equal(grid[1]['vector.vel.median']![0], Math.fround(53.656158447265625));

  const map = (await readDmapFile(f('dmap_test.map.bz2'))).records.map(asMap);
  assert.deepEqual(Array.from(map[1].stid!), [3, 5, 10, 9, 6, 65, 40, 64, 207, 206, 204, 205, 33]);
  assert.deepEqual([map[0]['fit.order'], map[0].latmin, map[0]['pot.drop']], [8, 68, 19779.850924110375]);
  assert.equal(map[0]['N+2']!.length, 81);
  assert.equal(map[0]['N+2']![0], -1775.4597520346642);
  assert.equal(map[1]['vector.mlat']!.length, 196);
  assert.equal(recordTime(map[1].record).toISOString(), '2011-02-14T00:04:00.000Z');

  const mp = asMap((await readDmapFile(f('pydarn_test.north.mp'))).records[0]);
  assert.deepEqual([mp['fit.order'], mp.latmin, mp['N+2']!.length, mp['vector.mlat']!.length], [6, 74, 49, 216]);

  const wal = (await readDmapFile(f('wl_20090102.00.a.wal.grdmap.bz2'))).records.map(asGrid);
  assert.equal(wal[0]['vector.mlat'], undefined);
  assert.equal(wal.at(-1)!['vector.mlat']!.length, 4);
  assert.equal(sum(wal.at(-1)!['vector.mlat']!), 220);
  assert.throws(() => asFitacf(wal[0].record), /not a FITACF record.*missing|field "stid"/);
});

test('describeDmapFile summarises kind, count, time range and stations', { skip }, async () => {
  const d = await describeDmapFile(f('wl_20090102.00.a.wal.grdmap.bz2'));
  assert.equal(d.records, 837);
  assert.equal(d.kind, 'grid');
  assert.equal(d.compressed, true);
  assert.equal(d.decodedBytes, 700839);
  assert.deepEqual(d.stations, [32]);
  assert.equal(d.timeRange!.start.slice(0, 16), '2009-01-01T22:04');
  const m = await describeDmapFile(f('dmap_test.map'), { strict: false });
  assert.deepEqual(m.stations, [3, 5, 6, 9, 10, 33, 40, 64, 65, 204, 205, 206, 207]);
  assert.equal(m.kind, 'map');
  assert.equal(m.error, undefined);
  // Parsing directly from the bytes in memory gives the same records.
  assert.equal(parseDmap(new Uint8Array(readFileSync(f('dmap_test.snd')))).records.length, 2);
});
