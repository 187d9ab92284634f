import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asFitacf, asGrid, asMap, dmapRecordKind, encodeDmapRecord, parseDmap, readDmapFile, recordTime, type DmapRecordInput } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { gridCell, makeFitacfGridPair, makeGridRecords, writeSolarWindMapFile, writeSyntheticFitacfFiles, writeSyntheticGridFile } from './index.js';

const readDmapBytes = (r: DmapRecordInput) => parseDmap(encodeDmapRecord(r)).records[0]!;

test('synthetic GRID day file: real DMAP, 2-minute records, plausible vectors, seeded', async () => {
  await withTempDir(async (dir) => {
    const path = await writeSyntheticGridFile(dir, { seed: 3, hours: 2, bz2: true });
    assert.match(path, /20140101\.north\.grdmap\.bz2$/);
    const { records } = await readDmapFile(path);
    assert.equal(records.length, 60);
    assert.equal(dmapRecordKind(records[0]), 'grid');
    assert.equal(recordTime(records[1]).getTime() - recordTime(records[0]).getTime(), 120_000);
    let vectors = 0;
    for (const r of records) {
      const g = asGrid(r);
      const n = g['vector.mlat']?.length ?? 0;
      vectors += n;
      if (!n) continue;
      assert.equal(g['vector.index']!.length, n);
      for (let i = 0; i < n; i++) {
        assert.ok(g['vector.mlat']![i] >= 45 && g['vector.mlat']![i] <= 90);
        assert.ok(g['vector.mlon']![i] >= 0 && g['vector.mlon']![i] < 360);
        assert.ok(Math.abs(g['vector.vel.median']![i]) < 3000);
        assert.equal(g['vector.index']![i], gridCell(g['vector.mlat']![i], g['vector.mlon']![i]).index);
      }
      const nvec = Array.from(g.nvec!).reduce((a, b) => a + b, 0);
      assert.equal(nvec, n);
    }
    assert.ok(vectors > 60 * 3 * 8, `only ${vectors} vectors`);
    assert.deepEqual(makeGridRecords({ seed: 3, hours: 0.1 }), makeGridRecords({ seed: 3, hours: 0.1 }));
    assert.notDeepEqual(makeGridRecords({ seed: 3, hours: 0.1 }), makeGridRecords({ seed: 4, hours: 0.1 }));
  });
});

test('synthetic MAP file carries the fit (N..N+3 of (order+1)^2) and FITACF files are named and timed like real ones', async () => {
  await withTempDir(async (dir) => {
    const map = await writeSyntheticGridFile(dir, { kind: 'map', hours: 0.2 });
    const m = asMap((await readDmapFile(map)).records[0]);
    assert.equal(dmapRecordKind(m.record), 'map');
    assert.equal(m['N+2']!.length, (m['fit.order']! + 1) ** 2);
    const fits = await writeSyntheticFitacfFiles(dir, { radars: ['sas', 'inv'], minutes: 4, bz2: true });
    assert.equal(fits.length, 2);
    assert.match(fits[0], /20140101\.0400\.00\.sas\.fitacf\.bz2$/);
    const { records } = await readDmapFile(fits[1]);
    assert.equal(records.length, 80);
    const f = asFitacf(records[5]);
    assert.equal(f.stid, 64);
    assert.equal(f.bmnum, 5);
    const withData = records.map(asFitacf).filter((r) => r.slist);
    assert.ok(withData.length > 40);
    for (const r of withData) assert.equal(r.v!.length, r.slist!.length);
  });
});

