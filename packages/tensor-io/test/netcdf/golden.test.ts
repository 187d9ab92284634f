// Golden netCDF-3/4 files written by netCDF4-python (test/netcdf/golden/make_golden.py); golden.json
// holds what netCDF4-python reads from them (raw and auto-masked/scaled). We must read the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNetcdf, type NcAttribute } from '../../src/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
interface GoldenVar { dtype: string; dims: string[]; shape: number[]; raw: unknown[]; decoded: unknown[]; decoded_dtype: string; attrs: Record<string, unknown> }
interface Golden { format: string; dims: Record<string, [number, boolean]>; attrs: Record<string, unknown>; vars: Record<string, GoldenVar> }
const golden = JSON.parse(readFileSync(join(dir, 'golden.json'), 'utf8')) as Record<string, Golden>;
const FORMAT: Record<string, string> = {
  NETCDF3_CLASSIC: 'netcdf3-classic', NETCDF3_64BIT_OFFSET: 'netcdf3-64bit-offset', NETCDF3_64BIT_DATA: 'netcdf3-64bit-data', NETCDF4: 'netcdf4',
};
// numpy dtype names as golden.json spells them → our dtypes.
const NP: Record<string, string> = { '|S1': 'char', '>f4': 'float32' };

function attrJson(a: NcAttribute): unknown {
  if (typeof a.value === 'string') return a.value;
  return (a.value as unknown[]).map((x) => (typeof x === 'bigint' ? (x > 2n ** 53n || x < -(2n ** 53n) ? x.toString() : Number(x)) : x));
}
function expected(x: unknown): number | bigint | string {
  if (x === null || x === 'NaN') return NaN;
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x);
  return x as number | string;
}
function same(actual: ArrayLike<unknown>, want: unknown[], what: string, tolerance = 0): void {
  assert.equal(actual.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    let e = expected(want[i]);
    let a = actual[i] as number | bigint;
    if (typeof e === 'string') e = e.length ? e.charCodeAt(0) : 0; // char data
    if (typeof e === 'bigint' || typeof a === 'bigint') { assert.equal(BigInt(a), BigInt(e), `${what}[${i}]`); continue; }
    if (Number.isNaN(e)) { assert.ok(Number.isNaN(a), `${what}[${i}] should be NaN, got ${a}`); continue; }
    if (tolerance === 0) assert.equal(a, e, `${what}[${i}]`);
    else assert.ok(Math.abs(Number(a) - e) <= tolerance * Math.abs(e), `${what}[${i}]: ${a} vs ${e}`);
  }
}

for (const [file, g] of Object.entries(golden)) {
  test(`golden ${file}: header, raw and CF-decoded values match netCDF4-python`, async () => {
    const f = await openNetcdf(join(dir, file));
    try {
      assert.equal(f.format, FORMAT[g.format]);
      assert.deepEqual(Object.fromEntries(f.dimensions.map((d) => [d.name, [d.size, d.unlimited]])), g.dims);
      assert.deepEqual(Object.fromEntries(Object.entries(f.attributes).map(([k, a]) => [k, attrJson(a)])), g.attrs);
      for (const [name, gv] of Object.entries(g.vars)) {
        const v = f.variable(name);
        assert.ok(v, `variable ${name}`);
        assert.equal(v.dtype, NP[gv.dtype] ?? gv.dtype, `${name} dtype`);
        assert.deepEqual(v.dims, gv.dims);
        assert.deepEqual(v.shape, gv.shape);
        assert.deepEqual(Object.fromEntries(Object.entries(v.attributes).map(([k, a]) => [k, attrJson(a)])), gv.attrs, `${name} attrs`);
        const raw = await f.readVariable(name, { decode: false });
        assert.deepEqual(raw.shape, gv.shape);
        same(raw.data, gv.raw, `${file}:${name} raw`);
        const dec = await f.readVariable(name);
        // Documented difference: outside mask mode, integer variables without any validity or
        // scaling attribute are returned as they are (netCDF4-python masks their default fill value).
        const plainInt = !gv.dtype.includes('f') && gv.dtype !== '|S1' &&
          !['_FillValue', 'missing_value', 'valid_range', 'valid_min', 'valid_max', 'scale_factor', 'add_offset'].some((k) => k in gv.attrs);
        same(dec.data, plainInt ? gv.raw : gv.decoded, `${file}:${name} decoded`);
        // Our decoded dtype equals numpy's, except that masked integers become float (NaN needs it).
        const masked = gv.decoded.some((x) => x === null);
        if (!masked || plainInt || gv.decoded_dtype.startsWith('float')) assert.equal(dec.dtype, gv.decoded_dtype.replace('|S1', 'uint8').replace('>f4', 'float32'), `${name} decoded dtype`);
        // Mask mode: mask equals numpy's mask; unscaled integers keep their dtype.
        const m = await f.readVariable(name, { mask: true });
        assert.deepEqual(Array.from(m.mask.data), gv.decoded.map((x) => (x === null ? 1 : 0)), `${name} mask`);
        if (masked && !gv.decoded_dtype.startsWith('float')) assert.equal(m.dtype, gv.decoded_dtype);
      }
    } finally {
      await f.close();
    }
  });
}

test('golden netcdf4.nc: string variable is listed but not readable as a tensor; groups are not exposed', async () => {
  const f = await openNetcdf(join(dir, 'netcdf4.nc'));
  try {
    assert.equal(f.variable('labels')?.dtype, 'string');
    await assert.rejects(f.readVariable('labels'), /netcdf4\.nc \(variable labels\): is a string variable/);
    assert.equal(f.variable('sub'), undefined);
  } finally { await f.close(); }
});
