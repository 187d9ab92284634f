import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from './index.js';

test('auto selects wasm here and computes a matMul', async () => {
  const info = await initEngine({ backend: 'auto' });
  assert.equal(info.backend, 'wasm');
  const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]]));
  assert.deepEqual(await y.data(), new Float32Array([17, 39]));
});
