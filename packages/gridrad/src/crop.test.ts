import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cropAndPatch } from './crop.js';
import { applyFillPolicy } from './fill.js';

test('cropAndPatch lays patches out as (i, j, c, P, P) like the original reshape/transpose', () => {
  const S = 6, P = 3;
  const ch = [0, 1].map((c) => Float32Array.from({ length: S * S }, (_, k) => c * 1000 + k));
  const { crop, patches } = cropAndPatch(ch, S, P);
  assert.deepEqual(crop.shape, [2, 6, 6]);
  assert.deepEqual(patches.shape, [2, 2, 2, 3, 3]);
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let c = 0; c < 2; c++) for (let r = 0; r < 3; r++) for (let q = 0; q < 3; q++) {
    const got = patches.data[((((i * 2 + j) * 2 + c) * 3 + r) * 3) + q];
    assert.equal(got, crop.data[c * 36 + (i * 3 + r) * 6 + j * 3 + q]);
  }
  assert.throws(() => cropAndPatch(ch, 6, 4), /multiple of patch size 4/);
  assert.throws(() => cropAndPatch([new Float32Array(5)], 6, 3), /channel 0 has 5 values/);
});

test('applyFillPolicy: drop / fill / mask / keep', () => {
  const mk = () => [Float32Array.from([1, NaN, 3]), Float32Array.from([NaN, 5, 6])];
  assert.deepEqual(applyFillPolicy(mk(), 'drop'), { invalid: 2 });
  assert.equal(applyFillPolicy([Float32Array.from([1])], 'drop').channels?.length, 1);
  assert.deepEqual(applyFillPolicy(mk(), 'fill', -1).channels!.map((c) => Array.from(c)), [[1, -1, 3], [-1, 5, 6]]);
  const m = applyFillPolicy(mk(), 'mask');
  assert.deepEqual(m.channels!.map((c) => Array.from(c)), [[1, 0, 3], [0, 5, 6], [1, 1, 0]]);
  const k = applyFillPolicy(mk(), 'keep');
  assert.ok(Number.isNaN(k.channels![0]![1]!) && k.invalid === 2);
  assert.throws(() => applyFillPolicy(mk(), 'zap' as never), /unknown fill policy 'zap'/);
});
