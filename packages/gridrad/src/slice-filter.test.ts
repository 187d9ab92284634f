import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterSlices, sliceStats, type SliceStats } from './slice-filter.js';

test('sliceStats: mean, unbiased std, max deviation, non-finite flags', () => {
  const s = sliceStats(Float32Array.from([1, 2, 3, 4]));
  assert.equal(s.mean, 2.5);
  assert.ok(Math.abs(s.std - Math.sqrt(5 / 3)) < 1e-12);
  assert.equal(s.maxDev, 1.5);
  assert.equal(sliceStats(Float32Array.from([1, NaN, Infinity])).nonFinite, 'nan');
  assert.equal(sliceStats(Float32Array.from([1, -Infinity])).nonFinite, 'inf');
  assert.deepEqual(sliceStats(Float32Array.from([9, 9, 1, 2, 3, 4, 9]), 2, 4), s);
});

test('filterSlices: local, NaN and global rejections; order does not matter', () => {
  const mk = (mean: number, std = 1, maxDev = 2, nonFinite: SliceStats['nonFinite'] = null): SliceStats => ({ mean, std, maxDev, nonFinite });
  const stats = [
    ...Array.from({ length: 100 }, (_, i) => mk(i % 10)),
    mk(1e6),                   // global outlier
    mk(3, 1, 11),              // local outlier (11 > 10·1)
    mk(4, 0, 0),               // constant slice: skips the local test
    mk(NaN, NaN, NaN, 'nan'),
    mk(NaN, NaN, NaN, 'inf'),
  ];
  const r = filterSlices(stats);
  assert.equal(r.reasons.filter((x) => x === undefined).length, 101);
  assert.match(r.reasons[100]!, /^global:/);
  assert.match(r.reasons[101]!, /^local:/);
  assert.equal(r.reasons[102], undefined);
  assert.equal(r.reasons[103], 'nan');
  assert.equal(r.reasons[104], 'inf');
  assert.equal(r.global.count, 102);
  // order independence: reversing the slices gives the reversed verdicts and the same global stats
  const rev = filterSlices([...stats].reverse());
  assert.deepEqual(rev.reasons, [...r.reasons].reverse());
  assert.equal(rev.global.count, r.global.count);
  assert.ok(Math.abs(rev.global.mean - r.global.mean) < 1e-6);
  // with a looser global factor the outlier is kept
  assert.equal(filterSlices(stats, { globalMeanDeviationFactor: 1e9 }).reasons[100], undefined);
});
