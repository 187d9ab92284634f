// Golden files: every examples/<profile>-<case>.json renders to test/golden/<profile>-<case>.sh.
// Regenerate after an intended change with:  UPDATE_GOLDEN=1 npm test  (then review the diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getProfile, parseJobSpec, renderPbs, renderSlurm, validate, PROFILES } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const examples = resolve(here, '..', 'examples');
const golden = join(here, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(examples).filter((f) => f.endsWith('.json')).sort();

test('every profile has at least one golden example', () => {
  for (const name of Object.keys(PROFILES)) assert.ok(cases.some((c) => c.startsWith(`${name}-`)), `no examples/${name}-*.json`);
});

for (const file of cases) {
  const base = file.replace(/\.json$/, '');
  test(`golden: ${base}`, () => {
    const profile = getProfile(base.split('-')[0]!);
    const spec = parseJobSpec(readFileSync(join(examples, file), 'utf8'), file);
    assert.deepEqual(validate(spec, profile).filter((p) => p.severity === 'error'), []);
    const script = profile.scheduler === 'slurm' ? renderSlurm(spec, profile) : renderPbs(spec, profile);
    const path = join(golden, `${base}.sh`);
    if (update) writeFileSync(path, script); // a developer regenerating goldens, not a user write
    assert.ok(existsSync(path), `${path} missing; run UPDATE_GOLDEN=1 npm test`);
    assert.equal(script, readFileSync(path, 'utf8'), `${base}.sh differs; if intended, UPDATE_GOLDEN=1 npm test`);
    execFileSync('bash', ['-n', path]);
  });
}
