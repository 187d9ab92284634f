import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePt } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { withTempDir } from '@weatherlearn/test-parts';
import { checkAndRemoveTensorFilesParallel } from './check.js';

test('check: finds unloadable (and optionally non-finite) files; dry-run, quarantine, remove', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'data');
    const good = writePt({ dtype: 'float32', shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) });
    await writeFileAtomic(join(root, 'a', 'good.pt'), good);
    await writeFileAtomic(join(root, 'nan.pt'), writePt({ dtype: 'float32', shape: [2], data: Float32Array.from([1, NaN]) }));
    await writeFileAtomic(join(root, 'a', 'trunc.pt'), good.subarray(0, good.length - 40));
    mkdirSync(join(root, 'b'), { recursive: true });
    writeFileSync(join(root, 'b', 'junk.pt'), 'hello');
    writeFileSync(join(root, 'b', 'notes.txt'), 'not checked');
    const log = join(dir, 'bad.log');
    const dry = await checkAndRemoveTensorFilesParallel({ root, log, dryRun: true, workers: 2 });
    assert.equal(dry.checked, 4);
    assert.deepEqual(dry.bad.map((b) => b.path), [join(root, 'a', 'trunc.pt'), join(root, 'b', 'junk.pt')]);
    assert.ok(existsSync(join(root, 'b', 'junk.pt')));
    assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, 2);
    const q = await checkAndRemoveTensorFilesParallel({ root, log, requireFinite: true, workers: 0 });
    assert.equal(q.bad.length, 3);
    assert.match(q.bad.find((b) => b.path.endsWith('nan.pt'))!.reason, /non-finite value NaN at element 1/);
    assert.ok(!existsSync(join(root, 'a', 'trunc.pt')) && existsSync(join(`${root}.quarantine`, 'a', 'trunc.pt')));
    await writeFileAtomic(join(root, 'c.pt'), 'x');
    const rm = await checkAndRemoveTensorFilesParallel({ root, action: 'remove', workers: 0 });
    assert.deepEqual(rm.bad.map((b) => b.path), [join(root, 'c.pt')]);
    assert.ok(!existsSync(join(root, 'c.pt')) && existsSync(join(root, 'a', 'good.pt')));
  });
});
