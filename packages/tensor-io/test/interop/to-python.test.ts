// Files our writers produce, loaded by the tools users load them with: torch.load(weights_only=True),
// numpy.load, the safetensors format parsed with numpy, netCDF4.Dataset and h5py (Debian's Python;
// under CI=true a missing module fails the run). Values are compared exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '@weatherlearn/test-parts';
import { describeTensor, pyRead, requirePython, type PyArray } from '@weatherlearn/test-parts/interop';
import { floatToBfloat16, floatToHalf, writeNetcdf4, writeNpy, writeNpz, writePt, writeSafetensors, type Tensor } from '../../src/index.js';
import { encodeCdf3 } from '../netcdf/cdf3-writer.js';

const f32 = (shape: number[], f: (i: number) => number): Tensor => ({ dtype: 'float32', shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)) });
const w = f32([3, 5], (i) => Math.fround(Math.sin(i) * 3.25));
/** One tensor of every dtype torch, numpy and safetensors share (16-bit floats as raw bits). */
const ALL: Record<string, Tensor> = {
  f32: w,
  f64: { dtype: 'float64', shape: [4], data: Float64Array.from([Math.PI, -1e300, 5e-324, 0]) },
  f16: { dtype: 'float16', shape: [2, 3], data: Uint16Array.from([0.5, -2, 65504, 6.1e-5, 0, 1 / 3], floatToHalf) },
  bf16: { dtype: 'bfloat16', shape: [3], data: Uint16Array.from([1.5, -3e38, 1 / 3], floatToBfloat16) },
  i64: { dtype: 'int64', shape: [3], data: BigInt64Array.from([-(2n ** 62n), 0n, 2n ** 53n + 1n]) },
  i32: { dtype: 'int32', shape: [2, 2], data: Int32Array.from([-2147483648, 1, 2, 2147483647]) },
  i16: { dtype: 'int16', shape: [2], data: Int16Array.from([-32768, 32767]) },
  i8: { dtype: 'int8', shape: [2], data: Int8Array.from([-128, 127]) },
  u8: { dtype: 'uint8', shape: [3], data: Uint8Array.from([0, 128, 255]) },
  b: { dtype: 'bool', shape: [2, 2], data: Uint8Array.from([1, 0, 0, 1]) },
  scalar: { dtype: 'float32', shape: [], data: Float32Array.from([7.5]) },
  empty: { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
};
const NO_BF16 = Object.fromEntries(Object.entries(ALL).filter(([k]) => k !== 'bf16'));

function assertSame(got: PyArray, t: Tensor, what: string): void {
  assert.deepEqual(got, describeTensor(t), what);
}

test('.pt from writePt: torch.load(weights_only=True) gets every dtype, shared storages and nested values', { skip: requirePython('torch') }, async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'all.pt');
    // The same Tensor object twice is ONE storage in the file (torch sees them share memory).
    writeFileSync(file, writePt({ ...ALL, tied: w, nested: { list: [ALL.i32!, 3, 'name'], flag: true } }));
    const r = pyRead<{ value: Record<string, PyArray & Record<string, unknown>>; sharing: [string, string][] }>('pt', file);
    for (const [k, t] of Object.entries(ALL)) assertSame(r.value[k]!, t, k);
    assertSame(r.value.tied!, w, 'tied');
    assert.deepEqual(r.sharing, [['f32', 'tied']], 'only the tied pair shares a storage');
    const nested = r.value.nested as unknown as { list: unknown[]; flag: boolean };
    assert.deepEqual(nested.list, [describeTensor(ALL.i32!), { int: '3' }, 'name']);
    assert.equal(nested.flag, true);
  });
});

