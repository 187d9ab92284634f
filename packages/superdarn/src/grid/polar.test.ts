import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asMap, readDmapFile } from '@weatherlearn/tensor-io';
import { boundaryLatAt, convmapScalars, polarFrame, polarPixelCentre, polarPixelOf, recordMlt, CONVMAP_SCALARS, type PolarGridGeometry } from './polar.js';
import { mapDrift, mapPotentialModel, potentialGrid } from '../geometry/index.js';
import { gridRecords } from './window.js';
import { resolveGridConfig } from './config.js';

// Issue 23 item 1: the polar CONVMAP grid on the real MAP fixtures beside the repository.
const SD = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', '..', 'shared', 'fixtures', 'superdarn');
const FILES = ['dmap_test.map.bz2', 'pydarn_test.north.mp'];
function needFixtures(t: TestContext): boolean {
  if (existsSync(SD)) return true;
  if (process.env.CI === 'true') assert.fail(`needs ${SD} (real SuperDARN fixtures)`);
  t.skip(`needs ${SD} (real SuperDARN fixtures beside the repository)`);
  return false;
}
const G: PolarGridGeometry = { gridSize: 60, radiusDeg: 40, sigmaPx: 1.5 };
const P = G.gridSize * G.gridSize;

test('polar pixel mapping: centre ↔ pixel round trip, pole at the centre, radius at the edge', () => {
  for (const [i, j] of [[0, 0], [10, 47], [59, 3], [30, 30]] as const) {
    const c = polarPixelCentre(G, i, j), p = polarPixelOf(G, c.lat, c.lon);
    assert.ok(Math.abs(p.row - i) < 1e-9 && Math.abs(p.col - j) < 1e-9, `${i},${j} → ${JSON.stringify(p)}`);
  }
  const edge = polarPixelCentre(G, 29.5, G.gridSize - 0.5); // right edge, middle row
  assert.ok(Math.abs(edge.lat - 50) < 1e-9 && Math.abs(edge.lon - 90) < 1e-9, JSON.stringify(edge));
});

test('polar CONVMAP frames of the real MAP files: finite, occupancy in [0,1], obs only where covered, drifts within the record ranges', async (t) => {
  if (!needFixtures(t)) return;
  for (const f of FILES) {
    for (const rec of (await readDmapFile(join(SD, f))).records) {
      const map = asMap(rec), fr = polarFrame(rec, G, f);
      assert.equal(fr.length, 6 * P);
      assert.ok(fr.every(Number.isFinite), `${f}: non-finite value`);
      let covered = 0, obsMax = 0, modelMax = 0;
      for (let q = 0; q < P; q++) {
        const occ = fr[4 * P + q]!;
        assert.ok(occ >= 0 && occ <= 1, `${f}: occupancy ${occ}`);
        const obs = Math.hypot(fr[q]!, fr[P + q]!);
        if (occ === 0) assert.equal(obs, 0, `${f}: obs drift where nothing was measured`); else covered++;
        obsMax = Math.max(obsMax, obs);
        modelMax = Math.max(modelMax, Math.hypot(fr[2 * P + q]!, fr[3 * P + q]!));
      }
      assert.ok(covered > 50, `${f}: only ${covered} covered pixels`);
      const vMax = Math.max(...map['vector.vel.median']!), mMax = Math.max(...map['model.vel.median']!);
      // Model channels are weighted means of the model vectors: bounded by the largest of them.
      assert.ok(modelMax <= mMax * (1 + 1e-6) && modelMax > 0.3 * mMax, `${f}: model drift ${modelMax} vs model vectors ≤ ${mMax}`);
      // The fit's drift is of the order of the measured/model speeds (a fit, not a bound: 1.5× slack), and non-trivial.
      assert.ok(obsMax <= 1.5 * Math.max(vMax, mMax) && obsMax > 0.2 * vMax, `${f}: fitted drift ${obsMax} vs vectors ≤ ${vMax}, model ≤ ${mMax}`);
    }
  }
});

test('boundary_dist is |MLAT| − the Heppner–Maynard boundary and flips sign across it along every meridian', async (t) => {
  if (!needFixtures(t)) return;
  for (const f of FILES) {
    const rec = (await readDmapFile(join(SD, f))).records[0]!, map = asMap(rec), fr = polarFrame(rec, G, f);
    const g = G.gridSize, mid = g / 2;
    // Along the column through the pole (row 0 → centre): the sign changes exactly once, − → +.
    for (const col of [mid, mid - 1]) {
      const along = Array.from({ length: mid }, (_, i) => fr[5 * P + i * g + col]!);
      const flips = along.slice(1).filter((v, k) => Math.sign(v) !== Math.sign(along[k]!)).length;
      assert.equal(flips, 1, `${f}: column ${col}: ${along.map((v) => v.toFixed(1)).join(' ')}`);
      assert.ok(along[0]! < 0 && along[mid - 1]! > 0, `${f}: equatorward negative, poleward positive`);
    }
    const c = polarPixelCentre(G, 7, 40);
    assert.ok(Math.abs(fr[5 * P + 7 * g + 40]! - (c.lat - boundaryLatAt(map, c.lon))) < 1e-4);
    // At a boundary point itself the interpolated boundary is that point's latitude.
    const bl = map['boundary.mlat']!, bo = map['boundary.mlon']!;
    assert.ok(Math.abs(boundaryLatAt(map, bo[3]!) - Math.abs(bl[3]!)) < 1e-9);
  }
});