test('FITACF/GRID pair: echoes only on the chosen beams and gates, GRID vectors = median per RST cell of the converted gates', () => {
  const shift = (lat: number, lon: number) => ({ mlat: lat + 9, mlon: (lon + 360 + 60) % 360 }); // a stand-in frame
  const { fitacf, grid, echoes } = makeFitacfGridPair({ radar: 'sas', beams: [2, 12], gates: [10, 11, 30], velocity: (b, g) => (b < 8 ? 100 + g : -200), toMagnetic: shift });
  const recs = fitacf.map((r) => asFitacf(readDmapBytes(r)));
  assert.equal(recs.length, 16, 'one 16-beam scan');
  assert.deepEqual(recs.filter((r) => r.slist).map((r) => [r.bmnum, Array.from(r.slist!), Array.from(r.v!)]), [[2, [10, 11, 30], [110, 111, 130]], [12, [10, 11, 30], [-200, -200, -200]]]);
  assert.equal(echoes.length, 6);
  // gate 30 of beam 2: slant 180 + 45·30.5 = 1552.5 km at 300 km → central angle from the triangle, 13.417° of arc from Saskatoon
  const e = echoes.find((x) => x.beam === 2 && x.gate === 30)!;
  const far = Math.acos(Math.sin(52.16 * Math.PI / 180) * Math.sin(e.lat * Math.PI / 180) + Math.cos(52.16 * Math.PI / 180) * Math.cos(e.lat * Math.PI / 180) * Math.cos((e.lon + 106.53) * Math.PI / 180)) * 180 / Math.PI;
  assert.ok(Math.abs(far - 13.417) < 0.01, `${far}`);
  const g = asGrid(readDmapBytes(grid[0]!));
  const cells = new Set(echoes.map((x) => x.cell));
  assert.deepEqual(Array.from(g['vector.index']!), [...cells].sort((a, b) => a - b));
  for (let i = 0; i < cells.size; i++) {
    const here = echoes.filter((x) => x.cell === g['vector.index']![i]);
    const c = gridCell(here[0]!.mlat, here[0]!.mlon);
    assert.ok(Math.abs(g['vector.mlat']![i]! - c.mlat) < 1e-4 && Math.abs(g['vector.mlon']![i]! - c.mlon) < 1e-3);
    const vs = here.map((x) => x.v).sort((a, b) => a - b);
    assert.ok(Math.abs(g['vector.vel.median']![i]! - (vs.length % 2 ? vs[vs.length >> 1]! : (vs[vs.length / 2 - 1]! + vs[vs.length / 2]!) / 2)) < 1e-3);
  }
});

test('solar-wind CONVMAP series: frozen coverage, and each record\'s fit moves by the known response to the previous record\'s IMF', async () => {
  await withTempDir(async (dir) => {
    const path = await writeSolarWindMapFile(dir, { seed: 5, hours: 0.5 });
    const { records } = await readDmapFile(path);
    assert.equal(records.length, 15);
    const maps = records.map((r) => asMap(r));
    const N = maps[0]!.N!, M = maps[0]!['N+1']!, base = maps[0]!['N+2']!;
    const kz = Array.from(N).findIndex((l, k) => l === 1 && M[k] === 1), ky = Array.from(N).findIndex((l, k) => l === 2 && M[k] === -1);
    for (let t = 0; t + 1 < maps.length; t++) {
      const a = maps[t]!, b = maps[t + 1]!;
      assert.deepEqual(b['vector.mlat'], a['vector.mlat'], 'coverage frozen');
      assert.equal(b.latmin, a.latmin);
      const dz = b['N+2']![kz]! - base[kz]! - 0.9 * (a['N+2']![kz]! - base[kz]!), dy = b['N+2']![ky]! - base[ky]! - 0.9 * (a['N+2']![ky]! - base[ky]!);
      assert.ok(Math.abs(dz - (-4000 * a['IMF.Bz']!) / Math.SQRT2) < 1e-6, `record ${t + 1}: Bz response`);
      assert.ok(Math.abs(dy - (3000 * a['IMF.By']!) / Math.sqrt(6)) < 1e-6, `record ${t + 1}: By response`);
      // every other coefficient only relaxes towards the base
      const other = Array.from(N).findIndex((l, k) => l === 3 && M[k] === 2);
      assert.ok(Math.abs(b['N+2']![other]! - base[other]! - 0.9 * (a['N+2']![other]! - base[other]!)) < 1e-6);
    }
    assert.ok(new Set(maps.map((m) => m['IMF.Bz'])).size === maps.length, 'an IMF per record');
  });
});
