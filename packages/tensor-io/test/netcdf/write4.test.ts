// writeNetcdf4 round trip through our reader. (Once verified with netCDF4-python too: see README.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNetcdf, writeNetcdf4, zeros, type DType, type Tensor } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'wl-nc4-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function ramp(dtype: DType, shape: number[]): Tensor {
  const t = zeros(dtype, shape);
  for (let i = 0; i < t.data.length; i++) {
    (t.data as unknown as (number | bigint)[])[i] = typeof t.data[0] === 'bigint' ? BigInt(i * 7 - 20) * 3000000000n : dtype.startsWith('float') ? i * 0.25 - 3 : (i * 7) % 100;
  }
  return t;
}

test('writeNetcdf4 → openNetcdf round trip: every dtype, dims, coordinate variables, attributes', async () => {
  const path = join(dir, 'all.nc');
  const dtypes: DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'];
  const variables: Record<string, { dims: string[]; data: Tensor; attributes?: Record<string, never> }> = {
    time: { dims: ['time'], data: ramp('float64', [2]) },
  };
  for (const d of dtypes) variables[`v_${d}`] = { dims: ['time', 'y', 'x'], data: ramp(d, [2, 3, 70]) };
  await writeNetcdf4(path, {
    dimensions: { time: { size: 2, unlimited: true }, y: 3, x: 70 },
    variables: {
      ...variables,
      packed: {
        dims: ['y', 'x'], data: ramp('int16', [3, 70]),
        attributes: { scale_factor: { type: 'float', value: [0.5] }, add_offset: 10, _FillValue: 7, valid_range: [0, 90], units: 'K' },
      },
      scalar: { dims: [], data: { dtype: 'float32', shape: [], data: new Float32Array([2.5]) } },
    },
    attributes: { title: 'round trip', numbers: [1, 2.5], big: [2n ** 60n], names: { type: 'string', value: ['a', 'bc'] } },
  });
  const f = await openNetcdf(path);
  try {
    assert.equal(f.format, 'netcdf4');
    assert.deepEqual(f.dimensions, [{ name: 'time', size: 2, unlimited: true }, { name: 'y', size: 3, unlimited: false }, { name: 'x', size: 70, unlimited: false }]);
    assert.deepEqual(f.variables.map((v) => v.name), ['time', ...dtypes.map((d) => `v_${d}`), 'packed', 'scalar']);
    assert.deepEqual(f.attributes, {
      title: { type: 'char', value: 'round trip' }, numbers: { type: 'double', value: [1, 2.5] },
      big: { type: 'int64', value: [2n ** 60n] }, names: { type: 'string', value: ['a', 'bc'] },
    });
    for (const d of dtypes) {
      const v = f.variable(`v_${d}`)!;
      assert.equal(v.dtype, d);
      assert.deepEqual(v.dims, ['time', 'y', 'x']);
      const back = await f.readVariable(v.name, { decode: false });
      assert.deepEqual(back, ramp(d, [2, 3, 70]), d);
      const slab = await f.readVariable(v.name, { start: [1, 1, 5], count: [1, 2, 3], stride: [1, 1, 30], decode: false });
      const full = ramp(d, [2, 3, 70]).data;
      assert.deepEqual(Array.from(slab.data as ArrayLike<number>), [285, 315, 345, 355, 385, 415].map((i) => full[i]));
    }
    const p = f.variable('packed')!;
    assert.deepEqual(p.attributes['_FillValue'], { type: 'short', value: [7] }, 'plain _FillValue takes the variable type');
    assert.deepEqual(p.attributes['valid_range'], { type: 'short', value: [0, 90] });
    assert.deepEqual(p.attributes['add_offset'], { type: 'double', value: [10] });
    const dec = await f.readVariable('packed', { count: [1, 5] });
    assert.equal(dec.dtype, 'float64'); // add_offset is double
    assert.deepEqual(Array.from(dec.data as Float64Array), [10, NaN, 17, 20.5, 24]);
    const s = await f.readVariable('scalar');
    assert.deepEqual(s, { dtype: 'float32', shape: [], data: new Float32Array([2.5]) });
  } finally { await f.close(); }
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temp file left');
});

test('writeNetcdf4: dimension-only dims, compression, a variable named like a dimension, bool/float16 inputs', async () => {
  const path = join(dir, 'dims.nc');
  const big = ramp('float32', [64, 128]);
  await writeNetcdf4(path, {
    dimensions: { Index: 64, n: 128, m: 2 },
    variables: {
      field: { dims: ['Index', 'n'], data: big, compression: 6, chunks: [16, 128] },
      m: { dims: ['Index', 'm'], data: ramp('int32', [64, 2]) },
      flags: { dims: ['m'], data: { dtype: 'bool', shape: [2], data: new Uint8Array([1, 0]) } },
      half: { dims: ['m'], data: { dtype: 'float16', shape: [2], data: new Uint16Array([0x3c00, 0xc000]) } },
    },
  });
  const f = await openNetcdf(path);
  try {
    assert.deepEqual(f.dimensions.map((d) => d.name), ['Index', 'n', 'm']);
    assert.deepEqual(f.variables.map((v) => `${v.name}:${v.dtype}(${v.dims.join(',')})`), ['field:float32(Index,n)', 'm:int32(Index,m)', 'flags:uint8(m)', 'half:float32(m)']);
    assert.deepEqual(await f.readVariable('field'), big);
    assert.deepEqual(Array.from((await f.readVariable('half')).data as Float32Array), [1, -2]);
    assert.deepEqual((await f.readVariable('m', { decode: false })).data, ramp('int32', [64, 2]).data);
  } finally { await f.close(); }
});

test('writeNetcdf4: bad specs are rejected with the file and variable named, and nothing is written', async () => {
  const path = join(dir, 'bad.nc');
  const t = ramp('float32', [2, 3]);
  await assert.rejects(writeNetcdf4(path, { dimensions: { a: 2 }, variables: { v: { dims: ['a', 'b'], data: t } } }),
    /bad\.nc \(variable v\): unknown dimension 'b'/);
  await assert.rejects(writeNetcdf4(path, { dimensions: { a: 3, b: 3 }, variables: { v: { dims: ['a', 'b'], data: t } } }),
    /bad\.nc \(variable v\): data shape \[2, 3\] does not match dims \(a, b\) = \[3, 3\]/);
  await assert.rejects(writeNetcdf4(path, { dimensions: { a: 2, b: 3 }, variables: { v: { dims: ['a', 'b'], data: t, compression: 12 } } }),
    /compression 12/);
  await assert.rejects(writeNetcdf4(path, { dimensions: { a: -1 }, variables: {} }), /dimension 'a' has invalid size -1/);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('bad') || n.startsWith('.bad')), []);
});
