/**
 * The real GOES-16 cloud-top-height file (../shared/fixtures/netcdf) through the whole chain with
 * small crop/patch sizes: preprocess (variables HT, DQF; mask policy) → to-pt → split → check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNetcdf, readNpz, readPt, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { sharedDir, SHARED_MISSING } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { processDirectoryTree } from '../src/process-directory-tree.js';
import { processNpzFilesProgressive } from '../src/npz-to-pt.js';
import { processAllChunksToIndividualFiles, type SplitManifest } from '../src/split.js';
import { checkAndRemoveTensorFilesParallel } from '../src/check.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const dir = sharedDir('fixtures/netcdf');
const file = dir && join(dir, 'goes16_cloud_top_height.nc');

test('real GOES-16 file: preprocess → to-pt → split → check', { skip: requirePart('shared', (!file || !existsSync(file)) && SHARED_MISSING), timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, 'out');
    const s = await processDirectoryTree({
      input: file!, output: out, checkpoint: join(tmp, 'ck'), workers: 1, variables: ['HT', 'DQF'],
      cropSize: 256, patchSize: 64, seed: 2024, fillPolicy: 'mask', fillValue: 0,
    });
    assert.deepEqual([s.done, s.failed], [1, 0], JSON.stringify(s.errors));
    const npz = readNpz(readFileSync(join(out, 'goes16_cloud_top_height.npz')));
    assert.deepEqual(npz.crop!.shape, [3, 256, 256]);
    assert.deepEqual(npz.patches!.shape, [4, 4, 3, 64, 64]);
    // The crop equals the CF-decoded HT (fill → 0, mask channel 1) at some offset inside 300×500.
    const f = await openNetcdf(file!);
    const ht = toFloat32(await f.readVariable('HT'));
    await f.close();
    const crop = npz.crop!.data as Float32Array;
    let found: [number, number] | undefined;
    for (let y = 0; y <= 44 && !found; y++) for (let x = 0; x <= 244 && !found; x++) {
      let ok = true;
      for (let k = 0; k < 64 && ok; k++) {
        const i = (k * 37) % 256, j = (k * 91) % 256, v: number = ht[(y + i) * 500 + x + j]!;
        ok = Number.isNaN(v) ? crop[i * 256 + j] === 0 && crop[2 * 65536 + i * 256 + j] === 1 : crop[i * 256 + j] === v;
      }
      if (ok) found = [y, x];
    }
    assert.ok(found, 'the crop matches the decoded HT at an offset');
    let invalid = 0;
    for (let i = 0; i < 256; i++) for (let j = 0; j < 256; j++) {
      const v: number = ht[(found[0] + i) * 500 + found[1] + j]!;
      assert.equal(crop[2 * 65536 + i * 256 + j], Number.isNaN(v) ? 1 : 0);
      if (Number.isNaN(v)) invalid++;
    }
    assert.ok(invalid > 0, 'the real file has fill values in the crop');

    const t = await processNpzFilesProgressive({ input: out, filesPerChunk: 5 });
    assert.deepEqual(t.chunks, [1]);
    assert.deepEqual((readPt(readFileSync(join(out, 'Crops', 'crops_1.pt'))) as Tensor).shape, [3, 256, 256]);
    assert.deepEqual((readPt(readFileSync(join(out, 'Patches', 'patches_1.pt'))) as Tensor).shape, [48, 64, 64]);

    const sp = await processAllChunksToIndividualFiles({ input: out, kind: 'patches' });
    assert.equal(sp.kept + sp.rejected, 48);
    assert.ok(sp.kept > 0);
    const man = JSON.parse(readFileSync(sp.manifest, 'utf8')) as SplitManifest;
    const first = man.slices.find((x) => x.kept)!;
    const slice = readPt(readFileSync(join(out, 'split', first.file!))) as Tensor;
    assert.deepEqual(slice.shape, [64, 64]);
    const c = await checkAndRemoveTensorFilesParallel({ root: join(out, 'split'), workers: 1, dryRun: true });
    assert.deepEqual([c.checked, c.bad.length], [sp.kept, 0]);
  });
});