test('pot.drop of each real record lies between the extremes of the fitted potential, within the fit resolution', async (t) => {
  if (!needFixtures(t)) return;
  for (const f of FILES) {
    for (const rec of (await readDmapFile(join(SD, f))).records) {
      const map = asMap(rec), grid = potentialGrid(mapPotentialModel(map), 0.5, 1);
      const drop = map['pot.drop']!, span = grid.max.value - grid.min.value;
      // RST searches the potential on its own coarse grid: the recorded drop matches max − min to ~2 %.
      assert.ok(Math.abs(drop - span) <= 0.02 * span, `${f}: pot.drop ${drop} vs fitted max−min ${span}`);
      assert.ok(map['pot.max']! <= grid.max.value * 1.02 && map['pot.min']! >= grid.min.value * 1.02, `${f}: pot.max/min inside the fitted extremes`);
      const s = convmapScalars(rec);
      assert.equal(s.length, CONVMAP_SCALARS.length);
      assert.equal(s[5], drop);
      assert.ok(s.slice(0, 5).every((v) => Number.isFinite(v) && Math.abs(v) < 9999), `${f}: IMF scalars ${s} (fill values become 0)`);
    }
  }
});

test("gridRecords with method 'polar' averages the window's records and the config is validated", async (t) => {
  assert.throws(() => resolveGridConfig({ method: 'polar', channels: ['vel.median'] }), /channels of method 'polar' are fixed/);
  assert.throws(() => resolveGridConfig({ method: 'polar', polarRadiusDeg: 0 }), /polarRadiusDeg/);
  if (!needFixtures(t)) return;
  const recs = (await readDmapFile(join(SD, FILES[0]!))).records;
  const c = resolveGridConfig({ method: 'polar', gridSize: G.gridSize });
  const avg = gridRecords(recs, c), a = polarFrame(recs[0]!, G), b = polarFrame(recs[1]!, G);
  for (const q of [0, 100, 3 * P + 1234, 5 * P + 17]) assert.ok(Math.abs(avg[q]! - (a[q]! + b[q]!) / 2) < 1e-3);
});

test("--polar-orient mlt: each record rotated by its mlt.av; the two-cell potential's extremes land in the dawn and dusk sectors", async (t) => {
  assert.throws(() => resolveGridConfig({ method: 'polar', polarOrient: 'utc' as never }), /polarOrient must be one of mlon, mlt/);
  assert.equal(resolveGridConfig({ method: 'polar' }).polarOrient, 'mlon', "the original's orientation by default");
  if (!needFixtures(t)) return;
  const MLT: PolarGridGeometry = { ...G, orient: 'mlt' }, g = G.gridSize, mid = g / 2;
  for (const f of FILES) {
    for (const rec of (await readDmapFile(join(SD, f))).records) {
      const map = asMap(rec), model = mapPotentialModel(map), shift = 15 * recordMlt(map, f);
      // mlon orientation is today's grid: the default and 'mlon' give the same frame, pixel angle = MLON.
      const byLon = polarFrame(rec, G, f);
      assert.deepEqual(polarFrame(rec, { ...G, orient: 'mlon' }, f), byLon);
      const rot = polarFrame(rec, MLT, f);
      assert.notDeepEqual(rot, byLon);
      // A pixel at polar angle θ holds MLON θ − 15·mlt.av: boundary distance and fitted drift evaluated there.
      let checked = 0;
      for (let q = 0; q < P; q += 7) {
        const c = polarPixelCentre(MLT, Math.floor(q / g), q % g), lon = c.lon - shift;
        assert.ok(Math.abs(rot[5 * P + q]! - (c.lat - boundaryLatAt(map, lon))) < 1e-3, `${f}: boundary_dist at ${q}`);
        if (rot[4 * P + q]! > 0) {
          const d = mapDrift(model, c.lat, lon);
          assert.ok(Math.abs(rot[q]! - d.north) < 1e-2 && Math.abs(rot[P + q]! - d.east) < 1e-2, `${f}: drift at ${q}`);
          checked++;
        }
      }
      assert.ok(checked > 5, `${f}: ${checked} covered pixels checked`);
      // The fitted potential's maximum (dawn cell, positive in the north) sits right of the noon–midnight
      // line (06 MLT side) and its minimum (dusk cell) left of it, whatever the UT; rotating moves them there.
      const pg = potentialGrid(model, 1, 2);
      const at = (e: { lat: number; lon: number }) => polarPixelOf(MLT, e.lat, e.lon + shift);
      const mltOf = (lon: number) => (((recordMlt(map) + lon / 15) % 24) + 24) % 24;
      assert.ok(mltOf(pg.max.lon) > 0 && mltOf(pg.max.lon) < 12, `${f}: potential max at ${mltOf(pg.max.lon)} MLT (dawn)`);
      assert.ok(mltOf(pg.min.lon) > 12 && mltOf(pg.min.lon) < 24, `${f}: potential min at ${mltOf(pg.min.lon)} MLT (dusk)`);
      assert.ok(at(pg.max).col > mid && at(pg.min).col < mid, `${f}: max at column ${at(pg.max).col}, min at ${at(pg.min).col} (dawn right, dusk left)`);
    }
  }
  const noMlt = asMap((await readDmapFile(join(SD, FILES[0]!))).records[0]!);
  delete (noMlt as unknown as Record<string, unknown>)['mlt.av'];
  assert.throws(() => polarFrame(noMlt, MLT, 'x.map'), /x\.map: field 'mlt\.av'/);
});