test('.npy and .npz (stored and deflated) from our writers load in numpy.load with the same values', { skip: requirePython() }, async () => {
  await withTempDir((dir) => {
    for (const [k, t] of Object.entries(NO_BF16)) {
      writeFileSync(join(dir, `${k}.npy`), writeNpy(t));
      assertSame(pyRead<PyArray>('npy', join(dir, `${k}.npy`)), t, `${k}.npy`);
    }
    for (const compress of [false, true]) {
      const file = join(dir, `all-${compress}.npz`);
      writeFileSync(file, writeNpz(NO_BF16, { compress }));
      const r = pyRead<Record<string, PyArray>>('npz', file);
      assert.deepEqual(Object.keys(r).sort(), Object.keys(NO_BF16).sort());
      for (const [k, t] of Object.entries(NO_BF16)) assertSame(r[k]!, t, `npz(compress=${compress}) ${k}`);
    }
  });
});

test('.safetensors from writeSafetensors parses with numpy by the format spec (bf16 included, metadata kept)', { skip: requirePython() }, async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'all.safetensors');
    writeFileSync(file, writeSafetensors(ALL, { format: 'pt', source: 'weatherlearn' }));
    const r = pyRead<Record<string, PyArray>>('safetensors', file);
    assert.deepEqual(r.__metadata__, { format: 'pt', source: 'weatherlearn' });
    for (const [k, t] of Object.entries(ALL)) assertSame(r[k]!, t, k);
  });
});

test('netCDF-4 from writeNetcdf4 opens in netCDF4.Dataset and h5py: dims (unlimited), attributes, compressed values', { skip: requirePython('netCDF4', 'h5py') }, async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'out.nc');
    const temp = f32([2, 3, 5], (i) => 250 + i / 4);
    const count: Tensor = { dtype: 'int16', shape: [3, 5], data: Int16Array.from({ length: 15 }, (_, i) => i - 7) };
    await writeNetcdf4(file, {
      dimensions: { time: { size: 2, unlimited: true }, y: 3, x: 5 },
      variables: {
        temp: { dims: ['time', 'y', 'x'], data: temp, attributes: { units: 'K', _FillValue: -999 }, compression: 6 },
        count: { dims: ['y', 'x'], data: count },
      },
      attributes: { title: 'written by WeatherLearn.ts', version: 3 },
    }, { minCompressElements: 1 });
    const r = pyRead<{ format: string; attributes: Record<string, unknown>; dimensions: Record<string, [number, boolean]>; variables: Record<string, PyArray & { dims: string[]; attributes: Record<string, unknown> }> }>('netcdf', file);
    assert.equal(r.format, 'NETCDF4');
    assert.deepEqual(r.dimensions, { time: [2, true], y: [3, false], x: [5, false] });
    assert.deepEqual(r.attributes, { title: 'written by WeatherLearn.ts', version: { dtype: 'float64', values: [3] } });
    const { dims, attributes, ...tv } = r.variables.temp!;
    assert.deepEqual(dims, ['time', 'y', 'x']);
    assert.deepEqual(attributes, { units: 'K', _FillValue: { dtype: 'float32', values: [-999] } });
    assertSame(tv, temp, 'temp');
    const { dims: _d, attributes: _a, ...cv } = r.variables.count!;
    assertSame(cv, count, 'count');
    const h5 = pyRead<Record<string, PyArray>>('h5py', file);
    assertSame(h5.temp!, temp, 'temp through h5py');
  });
});

test('netCDF-3 (classic, as our test writer encodes it) opens in netCDF4.Dataset with the same values', { skip: requirePython('netCDF4') }, async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'classic.nc');
    const values = Array.from({ length: 12 }, (_, i) => i * 1.5 - 4);
    writeFileSync(file, encodeCdf3([['y', 3], ['x', 4]], [
      { name: 'v', dims: ['y', 'x'], type: 'float', values },
      { name: 's', dims: ['x'], type: 'short', values: [1, -2, 3, -4] },
    ]));
    const r = pyRead<{ format: string; variables: Record<string, PyArray> }>('netcdf', file);
    assert.equal(r.format, 'NETCDF3_CLASSIC');
    assert.deepEqual(r.variables.v!.values, values);
    assert.deepEqual(r.variables.v!.shape, [3, 4]);
    assert.deepEqual(r.variables.s!.values, ['1', '-2', '3', '-4']);
  });
});
