import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from './index.js';

test('chained tensor methods delegate to the functional ops', async () => {
  await initEngine({ backend: 'cpu' });
  const x = tf.tensor2d([[1, -2], [3, -4]]);
  const t = x as unknown as Record<string, (...a: unknown[]) => tf.Tensor>;
  assert.deepEqual(await t.square!().data(), new Float32Array([1, 4, 9, 16]));
  assert.deepEqual(await t.matMul!(x, false, true).data(), await tf.matMul(x, x, false, true).data());
  assert.deepEqual(await t.concat!(x, 0).shape, [4, 2]);
  assert.deepEqual(await t.where!(tf.tensor2d([[1, 0], [0, 1]], [2, 2], 'bool'), tf.zerosLike(x)).data(), new Float32Array([1, 0, 0, -4]));
  assert.equal((t.split!(2, 0) as unknown as tf.Tensor[]).length, 2);
  assert.deepEqual(t.as1D!().shape, [4]);
  x.dispose();
  assert.throws(() => t.abs!(), /disposed/);
});
