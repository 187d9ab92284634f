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

test('joinSegments: a circle iso-line becomes one closed polyline, two blobs two lines', async () => {
  const { joinSegments } = await import('./contour.js');
  const n = 41;
  const v = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) v[r * n + k] = Math.hypot(r - 20, k - 20);
  const segs = marchingSquares(v, n, n, 10.5);
  const lines = joinSegments(segs);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.length, segs.length + 1);
  assert.deepEqual(lines[0]![0], lines[0]![lines[0]!.length - 1], 'closed');
  for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) v[r * n + k] = Math.min(Math.hypot(r - 10, k - 10), Math.hypot(r - 30, k - 30));
  assert.equal(joinSegments(marchingSquares(v, n, n, 5.5)).length, 2);
  // Wrapped columns (0…360°): a blob across the seam is one line with wrap, two pieces without.
  const w = new Float64Array(9 * 17);
  for (let r = 0; r < 9; r++) for (let k = 0; k < 17; k++) w[r * 17 + k] = Math.hypot(r - 4, Math.min(k, 16 - k));
  assert.equal(joinSegments(marchingSquares(w, 9, 17, 2.5)).length, 2);
  assert.equal(joinSegments(marchingSquares(w, 9, 17, 2.5), 17).length, 1);
});
