import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contourLevels, marchingSquares } from './contour.js';

test('marching squares traces a circle: every endpoint lies on the iso-line', () => {
  const n = 41, c = 20;
  const v = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) v[r * n + k] = Math.hypot(r - c, k - c);
  const segs = marchingSquares(v, n, n, 10.5);
  assert.ok(segs.length > 40);
  for (const s of segs) for (const [r, k] of s) assert.ok(Math.abs(Math.hypot(r - c, k - c) - 10.5) < 0.2, `${r},${k}`);
  // Closed curve: every endpoint is shared by exactly two segments.
  const key = ([r, k]: [number, number]) => `${r.toFixed(6)},${k.toFixed(6)}`;
  const count = new Map<string, number>();
  for (const s of segs) for (const p of s) count.set(key(p), (count.get(key(p)) ?? 0) + 1);
  assert.ok([...count.values()].every((x) => x === 2));
  assert.deepEqual(marchingSquares(v, n, n, 100), []);
  assert.throws(() => marchingSquares(v, n, n + 1, 1), /values for/);
});

test('contourLevels', () => {
  assert.deepEqual(contourLevels(-7, 7, 3), [-6, -3, 0, 3, 6]);
  assert.deepEqual(contourLevels(-7, 7, 3, true), [-6, -3, 3, 6]);
});
