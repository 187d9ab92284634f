import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.js';
import { withTempDir, sharedDir, REPO_ROOT } from './tmp.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

test('the same seed gives the same stream, different seeds differ', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const sa = Array.from({ length: 5 }, () => a.uint32());
  assert.deepEqual(sa, Array.from({ length: 5 }, () => b.uint32()));
  assert.notDeepEqual(sa, Array.from({ length: 5 }, () => c.uint32()));
});

test('uniform and normal have the right moments', () => {
  const r = new Rng(1);
  const n = 20000;
  let su = 0, sn = 0, sn2 = 0;
  for (let i = 0; i < n; i++) { su += r.next(); const z = r.normal(); sn += z; sn2 += z * z; }
  assert.ok(Math.abs(su / n - 0.5) < 0.01);
  assert.ok(Math.abs(sn / n) < 0.03);
  assert.ok(Math.abs(sn2 / n - 1) < 0.05);
  for (let i = 0; i < 1000; i++) { const k = r.int(3, 5); assert.ok(k >= 3 && k <= 5); }
});

test('shuffle is a permutation and fork is deterministic', () => {
  const xs = new Rng(5).shuffle([...Array(50).keys()]);
  assert.deepEqual([...xs].sort((p, q) => p - q), [...Array(50).keys()]);
  assert.equal(new Rng(9).fork('file-a').uint32(), new Rng(9).fork('file-a').uint32());
  assert.notEqual(new Rng(9).fork('file-a').uint32(), new Rng(9).fork('file-b').uint32());
});

test('temp dirs are removed and the repo root is found', async () => {
  const d = await withTempDir((dir) => dir);
  assert.equal(existsSync(d), false);
  assert.ok(existsSync(join(REPO_ROOT, 'package.json')));
  const s = sharedDir();
  if (s) assert.ok(existsSync(s));
});
