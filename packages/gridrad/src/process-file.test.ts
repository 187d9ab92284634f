import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNetcdf, readNpz, toFloat32 } from '@weatherlearn/tensor-io';
import { writeGoesLikeFile, writeGridradV42File } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { processSingleFile, npzPathFor } from './process-file.js';
import { DEFAULT_CHANNEL_OPTIONS } from './channels.js';
import { reduceGridradSparse } from './gridrad-decode.js';

const base = { ...DEFAULT_CHANNEL_OPTIONS, cropSize: 32, patchSize: 8, seed: 5, fillPolicy: 'fill' as const, fillValue: -1, compressionLevel: 1 };

test('processSingleFile crops a GOES-like file at the seeded offset and writes crop + patches', async () => {
  await withTempDir(async (dir) => {
    const g = await writeGoesLikeFile(join(dir, 'in', 'day', 'a.nc'), { height: 40, width: 56, seed: 1, fillFraction: 0.02 });
    const r = await processSingleFile({ path: g.path, key: 'day/a.nc' }, { ...base, output: join(dir, 'out') });
    assert.equal(r.status, 'done', r.reason);
    assert.equal(r.output, join(dir, 'out', 'day', 'a.npz'));
    assert.deepEqual(r.channels, ['ir_brightness_temperature', 'visible_reflectance']);
    const npz = readNpz(readFileSync(r.output!));
    assert.deepEqual(npz.crop!.shape, [2, 32, 32]);
    assert.deepEqual(npz.patches!.shape, [4, 4, 2, 8, 8]);
    // the crop equals the decoded variable at the reported offset, invalid → -1
    const f = await openNetcdf(g.path);
    const ir = toFloat32(await f.readVariable('ir_brightness_temperature'));
    await f.close();
    const { y, x } = r.offset!;
    const crop = npz.crop!.data as Float32Array;
    let filled = 0;
    for (let i = 0; i < 32; i++) for (let j = 0; j < 32; j++) {
      const v = ir[(y + i) * 56 + x + j]!;
      const got = crop[i * 32 + j]!;
      if (Number.isNaN(v)) { assert.equal(got, -1); filled++; } else assert.equal(got, v);
    }
    assert.ok(filled > 0, 'the test file should have fill values in the crop');
    const drop = await processSingleFile({ path: g.path, key: 'day/a.nc' }, { ...base, fillPolicy: 'drop', output: join(dir, 'out2') });
    assert.equal(drop.status, 'skipped');
    assert.match(drop.reason!, /invalid \(fill\) values in the crop at y=\d+ x=\d+ \(fill policy drop\)/);
  });
});

test('processSingleFile decodes GridRad v4.2 sparse files into reduced channels', async () => {
  await withTempDir(async (dir) => {
    const g = await writeGridradV42File(join(dir, 'r.nc'), { nz: 5, ny: 24, nx: 40, seed: 2, cells: 6 });
    const r = await processSingleFile({ path: g.path, key: 'r.nc' }, { ...base, gridradReduce: [{ kind: 'column-max' }, { kind: 'level', index: 0 }], cropSize: 16, patchSize: 8, output: dir });
    assert.equal(r.status, 'done', r.reason);
    assert.deepEqual(r.channels, ['Reflectivity:colmax', 'Reflectivity:level:0']);
    const npz = readNpz(readFileSync(npzPathFor(dir, 'r.nc')));
    const [colmax] = reduceGridradSparse(g.index, g.reflectivity, g.dims, [{ kind: 'column-max' }]);
    const { y, x } = r.offset!;
    const crop = npz.crop!.data as Float32Array;
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) {
      const v = colmax![(y + i) * 40 + x + j]!;
      assert.equal(crop[i * 16 + j], Number.isNaN(v) ? -1 : v);
    }
  });
});

test('processSingleFile reports bad files, missing channels and sizes as results, not throws', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'junk.nc'), 'not a netcdf file at all');
    const bad = await processSingleFile({ path: join(dir, 'junk.nc'), key: 'junk.nc' }, { ...base, output: dir });
    assert.equal(bad.status, 'failed');
    assert.match(bad.reason!, /junk\.nc/);
    const g = await writeGoesLikeFile(join(dir, 'g.nc'), { height: 20, width: 20 });
    const none = await processSingleFile({ path: g.path, key: 'g.nc' }, { ...base, variables: ['HT'], output: dir });
    assert.equal(none.status, 'skipped');
    assert.match(none.reason!, /no channels \(none of HT\)/);
    const big = await processSingleFile({ path: g.path, key: 'g.nc' }, { ...base, output: dir });
    assert.equal(big.status, 'failed');
    assert.match(big.reason!, /g\.nc: crop size 32 does not fit an image of 20×20/);
  });
});
