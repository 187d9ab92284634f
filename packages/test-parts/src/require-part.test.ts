import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KNOWN_MISSING_FILE, readKnownMissing, requirePart, strictFailure } from './require-part.js';
import { withTempDir } from './temp-dir.js';


const helper = pathToFileURL(fileURLToPath(new URL('./require-part.ts', import.meta.url))).href;

/** Runs a one-test file that needs a missing SLURM, with the given CI value; returns the exit code and TAP. */
function runNeedingSlurm(dir: string, ci: string | undefined): { code: number | null; out: string } {
  const file = join(dir, 'needs.test.mjs');
  writeFileSync(file, `import { test } from 'node:test';\nimport { requirePart } from '${helper}';\n`
    + `test('uses slurm', { skip: requirePart('slurm', 'sbatch not installed') }, () => {});\n`);
  const env: Record<string, string | undefined> = { ...process.env, CI: ci };
  if (ci === undefined) delete env.CI;
  delete env.NODE_TEST_CONTEXT; // else the child thinks it is a subprocess of this runner
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('a present part never skips; a missing one skips with the part and the reason', () => {
  assert.equal(requirePart('slurm', false), false);
  assert.equal(requirePart('slurm', undefined), false);
  assert.equal(strictFailure('slurm', 'x', false, []), undefined);
});

test('under CI a missing part fails unless it is a known exception', () => {
  assert.match(strictFailure('radosgw', 'radosgw not installed', true, []) ?? '', /missing part "radosgw" under CI=true: radosgw not installed/);
  assert.equal(strictFailure('radosgw', 'radosgw not installed', true, [{ part: 'radosgw', reason: 'no Ceph on arm64' }]), undefined);
  assert.match(strictFailure('radosgw', 'r', true, [{ part: 'slurm', reason: 'other part' }]) ?? '', /radosgw/);
});

test('the known-exceptions file is validated, naming the entry and field', async () => {
  assert.ok(Array.isArray(readKnownMissing(KNOWN_MISSING_FILE)), '.ci/known-missing.json parses');
  await withTempDir((dir) => {
    const f = join(dir, 'k.json');
    writeFileSync(f, '[{"part":"slurm","reason":"ok"},{"part":"slurmm","reason":"typo"}]');
    assert.throws(() => readKnownMissing(f), /k\.json\[1\]\.part: "slurmm" is not one of/);
    writeFileSync(f, '[{"part":"slurm"}]');
    assert.throws(() => readKnownMissing(f), /k\.json\[0\]\.reason/);
    writeFileSync(f, '{');
    assert.throws(() => readKnownMissing(f), /k\.json: not valid JSON/);
    assert.deepEqual(readKnownMissing(join(dir, 'absent.json')), []);
  });
});

test('a test file needing a missing part: skipped locally, failed naming the part under CI=true', async () => {
  await withTempDir((dir) => {
    const local = runNeedingSlurm(dir, undefined);
    assert.equal(local.code, 0, local.out);
    assert.match(local.out, /# SKIP needs slurm: sbatch not installed/);
    assert.match(local.out, /^# skipped 1$/m);
    const ci = runNeedingSlurm(dir, 'true');
    assert.equal(ci.code, 1, ci.out);
    assert.match(ci.out, /not ok \d+ - required part "slurm" is available/);
    assert.match(ci.out, /missing part "slurm" under CI=true: sbatch not installed/);
  });
});
