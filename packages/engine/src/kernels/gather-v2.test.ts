import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('gather with batchDims 1 on wasm picks per-batch rows (hand-checked) and matches cpu', async () => {
  await initEngine({ backend: 'wasm' });
  const x = tf.tensor2d([[10, 11, 12], [20, 21, 22]]);
  const y = tf.gather(x, tf.tensor2d([[2, 0], [1, 1]], [2, 2], 'int32'), 1, 1);
  assert.deepEqual(await y.data(), new Float32Array([12, 10, 21, 21]));
  await assertSameOnWasmAndCpu('gather batchDims=1 axis=2', () =>
    tf.gather(rand([2, 3, 4, 2], 7), tf.tensor2d([[3, 0, 1], [2, 2, 0]], [2, 3], 'int32'), 2, 1));
});

test('gather with batchDims on wasm rejects an out-of-range index, naming its position', async () => {
  await initEngine({ backend: 'wasm' });
  assert.throws(() => tf.gather(tf.ones([2, 3]), tf.tensor2d([[0, 1], [1, 3]], [2, 2], 'int32'), 1, 1), /index 3 at position 3/);
});
