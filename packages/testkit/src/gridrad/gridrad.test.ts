import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openNetcdf } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { writeGoesLikeFile } from './goes.js';
import { writeGridradV42File } from './gridrad-v42.js';

test('writeGoesLikeFile writes a CF-encoded two-channel netCDF-4 file with fill values', async () => {
  await withTempDir(async (dir) => {
    const g = await writeGoesLikeFile(join(dir, 'g.nc'), { height: 40, width: 60, seed: 3, fillFraction: 0.05 });
    const f = await openNetcdf(g.path);
    try {
      assert.equal(f.format, 'netcdf4');
      const ir = f.variable('ir_brightness_temperature')!;
      assert.deepEqual(ir.shape, [1, 40, 60]);
      assert.equal(ir.dtype, 'uint16');
      const t = await f.readVariable('ir_brightness_temperature');
      const d = t.data as Float32Array;
      let nan = 0;
      for (const v of d) if (Number.isNaN(v)) nan++; else assert.ok(v > 150 && v < 350, `IR ${v} K out of range`);
      assert.equal(nan, g.irFill);
      assert.ok(g.irFill > 0 && g.visFill > 0);
      const vis = (await f.readVariable('visible_reflectance')).data as Float32Array;
      for (const v of vis) if (!Number.isNaN(v)) assert.ok(v >= 0 && v <= 1);
    } finally { await f.close(); }
    const again = await writeGoesLikeFile(join(dir, 'h.nc'), { height: 40, width: 60, seed: 3, fillFraction: 0.05 });
    assert.equal(again.irFill, g.irFill);
  });
});

test('writeGridradV42File writes the sparse v4.2 layout', async () => {
  await withTempDir(async (dir) => {
    const g = await writeGridradV42File(join(dir, 'r.nc'), { nz: 6, ny: 20, nx: 30, seed: 1 });
    const f = await openNetcdf(g.path);
    try {
      assert.deepEqual(f.dimensions.map((d) => d.name), ['Altitude', 'Latitude', 'Longitude', 'Index']);
      assert.deepEqual(f.variable('Reflectivity')!.dims, ['Index']);
      assert.deepEqual(f.variable('Nradobs')!.shape, [6, 20, 30]);
      const idx = await f.readVariable('index');
      assert.deepEqual(Array.from(idx.data as Int32Array), Array.from(g.index));
      assert.ok(g.index.length > 0 && g.index.length < 6 * 20 * 30);
      const r = await f.readVariable('Reflectivity');
      assert.deepEqual(Array.from(r.data as Float32Array), Array.from(g.reflectivity));
      assert.equal(f.attributes.Algorithm_version!.value, 'v4.2');
    } finally { await f.close(); }
  });
});
