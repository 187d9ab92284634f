import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelStatsAccumulator, channelMoments, sampleMoments } from './channel-stats.js';

test('channelMoments skips non-finite values and gives count, mean, squared deviations, min, max', () => {
  assert.deepEqual(channelMoments([1, NaN, 3, Infinity, 5]), [3, 3, 8, 1, 5]);
  assert.deepEqual(channelMoments([9, 2, 4, 9], 1, 2), [2, 3, 2, 2, 4]);
  assert.equal(channelMoments([NaN, -Infinity]), null);
  assert.throws(() => sampleMoments(new Float32Array(5), 2), /does not split into 2 channels/);
});

test('streaming over samples equals the statistics of all values at once (population std)', () => {
  const a = Float32Array.from([1, 2, 3, 10, 20, NaN]);
  const b = Float32Array.from([4, 5, 6, 30, 40, 50]);
  const acc = new ChannelStatsAccumulator(2);
  acc.add(a); acc.add(b);
  const s = acc.summary();
  assert.deepEqual(s.count, [6, 5]);
  assert.deepEqual(s.mean, [3.5, 30]);
  assert.ok(Math.abs(s.std[0]! - Math.sqrt(17.5 / 6)) < 1e-12);
  assert.ok(Math.abs(s.std[1]! - Math.sqrt(1000 / 5)) < 1e-12);
  assert.deepEqual([s.min, s.max], [[1, 10], [6, 50]]);
  const replay = new ChannelStatsAccumulator(2);
  replay.addMoments(JSON.parse(JSON.stringify(sampleMoments(a, 2))));
  replay.addMoments(sampleMoments(b, 2));
  assert.deepEqual(replay.summary(), s);
});

test('addChannel feeds one channel; an empty channel reports count 0 and NaN statistics', () => {
  const acc = new ChannelStatsAccumulator(2);
  acc.addChannel(0, [0, 0, 9, 9], 2);
  acc.addChannel(0, [3]);
  const s = acc.summary();
  assert.deepEqual([s.count, s.mean[0], s.std[0], s.min[0], s.max[0]], [[3, 0], 7, Math.sqrt(8), 3, 9]);
  assert.ok([s.mean[1], s.std[1], s.min[1], s.max[1]].every(Number.isNaN));
});
