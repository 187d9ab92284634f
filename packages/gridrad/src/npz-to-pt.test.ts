import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPt, writeNpz, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { withTempDir } from '@weatherlearn/test-parts';
import { processNpzFilesProgressive } from './npz-to-pt.js';
import { cropAndPatch } from './crop.js';
import { readCheckpoint } from './checkpoint.js';

async function writeNpzFile(path: string, seed: number, C = 2): Promise<void> {
  const ch = Array.from({ length: C }, (_, c) => Float32Array.from({ length: 64 }, (_, k) => seed * 1000 + c * 100 + k));
  const { crop, patches } = cropAndPatch(ch, 8, 4);
  await writeFileAtomic(path, writeNpz({ crop, patches }, { compress: true }));
}

test('processNpzFilesProgressive: sorted files → numbered chunks, patches flattened (i, j, c)', async () => {
  await withTempDir(async (dir) => {
    for (const [i, name] of ['b.npz', 'a.npz', 'sub/c.npz'].entries()) { mkdirSync(join(dir, 'sub'), { recursive: true }); await writeNpzFile(join(dir, name), i); }
    writeFileSync(join(dir, 'z_bad.npz'), 'PKnot really');
    const s = await processNpzFilesProgressive({ input: dir, filesPerChunk: 2 });
    assert.deepEqual(s.chunks, [1, 2]);
    assert.deepEqual([s.found, s.done, s.failed], [4, 3, 1]);
    assert.match(s.errors[0]!.path, /z_bad\.npz/);
    const c1 = readPt(readFileSync(join(dir, 'Crops', 'crops_1.pt'))) as Tensor;
    assert.deepEqual(c1.shape, [4, 8, 8]);
    // sorted order: a.npz (seed 1) then b.npz (seed 0)
    assert.equal((c1.data as Float32Array)[0], 1000);
    assert.equal((c1.data as Float32Array)[2 * 64], 0);
    const p1 = readPt(readFileSync(join(dir, 'Patches', 'patches_1.pt'))) as Tensor;
    assert.deepEqual(p1.shape, [16, 4, 4]);
    // patch slice 1 = (i=0, j=0, c=1): channel 1's top-left 4×4 of a.npz
    assert.equal((p1.data as Float32Array)[16], 1100);
    const p2 = readPt(readFileSync(join(dir, 'Patches', 'patches_2.pt'))) as Tensor;
    assert.deepEqual(p2.shape, [8, 4, 4]);
    assert.deepEqual(readCheckpoint(join(dir, 'to-pt.checkpoint')), ['1\ta.npz\tb.npz', '2\tsub/c.npz']);
    // rerun: nothing new; a new file goes into chunk 3
    assert.deepEqual((await processNpzFilesProgressive({ input: dir, filesPerChunk: 2 })).chunks, []);
    await writeNpzFile(join(dir, 'd.npz'), 7, 1);
    const s3 = await processNpzFilesProgressive({ input: dir, filesPerChunk: 2 });
    assert.deepEqual(s3.chunks, [3]);
    assert.deepEqual((readPt(readFileSync(join(dir, 'Crops', 'crops_3.pt'))) as Tensor).shape, [1, 8, 8]);
    await assert.rejects(processNpzFilesProgressive({ input: dir, filesPerChunk: 0 }), /files per chunk must be a positive integer/);
  });
});
