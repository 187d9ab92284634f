import { test } from 'node:test';
import { tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('Conv2DBackpropFilter kernel on wasm matches cpu (NHWC and NCHW, strides, padding modes)', async () => {
  const cases = [
    { fmt: 'NHWC', x: [2, 7, 6, 3], dy: [2, 4, 3, 5], w: [3, 3, 3, 5], strides: 2, pad: 'same' },
    { fmt: 'NHWC', x: [1, 6, 6, 2], dy: [1, 3, 2, 4], w: [3, 3, 2, 4], strides: [2, 3], pad: [[0, 0], [1, 0], [0, 2], [0, 0]] },
    { fmt: 'NCHW', x: [2, 3, 7, 6], dy: [2, 5, 5, 4], w: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  ] as const;
  for (const c of cases) {
    await assertSameOnWasmAndCpu(`conv2d filter grad ${JSON.stringify(c)}`, () => tf.engine().runKernel('Conv2DBackpropFilter',
      { x: rand([...c.x], 1), dy: rand([...c.dy], 2) },
      { strides: c.strides, pad: c.pad, dataFormat: c.fmt, filterShape: [...c.w] } as never) as tf.Tensor);
  }
});

test('conv2d gradients (x and filter) on wasm match cpu for valid and explicit padding', async () => {
  for (const pad of ['valid', [[0, 0], [1, 2], [2, 0], [0, 0]]] as const) {
    await assertSameOnWasmAndCpu(`conv2d grads pad=${JSON.stringify(pad)}`, () => {
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [1, 2], pad as 'valid')));
      return tf.grads(f)([rand([2, 6, 5, 3], 3), rand([3, 2, 3, 4], 4)]);
    });
  }
});

test('conv2dTranspose forward and backward on wasm match cpu', async () => {
  await assertSameOnWasmAndCpu('conv2dTranspose', () => {
    const x = rand([1, 4, 4, 3], 5);
    const w = rand([2, 2, 6, 3], 6); // [fh, fw, outC, inC]
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [1, 8, 8, 6], 2, 'valid')));
    return [tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [1, 8, 8, 6], 2, 'valid'), ...tf.grads(f)([x, w])];
  });
});
