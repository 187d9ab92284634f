import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand } from '../testing.js';

test('BatchMatMul: 2-D, transposes, broadcast batch, batched × unbatched', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => tf.matMul(rand([7, 5], 1), rand([5, 3], 2)), { rtol: 1e-5 });
  await compareWithCpu(() => tf.matMul(rand([5, 7], 1), rand([3, 5], 2), true, true));
  await compareWithCpu(() => tf.matMul(rand([2, 3, 4, 5], 3), rand([2, 3, 6, 5], 4), false, true));
  await compareWithCpu(() => tf.matMul(rand([2, 6, 8], 5), rand([8, 4], 6)));
  await compareWithCpu(() => tf.matMul(rand([1, 6, 8], 5), rand([3, 8, 4], 6)));
});

test('_FusedMatMul: bias + relu / sigmoid / leakyrelu', { skip: TORCH_SKIP }, async () => {
  for (const activation of ['linear', 'relu', 'sigmoid', 'leakyrelu', 'elu', 'relu6'] as const) {
    await compareWithCpu(() => tf.fused.matMul({ a: rand([6, 5], 1), b: rand([4, 5], 2), transposeB: true, bias: rand([4], 3), activation, leakyreluAlpha: 0.1 }));
  }
});

test('matMul gradients on torch equal the cpu backend', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => {
    const a = rand([3, 4, 5], 1), b = rand([5, 2], 2);
    const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([a, b]);
    return g;
  }, { rtol: 1e-4, atol: 1e-5 });
});
