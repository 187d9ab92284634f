import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bicubicMatrix, posEmbedInterpolationMatrix } from './interpolate.js';

test('bicubic rows are partitions of unity, identity at scale 1', () => {
  const m = bicubicMatrix(14, 16, 16.1 / 14);
  for (let r = 0; r < 16; r++) {
    let s = 0;
    for (let c = 0; c < 14; c++) s += m[r * 14 + c]!;
    assert.ok(Math.abs(s - 1) < 1e-12);
  }
  const id = bicubicMatrix(5, 5);
  for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) assert.ok(Math.abs(id[r * 5 + c]! - (r === c ? 1 : 0)) < 1e-12);
});

test('uses the given scale factor (not out/in) and A = −0.75 with clamped borders', () => {
  // 4 → 2 with scale 2.1/4: src = (0 + 0.5)·4/2.1 − 0.5 = 0.452381; t = 0.452381.
  const m = bicubicMatrix(4, 2, 2.1 / 4);
  const t = 0.5 * (4 / 2.1) - 0.5;
  const A = -0.75;
  const c1 = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
  const c2 = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  // Index −1 is clamped onto 0.
  assert.ok(Math.abs(m[0]! - (c2(t + 1) + c1(t))) < 1e-12);
  assert.ok(Math.abs(m[1]! - c1(1 - t)) < 1e-12);
  assert.ok(Math.abs(m[2]! - c2(2 - t)) < 1e-12);
  // With scale = out/in (0.5) the sample point would be 0.5 instead.
  assert.notEqual(bicubicMatrix(4, 2)[1], m[1]);
});

test('2-D matrix is the Kronecker product and rejects impossible grids', () => {
  const k = posEmbedInterpolationMatrix(4, 2, 3);
  assert.equal(k.length, 6 * 16);
  const mh = bicubicMatrix(4, 2, 2.1 / 4);
  const mw = bicubicMatrix(4, 3, 3.1 / 4);
  // Output (1, 2) from input (3, 1): row-major flattening on both sides.
  assert.ok(Math.abs(k[(1 * 3 + 2) * 16 + 3 * 4 + 1]! - mh[1 * 4 + 3]! * mw[2 * 4 + 1]!) < 1e-7);
  assert.throws(() => posEmbedInterpolationMatrix(4, 2, 3, -0.5), /expected 2×3/);
});
