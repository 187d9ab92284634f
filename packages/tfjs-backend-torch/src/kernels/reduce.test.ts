import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand } from '../testing.js';

test('reductions over one, several and all axes, keepDims', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([2, 3, 4], 1);
  await compareWithCpu(() => [tf.sum(x()), tf.sum(x(), 1), tf.sum(x(), [0, 2], true), tf.mean(x(), -1), tf.mean(x(), [0, 1]),
    tf.max(x(), 2), tf.max(x(), [0, 2]), tf.min(x(), 0, true), tf.prod(x(), [1, 2]), tf.argMax(x(), 1), tf.argMin(x(), -1),
    tf.logSumExp(x(), 1)], { rtol: 1e-5, atol: 1e-6 });
});

test('reductions of int32 and bool follow tfjs dtypes', { skip: TORCH_SKIP }, async () => {
  const i = () => tf.tensor([[1, -2, 3], [4, 5, -6]], [2, 3], 'int32');
  const b = () => tf.tensor([[true, false, true], [true, true, true]], [2, 3], 'bool');
  await compareWithCpu(() => [tf.sum(i(), 1), tf.prod(i()), tf.max(i(), 0), tf.mean(i(), 1), tf.sum(b(), 1), tf.any(b(), 1), tf.all(b(), [0, 1]), tf.argMax(i(), 0)]);
});
