import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { asMap, DmapRecord, readDmapFile } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { sharedDir, SHARED_MISSING } from '@weatherlearn/testkit';
import { evalMapPotential, legendreTable, mapPotentialModel } from './potential.js';
import { crossPolarCapPotential, mapDrift, potentialGrid } from './potential-grid.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

// Independent P_l^m: Rodrigues' closed form of P_l as a polynomial, differentiated m times,
// times (-1)^m (1-x^2)^(m/2) — no recurrence shared with the code under test.
function choose(n: number, k: number): number { let r = 1; for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i; return r; }
function plmDirect(l: number, m: number, x: number): number {
  const c = new Array<number>(l + 1).fill(0); // P_l(x) = sum c[p] x^p
  for (let k = 0; k <= Math.floor(l / 2); k++) c[l - 2 * k] = ((-1) ** k * choose(l, k) * choose(2 * l - 2 * k, l)) / 2 ** l;
  let d = 0;
  for (let p = m; p <= l; p++) { let f = 1; for (let i = 0; i < m; i++) f *= p - i; d += c[p]! * f * x ** (p - m); }
  return (-1) ** m * (1 - x * x) ** (m / 2) * d;
}

function directPotential(order: number, latmin: number, coef: { l: number; m: number; a: number }[], lat: number, lon: number): number {
  const thetaMax = ((90 - latmin) * Math.PI) / 180;
  const x = Math.cos((((90 - lat) * Math.PI) / 180) * (Math.PI / thetaMax));
  const phi = (lon * Math.PI) / 180;
  return coef.reduce((s, { l, m, a }) => s + a * plmDirect(l, Math.abs(m), x) * (m === 0 ? 1 : m > 0 ? Math.cos(m * phi) : Math.sin(-m * phi)), 0);
}

function syntheticMap(order: number, latmin: number, rng: Rng): { rec: DmapRecord; coef: { l: number; m: number; a: number }[] } {
  const coef: { l: number; m: number; a: number }[] = [];
  for (let l = 0; l <= order; l++) { coef.push({ l, m: 0, a: 0 }); for (let m = 1; m <= l; m++) coef.push({ l, m, a: 0 }, { l, m: -m, a: 0 }); }
  for (const c of coef) c.a = (rng.next() - 0.5) * 8000;
  const d = (v: number[]) => ({ type: 'double' as const, dims: [v.length], data: Float64Array.from(v) });
  const sh = (value: number) => ({ type: 'short' as const, value });
  const rec = new DmapRecord(
    { 'start.year': sh(2015), 'start.month': sh(3), 'start.day': sh(17), 'start.hour': sh(4), 'start.minute': sh(0), 'start.second': { type: 'double', value: 0 },
      'fit.order': sh(order), latmin: { type: 'float', value: latmin }, hemisphere: sh(1), 'lat.shft': { type: 'float', value: 0 }, 'lon.shft': { type: 'float', value: 0 } },
    { N: d(coef.map((c) => c.l)), 'N+1': d(coef.map((c) => c.m)), 'N+2': d(coef.map((c) => c.a)), 'N+3': d(coef.map(() => 1)) },
  );
  return { rec, coef };
}

test('legendreTable matches the closed-form associated Legendre functions', () => {
  for (const x of [-0.93, -0.2, 0, 0.41, 0.999]) {
    const t = legendreTable(8, x);
    for (let l = 0; l <= 8; l++) for (let m = 0; m <= l; m++) {
      const want = plmDirect(l, m, x);
      assert.ok(Math.abs(t[l * 9 + m]! - want) <= 1e-9 * Math.max(1, Math.abs(want)), `P_${l}^${m}(${x}) = ${t[l * 9 + m]} want ${want}`);
    }
  }
});

test('the MAP potential evaluated at points equals a direct Legendre sum of the coefficients', () => {
  const rng = new Rng(12);
  for (const [order, latmin] of [[8, 60], [6, 68], [4, 52]] as const) {
    const { rec, coef } = syntheticMap(order, latmin, rng);
    const model = mapPotentialModel(asMap(rec));
    for (let i = 0; i < 40; i++) {
      const lat = latmin + rng.next() * (90 - latmin), lon = rng.next() * 360;
      const want = directPotential(order, latmin, coef, lat, lon);
      const got = evalMapPotential(model, lat, lon);
      assert.ok(Math.abs(got - want) < 1e-6 * Math.max(1, Math.abs(want)), `order ${order} (${lat.toFixed(2)}, ${lon.toFixed(2)}): ${got} vs ${want}`);
    }
    assert.equal(evalMapPotential(model, latmin - 1, 10), 0, 'outside the fit');
  }
});

