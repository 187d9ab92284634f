import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '@weatherlearn/engine/rng';
import { shuffledIndices, installSeededMathRandom } from './rng.js';

test('shuffledIndices is a permutation, pure in (seed, epoch), different across epochs', () => {
  const p = shuffledIndices(50, 4, 0);
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(p, shuffledIndices(50, 4, 0));
  assert.notDeepEqual(p, shuffledIndices(50, 4, 1));
  assert.notDeepEqual(p, shuffledIndices(50, 5, 0));
});

test('shuffledIndices draws from the engine Rng (Fisher–Yates with Rng.int)', () => {
  const seed = 4, epoch = 2, n = 10;
  const rng = new Rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca77)) >>> 0);
  const want = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = rng.int(0, i); [want[i], want[j]] = [want[j]!, want[i]!]; }
  assert.deepEqual(Array.from(shuffledIndices(n, seed, epoch)), want);
});

test('installSeededMathRandom routes Math.random through the generator and restores it', () => {
  const original = Math.random;
  const restore = installSeededMathRandom(new Rng(5));
  const got = [Math.random(), Math.random()];
  restore();
  assert.equal(Math.random, original);
  const r = new Rng(5);
  assert.deepEqual(got, [r.next(), r.next()]);
});
