import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShard } from './shard.js';

test('parseShard accepts i/n with 0 ≤ i < n and names the expected form otherwise', () => {
  assert.deepEqual(parseShard('0/4'), { index: 0, count: 4 });
  assert.deepEqual(parseShard(' 3 / 4 '), { index: 3, count: 4 });
  assert.throws(() => parseShard('4/4'), /need 0 ≤ i < n/);
  assert.throws(() => parseShard('0/0'), /need 0 ≤ i < n and n ≥ 1/);
  assert.throws(() => parseShard('a/b'), /expected i\/n/);
  assert.throws(() => parseShard('-1/2'), /expected i\/n/);
});
