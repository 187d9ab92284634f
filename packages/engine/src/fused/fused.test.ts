import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { attention, FUSED_KERNELS, hasFusedKernel, layerNorm, linear, setFusedKernels } from '../nn/index.js';

function rand(shape: number[], seed: number): tf.Tensor {
  let s = seed >>> 0 || 1;
  const v = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < v.length; i++) { s = (s * 1664525 + 1013904223) >>> 0; v[i] = s / 2 ** 31 - 1; }
  return tf.tensor(v, shape);
}

function close(a: tf.Tensor, b: tf.Tensor, tol: number, what: string): void {
  assert.deepEqual(a.shape, b.shape, `${what} shape`);
  const x = a.dataSync(), y = b.dataSync();
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i]! - y[i]!) <= tol * (1 + Math.abs(y[i]!)), `${what}[${i}]: ${x[i]} vs ${y[i]}`);
}

/** The attention core spelled at full rank, as a user writes it (the reference for the composite). */
function naive(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, scale: number, bias: tf.Tensor | null, mask: tf.Tensor | null): tf.Tensor {
  let s = tf.mul(tf.matMul(q, k, false, true), scale);
  if (bias) s = tf.add(s, bias);
  if (mask) s = tf.add(s, mask);
  return tf.matMul(tf.softmax(s), v);
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: no fused kernels, the composite attention matches the full-rank form in value and gradient (Pangu's 6-D bias + mask, ViT's plain)`, async () => {
    await initEngine({ backend });
    // (scripts/test-backend.mjs may put the torch backend in wasm's place: it has the fused kernels)
    if (tf.getBackend() === backend) assert.equal(hasFusedKernel(FUSED_KERNELS.attnProbs), false, `${backend} registers no fused kernel`);
    const was = setFusedKernels(false);
    try {
      tf.tidy(() => composite());
    } finally {
      setFusedKernels(was);
    }
  });
}

/** The composite attention against the full-rank form (the active backend, fused kernels off). */
function composite(): void {
  // Pangu: [B, nLon, H, T, N, d], bias [H, T, N, N] (trainable), mask [nLon, 1, T, N, N]
  const q = rand([2, 3, 2, 2, 5, 4], 1), k = rand([2, 3, 2, 2, 5, 4], 2), v = rand([2, 3, 2, 2, 5, 4], 3);
  const bias = rand([2, 2, 5, 5], 4), mask = tf.mul(tf.cast(tf.greater(rand([3, 1, 2, 5, 5], 5), 0.5), 'float32'), -100);
  const w = rand([2, 3, 2, 2, 5, 4], 6);
  const f = (fn: (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.Tensor) =>
    tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(fn(a, b, c, d), w)))([q, k, v, bias]);
  const got = f((a, b, c, d) => attention(a, b, c, { scale: 0.5, scaleQ: true, bias: d, mask }).out);
  const want = f((a, b, c, d) => naive(a, b, c, 0.5, d, mask));
  got.forEach((g, i) => close(g, want[i]!, 2e-5, `grad ${i}`));
  close(attention(q, k, v, { scale: 0.5, bias, mask }).out, naive(q, k, v, 0.5, bias, mask), 2e-5, 'value');
  // ViT: [B, H, N, d], no bias; probabilities returned
  const q2 = rand([2, 3, 7, 4], 7);
  const { out, probs } = attention(q2, q2, q2, { scale: 0.5 });
  close(out, naive(q2, q2, q2, 0.5, null, null), 2e-5, 'vit value');
  close(tf.sum(probs, -1), tf.onesLike(tf.sum(probs, -1)), 1e-6, 'probabilities sum to 1');
}

test('attention names mismatched q/k shapes; linear names the feature sizes', async () => {
  await initEngine({ backend: 'cpu' });
  assert.throws(() => attention(tf.zeros([2, 3, 4]), tf.zeros([2, 3, 5]), tf.zeros([2, 3, 4]), { scale: 1 }), /q \[2,3,4\] and k \[2,3,5\]/);
  assert.throws(() => linear(tf.zeros([2, 3]), tf.zeros([4, 5]) as tf.Tensor2D, null), /input has 3 features, the weight \[4, 5\] expects 5/);
});

test('setFusedKernels turns the fused path off and reports the previous setting', async () => {
  await initEngine({ backend: 'cpu' });
  // a stand-in fused LayerNorm on cpu: proves the op dispatches to a registered kernel when enabled
  let calls = 0;
  tf.registerKernel({ kernelName: FUSED_KERNELS.layerNorm, backendName: 'cpu', kernelFunc: ({ inputs, backend }) => {
    calls++;
    const x = inputs.x!;
    (backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  } });
  try {
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    assert.equal(hasFusedKernel(FUSED_KERNELS.layerNorm), true);
    assert.deepEqual(Array.from(layerNorm(x, tf.ones([4]), tf.zeros([4]), 1e-5).dataSync()), [1, 2, 3, 4]);
    assert.equal(calls, 1);
    assert.equal(setFusedKernels(false), true);
    assert.equal(hasFusedKernel(FUSED_KERNELS.layerNorm), false);
    assert.ok(Math.abs(layerNorm(x, tf.ones([4]), tf.zeros([4]), 1e-5).dataSync()[0]! + 1.3416) < 1e-3);
    assert.equal(calls, 1);
  } finally {
    setFusedKernels(true);
    tf.unregisterKernel(FUSED_KERNELS.layerNorm, 'cpu');
  }
});
