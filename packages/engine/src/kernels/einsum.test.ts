import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { assertClose, assertSameOnWasmAndCpu, rand, valuesOn } from './testing.js';

test('einsum on wasm matches cpu (matmul, attention scores, outer, transpose, reductions)', async () => {
  const cases: [string, number[][]][] = [
    ['ij,jk->ik', [[3, 4], [4, 5]]],
    ['bhqd,bhkd->bhqk', [[2, 3, 4, 5], [2, 3, 6, 5]]],
    ['i,j->ij', [[3], [4]]],
    ['ij->ji', [[3, 4]]],
    ['ijk->k', [[2, 3, 4]]],
    ['ij,ij->', [[3, 4], [3, 4]]],
  ];
  for (const [eq, shapes] of cases) {
    await assertSameOnWasmAndCpu(`einsum ${eq}`, () => tf.einsum(eq, ...shapes.map((s, k) => rand(s, k + 1))));
  }
});

test('einsum on wasm: implicit output, diagonal and three operands equal hand computations', async () => {
  await initEngine({ backend: 'wasm' });
  const a = tf.tensor2d([[1, 2], [3, 4]]), b = tf.tensor2d([[5, 6], [7, 8]]);
  assert.deepEqual(await tf.einsum('ij,jk', a, b).data(), await tf.matMul(a, b).data());
  assert.deepEqual(await tf.einsum('ii->i', a).data(), new Float32Array([1, 4]));
  assert.deepEqual(await tf.einsum('ii->', a).data(), new Float32Array([5]));
  const c = tf.tensor1d([1, -1]);
  // Σ_ijk a_ij b_jk c_k: a·b = [[19, 22], [43, 50]], times c = [1, −1] → (19 − 22) + (43 − 50)
  assert.deepEqual(await tf.einsum('ij,jk,k->', a, b, c).data(), new Float32Array([(19 - 22) + (43 - 50)]));
  assert.throws(() => tf.einsum('ij,jk->ik', a, tf.ones([3, 2])), /letter 'j' is 2 and 3 \(operand 1, axis 0\)/);
  assert.throws(() => tf.einsum('i...->i', a), /ellipsis/);
});

test('einsum gradients on wasm match cpu and the matMul equivalent (incl. a letter summed inside one operand)', async () => {
  await assertSameOnWasmAndCpu('einsum grads', () => {
    const q = rand([2, 3, 4, 5], 1), k = rand([2, 3, 6, 5], 2);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.einsum('bhqd,bhkd->bhqk', x, y)));
    return tf.grads(f)([q, k]);
  });
  const viaEinsum = await valuesOn('wasm', () => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.einsum('ij,jk->ik', x, y))))([rand([3, 4], 3), rand([4, 2], 4)]));
  const viaMatMul = await valuesOn('wasm', () => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([rand([3, 4], 3), rand([4, 2], 4)]));
  assertClose(viaEinsum[0]!, viaMatMul[0]!, 'dA'); assertClose(viaEinsum[1]!, viaMatMul[1]!, 'dB');
  const [g] = await valuesOn('wasm', () => tf.grads((x: tf.Tensor) => tf.sum(tf.mul(tf.einsum('ij->j', x), tf.tensor1d([1, 2, 3]))))([rand([2, 3], 5)]));
  assert.deepEqual(g, new Float32Array([1, 2, 3, 1, 2, 3]));
});
