import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPt, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { Rng } from '@weatherlearn/engine/rng';
import { withTempDir } from '@weatherlearn/test-parts';
import { processAllChunksToIndividualFiles, type SplitManifest } from './split.js';

/** A chunk of `m` 16×16 slices: normal noise around `base`, with optional planted outliers. */
function chunk(rng: Rng, m: number, plant: Record<number, 'nan' | 'spike' | 'shift'> = {}): Tensor {
  const data = new Float32Array(m * 256);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < 256; k++) data[i * 256 + k] = rng.normal(280, 1);
    if (plant[i] === 'nan') data[i * 256 + 5] = NaN;
    if (plant[i] === 'spike') data[i * 256 + 7] = 1e5;
    if (plant[i] === 'shift') for (let k = 0; k < 256; k++) data[i * 256 + k] += 1e4;
  }
  return { dtype: 'float32', shape: [m, 16, 16], data };
}

test('split: two-pass filter, per-slice files with only their own bytes, manifest, order independence', async () => {
  await withTempDir(async (dir) => {
    const rng = new Rng(4);
    const chunks = [chunk(rng, 50, { 2: 'nan', 5: 'spike' }), chunk(rng, 50, { 0: 'shift' }), chunk(rng, 50)];
    for (const [i, c] of chunks.entries()) await writeFileAtomic(join(dir, 'A', 'Crops', `crops_${i + 1}.pt`), writePt(c));
    // the same chunks under other numbers (reversed order)
    for (const [i, c] of chunks.entries()) await writeFileAtomic(join(dir, 'B', 'Crops', `crops_${3 - i}.pt`), writePt(c));
    const a = await processAllChunksToIndividualFiles({ input: join(dir, 'A'), kind: 'crops' });
    const b = await processAllChunksToIndividualFiles({ input: join(dir, 'B'), kind: 'crops' });
    assert.deepEqual([a.kept, a.rejected, a.written], [147, 3, 147]);
    assert.deepEqual([b.kept, b.rejected], [147, 3]);
    const man = JSON.parse(readFileSync(a.manifest, 'utf8')) as SplitManifest;
    const reasons = man.slices.filter((s) => !s.kept).map((s) => `${s.chunk}#${s.index}:${s.reason!.split(':')[0]}`);
    assert.deepEqual(reasons, ['crops_1.pt#2:nan', 'crops_1.pt#5:local', 'crops_2.pt#0:global']);
    const file = join(dir, 'A', 'split', 'crops', 'crop_2_7.pt');
    const t = readPt(readFileSync(file)) as Tensor;
    assert.deepEqual(t.shape, [16, 16]);
    assert.deepEqual(Array.from(t.data as Float32Array), Array.from((chunks[1]!.data as Float32Array).slice(7 * 256, 8 * 256)));
    assert.ok(statSync(file).size < 256 * 4 + 1024, 'a slice file holds only its own bytes');
    // order independence: the kept slices have the same contents whichever order the chunks came in
    const contents = (root: string) => readdirSync(join(root, 'split', 'crops')).map((f) => Buffer.from(readFileSync(join(root, 'split', 'crops', f))).toString('base64')).sort();
    assert.deepEqual(contents(join(dir, 'A')), contents(join(dir, 'B')));
    // rerun: nothing to do; different factors refuse to mix with the old run
    const again = await processAllChunksToIndividualFiles({ input: join(dir, 'A'), kind: 'crops' });
    assert.deepEqual([again.resumedChunks, again.written, again.kept], [3, 0, 147]);
    await assert.rejects(processAllChunksToIndividualFiles({ input: join(dir, 'A'), kind: 'crops', maxDeviationFactor: 3 }), /was started with 'params maxDeviationFactor=10/);
    // --remove-chunks deletes the chunks once split; a rerun still works from the cached statistics
    const r = await processAllChunksToIndividualFiles({ input: join(dir, 'B'), kind: 'crops', output: join(dir, 'B2'), removeChunks: true });
    assert.equal(r.kept, 147);
    assert.deepEqual(readdirSync(join(dir, 'B', 'Crops')), []);
    assert.equal((await processAllChunksToIndividualFiles({ input: join(dir, 'B'), kind: 'crops', output: join(dir, 'B2') })).kept, 147);
    mkdirSync(join(dir, 'C', 'Patches'), { recursive: true });
    const empty = await processAllChunksToIndividualFiles({ input: join(dir, 'C'), kind: 'patches' });
    assert.deepEqual([empty.chunks, empty.kept], [0, 0]);
    await assert.rejects(processAllChunksToIndividualFiles({ input: join(dir, 'nope'), kind: 'crops' }), /cannot list .*nope.*Crops/);
    assert.ok(existsSync(join(dir, 'A', 'split', 'crops.stats.json')));
  });
});
