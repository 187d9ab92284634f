import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJobSpec, parseJobSpec } from './load.js';
import { JobSpecError } from './problem.js';

test('loadJobSpec reads a file and names it in every error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-jobspec-'));
  try {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'a', walltime: '00:10:00', command: 'echo hi' }));
    assert.equal((await loadJobSpec(good)).name, 'a');
    await assert.rejects(loadJobSpec(join(dir, 'none.json')), /none\.json: cannot read job spec/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"name": "a",');
    await assert.rejects(loadJobSpec(bad), /bad\.json: not valid JSON/);
    const typed = join(dir, 'typed.json');
    writeFileSync(typed, JSON.stringify({ name: 'a', walltime: 600, command: [1] }));
    await assert.rejects(loadJobSpec(typed), (e: unknown) => e instanceof JobSpecError && /typed\.json: 2 error/.test(e.message));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('parseJobSpec refuses a non-object', () => {
  assert.throws(() => parseJobSpec('[1]', 'x.json'), /x\.json: 1 error[\s\S]*must be a JSON object/);
});
