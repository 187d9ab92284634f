import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand as randAny } from '../testing.js';

const rand = (shape: number[], seed: number) => randAny(shape, seed) as tf.Tensor4D;
const rand5 = (shape: number[], seed: number) => randAny(shape, seed) as tf.Tensor5D;

const TOL = { rtol: 1e-4, atol: 1e-5 };

test('Conv2D: same/valid/explicit padding, strides, dilations, NCHW', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([2, 7, 6, 3], 1), f = () => rand([3, 3, 3, 4], 2);
  await compareWithCpu(() => [tf.conv2d(x(), f(), 1, 'same'), tf.conv2d(x(), f(), 2, 'same'), tf.conv2d(x(), f(), [2, 1], 'valid'),
    tf.conv2d(x(), f(), 1, 'same', 'NHWC', 2), tf.conv2d(x(), f(), 1, [[0, 0], [1, 2], [0, 1], [0, 0]]),
    tf.conv2d(rand([1, 3, 5, 5], 3), f(), 1, 'same', 'NCHW')], TOL);
});

test('Conv2D gradients (Conv2DBackpropInput / Filter) with asymmetric same padding', { skip: TORCH_SKIP }, async () => {
  for (const [stride, pad] of [[1, 'same'], [2, 'same'], [2, 'valid'], [1, 'valid']] as const) {
    await compareWithCpu(() => tf.grads((x: tf.Tensor, f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, stride, pad))))(
      [rand([2, 6, 7, 3], 1), rand([3, 2, 3, 5], 2)]), TOL);
  }
  await compareWithCpu(() => tf.conv2dTranspose(rand([1, 4, 4, 5], 1), rand([3, 3, 2, 5], 2), [1, 8, 8, 2], 2, 'same'), TOL);
});

test('DepthwiseConv2dNative and its gradients', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => [tf.depthwiseConv2d(rand([2, 6, 6, 3], 1), rand([3, 3, 3, 2], 2), 1, 'same'),
    tf.depthwiseConv2d(rand([1, 7, 7, 2], 1), rand([3, 3, 2, 1], 2), 2, 'valid')], TOL);
  await compareWithCpu(() => tf.grads((x: tf.Tensor, f: tf.Tensor) => tf.sum(tf.square(tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same'))))(
    [rand([2, 5, 5, 3], 1), rand([3, 3, 3, 2], 2)]), TOL);
});

test('Conv3D and its gradients (NDHWC)', { skip: TORCH_SKIP }, async () => {
  const x = () => rand5([1, 4, 5, 6, 2], 1), f = () => rand5([3, 2, 3, 2, 3], 2);
  await compareWithCpu(() => [tf.conv3d(x(), f(), 1, 'same'), tf.conv3d(x(), f(), 2, 'valid')], TOL);
  await compareWithCpu(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, [1, 2, 2], 'same'))))([x(), f()]), TOL);
});
