import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertClose, assertSameOnWasmAndCpu, rand, valuesOn } from './testing.js';

const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv3dTranspose(a as tf.Tensor5D, b as tf.Tensor5D, [1, 4, 8, 8, 4], [2, 4, 4], 'valid');

test('conv3dTranspose forward on wasm matches cpu (patch-recovery shape: stride = kernel)', async () => {
  await assertSameOnWasmAndCpu('conv3dTranspose', () => f(rand([1, 2, 2, 2, 6], 1), rand([2, 4, 4, 4, 6], 2)));
});

test('conv3d forward and gradients (x, filter) on wasm match cpu, same padding and strides', async () => {
  await assertSameOnWasmAndCpu('conv3d grads', () => {
    const g = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, [1, 2, 2], 'same')));
    const x = rand([2, 3, 5, 4, 3], 3), w = rand([2, 3, 3, 3, 4], 4);
    return [tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, [1, 2, 2], 'same'), ...tf.grads(g)([x, w])];
  });
});

test('conv3dTranspose gradients match finite differences on wasm and agree with cpu', async () => {
  const x = rand([1, 2, 1, 2, 2], 5), w = rand([2, 2, 2, 3, 2], 6);
  const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv3dTranspose(a as tf.Tensor5D, b as tf.Tensor5D, [1, 4, 2, 4, 3], 2, 'valid'), tf.div(tf.reshape(tf.range(0, 96), [1, 4, 2, 4, 3]), 50)));
  const [gw, gc] = [await valuesOn('wasm', () => tf.grads(loss)([x, w])), await valuesOn('cpu', () => tf.grads(loss)([x, w]))];
  for (let i = 0; i < 2; i++) assertClose(gw[i]!, gc[i]!, `grad ${i} wasm vs cpu`);
  await initEngine({ backend: 'wasm' });
  const eps = 1e-2;
  const inputs = [x, w];
  for (let which = 0; which < 2; which++) {
    const base = await inputs[which]!.data();
    for (const k of [0, 3, base.length - 1]) {
      const plus = Float32Array.from(base); plus[k]! += eps;
      const minus = Float32Array.from(base); minus[k]! -= eps;
      const at = (v: Float32Array) => {
        const args = inputs.slice(); args[which] = tf.tensor(v, inputs[which]!.shape);
        return loss(args[0]!, args[1]!).dataSync()[0]!;
      };
      const fd = (at(plus) - at(minus)) / (2 * eps);
      assert.ok(Math.abs(fd - gw[which]![k]!) < 2e-2, `input ${which}[${k}]: finite difference ${fd} vs gradient ${gw[which]![k]}`);
    }
  }
});
