import { test } from 'node:test';
import { tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('Conv2DBackpropFilter on wasm matches cpu (NHWC, stride 2, same padding, dilation via grads)', async () => {
  await assertSameOnWasmAndCpu('conv2d filter grad', () => {
    const x = rand([2, 7, 6, 3], 1);
    const dy = rand([2, 4, 3, 5], 2);
    return tf.conv2DBackpropFilter(x as tf.Tensor4D, dy as tf.Tensor4D, [3, 3, 3, 5], 2, 'same');
  });
});

test('conv2d gradients (x and filter) on wasm match cpu for valid, explicit-pad and NCHW forms', async () => {
  for (const [pad, fmt] of [['valid', 'NHWC'], [[[0, 0], [1, 2], [2, 0], [0, 0]], 'NHWC'], ['same', 'NCHW']] as const) {
    await assertSameOnWasmAndCpu(`conv2d grads pad=${JSON.stringify(pad)} ${fmt}`, () => {
      const xShape = fmt === 'NHWC' ? [2, 6, 5, 3] : [2, 3, 6, 5];
      const x = rand(xShape, 3);
      const w = rand([3, 2, 3, 4], 4);
      const padArg = (fmt === 'NCHW' && Array.isArray(pad)) ? 'same' : pad;
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, padArg as 'valid', fmt).square().sum();
      return tf.grads(f)([x, w]);
    });
  }
});

test('conv2dTranspose forward and backward on wasm match cpu', async () => {
  await assertSameOnWasmAndCpu('conv2dTranspose', () => {
    const x = rand([1, 4, 4, 3], 5);
    const w = rand([2, 2, 6, 3], 6); // [fh, fw, outC, inC]
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [1, 8, 8, 6], 2, 'valid').square().sum();
    const y = tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [1, 8, 8, 6], 2, 'valid');
    return [y, ...tf.grads(f)([x, w])];
  });
});
