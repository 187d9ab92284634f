import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('unsortedSegmentSum on wasm matches cpu (repeated ids, int32)', async () => {
  await assertSameOnWasmAndCpu('unsortedSegmentSum', () => [
    tf.unsortedSegmentSum(rand([5, 3], 1), tf.tensor1d([2, 0, 2, 3, 0], 'int32'), 4),
    tf.cast(tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([1, 1, 0, 1], 'int32'), 2), 'float32'),
  ]);
});

test('unsortedSegmentSum with 2-D segment ids on wasm equals a hand computation', async () => {
  await initEngine({ backend: 'wasm' });
  const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
  const y = tf.unsortedSegmentSum(x, tf.tensor2d([[1, 1, 0], [3, -1, 1]], [2, 3], 'int32') as unknown as tf.Tensor1D, 3);
  assert.deepEqual(y.shape, [3, 2]);
  // segment 0: row (5,6); segment 1: rows (1,2)+(3,4)+(11,12); id 3 and −1 are dropped.
  assert.deepEqual(await y.data(), new Float32Array([5, 6, 15, 18, 0, 0]));
});

test('gather forward and backward (axis 0 and 1, batchDims 1) on wasm match cpu', async () => {
  await assertSameOnWasmAndCpu('gather', () => {
    const table = rand([6, 4], 3);
    const idx = tf.tensor1d([5, 0, 5, 2], 'int32');
    const f0 = (t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, idx, 0)));
    const f1 = (t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor1d([3, 3, 1], 'int32'), 1)));
    const fb = (t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor2d([[0, 2], [1, 1], [3, 0]], [3, 2], 'int32'), 1, 1)));
    return [tf.gather(table, idx), tf.grad(f0)(table), tf.grad(f1)(table), tf.grad(fb)(rand([3, 4, 2], 4))];
  });
});
