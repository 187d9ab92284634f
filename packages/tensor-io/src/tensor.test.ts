import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatToHalf, halfToFloat, floatToBfloat16, bfloat16ToFloat, fromBytes, toBytes, numel, tensor, toFloat32 } from './tensor.js';

test('half precision round-trips representable values and rounds to nearest even', () => {
  for (const x of [0, 1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8]) assert.equal(halfToFloat(floatToHalf(x)), x);
  assert.equal(floatToHalf(1 + 2 ** -11), 0x3c00); // tie → even
  assert.equal(halfToFloat(floatToHalf(70000)), Infinity);
  assert.ok(Number.isNaN(halfToFloat(floatToHalf(NaN))));
});

test('bfloat16 keeps the float32 exponent', () => {
  assert.equal(bfloat16ToFloat(floatToBfloat16(1 + 2 ** -8)), 1); // tie → even
  assert.equal(bfloat16ToFloat(floatToBfloat16(1 + 3 * 2 ** -8)), 1 + 4 * 2 ** -8);
  assert.ok(Math.abs(bfloat16ToFloat(floatToBfloat16(3.0e38)) / 3.0e38 - 1) < 2 ** -8);
  assert.equal(bfloat16ToFloat(floatToBfloat16(1.5)), 1.5);
});

test('fromBytes views aligned bytes and copies misaligned ones', () => {
  const buf = new Uint8Array(13);
  new DataView(buf.buffer).setFloat32(1, 2.5, true);
  const t = fromBytes('float32', [3], buf.subarray(1, 13));
  assert.equal(t.data[0], 2.5);
  assert.deepEqual([...toBytes(t)], [...buf.subarray(1, 13)]);
  assert.throws(() => fromBytes('float32', [4], buf.subarray(1, 13)), /expected 16 bytes/);
});

test('shape checks', () => {
  assert.equal(numel([]), 1);
  assert.throws(() => numel([2, -1]), /invalid dimension/);
  assert.throws(() => tensor('int32', [2], new Float32Array(2) as never), /needs a Int32Array/);
  assert.deepEqual([...toFloat32(tensor('int64', [2], new BigInt64Array([3n, -4n])))], [3, -4]);
});
