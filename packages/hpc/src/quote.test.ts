import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { isDirectiveSafe, shellQuote } from './quote.js';

const TRICKY = ['plain', '', 'two words', "it's", '$HOME', '`id`', 'a;b|c&d', '"q"', 'back\\slash', 'new\nline', '*.nc', '~', "'", "''"];

test('shellQuote: bash reads every value back literally', () => {
  const script = `printf '%s\\0' ${TRICKY.map(shellQuote).join(' ')}`;
  const out = execFileSync('bash', ['-c', script], { env: { HOME: '/nowhere', PATH: process.env.PATH } }).toString();
  assert.deepEqual(out.split('\0').slice(0, -1), TRICKY);
});

test('shellQuote: plain words stay unquoted, others are single-quoted', () => {
  assert.equal(shellQuote('--config=run.json'), '--config=run.json');
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(shellQuote(''), "''");
});

test('isDirectiveSafe refuses spaces, quotes, $ and #', () => {
  assert.ok(isDirectiveSafe('logs/%x-%j.out'));
  for (const bad of ['a b', "a'b", 'a"b', '$X', 'a#b', 'a\nb', '']) assert.equal(isDirectiveSafe(bad), false, bad);
});
