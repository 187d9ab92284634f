import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDmapFile } from '@weatherlearn/tensor-io';
import {
  AacgmGeolocator,
  buildTimeIndex, DatasetFromDirectory, gridRecords, recordStations, resolveGridConfig, collectFitacfPoints,
} from '../src/index.js';
import { geoToAacgmAt } from '../src/geometry/index.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(resolve(repoRoot, '..', 'shared'), 'fixtures', 'superdarn');
const skip = requirePart('shared', !existsSync(dir) && 'needs ../shared/fixtures/superdarn (real SuperDARN files) beside the repository');

const records = async (name: string) => (await readDmapFile(join(dir, name))).records;
const finite = (a: Float32Array) => a.every((v) => Number.isFinite(v));

// Fine grid for hand checks: 360×360 over 50–90° MLAT (1/9° rows) × 0–360° MLON (1° columns);
// σ = 0.25°, cut at 0.75°, 'mean' accumulation: a pixel reached by one vector holds its value.
const fine = resolveGridConfig({ gridSize: 360, sigmaDeg: 0.25, accumulate: 'mean', channels: ['vel.median', 'stid', 'kvect', 'count'] });
const px = (img: Float32Array, ch: number, row: number, col: number) => img[ch * 360 * 360 + row * 360 + col];

test('GRID fixture: default (6, 300, 300) is finite; vectors land at hand-computed pixels', { skip }, async () => {
  const recs = await records('dmap_test.grid');
  const img = gridRecords([recs[0]], resolveGridConfig());
  assert.equal(img.length, 6 * 300 * 300);
  assert.ok(finite(img));
  const f = gridRecords([recs[0]], fine);
  // vector 0: mlat 76.5, mlon 272.14 → row floor((76.5−50)·9) = floor(238.5) = 238, col floor(272.14) = 272; vel 74.52, stid 64, kvect 163.5
  assert.ok(Math.abs(px(f, 0, 238, 272) - 74.5233) < 1e-3);
  assert.ok(Math.abs(px(f, 1, 238, 272) - 64) < 1e-4);
  assert.ok(Math.abs(px(f, 2, 238, 272) - 163.5158) < 1e-3);
  // vector 2: mlat 75.5, mlon 278 → row floor(229.5) = 229, col 278; vel 94.06
  assert.ok(Math.abs(px(f, 0, 229, 278) - 94.0607) < 1e-3);
  // vector 5: mlat 78.5, mlon 282.5 → row floor(256.5) = 256, col 282; vel 101.40
  assert.ok(Math.abs(px(f, 0, 256, 282) - 101.4021) < 1e-3);
  // far from every vector (row 10 = 51.2° MLAT): nothing
  assert.equal(px(f, 3, 10, 100), 0);
});

test('MAP fixture (pydarn north.mp, 5 radars): vectors at the right pixels, one station per vector', { skip }, async () => {
  const recs = await records('pydarn_test.north.mp');
  assert.deepEqual(recordStations(recs[0]), [64, 7, 6, 65, 5]);
  const f = gridRecords(recs, fine);
  assert.ok(finite(f));
  // vector 0: mlat 78.5, mlon 272.5 → row 256, col 272; vel 206.33 (stid 64)
  assert.ok(Math.abs(px(f, 0, 256, 272) - 206.3317) < 1e-3);
  assert.ok(Math.abs(px(f, 1, 256, 272) - 64) < 1e-4);
  // vector 5: mlat 86.5, mlon 171.82 → row floor(328.5) = 328, col 171; vel 27.82
  assert.ok(Math.abs(px(f, 0, 328, 171) - 27.8199) < 1e-3);
  const flat = gridRecords(recs, resolveGridConfig({ method: 'flat' }));
  assert.equal(flat.length, 6 * 90_360);
  assert.ok(Math.abs(flat[78054] - 206.3317) < 1e-3); // vector.index 78054 holds vector 0
  assert.equal(flat[3 * 90_360 + 78054], 64); // channel 3 = stid
});

