import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf, getKernelFixes } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('batchMatMul with every transpose flag combination and broadcasting on wasm matches cpu', async () => {
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    await assertSameOnWasmAndCpu(`matMul ta=${ta} tb=${tb}`, () => {
      const a = rand(ta ? [2, 3, 5, 4] : [2, 3, 4, 5], 1);
      const b = rand(tb ? [3, 6, 5] : [3, 5, 6], 2);
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, ta, tb)));
      return [tf.matMul(a, b, ta, tb), ...tf.grads(f)([a, b])];
    });
  }
});

test('the transposed-matMul wrapper reports mismatched inner shapes with the caller\'s flags', async () => {
  await initEngine({ backend: 'wasm' });
  assert.deepEqual(tf.matMul(tf.ones([2, 3]), tf.ones([2, 3]), false, true).shape, [2, 2]);
  assert.throws(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 2]), false, true), /inner shapes \(3\) and \(2\).*transposeB=true must match/);
});

test('the transposed-matMul wrapper leaks no wasm tensors', async () => {
  await initEngine({ backend: 'wasm' });
  assert.ok(getKernelFixes('wasm').some((f) => f.kernelName === 'BatchMatMul'));
  const a = rand([8, 4], 1), b = rand([6, 4], 2);
  const before = tf.memory().numTensors;
  const backendBefore = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
  tf.tidy(() => tf.matMul(a, b, false, true).dataSync());
  assert.equal(tf.memory().numTensors, before);
  assert.equal((tf.backend() as unknown as { numDataIds(): number }).numDataIds(), backendBefore);
});

test('matMul gradient reduces broadcast batch dims (linear layer x[B,N,C]·W[C,D]) and matches finite sums', async () => {
  await assertSameOnWasmAndCpu('broadcast matMul grads', () => {
    const x = rand([2, 3, 4], 5), w = rand([4, 6], 6), k = rand([1, 5, 6], 7);
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.square(tf.matMul(tf.matMul(a, b), c, false, true)));
    return tf.grads(f)([x, w, k]);
  });
  await initEngine({ backend: 'wasm' });
  const x = rand([2, 3, 4], 5), w = rand([4, 6], 6);
  const [, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.matMul(a, b)))([x, w]);
  // d/dW Σ x·W = Σ_{b,n} x[b, n, c] for every column.
  const colSums = await tf.sum(tf.reshape(x, [6, 4]), 0).data();
  const g = await gw!.data();
  for (let c = 0; c < 4; c++) for (let d = 0; d < 6; d++) assert.ok(Math.abs(g[c * 6 + d]! - colSums[c]!) < 1e-5);
});

test('batched a times unbatched b (flattened to one 2-D product) matches cpu, incl. transposes and rank-4 ones', async () => {
  for (const [sa, sb, ta, tb] of [[[2, 3, 4, 5], [1, 1, 5, 6], false, false], [[2, 5, 4], [6, 4], false, true], [[3, 5, 4], [5, 6], true, false]] as const) {
    await assertSameOnWasmAndCpu(`matMul [${sa}]·[${sb}] ta=${ta} tb=${tb}`, () => {
      const a = rand([...sa], 8), b = rand([...sb], 9);
      const y = tf.matMul(a, b, ta, tb);
      return [y, ...tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, z, ta, tb))))([a, b])];
    });
  }
});
