import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand, useTorch } from '../testing.js';

test('Slice and StridedSlice (masks, negative strides, new/shrink axes)', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([4, 5, 6], 1);
  await compareWithCpu(() => [tf.slice(x(), [1, 0, 2], [2, -1, 3]), tf.slice(x(), 2),
    tf.stridedSlice(x(), [0, 1, 0], [4, 5, 6], [2, 2, 3]), tf.stridedSlice(x(), [3, 4, 5], [0, 0, 0], [-1, -2, -2]),
    tf.stridedSlice(x(), [1, 0, 0], [2, 5, 6], [1, 1, 1], 0, 0, 0, 0, 1), tf.stridedSlice(x(), [0, 0], [2, 3], [1, 1], 0, 0, 0, 1),
    tf.stridedSlice(x(), [-2], [0], [-1]), tf.stridedSlice(x(), [3, 0], [0, 4], [-1, 2], 0, 1)]);
});

test('GatherV2 (any axis, int32 data) and UnsortedSegmentSum', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([4, 3, 2], 1);
  await compareWithCpu(() => [tf.gather(x(), tf.tensor([3, 0, 0, 2], [2, 2], 'int32')), tf.gather(x(), tf.tensor([2, 1], [2], 'int32'), 1),
    tf.gather(tf.tensor([5, 6, 7], [3], 'int32'), tf.tensor([2, 2], [2], 'int32')),
    tf.unsortedSegmentSum(x(), tf.tensor([1, 0, 1, 3], [4], 'int32'), 5)]);
  await compareWithCpu(() => tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor([0, 2, 2], [3], 'int32')))))(x()));
});

test('GatherV2 with batchDims, UnsortedSegmentSum with 2-D ids and with no rows', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => [tf.gather(tf.tensor2d([[10, 11, 12], [20, 21, 22]]), tf.tensor2d([[2, 0], [1, 1]], [2, 2], 'int32'), 1, 1),
    tf.gather(rand([2, 3, 4, 2], 7), tf.tensor2d([[3, 0, 1], [2, 2, 0]], [2, 3], 'int32'), 2, 1),
    tf.unsortedSegmentSum(rand([0, 3], 1), tf.tensor1d([], 'int32'), 2)]);
  await useTorch();
  // tfjs' cpu kernel cannot do 2-D ids: a hand computation
  const s = tf.unsortedSegmentSum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]), tf.tensor2d([[0, 2, 0], [1, 5, 2]], [2, 3], 'int32') as unknown as tf.Tensor1D, 3);
  assert.deepEqual(Array.from(s.dataSync()), [1 + 5, 2 + 6, 7, 8, 3 + 11, 4 + 12]);
  assert.throws(() => tf.gather(tf.ones([2, 3]), tf.tensor2d([[0, 1], [1, 3]], [2, 2], 'int32'), 1, 1).dataSync(), /index 3 at position 3/);
});

test('GatherV2 rejects an out-of-range index with a clear error', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  assert.throws(() => tf.gather(rand([3, 2], 1), tf.tensor([0, 3], [2], 'int32')).dataSync(), /GatherV2: index 3 at position 1 is not in \[0, 2\]/);
});
