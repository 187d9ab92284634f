import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCF } from './cf.js';
import type { MaskedTensor, NcAttribute } from './types.js';

const a = (type: NcAttribute['type'], value: NcAttribute['value']): NcAttribute => ({ type, value });

test('decodeCF: _Unsigned + _FillValue + valid_range + float scale_factor → float32 with NaN', () => {
  const raw = { dtype: 'int16' as const, shape: [5], data: new Int16Array([-1, 0, 100, -6, -5]) };
  const out = decodeCF(raw, {
    _Unsigned: a('char', 'true'), _FillValue: a('short', [-1]), valid_range: a('short', [0, -6]), scale_factor: a('float', [0.5]),
  }, false);
  assert.equal(out.dtype, 'float32');
  // -1 → 65535 (fill); -6 → 65530 (= valid max, kept); -5 → 65531 (> valid max).
  assert.deepEqual(Array.from(out.data as Float32Array), [NaN, 0, 50, 32765, NaN]);
});

test('decodeCF: double add_offset gives float64; missing_value list; mask mode keeps unscaled ints', () => {
  const raw = { dtype: 'int32' as const, shape: [4], data: new Int32Array([1, 2, 3, 4]) };
  const d = decodeCF(raw, { add_offset: a('double', [0.25]), missing_value: a('int', [2, 4]) }, false);
  assert.equal(d.dtype, 'float64');
  assert.deepEqual(Array.from(d.data as Float64Array), [1.25, NaN, 3.25, NaN]);
  const m = decodeCF({ dtype: 'uint8', shape: [3], data: new Uint8Array([1, 9, 255]) }, { valid_max: a('ubyte', [8]) }, true);
  assert.ok('mask' in m);
  assert.equal(m.dtype, 'uint8');
  assert.deepEqual(Array.from(m.mask.data), [0, 1, 1]);
  // Without mask, an integer variable with validity attributes becomes float so that NaN fits.
  const f = decodeCF({ dtype: 'uint8', shape: [3], data: new Uint8Array([1, 9, 255]) }, { valid_max: a('ubyte', [8]) }, false);
  assert.deepEqual([f.dtype, ...Array.from(f.data as Float32Array)], ['float32', 1, NaN, NaN]);
});

test('decodeCF: float data — NaN and the default fill are invalid; plain ints pass through untouched', () => {
  const f = decodeCF({ dtype: 'float32', shape: [3], data: new Float32Array([NaN, 9.969209968386869e36, 2]) }, {}, true) as MaskedTensor;
  assert.deepEqual(Array.from(f.mask.data), [1, 1, 0]);
  const raw = { dtype: 'int16' as const, shape: [2], data: new Int16Array([-32767, 5]) };
  assert.equal(decodeCF(raw, {}, false), raw);
  const big = decodeCF({ dtype: 'int64', shape: [2], data: new BigInt64Array([-9223372036854775808n, -9223372036854775806n]) }, {}, true) as MaskedTensor;
  assert.deepEqual(Array.from(big.mask.data), [0, 1], 'int64 default fill compared exactly');
});
