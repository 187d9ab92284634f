import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { describeRange, intArg, numberArg, numberListArg } from './cli-args.js';

test('intArg parses decimal integers in range and names flag, range and value otherwise', () => {
  const p = intArg('--batch-size', { min: 1 });
  assert.equal(p('8'), 8);
  assert.equal(p(' 12 '), 12);
  for (const bad of ['x', '0', '-3', '1.5', '1e3', '', '0x10', '99999999999999999999']) {
    assert.throws(() => p(bad), (e: unknown) => e instanceof InvalidArgumentError && e.message === `--batch-size must be an integer >= 1, got '${bad}'`, bad);
  }
  assert.equal(intArg('--offset')('-7'), -7);
  assert.throws(() => intArg('--port', { min: 0, max: 65535 })('70000'), /^InvalidArgumentError: --port must be an integer from 0 to 65535, got '70000'$/);
  assert.throws(() => intArg('--n')('a'), /--n must be an integer, got 'a'/);
});

test('numberArg parses finite numbers with inclusive or exclusive bounds', () => {
  assert.equal(numberArg('--lat')('-45.5'), -45.5);
  assert.equal(numberArg('--tolerance', { above: 0 })('1e-4'), 1e-4);
  assert.throws(() => numberArg('--tolerance', { above: 0 })('0'), /--tolerance must be a number > 0, got '0'/);
  assert.throws(() => numberArg('--x')('Infinity'), /--x must be a number, got 'Infinity'/);
  assert.throws(() => numberArg('--x')(' '), /--x must be a number, got ' '/);
  assert.throws(() => numberArg('--f', { min: 0, max: 1 })('1.5'), /--f must be a number from 0 to 1, got '1.5'/);
});

test('numberListArg parses comma-separated numbers and rejects the whole list on one bad item', () => {
  assert.deepEqual(numberListArg('--mean')('0.5,-1,2e3'), [0.5, -1, 2000]);
  assert.throws(() => numberListArg('--std', { above: 0 })('1,0'), /--std must be a comma-separated list of numbers > 0, got '1,0'/);
});

test('describeRange words every kind of bound', () => {
  assert.deepEqual([describeRange({}), describeRange({ min: 1 }), describeRange({ above: 0 }), describeRange({ max: 9 }), describeRange({ min: 0, max: 9 }), describeRange({ above: 0, max: 1 })],
    ['', '>= 1', '> 0', '<= 9', 'from 0 to 9', '> 0 and <= 1']);
});
