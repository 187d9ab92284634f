import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSchedule, scheduleFromArray } from './schedules.js';

test('constant and step schedules', () => {
  assert.equal(makeSchedule({ kind: 'constant', value: 0.1 })(1234), 0.1);
  const s = makeSchedule({ kind: 'step', base: 1, gamma: 0.5, stepSize: 10 });
  assert.deepEqual([0, 9, 10, 25].map(s), [1, 1, 0.5, 0.25]);
});

test('cosine with warm-up matches DINO cosine_scheduler (numpy formula)', () => {
  // numpy: warmup = linspace(0, 1, 3) = [0, .5, 1]; then 0.1 + .45(1 + cos(pi*i/7)), i = 0..6
  const s = makeSchedule({ kind: 'cosine', base: 1, final: 0.1, totalSteps: 10, warmupSteps: 3, warmupStart: 0 });
  assert.deepEqual([0, 1, 2].map(s), [0, 0.5, 1]);
  for (let i = 0; i < 7; i++) assert.ok(Math.abs(s(3 + i) - (0.1 + 0.45 * (1 + Math.cos((Math.PI * i) / 7)))) < 1e-15);
  assert.equal(s(3), 1);
  assert.equal(s(10), 0.1);
  assert.equal(s(100), 0.1);
  // monotone decreasing after warm-up
  for (let i = 3; i < 10; i++) assert.ok(s(i + 1) <= s(i));
});

test('bad specs fail naming the field', () => {
  assert.throws(() => makeSchedule({ kind: 'cosine', base: 1, final: 0, totalSteps: 0 }, 'lr'), /lr\.totalSteps/);
  assert.throws(() => makeSchedule({ kind: 'cosine', base: 1, final: 0, totalSteps: 5, warmupSteps: 6 }), /warmupSteps/);
  assert.throws(() => makeSchedule({ kind: 'nope' } as never, 'wd'), /wd\.kind must be one of/);
  assert.throws(() => makeSchedule({ kind: 'step', base: 1, gamma: 0.5, stepSize: 0 }), /stepSize/);
});

test('scheduleFromArray clamps past the end', () => {
  const s = scheduleFromArray([3, 2, 1]);
  assert.deepEqual([0, 2, 5].map(s), [3, 1, 1]);
  assert.throws(() => scheduleFromArray([]), /empty/);
});
