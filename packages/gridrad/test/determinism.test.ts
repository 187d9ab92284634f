/** 1 worker vs 2 workers give identical outputs; `--shard 0/2` + `--shard 1/2` equal one full run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempDir } from '@weatherlearn/test-parts';
import { processDirectoryTree } from '../src/process-directory-tree.js';
import { readCheckpoint } from '../src/checkpoint.js';
import { hashTree, writeSmallGoesTree } from './helpers/hash.js';

test('preprocess outputs do not depend on the worker count or on sharding', { timeout: 600_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeSmallGoesTree(join(dir, 'in'), 6);
    const base = { input: join(dir, 'in'), cropSize: 16, patchSize: 8, seed: 11 };
    const one = await processDirectoryTree({ ...base, output: join(dir, 'w1'), checkpoint: join(dir, 'w1.ck'), workers: 1 });
    const two = await processDirectoryTree({ ...base, output: join(dir, 'w2'), checkpoint: join(dir, 'w2.ck'), workers: 2 });
    assert.deepEqual([one.done, two.done], [6, 6]);
    assert.equal(two.memory.peakPerWorker.length, 2);
    const h1 = hashTree(join(dir, 'w1'));
    assert.equal(Object.keys(h1).length, 6);
    assert.deepEqual(hashTree(join(dir, 'w2')), h1);
    const s0 = await processDirectoryTree({ ...base, output: join(dir, 'sh'), checkpoint: join(dir, 'sh0.ck'), workers: 2, shard: { index: 0, count: 2 } });
    const s1 = await processDirectoryTree({ ...base, output: join(dir, 'sh'), checkpoint: join(dir, 'sh1.ck'), workers: 1, shard: { index: 1, count: 2 } });
    assert.deepEqual([s0.done, s1.done], [3, 3]);
    assert.equal(new Set([...readCheckpoint(join(dir, 'sh0.ck')), ...readCheckpoint(join(dir, 'sh1.ck'))]).size, 6);
    assert.deepEqual(hashTree(join(dir, 'sh')), h1);
  });
});
