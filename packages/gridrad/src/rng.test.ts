import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cropOffsetFor, FileRng, fnv1a32 } from './rng.js';

test('cropOffsetFor is reproducible per (seed, key) and stays in range', () => {
  const a = cropOffsetFor(7, 'day1/a.nc', 2240, 2856, 2048);
  assert.deepEqual(cropOffsetFor(7, 'day1/a.nc', 2240, 2856, 2048), a);
  assert.ok(a.y >= 0 && a.y <= 192 && a.x >= 0 && a.x <= 808);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const o = cropOffsetFor(7, `f${i}.nc`, 2240, 2856, 2048);
    assert.ok(o.y >= 0 && o.y <= 192 && o.x >= 0 && o.x <= 808, JSON.stringify(o));
    seen.add(`${o.y},${o.x}`);
  }
  assert.ok(seen.size > 150, `offsets should differ between files (${seen.size} distinct)`);
  assert.notDeepEqual(cropOffsetFor(8, 'day1/a.nc', 2240, 2856, 2048), a);
});

test('cropOffsetFor covers both ends of the range and rejects crops that do not fit', () => {
  const ys = new Set<number>();
  for (let i = 0; i < 400; i++) ys.add(cropOffsetFor(1, `k${i}`, 10, 10, 8).y);
  assert.deepEqual([...ys].sort(), [0, 1, 2]);
  assert.deepEqual(cropOffsetFor(1, 'x', 8, 8, 8), { y: 0, x: 0 });
  assert.throws(() => cropOffsetFor(1, 'x', 8, 100, 9), /crop size 9 does not fit an image of 8×100/);
});

test('FileRng and fnv1a32 are stable', () => {
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  const r = new FileRng(0, 'k');
  const v = [r.uint32(), r.uint32()];
  const r2 = new FileRng(0, 'k');
  assert.deepEqual([r2.uint32(), r2.uint32()], v);
});
