import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveHyperslab } from './hyperslab.js';

test('resolveHyperslab fills defaults and checks every dimension', () => {
  assert.deepEqual(resolveHyperslab('f.nc', 'v', ['t', 'x'], [4, 10], {}), { start: [0, 0], count: [4, 10], stride: [1, 1] });
  assert.deepEqual(resolveHyperslab('f.nc', 'v', ['t', 'x'], [4, 10], { start: [1, 3], stride: [2, 3] }), { start: [1, 3], count: [2, 3], stride: [2, 3] });
  assert.deepEqual(resolveHyperslab('f.nc', 'v', [], [], {}), { start: [], count: [], stride: [] });
  assert.throws(() => resolveHyperslab('f.nc', 'v', ['t', 'x'], [4, 10], { start: [0, 11] }), /f\.nc \(variable v\): start 11 out of range for dimension 1 \(x, size 10\)/);
  assert.throws(() => resolveHyperslab('f.nc', 'v', ['t', 'x'], [4, 10], { start: [0, 8], count: [1, 2], stride: [1, 2] }), /exceeds dimension 1/);
  assert.throws(() => resolveHyperslab('f.nc', 'v', ['t'], [4], { count: [1.5] }), /count 1\.5/);
});
