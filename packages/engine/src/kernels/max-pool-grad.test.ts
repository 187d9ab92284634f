import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('maxPool forward and gradient on wasm match cpu (overlapping, exact-cover, same padding, rect)', async () => {
  const cases = [
    { x: [1, 4, 4, 1], f: 2, s: 2, p: 'valid' },
    { x: [2, 7, 7, 3], f: 3, s: 1, p: 'same' },
    { x: [2, 9, 9, 4], f: 3, s: 2, p: 'valid' },
    { x: [1, 6, 6, 2], f: [2, 3], s: [1, 2], p: 'same' },
  ] as const;
  for (const c of cases) {
    await assertSameOnWasmAndCpu(`maxPool ${JSON.stringify(c)}`, () => {
      const x = rand([...c.x], 4);
      const y = tf.maxPool(x as tf.Tensor4D, c.f as [number, number], c.s as [number, number], c.p);
      const w = rand(y.shape, 3);
      return [y, tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, c.f as [number, number], c.s as [number, number], c.p), w)))(x)];
    });
  }
});

test('maxPool gradient on wasm routes each window to its maximum (hand-checked)', async () => {
  await initEngine({ backend: 'wasm' });
  const x = tf.tensor4d([1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 1, 9, 0, 1, 2], [1, 4, 4, 1]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'), tf.tensor4d([10, 20, 30, 40], [1, 2, 2, 1]))))(x);
  assert.deepEqual(await g.data(), new Float32Array([0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 0, 40]));
});
