/**
 * Every kernel the planned models (Pangu-Weather / EarthSpecificBlock, ViT/DINO, UNet-style convs)
 * need runs forward AND backward on the default wasm backend, and agrees with the cpu backend.
 * Kernels with their own fix files (conv2d/3d backprops, gather, maxPool, matMul, einsum, AdamW) are
 * covered again there in more detail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from './index.js';
import { assertSameOnWasmAndCpu, rand, valuesOn } from './kernels/testing.js';

type F = (...xs: tf.Tensor[]) => tf.Tensor;

/** Forward value plus the gradient of Σ y·w (w fixed, so every output element matters) w.r.t. each input. */
function fwdBwd(f: F, shapes: number[][]): () => tf.Tensor[] {
  return () => {
    const xs = shapes.map((s, k) => rand(s, k + 11));
    const y = f(...xs);
    const w = rand(y.shape, 99);
    return [y, ...tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(...a), w)))(xs)];
  };
}

const gelu = (x: tf.Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
const layerNorm = (x: tf.Tensor) => {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5)));
};
/** torch.roll along `axis` by `shift`, as slice + concat (Swin / Pangu shifted windows). */
const roll = (x: tf.Tensor, shift: number, axis: number) => {
  const n = x.shape[axis]!, s = ((shift % n) + n) % n;
  const begin = x.shape.map(() => 0), size = x.shape.map(() => -1);
  const tailBegin = [...begin]; tailBegin[axis] = n - s;
  const headSize = [...size]; headSize[axis] = n - s;
  return tf.concat([tf.slice(x, tailBegin, size), tf.slice(x, begin, headSize)], axis);
};

const CASES: [string, F, number[][]][] = [
  ['matMul', (a, b) => tf.matMul(a!, b!), [[5, 7], [7, 3]]],
  ['batchMatMul transposeB (q·kᵀ)', (a, b) => tf.matMul(a!, b!, false, true), [[2, 3, 6, 4], [2, 3, 5, 4]]],
  ['batchMatMul transposeA', (a, b) => tf.matMul(a!, b!, true, false), [[2, 4, 6], [2, 4, 5]]],
  ['linear x[B,N,C]·W[C,D] + bias', (x, w, b) => tf.add(tf.matMul(x!, w!), b!), [[2, 5, 4], [4, 6], [6]]],
  ['conv2d (patch embed, stride = kernel)', (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid'), [[2, 6, 8, 3], [2, 2, 3, 5]]],
  ['conv2d same 3×3', (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'), [[1, 5, 5, 2], [3, 3, 2, 3]]],
  ['conv2dTranspose (patch recovery)', (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 6, 8, 3], 2, 'valid'), [[2, 3, 4, 5], [2, 2, 3, 5]]],
  ['conv3d (patch embed)', (x, w) => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, [2, 2, 2], 'valid'), [[1, 4, 4, 6, 2], [2, 2, 2, 2, 3]]],
  ['conv3dTranspose (patch recovery)', (x, w) => tf.conv3dTranspose(x as tf.Tensor5D, w as tf.Tensor5D, [1, 4, 4, 6, 2], [2, 2, 2], 'valid'), [[1, 2, 2, 3, 3], [2, 2, 2, 2, 3]]],
  ['softmax', (x) => tf.softmax(x!), [[3, 7]]],
  ['layer norm via moments', (x) => layerNorm(x!), [[4, 3, 8]]],
  ['gelu via erf', (x) => gelu(x!), [[6, 5]]],
  ['tanh-gelu pieces (tanh, pow)', (x) => tf.tanh(tf.add(x!, tf.mul(0.044715, tf.pow(x!, 3)))), [[4, 4]]],
  ['gather (embedding / relative position bias)', (t) => tf.gather(t!, tf.tensor1d([3, 0, 3, 1, 2], 'int32')), [[4, 3]]],
  ['pad', (x) => tf.pad(x!, [[0, 0], [1, 2], [2, 1], [0, 0]]), [[1, 3, 3, 2]]],
  ['slice', (x) => tf.slice(x!, [0, 1, 0], [2, 2, 3]), [[2, 4, 5]]],
  ['stridedSlice', (x) => tf.stridedSlice(x!, [0, 1], [4, 5], [2, 2]), [[4, 6]]],
  ['transpose (window partition)', (x) => tf.transpose(x!, [0, 2, 1, 3, 4]), [[2, 3, 4, 2, 3]]],
  ['reshape', (x) => tf.reshape(x!, [6, 4]), [[2, 3, 4]]],
  ['concat', (a, b) => tf.concat([a!, b!], 1), [[2, 3], [2, 5]]],
  ['roll (slice + concat), both directions', (x) => roll(roll(x!, 2, 1), -1, 2), [[2, 5, 4, 3]]],
  ['mean / sum with keepDims', (x) => tf.add(tf.mean(x!, [1, 2], true), tf.sum(x!, -1, true)), [[2, 3, 4]]],
  ['sqrt / rsqrt', (x) => tf.add(tf.sqrt(tf.add(tf.abs(x!), 0.5)), tf.rsqrt(tf.add(tf.square(x!), 1))), [[3, 4]]],
  ['maxPool', (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'), [[2, 4, 6, 3]]],
  ['avgPool', (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'same'), [[1, 5, 5, 2]]],
  ['elementwise (add/sub/mul/div/exp/log/sigmoid/relu/where)', (a, b) =>
    tf.where(tf.greater(a!, 0), tf.relu(tf.div(tf.mul(a!, b!), tf.add(tf.exp(b!), 1))), tf.sub(tf.log(tf.add(tf.sigmoid(a!), 1)), b!)), [[3, 5], [3, 5]]],
  ['broadcast add (bias, mask)', (a, b) => tf.add(a!, b!), [[2, 3, 4], [1, 3, 1]]],
];

for (const [name, f, shapes] of CASES) {
  test(`${name}: forward and backward on wasm match cpu`, async () => {
    await assertSameOnWasmAndCpu(name, fwdBwd(f, shapes), 2e-4, 2e-4);
  });
}

test('roll helper equals a circular shift (hand-checked) on wasm', async () => {
  const [y] = await valuesOn('wasm', () => roll(tf.tensor2d([[0, 1, 2, 3, 4]]), 2, 1));
  assert.deepEqual(y, new Float32Array([3, 4, 0, 1, 2]));
});

test('layer-norm gradient on wasm matches central finite differences', async () => {
  await initEngine({ backend: 'wasm' });
  const x = rand([2, 6], 5), w = rand([2, 6], 6);
  const loss = (t: tf.Tensor) => tf.sum(tf.mul(gelu(layerNorm(t)), w));
  const g = await tf.grad(loss)(x).data();
  const base = await x.data(), eps = 1e-2;
  for (const k of [0, 4, 7, 11]) {
    const p = Float32Array.from(base); p[k]! += eps;
    const m = Float32Array.from(base); m[k]! -= eps;
    const fd = (loss(tf.tensor(p, x.shape)).dataSync()[0]! - loss(tf.tensor(m, x.shape)).dataSync()[0]!) / (2 * eps);
    assert.ok(Math.abs(fd - g[k]!) < 5e-3 + 2e-2 * Math.abs(fd), `x[${k}]: finite difference ${fd} vs gradient ${g[k]}`);
  }
});