test('the E×B drift flows along equipotentials with |v| = |E|/B', () => {
  const { rec, coef } = syntheticMap(6, 60, new Rng(3));
  const model = mapPotentialModel(asMap(rec));
  const R = 6671.2e3, r = Math.PI / 180, h = 1e-3;
  for (const [lat, lon] of [[70, 30], [75, 200], [82, 300]] as const) {
    const v = mapDrift(model, lat, lon);
    const step = 0.05; // move 0.05° along the drift: the potential barely changes; across it, it does
    const along = evalMapPotential(model, lat + step * v.north / v.speed, lon + step * v.east / v.speed / Math.cos(lat * Math.PI / 180));
    const across = evalMapPotential(model, lat - step * v.east / v.speed, lon + step * v.north / v.speed / Math.cos(lat * Math.PI / 180));
    const base = evalMapPotential(model, lat, lon);
    assert.ok(Math.abs(along - base) < 0.05 * Math.abs(across - base), `at (${lat}, ${lon}): along ${along - base}, across ${across - base}`);
    // |E| from the direct sum (its own finite differences), B of a dipole at 300 km.
    const gLat = (directPotential(6, 60, coef, lat + h, lon) - directPotential(6, 60, coef, lat - h, lon)) / (2 * h * r * R);
    const gLon = (directPotential(6, 60, coef, lat, lon + h) - directPotential(6, 60, coef, lat, lon - h)) / (2 * h * r * R * Math.cos(lat * r));
    const B = 3.1e-5 * (6371.2 / 6671.2) ** 3 * Math.sqrt(1 + 3 * Math.sin(lat * r) ** 2);
    const want = Math.hypot(gLat, gLon) / B;
    assert.ok(Math.abs(v.speed - want) < 1e-4 * want, `speed ${v.speed} vs ${want}`);
  }
});

test('mapPotentialModel names missing or inconsistent fields', () => {
  const { rec } = syntheticMap(4, 60, new Rng(1));
  delete (rec.arrays as Record<string, unknown>)['N+2'];
  assert.throws(() => mapPotentialModel(asMap(rec)), /N, N\+1, N\+2 missing/);
  const bad = syntheticMap(4, 60, new Rng(1)).rec;
  (bad.scalars as Record<string, { type: string; value: number }>)['fit.order'] = { type: 'short', value: 2 };
  assert.throws(() => mapPotentialModel(asMap(bad)), /coefficient \d+ has degree\/order \(3, 0\) outside fit.order 2/);
});

const dir = sharedDir('fixtures/superdarn');
test('cross-polar-cap potential of the real MAP fixtures is close to the file\'s pot.drop', { skip: requirePart('shared', !dir && SHARED_MISSING) }, async () => {
  for (const f of ['dmap_test.map', 'pydarn_test.north.mp']) {
    const { records } = await readDmapFile(join(dir!, f));
    for (const r of records) {
      const map = asMap(r);
      const grid = potentialGrid(mapPotentialModel(map), 0.5, 1);
      const drop = crossPolarCapPotential(grid);
      const rel = Math.abs(drop - map['pot.drop']!) / map['pot.drop']!;
      assert.ok(rel < 0.01, `${f} record ${r.index}: evaluated ${drop.toFixed(0)} V vs pot.drop ${map['pot.drop']!.toFixed(0)} V (${(rel * 100).toFixed(2)}%)`);
      assert.ok(Math.abs(grid.max.value - map['pot.max']!) < 0.01 * map['pot.drop']!, `${f}: max ${grid.max.value} vs pot.max ${map['pot.max']}`);
      assert.ok(Math.abs(grid.min.value - map['pot.min']!) < 0.01 * map['pot.drop']!, `${f}: min ${grid.min.value} vs pot.min ${map['pot.min']}`);
    }
  }
});
