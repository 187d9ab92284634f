import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWalltime, parseWalltime } from './walltime.js';
import { parseArray } from './array.js';

test('parseWalltime accepts HH:MM:SS (hours > 24 too) and refuses the rest', () => {
  assert.equal(parseWalltime('01:00:00'), 3600);
  assert.equal(parseWalltime('72:00:00'), 72 * 3600);
  assert.equal(parseWalltime('00:05:30'), 330);
  for (const bad of ['1:00', '01:60:00', '01:00:60', '1h', '', '01:00:00:00', '-1:00:00']) assert.equal(parseWalltime(bad), undefined, bad);
});

test('formatWalltime inverts parseWalltime', () => {
  for (const s of [0, 59, 3600, 3661, 259200]) assert.equal(parseWalltime(formatWalltime(s)) ?? 0, s);
  assert.equal(formatWalltime(330), '00:05:30');
});

test('parseArray: ranges, throttles, lists, steps', () => {
  assert.deepEqual(parseArray('0-3'), { indices: [0, 1, 2, 3], count: 4, min: 0, contiguous: true });
  assert.equal(parseArray('2-9%2').throttle, 2);
  assert.equal(parseArray('2-9%2').min, 2);
  const l = parseArray('5,1,3');
  assert.deepEqual([l.indices, l.contiguous], [[1, 3, 5], false]);
  assert.deepEqual(parseArray('0-6:3').indices, [0, 3, 6]);
});

test('parseArray refuses malformed, descending and huge arrays with the reason', () => {
  assert.throws(() => parseArray('a-b'), /expected/);
  assert.throws(() => parseArray('3-1'), /descending/);
  assert.throws(() => parseArray('0-100000000'), /more than/);
  assert.throws(() => parseArray('0-3%0'), /throttle/);
  assert.throws(() => parseArray('1,,2'), /bad element/);
});
