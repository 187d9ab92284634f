import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readNpy, writeNpy } from './npy.js';
import { TensorIOError } from '../formats/errors.js';
import { GOLDEN_DIR, EXPECTED, golden, hexOf, type GoldenTensor } from '../../test/golden/golden.js';
import { fromBytes, tensor, type DType } from '../tensor.js';

const npyFiles = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.npy'));

test('every golden .npy written by numpy reads back exactly (dtype, shape, bits)', () => {
  assert.ok(npyFiles.length >= 20);
  for (const f of npyFiles) {
    const want = EXPECTED[f] as GoldenTensor;
    const t = readNpy(golden(f), f);
    assert.equal(t.dtype, want.dtype, f);
    assert.deepEqual(t.shape, want.shape, f);
    assert.equal(hexOf(t), want.hex, f);
  }
});

test('fortran order is transposed to C order and big-endian swapped', () => {
  const f = readNpy(golden('npy_fortran.npy'));
  assert.deepEqual(f.shape, [3, 4]);
  assert.deepEqual([...f.data], Array.from({ length: 12 }, (_, i) => i));
  const f3 = readNpy(golden('npy_fortran3d.npy'));
  assert.deepEqual([...f3.data], Array.from({ length: 24 }, (_, i) => i));
  const be = readNpy(golden('npy_be_i8.npy'));
  assert.deepEqual([...be.data], [1n, -2n, 2n ** 62n, -(2n ** 63n)]);
  assert.deepEqual([...readNpy(golden('npy_be_f4.npy')).data].slice(0, 3), [1.5, -2.25, Infinity]);
});

test('writeNpy is byte-identical to numpy.save for every C-order little-endian golden file', () => {
  let n = 0;
  for (const f of npyFiles.filter((x) => !/fortran|be_/.test(x))) {
    const bytes = golden(f);
    assert.deepEqual(writeNpy(readNpy(bytes, f)), bytes, f);
    n++;
  }
  assert.ok(n >= 15);
});

test('round trip of every dtype, including scalars and empty arrays', () => {
  const dtypes: DType[] = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64', 'float16', 'float32', 'float64'];
  for (const dt of dtypes) {
    for (const shape of [[], [0], [2, 3], [1, 2, 1, 2]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const bytes = new Uint8Array(n * 8).map((_, i) => (i * 37 + 11) & 0xff);
      const size = { bool: 1, uint8: 1, int8: 1, uint16: 2, int16: 2, float16: 2, uint32: 4, int32: 4, float32: 4, uint64: 8, int64: 8, float64: 8 }[dt as 'bool'];
      const t = fromBytes(dt, shape, dt === 'bool' ? bytes.subarray(0, n).map((b) => b & 1) : bytes.subarray(0, n * size));
      const back = readNpy(writeNpy(t));
      assert.equal(back.dtype, dt);
      assert.deepEqual(back.shape, shape);
      assert.equal(hexOf(back), hexOf(t), `${dt} [${shape}]`);
    }
  }
});

test('writeNpy refuses bfloat16 with a clear error', () => {
  assert.throws(() => writeNpy(tensor('bfloat16', [1], new Uint16Array(1))), /bfloat16 has no numpy equivalent/);
});

test('bad input gives TensorIOError naming the file, offset and field', () => {
  const good = golden('npy_float32.npy');
  assert.throws(() => readNpy(good.subarray(0, 5), 'x.npy'), (e: unknown) => e instanceof TensorIOError && /x\.npy@0: truncated/.test(e.message));
  assert.throws(() => readNpy(good.subarray(0, 40), 'x.npy'), /truncated: header/);
  assert.throws(() => readNpy(good.subarray(0, good.length - 1), 'x.npy'), /x\.npy@128 \(data\): truncated: shape \[2, 3\] of <f4 needs 24 data bytes, file has 23/);
  const extra = new Uint8Array(good.length + 4); extra.set(good);
  assert.throws(() => readNpy(extra, 'x.npy'), /wrong size: 4 unexpected bytes/);
  const bad = good.slice(); bad[1] = 0x41;
  assert.throws(() => readNpy(bad, 'x.npy'), /bad magic/);
  const withDescr = (descr: string, shape = '(2, 3)'): Uint8Array => {
    const h = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`.padEnd(117, ' ') + '\n';
    const out = new Uint8Array(128 + 24);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]);
    for (let k = 0; k < h.length; k++) out[10 + k] = h.charCodeAt(k);
    return out;
  };
  assert.throws(() => readNpy(withDescr('<c8'), 'y.npy'), /y\.npy@10 \(descr\): unsupported dtype '<c8'/);
  assert.throws(() => readNpy(withDescr('|S3'), 'y.npy'), /unsupported dtype '\|S3'/);
  // A huge declared shape is rejected by arithmetic, never allocated.
  assert.throws(() => readNpy(withDescr('<f8', '(1000000000, 1000000000)'), 'y.npy'), /needs 8000000000000000000 data bytes, file has 24/);
  assert.throws(() => readNpy(withDescr('<f4', '(2, -3)'), 'y.npy'), /bad shape/);
  const evilHeader = withDescr('<f4');
  const src = "{'descr': __import__('os').system('x')}";
  for (let k = 0; k < src.length; k++) evilHeader[10 + k] = src.charCodeAt(k);
  assert.throws(() => readNpy(evilHeader, 'y.npy'), /malformed header/);
});
