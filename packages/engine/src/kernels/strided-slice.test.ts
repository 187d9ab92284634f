import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('stridedSlice on int32 and bool keeps dtype and values on wasm (hand-checked)', async () => {
  await initEngine({ backend: 'wasm' });
  const i = tf.stridedSlice(tf.reshape(tf.range(0, 12, 1, 'int32'), [3, 4]), [0, 1], [3, 4], [1, 2]);
  assert.equal(i.dtype, 'int32');
  assert.deepEqual(await i.data(), new Int32Array([1, 3, 5, 7, 9, 11]));
  const b = tf.stridedSlice(tf.tensor1d([1, 0, 1, 1, 0], 'bool'), [4], [0], [-2]);
  assert.equal(b.dtype, 'bool');
  assert.deepEqual(await b.data(), new Uint8Array([0, 1]));
});

test('stridedSlice with masks on wasm matches cpu for float32 and int32', async () => {
  await assertSameOnWasmAndCpu('stridedSlice', () => {
    const x = rand([3, 5, 4], 1);
    const args: [number[], number[], number[], number, number, number, number, number] = [[0, 1, 0], [0, 5, 3], [1, 2, 1], 1, 0, 0, 0, 4];
    return [tf.stridedSlice(x, ...args), tf.cast(tf.stridedSlice(tf.cast(tf.mul(x, 100), 'int32'), ...args), 'float32')];
  });
});
