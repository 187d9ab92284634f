import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, fnv1a32, type RngState } from './rng.js';

const draws = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.uint32());

test('matches an independent sfc32/splitmix32 reference (Python, arbitrary-precision ints)', () => {
  // Values computed by a separate Python implementation of splitmix32 → sfc32 (12 warm-up draws).
  assert.deepEqual(draws(new Rng(42), 4), [1028872839, 2516511472, 400437680, 853279530]);
  // fromKey(7, 'day1/a.nc') seeds with fnv1a32('7:day1/a.nc') ^ (7 · 0x9e3779b1 mod 2³²).
  assert.deepEqual(draws(Rng.fromKey(7, 'day1/a.nc'), 3), [32698768, 2123968536, 3772450158]);
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
});

test('the same seed gives the same stream, different seeds differ', () => {
  const sa = draws(new Rng(42), 5);
  assert.deepEqual(draws(new Rng(42), 5), sa);
  assert.notDeepEqual(draws(new Rng(43), 5), sa);
  assert.deepEqual(draws(new Rng(2 ** 32 + 42), 5), sa, 'seeds are reduced mod 2³²');
  assert.throws(() => new Rng(Number.NaN), /Rng: seed must be a finite number, got NaN/);
  assert.throws(() => Rng.fromKey(Infinity, 'k'), /Rng.fromKey: seed must be a finite number/);
});

test('fromKey depends only on (seed, key)', () => {
  const a = draws(Rng.fromKey(1, 'x/y.nc'), 3);
  assert.deepEqual(draws(Rng.fromKey(1, 'x/y.nc'), 3), a);
  assert.notDeepEqual(draws(Rng.fromKey(2, 'x/y.nc'), 3), a);
  assert.notDeepEqual(draws(Rng.fromKey(1, 'x/y.nc2'), 3), a);
  const firsts = new Set(Array.from({ length: 500 }, (_, i) => Rng.fromKey(3, `f${i}`).uint32()));
  assert.equal(firsts.size, 500);
});

test('uniform, int and normal have the right moments and ranges', () => {
  const r = new Rng(1);
  const n = 20000;
  let su = 0, sn = 0, sn2 = 0;
  for (let i = 0; i < n; i++) { su += r.next(); const z = r.normal(); sn += z; sn2 += z * z; }
  assert.ok(Math.abs(su / n - 0.5) < 0.01, `mean of next() ${su / n}`);
  assert.ok(Math.abs(sn / n) < 0.03, `mean of normal() ${sn / n}`);
  assert.ok(Math.abs(sn2 / n - 1) < 0.05, `variance of normal() ${sn2 / n}`);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) { const k = r.int(3, 5); assert.ok(k >= 3 && k <= 5); seen.add(k); }
  assert.deepEqual([...seen].sort(), [3, 4, 5]);
  assert.equal(r.int(7, 7), 7);
  assert.throws(() => r.int(5, 3), /Rng.int: need finite lo <= hi, got \[5, 3\]/);
  for (let i = 0; i < 100; i++) { const u = r.uniform(-2, 3); assert.ok(u >= -2 && u < 3); }
  const z = r.normals(4000, 10, 2);
  const m = z.reduce((s, v) => s + v, 0) / z.length;
  assert.ok(Math.abs(m - 10) < 0.15, `mean of normals ${m}`);
  assert.throws(() => r.normals(-1), /n must be a non-negative integer/);
});

test('shuffle is a permutation, pick stays in the list, fork is deterministic', () => {
  const xs = new Rng(5).shuffle([...Array(50).keys()]);
  assert.notDeepEqual(xs, [...Array(50).keys()]);
  assert.deepEqual([...xs].sort((p, q) => p - q), [...Array(50).keys()]);
  assert.deepEqual(new Rng(5).shuffle([...Array(50).keys()]), xs);
  const r = new Rng(6);
  const picked = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])));
  assert.deepEqual([...picked].sort(), ['a', 'b', 'c']);
  assert.throws(() => r.pick([]), /cannot pick from an empty list/);
  assert.equal(new Rng(9).fork('file-a').uint32(), new Rng(9).fork('file-a').uint32());
  assert.notEqual(new Rng(9).fork('file-a').uint32(), new Rng(9).fork('file-b').uint32());
  const parent = new Rng(9);
  assert.notEqual(parent.fork('x').uint32(), parent.fork('x').uint32(), 'successive forks differ');
});

test('state() / restore() resume exactly, through JSON, including a cached normal', () => {
  const r = new Rng(11);
  draws(r, 7);
  r.normal(); // leaves the second Box–Muller value cached
  const saved = JSON.parse(JSON.stringify(r.state())) as RngState;
  assert.equal(saved.algorithm, 'sfc32');
  assert.equal(typeof saved.spare, 'number');
  const expected = [r.normal(), r.normal(), r.uint32(), r.next()];
  const back = Rng.fromState(saved);
  assert.deepEqual([back.normal(), back.normal(), back.uint32(), back.next()], expected);
  const other = new Rng(99).restore(saved);
  assert.deepEqual([other.normal(), other.normal(), other.uint32(), other.next()], expected);
  assert.equal(new Rng(3).state().spare, null);
});

test('restore() rejects states that are not sfc32 states', () => {
  const r = new Rng(1);
  const bad: unknown[] = [
    null,
    { algorithm: 'xoshiro128**', s: [1, 2, 3, 4], spare: null },
    { algorithm: 'sfc32', s: [1, 2, 3], spare: null },
    { algorithm: 'sfc32', s: [1, 2, 3, -4], spare: null },
    { algorithm: 'sfc32', s: [1, 2, 3, 2 ** 32], spare: null },
    { algorithm: 'sfc32', s: [1, 2, 3, 4], spare: 'x' },
  ];
  for (const b of bad) assert.throws(() => r.restore(b as RngState), TypeError, JSON.stringify(b));
  const before = r.state();
  assert.throws(() => r.restore({ algorithm: 'sfc32', s: [1, 2, 3, 4.5], spare: null } as unknown as RngState), /Rng.restore/);
  assert.deepEqual(r.state(), before, 'a rejected restore leaves the state unchanged');
});

test('epochOrder: a permutation, pure in (n, seed, epoch), drawn from streamFor(seed, "epoch-order", epoch)', async () => {
  const { epochOrder, streamFor } = await import('./rng.js');
  const p = epochOrder(50, 4, 0);
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(p, epochOrder(50, 4, 0));
  assert.notDeepEqual(p, epochOrder(50, 4, 1));
  assert.notDeepEqual(p, epochOrder(50, 5, 0));
  const r = streamFor(4, 'epoch-order', 2);
  const want = Array.from({ length: 10 }, (_, i) => i);
  for (let i = 9; i > 0; i--) { const j = r.int(0, i); [want[i], want[j]] = [want[j]!, want[i]!]; }
  assert.deepEqual(Array.from(epochOrder(10, 4, 2)), want);
  assert.deepEqual(Array.from(epochOrder(0, 1, 0)), []);
  assert.throws(() => epochOrder(-1, 1, 0), /n must be a non-negative integer/);
  assert.throws(() => epochOrder(3, 1, 1.5), /epoch must be/);
});
