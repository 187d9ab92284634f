import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeScalars } from './presave.js';

test('normalizeScalars: (v − mean)/std, a zero std counts as 1, clipped to ±clip when the table has one (hand-computed)', () => {
  const table = { names: ['a', 'b', 'c'], mean: [1, 0, 10], std: [2, 0, 1] };
  assert.deepEqual([...normalizeScalars([5, 3, -40], table)], [2, 3, -50]);
  assert.deepEqual([...normalizeScalars([5, 3, -40], { ...table, clip: 2.5 })], [2, 2.5, -2.5]);
  assert.deepEqual([...normalizeScalars([1], table)], [0, 0, -10], 'missing values count as 0');
});
