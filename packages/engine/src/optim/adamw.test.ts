import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { AdamW } from './adamw.js';
import { assertSameOnWasmAndCpu } from '../kernels/testing.js';

/** Reference AdamW in float64, written from the algorithm (torch.optim.AdamW semantics). */
function referenceAdamW(w0: number[], grad: (w: number[]) => number[], steps: number, lr: number, b1: number, b2: number, eps: number, wd: number, decay: boolean[]): number[] {
  const w = [...w0], m = w.map(() => 0), v = w.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    const g = grad(w);
    for (let i = 0; i < w.length; i++) {
      if (decay[i]) w[i]! *= 1 - lr * wd;
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mh = m[i]! / (1 - b1 ** t), vh = v[i]! / (1 - b2 ** t);
      w[i]! -= lr * mh / (Math.sqrt(vh) + eps);
    }
  }
  return w;
}

test('AdamW steps equal a hand computation of decoupled weight decay + Adam (incl. an undecayed variable)', async () => {
  await initEngine({ backend: 'wasm' });
  const w = tf.variable(tf.tensor1d([1, -2, 0.5]), true, 'adamw_test/w');
  const bias = tf.variable(tf.tensor1d([3]), true, 'adamw_test/bias');
  const opt = new AdamW({ learningRate: 0.1, weightDecay: 0.05, shouldDecay: (n) => !n.endsWith('bias') });
  // loss = Σ w² + 2·bias → grad w = 2w, grad bias = 2
  for (let s = 0; s < 3; s++) opt.minimize(() => tf.add(tf.sum(tf.square(w)), tf.mul(tf.sum(bias), 2)) as tf.Scalar);
  const ref = referenceAdamW([1, -2, 0.5, 3], (x) => [2 * x[0]!, 2 * x[1]!, 2 * x[2]!, 2], 3, 0.1, 0.9, 0.999, 1e-8, 0.05, [true, true, true, false]);
  const got = [...await w.data(), ...await bias.data()];
  got.forEach((g, i) => assert.ok(Math.abs(g - ref[i]!) < 1e-5, `param ${i}: ${g} vs reference ${ref[i]}`));
  // Without decay AdamW must differ from the decayed result: the decay really is applied.
  assert.ok(Math.abs(got[0]! - referenceAdamW([1], (x) => [2 * x[0]!], 3, 0.1, 0.9, 0.999, 1e-8, 0, [false])[0]!) > 1e-3);
  tf.dispose([w, bias]); opt.dispose();
});

test('Adam and AdamW steps on wasm match cpu', async () => {
  await assertSameOnWasmAndCpu('adam/adamw', () => {
    const out: tf.Tensor[] = [];
    for (const make of [() => tf.train.adam(0.01), () => new AdamW({ learningRate: 0.01 })]) {
      const w = tf.variable(tf.tensor2d([[0.3, -0.7], [1.1, 0.2]]));
      const x = tf.tensor2d([[1, 2], [3, 4]]);
      const opt = make();
      for (let i = 0; i < 4; i++) opt.minimize(() => tf.sum(tf.square(tf.sub(tf.matMul(x, w), 1))) as tf.Scalar);
      out.push(tf.clone(w));
      w.dispose(); opt.dispose();
    }
    return out;
  }, 1e-5, 1e-5);
});

test('AdamW validates its config and round-trips getConfig', () => {
  assert.throws(() => new AdamW({ weightDecay: -1 }), /weightDecay must be a finite number ≥ 0/);
  const a = new AdamW({ learningRate: 0.02, weightDecay: 0.1 });
  const b = AdamW.fromConfig(AdamW, a.getConfig()) as unknown as AdamW;
  assert.equal(b.weightDecay, 0.1);
  assert.equal(b.getLearningRate(), 0.02);
  b.setLearningRate(0.5);
  assert.equal(b.getLearningRate(), 0.5);
});
