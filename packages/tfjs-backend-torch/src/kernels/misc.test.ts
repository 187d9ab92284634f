import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand } from '../testing.js';

test('Cast, Identity, Fill, ZerosLike, OnesLike', { skip: TORCH_SKIP }, async () => {
  const x = () => tf.mul(rand([2, 5], 1), 4);
  await compareWithCpu(() => [tf.cast(x(), 'int32'), tf.cast(x(), 'bool'), tf.cast(tf.cast(x(), 'int32'), 'float32'), tf.clone(x()),
    tf.fill([2, 3], 1.5), tf.fill([4], 3, 'int32'), tf.zerosLike(x()), tf.onesLike(tf.cast(x(), 'int32'))]);
});

test('Select (same-shape and row condition) and Softmax', { skip: TORCH_SKIP }, async () => {
  const a = () => rand([3, 4], 1), b = () => rand([3, 4], 2);
  await compareWithCpu(() => [tf.where(tf.greater(a(), b()), a(), b()), tf.where(tf.tensor([true, false, true], [3, 1], 'bool'), a(), b()),
    tf.softmax(tf.mul(a(), 5)), tf.softmax(rand([2, 3, 7], 3)), tf.logSoftmax(a())], { rtol: 1e-5, atol: 1e-6 });
});
