import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNpz } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { processDirectoryTree } from './process-directory-tree.js';
import { readCheckpoint } from './checkpoint.js';
import { hashTree, writeSmallGoesTree } from '../test/helpers/hash.js';
import type { Progress } from './progress.js';

const sizes = { cropSize: 16, patchSize: 8 };

test('processDirectoryTree: every input → npz, checkpointed; errors counted; rerun resumes', async () => {
  await withTempDir(async (dir) => {
    await writeSmallGoesTree(join(dir, 'in'), 4);
    writeFileSync(join(dir, 'in', 'day1', 'broken.nc'), 'garbage');
    const ck = join(dir, 'ck.txt'), errLog = join(dir, 'errors.log');
    const reports: Progress[] = [];
    const s = await processDirectoryTree({ input: join(dir, 'in'), output: join(dir, 'out'), checkpoint: ck, workers: 0, ...sizes, errorLog: errLog, onProgress: (p) => reports.push(p), progressIntervalMs: 0 });
    assert.deepEqual([s.found, s.done, s.skipped, s.failed, s.resumed], [5, 4, 0, 1, 0]);
    assert.match(s.errors[0]!.reason, /broken\.nc/);
    assert.match(readFileSync(errLog, 'utf8'), /broken\.nc\t/);
    assert.equal(readCheckpoint(ck).length, 4);
    assert.ok(reports.at(-1)!.final && reports.at(-1)!.finished === 5);
    const npz = readNpz(readFileSync(join(dir, 'out', 'day0', 'g00.npz')));
    assert.deepEqual(npz.crop!.shape, [2, 16, 16]);
    assert.deepEqual(npz.patches!.shape, [2, 2, 2, 8, 8]);
    const again = await processDirectoryTree({ input: join(dir, 'in'), output: join(dir, 'out'), checkpoint: ck, workers: 0, ...sizes });
    assert.deepEqual([again.resumed, again.done, again.failed], [4, 0, 1]);
    assert.equal(new Set(readCheckpoint(ck)).size, readCheckpoint(ck).length);
  });
});

test('processDirectoryTree: glob input, shards and seeds; 1 worker thread = in-process', async () => {
  await withTempDir(async (dir) => {
    await writeSmallGoesTree(join(dir, 'in'), 4);
    const run = async (name: string, extra: object) => processDirectoryTree({ input: `${dir}/in/*/*.nc`, output: join(dir, name), checkpoint: join(dir, `${name}.ck`), ...sizes, ...extra });
    await run('a', { workers: 0 });
    await run('b', { workers: 1 });
    await run('s', { workers: 0, shard: { index: 0, count: 2 } });
    assert.equal(Object.keys(hashTree(join(dir, 's'))).length, 2);
    await run('s', { workers: 0, shard: { index: 1, count: 2 } });
    await run('c', { workers: 0, seed: 99 });
    const a = hashTree(join(dir, 'a'));
    assert.equal(Object.keys(a).length, 4);
    assert.deepEqual(hashTree(join(dir, 'b')), a);
    assert.deepEqual(hashTree(join(dir, 's')), a);
    assert.notDeepEqual(hashTree(join(dir, 'c')), a);
    assert.ok(!existsSync(join(dir, 'a', 'day0', 'g00.nc')));
    await assert.rejects(processDirectoryTree({ input: join(dir, 'in'), output: dir, checkpoint: join(dir, 'x'), cropSize: 16, patchSize: 5 }), /multiple of --patch-size 5/);
  });
});
