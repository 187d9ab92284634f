import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUSED_KERNELS, hasFusedKernel, setFusedKernels, tf } from '@weatherlearn/engine';
import { attention, gelu, layerNorm, linear } from '@weatherlearn/engine/nn';
import { AdamW, Adam } from '@weatherlearn/engine/optim';
import { TORCH_SKIP, rand, useTorch } from '../testing.js';
import { getFallbackCalls, resetFallbackCalls } from '../fallback.js';

/** Value and gradients of `f` with the fused kernels on and off (composite), both on torch. */
async function bothWays(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], weight: tf.Tensor, kernels: string[]): Promise<{ fused: Float32Array[]; composite: Float32Array[] }> {
  const run = (): Float32Array[] => tf.tidy(() => {
    const loss = (...a: tf.Tensor[]) => tf.sum(tf.mul(f(...a), weight));
    const { value, grads } = tf.valueAndGrads(loss)(xs);
    return [f(...xs), value, ...grads].map((t) => t.dataSync() as Float32Array);
  });
  let fused: Float32Array[] = [];
  const used = new Set((await tf.profile(() => { fused = run(); })).kernels.map((k) => k.name));
  for (const k of kernels) assert.ok(used.has(k), `the fused path ran ${k}`);
  const was = setFusedKernels(false);
  try {
    const composite = run();
    return { fused, composite };
  } finally {
    setFusedKernels(was);
  }
}

function assertClose(got: Float32Array[], want: Float32Array[], tol: number): void {
  assert.equal(got.length, want.length);
  want.forEach((w, i) => {
    const scale = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    for (let j = 0; j < w.length; j++) {
      if (!(Math.abs(got[i]![j]! - w[j]!) <= tol * scale)) assert.fail(`output ${i}[${j}]: fused ${got[i]![j]} vs composite ${w[j]}`);
    }
  });
}

test('torch registers every fused kernel and runs none on the cpu fallback', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  for (const k of Object.values(FUSED_KERNELS)) assert.equal(hasFusedKernel(k), true, `${k} is not registered: the addon predates native/ops_fused.cc (npm run build:native)`);
  resetFallbackCalls();
  tf.tidy(() => tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(gelu(layerNorm(linear(x, w as tf.Tensor2D, null), tf.ones([4]), tf.zeros([4]), 1e-5))))([rand([3, 5], 1), rand([4, 5], 2)]));
  assert.deepEqual([...getFallbackCalls().keys()], []);
});

test('fused LayerNorm, GELU and Linear (with and without bias) equal the composite ops in value and gradient', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const x = rand([2, 3, 8], 1), g = tf.add(rand([8], 2), 1), b = rand([8], 3), w = rand([2, 3, 8], 4);
  let r = await bothWays((xx, gg, bb) => layerNorm(xx, gg, bb, 1e-6), [x, g, b], w, [FUSED_KERNELS.layerNorm, FUSED_KERNELS.layerNormGrad]);
  assertClose(r.fused, r.composite, 2e-6);
  r = await bothWays((xx) => gelu(tf.mul(xx, 3)), [x], w, [FUSED_KERNELS.gelu, FUSED_KERNELS.geluGrad]);
  assertClose(r.fused, r.composite, 2e-6);
  const W = rand([5, 8], 5), bias = rand([5], 6), wy = rand([2, 3, 5], 7);
  r = await bothWays((xx, ww, bb) => linear(xx, ww as tf.Tensor2D, bb), [x, W, bias], wy, [FUSED_KERNELS.linear]);
  assertClose(r.fused, r.composite, 2e-6);
  r = await bothWays((xx, ww) => linear(xx, ww as tf.Tensor2D, null), [x, W], wy, [FUSED_KERNELS.linear]);
  assertClose(r.fused, r.composite, 2e-6);
});

test('fused attention probabilities equal the composite in value and gradient: Pangu (6-D, bias, shift mask, q scaled first) and ViT', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const q = rand([2, 3, 2, 2, 5, 4], 1), k = rand([2, 3, 2, 2, 5, 4], 2), v = rand([2, 3, 2, 2, 5, 4], 3);
  const bias = rand([2, 2, 5, 5], 4), mask = tf.mul(tf.cast(tf.greater(rand([3, 1, 2, 5, 5], 5), 0.5), 'float32'), -100);
  let r = await bothWays((a, b, c, d) => attention(a, b, c, { scale: 0.5, scaleQ: true, bias: d, mask }).out, [q, k, v, bias], rand([2, 3, 2, 2, 5, 4], 6), [FUSED_KERNELS.attnProbs, FUSED_KERNELS.attnProbsGrad]);
  assertClose(r.fused, r.composite, 5e-6);
  const q2 = rand([2, 3, 7, 4], 7), k2 = rand([2, 3, 7, 4], 8), v2 = rand([2, 3, 7, 4], 9);
  r = await bothWays((a, b, c) => attention(a, b, c, { scale: 0.5 }).out, [q2, k2, v2], rand([2, 3, 7, 4], 10), [FUSED_KERNELS.attnProbs, FUSED_KERNELS.attnProbsGrad]);
  assertClose(r.fused, r.composite, 5e-6);
});

for (const [name, make] of [['Adam (L2 decay)', Adam], ['AdamW', AdamW]] as const) {
  test(`fused ${name} step: bit-identical to the composite update over 3 steps, one native call per group`, { skip: TORCH_SKIP }, async () => {
    await useTorch();
    const run = (): number[][] => {
      const ps = [tf.variable(rand([4, 3], 1)), tf.variable(rand([3], 2)), tf.variable(rand([2, 2], 3))].map((v, i) => ({ name: `p${i}`, variable: v }));
      const opt = new make([{ params: ps.slice(0, 2), lr: 0.01, weightDecay: 0.1 }, { params: ps.slice(2), lr: 0.003, weightDecay: 0 }] as never);
      for (let s = 0; s < 3; s++) {
        const grads = Object.fromEntries(ps.map((p, i) => [p.name, rand(p.variable.shape, 10 * s + i + 7)]));
        if (s === 1) delete grads.p1; // the skip rule: no gradient, no step
        opt.step(grads);
        tf.dispose(Object.values(grads));
      }
      const out = ps.map((p) => Array.from(p.variable.dataSync()));
      assert.deepEqual([opt.stepOf('p0'), opt.stepOf('p1')], [3, 2]);
      opt.dispose();
      ps.forEach((p) => p.variable.dispose());
      return out;
    };
    const calls: string[] = [];
    const prof = await tf.profile(() => { run(); });
    for (const k of prof.kernels) calls.push(k.name);
    const fused = run();
    const was = setFusedKernels(false);
    let composite: number[][];
    try { composite = run(); } finally { setFusedKernels(was); }
    assert.deepEqual(fused, composite);
    assert.equal(calls.filter((c) => c === FUSED_KERNELS.adamStep).length, 6, 'one call per group and step');
    assert.equal(calls.filter((c) => c === 'Sqrt').length, 0, 'no composite Adam ops');
  });
}
