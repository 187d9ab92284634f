import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { knnClassifier } from './knn.js';
import { linearProbe } from './linear-probe.js';
import { perDimStd, meanEntropy } from '../dino/monitors.js';

await initEngine({ backend: 'wasm' });

function clusters(n: number, seed: number, spread: number): { x: tf.Tensor2D; y: Int32Array } {
  const rng = new Rng(seed);
  const centres = [[4, 0, 0, 1], [0, 4, 0, 1], [0, 0, 4, 1]];
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    for (let d = 0; d < 4; d++) x[i * 4 + d] = centres[y[i]!]![d]! + spread * rng.normal();
  }
  return { x: tf.tensor2d(x, [n, 4]), y };
}

test('weighted k-NN (k=20, T=0.07) separates clusters and follows the vote weights', () => {
  const tr = clusters(90, 1, 0.5);
  const te = clusters(30, 2, 0.5);
  const r = knnClassifier(tr.x, tr.y, te.x, te.y, { numClasses: 3 });
  assert.ok(r.top1 > 0.95, `top1 ${r.top1}`);
  // One query nearer (cosine) to a single class-1 sample than to two class-0 samples: exp(sim/T) weighting decides.
  const train = tf.tensor2d([[1, 0], [1, 0.02], [0.8, 0.6]]);
  const q = tf.tensor2d([[0.8, 0.6]]); // majority says 0, exp(sim/T) says 1
  assert.equal(knnClassifier(train, Int32Array.from([0, 0, 1]), q, undefined, { numClasses: 2, k: 3 }).predictions[0], 1);
  assert.throws(() => knnClassifier(train, Int32Array.from([0, 5, 1]), q, undefined, { numClasses: 2 }), /label 5/);
});

test('linear probe reaches high accuracy on separable features, chance on noise labels', () => {
  const tr = clusters(90, 3, 0.8);
  const te = clusters(30, 4, 0.8);
  const r = linearProbe(tr.x, tr.y, te.x, te.y, { numClasses: 3, epochs: 30, batchSize: 32, lr: 0.05 });
  assert.ok(r.testAccuracy > 0.9, `test accuracy ${r.testAccuracy}`);
});

test('collapse monitors: per-dimension std and entropy', () => {
  const same = tf.tensor2d([[1, 2], [1, 2], [2, 4]]);
  assert.ok(perDimStd(same).mean < 1e-6, 'identical directions → std 0');
  assert.ok(perDimStd(tf.tensor2d([[1, 0], [0, 1]])).min > 0.4);
  assert.ok(Math.abs(meanEntropy(tf.tensor2d([[0.25, 0.25, 0.25, 0.25]])) - Math.log(4)) < 1e-5);
});
