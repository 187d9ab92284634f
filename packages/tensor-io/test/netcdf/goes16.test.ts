// The real GOES-16 ABI L2 Cloud Top Height file (netCDF-4, deflate) from ../shared/fixtures.
// Expected numbers were obtained once with Debian's python3-netcdf4 1.6.2 (netCDF4-python,
// auto mask and scale on), e.g. `netCDF4.Dataset(p)['HT'][0, 32:38]`, `ht.count()`, `ht.min()`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeNetcdfFile, openNetcdf } from '../../src/index.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const file = resolve(repoRoot, '..', 'shared', 'fixtures', 'netcdf', 'goes16_cloud_top_height.nc');
const skip = requirePart('shared', !existsSync(file) && 'needs ../shared/fixtures/netcdf/goes16_cloud_top_height.nc');

const close = (a: number, b: number, rel = 1e-6): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

test('GOES-16 cloud top height: dimensions, variables and attributes', { skip }, async () => {
  const f = await openNetcdf(file);
  try {
    assert.equal(f.format, 'netcdf4');
    assert.deepEqual(f.dimensions.map((d) => [d.name, d.size, d.unlimited]), [
      ['y', 300, false], ['x', 500, false], ['number_of_time_bounds', 2, false],
      ['number_of_image_bounds', 2, false], ['number_of_LZA_bounds', 2, false], ['number_of_SZA_bounds', 2, false],
    ]);
    assert.equal(f.attributes['title']?.value, 'ABI L2 Cloud Top Height');
    assert.equal(f.attributes['platform_ID']?.value, 'G16');
    const ht = f.variable('HT')!;
    assert.equal(ht.dtype, 'int16');
    assert.deepEqual(ht.dims, ['y', 'x']);
    assert.deepEqual(ht.shape, [300, 500]);
    assert.deepEqual(ht.attributes['_FillValue'], { type: 'short', value: [-1] });
    assert.equal(ht.attributes['_Unsigned']?.value, 'true');
    assert.deepEqual(ht.attributes['valid_range']?.value, [0, -6]);
    assert.equal(ht.attributes['units']?.value, 'm');
    assert.equal(ht.attributes['scale_factor']?.type, 'float');
    assert.ok(!('DIMENSION_LIST' in ht.attributes) && !('_Netcdf4Dimid' in ht.attributes));
    assert.deepEqual(f.variable('DQF')?.dims, ['y', 'x']);
    assert.deepEqual(f.variable('t')?.shape, []);
    assert.deepEqual(f.variable('time_bounds')?.dims, ['number_of_time_bounds']);
    assert.equal(f.variable('number_of_time_bounds'), undefined, 'dimension-only scales are not variables');
  } finally { await f.close(); }
});

test('GOES-16: CF decoding of HT (_Unsigned, _FillValue, valid_range, scale_factor) matches netCDF4-python', { skip }, async () => {
  const f = await openNetcdf(file);
  try {
    const row = await f.readVariable('HT', { start: [0, 32], count: [1, 6] });
    assert.equal(row.dtype, 'float32');
    const want = [NaN, NaN, 640.62255859375, 559.1331787109375, 796.8869018554688, 631.4664916992188];
    want.forEach((w, i) => (Number.isNaN(w) ? assert.ok(Number.isNaN(row.data[i])) : assert.equal(row.data[i], w)));
    const raw = await f.readVariable('HT', { start: [0, 34], count: [1, 3], decode: false });
    assert.deepEqual(Array.from(raw.data as Int16Array), [2099, 1832, 2611]);
    const strided = await f.readVariable('HT', { start: [0, 34], count: [3, 3], stride: [100, 200] });
    const ws = [640.62255859375, 9961.23828125, 5786.0517578125, NaN, NaN, 11905.0810546875, NaN, 336.33447265625, 138.2572784423828];
    ws.forEach((w, i) => (Number.isNaN(w) ? assert.ok(Number.isNaN(strided.data[i])) : assert.equal(strided.data[i], w)));
    const all = await f.readVariable('HT', { mask: true });
    let masked = 0; let sum = 0; let min = Infinity; let max = -Infinity;
    for (let i = 0; i < all.data.length; i++) {
      if (all.mask.data[i]) { masked++; continue; }
      const v = all.data[i] as number; sum += v; if (v < min) min = v; if (v > max) max = v;
    }
    assert.equal(masked, 57432);
    assert.equal(min, 0);
    assert.ok(close(max, 15430.489), `max ${max}`);
    assert.ok(close(sum / (150000 - masked), 7429.053286192061), `mean ${sum / (150000 - masked)}`);
    const dqf = await f.readVariable('DQF', { mask: true });
    assert.equal(dqf.dtype, 'uint8');
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (const v of dqf.data as Uint8Array) counts[v]!++;
    assert.deepEqual(counts, [92568, 0, 335, 0, 57095, 0, 2]);
    const x = await f.readVariable('x', { start: [0], count: [3] });
    assert.deepEqual(Array.from(x.data as Float32Array), [-0.07490000128746033, -0.07462000101804733, -0.07434000074863434]);
    const t = await f.readVariable('t');
    assert.deepEqual(t.shape, []);
    assert.ok(close(t.data[0] as number, 5.62236819e8, 1e-8));
  } finally { await f.close(); }
});

test('GOES-16: describeNetcdfFile streams statistics in small blocks and matches netCDF4-python', { skip }, async () => {
  const d = await describeNetcdfFile(file, { maxBlockBytes: 64 * 1024 });
  assert.equal(d.format, 'netcdf4');
  const ht = d.variables.find((v) => v.name === 'HT')!;
  assert.equal(ht.stats?.count, 150000);
  assert.equal(ht.stats?.valid, 92568);
  assert.equal(ht.stats?.min, 0);
  assert.ok(close(ht.stats!.max!, 15430.489));
  assert.ok(close(ht.stats!.mean!, 7429.053286192061));
  assert.equal(ht.attributes['units'], 'm');
  assert.equal(d.attributes['Conventions'], 'CF-1.7');
  JSON.stringify(d); // JSON-ready (no bigints)
});