test('GRID day file (wal, 837 records): dataset of (6, 300, 300) frames, all finite, constant channel normalised without NaN', { skip }, async () => {
  const recs = await records('wl_20090102.00.a.wal.grdmap.bz2');
  const f = gridRecords([recs[345]], fine);
  // record 345 (09:34 UT), vector 0: mlat 82.5, mlon 348.51 → row floor(292.5) = 292, col 348; vel 1204.92
  assert.ok(Math.abs(px(f, 0, 292, 348) - 1204.921) < 1e-2);
  const ix = await buildTimeIndex(join(dir, 'wl_20090102.00.a.wal.grdmap.bz2'));
  assert.equal(ix.records.length, 837);
  assert.deepEqual(ix.stations, [32]);
  assert.equal(new Date(ix.start).toISOString(), '2009-01-01T22:04:00.000Z');
  const ds = await DatasetFromDirectory.open([join(dir, 'wl_20090102.00.a.wal.grdmap.bz2')], { grid: { gridSize: 300 }, statsMaxFrames: 16 });
  assert.ok(ds.length > 20, `${ds.length} samples`);
  const st = await ds.computeStats();
  assert.ok(st.std.every((s) => Number.isFinite(s) && s > 0));
  const s = await ds.get(ds.splits.train[0] ?? 0);
  assert.deepEqual(ds.sampleShape, [6, 300, 300]);
  assert.ok(finite(s.x) && finite(s.y));
});

test('FITACF fixture (fhw, stid 204): gates geolocate along the beam from Fort Hays (hand-computed gate)', { skip }, async () => {
  const recs = (await records('wl_20140101.0401.00.fhw.fitacf.bz2')).slice(0, 200);
  const pts = collectFitacfPoints(recs, ['v', 'p_l', 'w_l'], { excludeGroundScatter: false, coords: 'geo' });
  assert.ok(pts.lat.length > 100);
  for (let k = 0; k < pts.lat.length; k++) {
    assert.ok(pts.lat[k] > 30 && pts.lat[k] < 80, `lat ${pts.lat[k]}`);
    assert.ok(pts.lon[k] > -160 && pts.lon[k] < -80, `lon ${pts.lon[k]}`);
  }
  // Record 0: beam 21, bmazm 9.02°, frang 180 km, rsep 45 km, one gate (slist 45) → slant range
  // 180 + 45·45.5 = 2227.5 km. At h = 300 km: cos θ = (R² + (R+h)² − r²) / (2R(R+h)) = 0.94269,
  // θ = 19.51°; 19.51° from (38.859, −99.389) on bearing 9.02° → (58.03, −93.72).
  const one = collectFitacfPoints([recs[0]], ['v'], { excludeGroundScatter: false, coords: 'geo' });
  assert.equal(one.lat.length, 1);
  assert.ok(Math.abs(one.lat[0] - 58.03) < 0.05, `lat ${one.lat[0]}`);
  assert.ok(Math.abs(one.lon[0] - -93.72) < 0.05, `lon ${one.lon[0]}`);
  assert.equal(collectFitacfPoints([recs[0]], ['v'], { excludeGroundScatter: true }).lat.length, 0); // that echo is ground scatter
  const c = resolveGridConfig({ channels: ['v', 'p_l', 'w_l'], gridSize: 200, fitacfCoords: 'geo', extent: { latMin: 30, latMax: 80, lonMin: -180, lonMax: -60 } });
  const img = gridRecords(recs, c);
  assert.equal(img.length, 3 * 200 * 200);
  assert.ok(finite(img));
  assert.ok(img.some((v) => v !== 0));
});

