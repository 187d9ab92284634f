import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, noGrad, setFrugalBackprop, tf } from './index.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

/** Loss through every op with a shape-only saved input, a broadcast, a reused intermediate and a matMul. */
function loss(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Scalar {
  const h = tf.add(tf.matMul(tf.reshape(x, [6, 4]), w), b); // b broadcasts
  const p = tf.pad(h, [[1, 0], [0, 2]]);
  const s = tf.slice(p, [1, 1], [5, 3]);
  const c = tf.concat([s, tf.mul(s, s)], 1);
  const e = tf.sub(tf.expandDims(tf.mean(c, 1), 1), tf.sum(s, 1, true));
  return tf.sum(tf.mul(tf.add(e, tf.sin(tf.slice(h, [0, 0], [5, 1]))), tf.slice(h, [1, 0], [5, 1])));
}

function gradsWith(on: boolean): number[][] {
  const was = setFrugalBackprop(on);
  try {
    const x = tf.reshape(tf.linspace(-1, 1, 24), [2, 3, 4]), w = tf.reshape(tf.linspace(0.5, -0.7, 12), [4, 3]), b = tf.tensor1d([0.1, -0.2, 0.3]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.valueAndGrads(loss)([x, w, b]);
    const out = [[value.dataSync()[0]!], ...grads.map((g) => Array.from(g.dataSync()))];
    tf.dispose([value, ...grads]);
    assert.equal(tf.memory().numTensors, before, `no tensor left behind (frugal ${on})`);
    tf.dispose([x, w, b]);
    return out;
  } finally {
    setFrugalBackprop(was);
  }
}

test('frugal backward pass: the same values and gradients as tfjs-core\'s, nothing leaked', () => {
  assert.deepEqual(gradsWith(true), gradsWith(false));
});

/** Bytes alive when the gradient reaches the first op of a 12-op chain of [64, 64] tensors. */
function bytesAtEndOfBackward(on: boolean): number {
  const was = setFrugalBackprop(on);
  let probe = -1;
  const mark = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({ value: tf.clone(args[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => { probe = tf.memory().numBytes; return dy; } }));
  try {
    const x = tf.ones([64, 64]);
    tf.tidy(() => tf.grad((a: tf.Tensor) => {
      let h = mark(a) as tf.Tensor;
      for (let i = 0; i < 12; i++) h = tf.add(tf.reshape(tf.mul(h, 1.01), [64, 64]), h);
      return tf.sum(h);
    })(x));
    x.dispose();
    return probe;
  } finally {
    setFrugalBackprop(was);
  }
}

test('frugal backward pass: intermediate gradients and saved tensors are freed as the pass goes', () => {
  const frugal = bytesAtEndOfBackward(true), tfjs = bytesAtEndOfBackward(false);
  // tfjs keeps 12 × (saved inputs + gradients) of 16 KiB each until the end; frugal keeps a few
  assert.ok(frugal > 0 && frugal * 4 < tfjs, `bytes alive at the last backward node: frugal ${frugal}, tfjs ${tfjs}`);
});

test('frugal backward pass: higher-order gradients still work (d²/dx² x³ = 6x)', () => {
  const d2 = tf.grad(tf.grad((x: tf.Tensor) => tf.pow(x, 3)));
  assert.deepEqual(Array.from(d2(tf.tensor1d([1, 2])).dataSync()), [6, 12]);
});

test('noGrad: nothing computed inside is recorded or kept; outside ops still get gradients', () => {
  const w = tf.variable(tf.tensor1d([1, 2, 3]));
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => {
    const teacher = noGrad(() => tf.exp(tf.mul(w, 2))); // no gradient flows through it
    const state = (tf.engine() as unknown as { state: { activeTape: { kernelName: string }[] } }).state;
    assert.ok(!state.activeTape.some((n) => n.kernelName === 'Exp'), 'the Exp inside noGrad is not on the tape');
    return tf.sum(tf.mul(w, teacher));
  }, [w]);
  assert.deepEqual(Array.from(grads[w.name]!.dataSync()).map((v) => Math.round(v * 1e3) / 1e3), [1, 2, 3].map((x) => Math.round(Math.exp(2 * x) * 1e3) / 1e3));
  tf.dispose([value, ...Object.values(grads)]);
  assert.equal(tf.memory().numTensors, before);
  w.dispose();
});
