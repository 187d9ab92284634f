import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('stridedSlice gradient scatters dy back (strides, negative stride, masks) on wasm and cpu alike', async () => {
  await initEngine({ backend: 'wasm' });
  const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.stridedSlice(x, [1], [6], [2]), tf.tensor1d([10, 20, 30]))))(tf.zeros([7]));
  assert.deepEqual(await g.data(), new Float32Array([0, 10, 0, 20, 0, 30, 0]));
  const r = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.stridedSlice(x, [3], [0], [-1]), tf.tensor1d([1, 2, 3]))))(tf.zeros([4]));
  assert.deepEqual(await r.data(), new Float32Array([0, 3, 2, 1]));
  await assertSameOnWasmAndCpu('stridedSlice masks', () => {
    const x = rand([3, 5, 4], 2);
    const f = (t: tf.Tensor) => tf.sum(tf.square(tf.stridedSlice(t, [0, 1, 0], [0, 5, 3], [1, 2, 1], 1, 0, 0, 0, 4)));
    return [tf.grad(f)(x)];
  });
});

test('masks built from trained tensors (where(greater(x, 0), …)) backpropagate with zero mask gradient', async () => {
  await assertSameOnWasmAndCpu('where/greater/logical', () => {
    const a = rand([3, 4], 1), b = rand([3, 4], 2);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.where(tf.logicalAnd(tf.greater(x, 0), tf.logicalNot(tf.less(y, -0.5))), tf.mul(x, y), tf.square(y)));
    return tf.grads(f)([a, b]);
  });
});
