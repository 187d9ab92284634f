import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, shuffledIndices, installSeededMathRandom } from './rng.js';

test('Rng is deterministic per seed and differs across seeds', () => {
  const a = new Rng(7), b = new Rng(7), c = new Rng(8);
  const xa = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(xa, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(xa, Array.from({ length: 5 }, () => c.next()));
  for (const x of xa) assert.ok(x >= 0 && x < 1);
});

test('Rng state round-trips: a restored generator continues the same stream', () => {
  const a = new Rng(3);
  for (let i = 0; i < 10; i++) a.next();
  const st = a.getState();
  const rest = Array.from({ length: 5 }, () => a.next());
  const b = new Rng(99);
  b.setState(st);
  assert.deepEqual(Array.from({ length: 5 }, () => b.next()), rest);
  assert.throws(() => b.setState([1, 2]), /4 unsigned 32-bit/);
});

test('Rng is roughly uniform', () => {
  const r = new Rng(1);
  const bins = new Array(10).fill(0);
  for (let i = 0; i < 20000; i++) bins[Math.floor(r.next() * 10)]++;
  for (const b of bins) assert.ok(b > 1800 && b < 2200, `bin count ${b}`);
});

test('shuffledIndices is a permutation, pure in (seed, epoch), different across epochs', () => {
  const p = shuffledIndices(50, 4, 0);
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(p, shuffledIndices(50, 4, 0));
  assert.notDeepEqual(p, shuffledIndices(50, 4, 1));
  assert.notDeepEqual(p, shuffledIndices(50, 5, 0));
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
