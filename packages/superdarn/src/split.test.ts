import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitByTime, splitOfTime } from './split.js';
import { StatsAccumulator, normalizeSample } from './normalize.js';
import { shuffled } from './shuffle.js';

const DAY = 86_400_000;

test('split by time: whole blocks per split, 80/10/10 over 20 days, samples straddling a boundary dropped', () => {
  const c = { train: 0.8, val: 0.1, test: 0.1, blockMinutes: 1440 };
  const days = Array.from({ length: 20 }, (_, d) => splitOfTime(d * DAY + 1000, c));
  assert.equal(days.filter((s) => s === 'train').length, 16);
  assert.equal(days.filter((s) => s === 'val').length, 2);
  assert.equal(days.filter((s) => s === 'test').length, 2);
  // 10-minute samples with a 20-minute span over 40 days
  const spans = Array.from({ length: 40 * 144 }, (_, i) => ({ start: i * 600_000, end: i * 600_000 + 1_200_000 }));
  const sp = splitByTime(spans, c);
  assert.equal(sp.train.length + sp.val.length + sp.test.length + sp.dropped, spans.length);
  assert.ok(sp.dropped > 0 && sp.dropped <= 8, `${sp.dropped} dropped`); // one per train→val/val→test/test→train change
  for (const name of ['train', 'val', 'test'] as const) {
    for (const i of sp[name]) {
      assert.equal(splitOfTime(spans[i].start, c), name);
      assert.equal(splitOfTime(spans[i].end - 1, c), name); // no leakage: the target lies in the same split
    }
  }
});

test('stats: mean/std per channel; a constant or empty channel gets std 1, so normalising never makes NaN', () => {
  const acc = new StatsAccumulator(['a', 'b', 'c']);
  acc.add(Float32Array.from([1, 2, 3, 4, /* b */ 5, 5, 5, 5, /* c */ NaN, NaN, NaN, NaN]));
  acc.add(Float32Array.from([5, 6, 7, 8, 5, 5, 5, 5, NaN, NaN, NaN, NaN]));
  const st = acc.result();
  assert.ok(Math.abs(st.mean[0] - 4.5) < 1e-12);
  assert.ok(Math.abs(st.std[0] - Math.sqrt(5.25)) < 1e-12); // population std of 1..8
  assert.equal(st.std[1], 1);
  assert.equal(st.std[2], 1);
  const x = normalizeSample(Float32Array.from([1, 8, 0, 0, 5, 5, 5, 5, NaN, 1, 1, 1]), st);
  assert.ok(x.every(Number.isFinite));
  assert.ok(Math.abs(x[0] - (1 - 4.5) / Math.sqrt(5.25)) < 1e-6);
  assert.equal(x[4], 0);
});

test('shuffling is deterministic per seed and epoch and a permutation', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  assert.deepEqual(shuffled(items, 7, 0), shuffled(items, 7, 0));
  assert.notDeepEqual(shuffled(items, 7, 0), shuffled(items, 7, 1));
  assert.notDeepEqual(shuffled(items, 7, 0), items);
  assert.deepEqual(shuffled(items, 7, 3).sort((a, b) => a - b), items);
});
