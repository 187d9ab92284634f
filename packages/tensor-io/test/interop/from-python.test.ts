// Files written by torch.save, numpy.save/savez_compressed, a numpy safetensors writer and
// netCDF4-python (NETCDF4 with deflate + chunks + an unlimited dimension, and NETCDF3_CLASSIC),
// read by our readers with the values Python reports. Views sharing one storage (slices, a column,
// a transpose) come back as the right strided values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '@weatherlearn/test-parts';
import { describeTensor, pyWrite, requirePython, type PyArray } from '@weatherlearn/test-parts/interop';
import { openNetcdf, readNpy, readNpz, readPt, readSafetensors, type PtValue, type Tensor } from '../../src/index.js';

/** Our reading of a Python value in the script's JSON form (tensors described, ints as {int}). */
function describe(v: PtValue): unknown {
  if (v && typeof v === 'object' && 'dtype' in v && 'data' in v) return describeTensor(v as Tensor);
  if (Array.isArray(v)) return v.map(describe);
  if (typeof v === 'number' && Number.isInteger(v)) return { int: String(v) };
  if (typeof v === 'bigint') return { int: String(v) };
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x as PtValue)]));
  return v;
}

test('torch.save (views of one storage, fp16, bf16, int64, bool, 0-d, nested) reads back with readPt', { skip: requirePython('torch') }, async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'torch.pt');
    const want = pyWrite<{ value: Record<string, unknown> }>('pt', file);
    const got = describe(readPt(readFileSync(file), file)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(got), Object.keys(want.value));
    for (const k of Object.keys(want.value)) assert.deepEqual(got[k], want.value[k], k);
  });
});

test('numpy.save (C and Fortran order) and savez_compressed read back with readNpy / readNpz', { skip: requirePython() }, async () => {
  await withTempDir((dir) => {
    for (const kind of ['npy', 'npy-fortran'] as const) {
      const file = join(dir, `${kind}.npy`);
      const want = pyWrite<PyArray>(kind, file);
      assert.deepEqual(describeTensor(readNpy(readFileSync(file), file)), want, kind);
    }
    const file = join(dir, 'z.npz');
    const want = pyWrite<Record<string, PyArray>>('npz', file);
    const got = readNpz(readFileSync(file), file);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
    for (const k of Object.keys(want)) assert.deepEqual(describeTensor(got[k]!), want[k], k);
  });
});

test('safetensors written by numpy to the spec read back with readSafetensors', { skip: requirePython() }, async () => {
  await withTempDir((dir) => {
    const file = join(dir, 'np.safetensors');
    const want = pyWrite<Record<string, PyArray>>('safetensors', file);
    const got = readSafetensors(readFileSync(file), file);
    for (const k of Object.keys(want)) assert.deepEqual(describeTensor(got[k]!), want[k], k);
  });
});

for (const kind of ['netcdf4', 'netcdf3'] as const) {
  test(`netCDF4-python ${kind === 'netcdf4' ? 'NETCDF4 (deflate, chunks, unlimited time)' : 'NETCDF3_CLASSIC'} reads back with openNetcdf`, { skip: requirePython('netCDF4') }, async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, `${kind}.nc`);
      const want = pyWrite<{ dimensions: Record<string, [number, boolean]>; variables: Record<string, PyArray> }>(kind, file);
      const nc = await openNetcdf(file);
      try {
        assert.equal(nc.format, kind === 'netcdf4' ? 'netcdf4' : 'netcdf3-classic');
        assert.deepEqual(Object.fromEntries(nc.dimensions.map((d) => [d.name, [d.size, d.unlimited]])), want.dimensions);
        assert.equal(nc.attributes.title?.value, 'written by netCDF4-python');
        for (const name of ['temp', 'count']) {
          const t = await nc.readVariable(name, { decode: false });
          const { dtype, shape, values } = want.variables[name]!;
          assert.deepEqual(describeTensor(t), { dtype, shape, values }, name);
        }
      } finally {
        await nc.close();
      }
    });
  });
}