test('FITACF fixture in AACGM-v2 (default): Fort Hays gates lie in its magnetic band, one trace per gate and day', { skip }, async () => {
  const recs = await records('wl_20140101.0401.00.fhw.fitacf.bz2');
  const g = new AacgmGeolocator();
  const t0 = performance.now();
  const pts = collectFitacfPoints(recs, ['v'], { excludeGroundScatter: false, aacgm: g });
  const ms = performance.now() - t0;
  // Fort Hays (38.86N, 99.39W) is at ~48° MLAT, ~−31° MLON (AACGM-v2, 2014); its fan looks poleward
  // up to ~3500 km, so gates span ~48–87° MLAT, centred west of the site's MLON.
  assert.ok(pts.lat.length > 3000);
  assert.ok(Array.from(pts.lat).every((v) => v > 47 && v < 88), `mlat ${Math.min(...pts.lat)}..${Math.max(...pts.lat)}`);
  const mean = Array.from(pts.lon).reduce((a, b) => a + b, 0) / pts.lon.length;
  assert.ok(mean > -60 && mean < 0, `mean mlon ${mean}`);
  // The hand-computed gate of record 0 (58.03N, 93.72W at 300 km) in AACGM-v2: ~67.6° MLAT.
  const one = collectFitacfPoints([recs[0]], ['v'], { excludeGroundScatter: false, aacgm: g });
  const ref = geoToAacgmAt(58.03, -93.72, 300, Date.UTC(2014, 0, 1, 4));
  assert.ok(Math.abs(one.lat[0] - ref.mlat) < 0.05 && Math.abs(one.lat[0] - 67.6) < 0.2, `mlat ${one.lat[0]}`);
  assert.ok(g.traces < 600, `${g.traces} traces for ${pts.lat.length} echoes: the cache works`);
  assert.ok(ms < 20_000, `${ms} ms`);
});

test('FITACF and GRID of the same radar (inv, stid 64) share AACGM cells; geographic FITACF cells do not', { skip }, async () => {
  // The fixtures are different days (GRID 2015-03-01, FITACF 2022-11-07 beams 0–1 only, the western
  // edge of the fan), so the echoes overlap only where those beams cross the 2015 echo region.
  const fit = await records('dmap_test.fitacf');
  const grd = await records('dmap_test.grid');
  const ext = { latMin: 50, latMax: 90, lonMin: -180, lonMax: 180 };
  const cells = (img: Float32Array, c: number, n: number) => new Set([...img.subarray(c * n * n, (c + 1) * n * n).keys()].filter((i) => img[c * n * n + i] !== 0));
  const n = 40;
  const gv = gridRecords(grd, resolveGridConfig({ channels: ['vel.median', 'coverage'], gridSize: n, extent: ext, sigmaDeg: 1 }));
  const warnings: string[] = [];
  const aacgm = new AacgmGeolocator({ onWarning: (m) => warnings.push(m) });
  const fa = gridRecords(fit, resolveGridConfig({ channels: ['v', 'coverage'], gridSize: n, extent: ext, sigmaDeg: 1 }), { excludeGroundScatter: false, aacgm });
  const fg = gridRecords(fit, resolveGridConfig({ channels: ['v', 'coverage'], gridSize: n, extent: ext, sigmaDeg: 1, fitacfCoords: 'geo' }), { excludeGroundScatter: false });
  const g = cells(gv, 1, n), a = cells(fa, 1, n), geo = cells(fg, 1, n);
  const overlap = (x: Set<number>) => [...x].filter((i) => g.has(i)).length;
  assert.ok(g.size > 0 && a.size > 0 && geo.size > 0);
  assert.ok(overlap(a) >= 3, `AACGM: ${overlap(a)} of ${a.size} FITACF cells hold GRID data`);
  assert.equal(overlap(geo), 0, 'geographic FITACF cells are elsewhere (Inuvik: 68N 134W vs ~71 MLAT, ~−85 MLON)');
  assert.equal(warnings.length, 1, '2022 is past IGRF-12: one warning');
});
