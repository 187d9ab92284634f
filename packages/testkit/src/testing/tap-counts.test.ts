// The root summary's counting (scripts/tap-counts.mjs, used by scripts/run-tests.mjs) on real
// node:test TAP: a skipped `describe` must count as skipped, not vanish as Node 20 reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTap } from '../../../../scripts/tap-counts.mjs';
import { withTempDir } from '@weatherlearn/test-parts';

test('a skipped suite counts as skipped, with its reason; passes, skips and failures are counted', async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'mixed.test.mjs');
    writeFileSync(file, [
      "import { describe, test } from 'node:test';",
      "describe('real thing', { skip: 'no radosgw' }, () => { test('a', () => {}); test('b', () => {}); });",
      "describe('present', () => { test('inner skip', { skip: 'no slurm' }, () => {}); test('inner pass', () => {}); });",
      "test('fails', () => { throw new Error('x'); });",
      "test('passes', () => {});",
    ].join('\n'));
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { env, encoding: 'utf8' });
    assert.match(r.stdout, /^# skipped 1$/m, 'node itself counts only the inner skip');
    const c = countTap(r.stdout);
    assert.deepEqual(c.skippedSuites, ['real thing']);
    assert.equal(c.skipped, 2);
    assert.equal(c.pass, 2);
    assert.equal(c.fail, 1);
    assert.deepEqual(c.skipReasons, { 'no radosgw': 1, 'no slurm': 1 });
  });
});

test('cancelled tests count as failures', () => {
  const c = countTap('ok 1 - a\n# tests 3\n# pass 1\n# fail 0\n# cancelled 2\n# skipped 0\n# todo 0\n');
  assert.equal(c.fail, 2);
  assert.equal(c.tests, 3);
});
