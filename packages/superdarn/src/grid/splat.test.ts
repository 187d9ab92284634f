import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pixelOf, resolveGridConfig } from './config.js';
import { splatPoints } from './splat.js';

test('one point: peak at its pixel with the Gaussian falloff exp(-d²/2σ²), nothing beyond the cut', () => {
  const c = resolveGridConfig({ gridSize: 40, extent: { latMin: 50, latMax: 90, lonMin: 0, lonMax: 40 }, channels: ['vel.median', 'count'], accumulate: 'sum' });
  // 1° pixels; pixel (i, j) centred at 50.5 + i, 0.5 + j. Point exactly on the centre of (10, 20).
  const img = splatPoints({ lat: [60.5], lon: [20.5], values: [[300], [1]] }, c);
  const at = (ch: number, i: number, j: number) => img[ch * 1600 + i * 40 + j];
  assert.deepEqual(pixelOf(c, 60.5, 20.5), { row: 10, col: 20 });
  assert.ok(Math.abs(at(0, 10, 20) - 300) < 1e-4);
  assert.ok(Math.abs(at(1, 10, 20) - 1) < 1e-6);
  assert.ok(Math.abs(at(1, 11, 20) - Math.exp(-0.5)) < 1e-6); // 1° away: e^-½
  assert.ok(Math.abs(at(1, 11, 21) - Math.exp(-1)) < 1e-6); // √2° away
  assert.ok(Math.abs(at(0, 8, 20) - 300 * Math.exp(-2)) < 1e-3);
  assert.equal(at(1, 14, 20), 0); // 4° > 3σ cut
  let total = 0;
  for (let k = 0; k < 1600; k++) total += img[1600 + k];
  assert.ok(Math.abs(total - 2 * Math.PI * 0.989) < 0.1, `kernel mass ${total}`);
});

test('longitude wraps across 0/360 on a full circle; mean mode averages overlapping points; never NaN', () => {
  const c = resolveGridConfig({ gridSize: 360, extent: { latMin: 0, latMax: 90, lonMin: 0, lonMax: 360 }, channels: ['vel.median'], accumulate: 'sum' });
  // 360 columns of 1°, 360 rows of 0.25°. A point at lon 359.9 reaches column 0 too.
  const img = splatPoints({ lat: [60.125], lon: [359.5], values: [[10]] }, c);
  const row = 240; // (60.125 - 0) / 0.25 = 240.5 → row 240, centre 60.125
  assert.ok(img[row * 360 + 359] > 9.99);
  assert.ok(Math.abs(img[row * 360 + 0] - 10 * Math.exp(-0.5)) < 1e-4);
  const mean = resolveGridConfig({ ...c, accumulate: 'mean' });
  const m = splatPoints({ lat: [60.125, 60.125], lon: [100.5, 100.5], values: [[100, 300]] }, mean);
  assert.ok(Math.abs(m[row * 360 + 100] - 200) < 1e-3);
  assert.ok(Math.abs(m[row * 360 + 102] - 200) < 1e-3); // weighted mean of equal-weight points
  const empty = splatPoints({ lat: [NaN, 10], lon: [5, NaN], values: [[1, 2]] }, mean);
  assert.ok(empty.every((v) => v === 0));
});

test('config validation names the field', () => {
  assert.throws(() => resolveGridConfig({ gridSize: 1 }), /gridSize/);
  assert.throws(() => resolveGridConfig({ channels: ['vel.median', 'nope' as never] }), /unknown channel 'nope'/);
  assert.throws(() => resolveGridConfig({ extent: { latMin: 80, latMax: 50, lonMin: 0, lonMax: 360 } }), /extent/);
  assert.throws(() => resolveGridConfig({ method: 'image' as never }), /method/);
});
