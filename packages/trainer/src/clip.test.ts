import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from '@weatherlearn/engine';
import { clipGradients } from './clip.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

const grads = () => ({ a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) });
const vals = (g: Record<string, tf.Tensor>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Array.from(v.dataSync())]));

test('global norm clipping scales every gradient by max/norm', () => {
  const before = tf.memory().numTensors;
  const r = clipGradients(grads(), 1, 'norm');
  assert.ok(Math.abs(r.norm - 5) < 1e-6);
  const v = vals(r.grads);
  assert.ok(Math.abs(v.a![0]! - 0.6) < 1e-5 && Math.abs(v.b![1]! - 0.8) < 1e-5);
  tf.dispose(Object.values(r.grads));
  assert.equal(tf.memory().numTensors, before);
});

test('no clipping below the threshold or when disabled', () => {
  const r = clipGradients(grads(), 10, 'norm');
  assert.deepEqual(vals(r.grads), { a: [3, 0], b: [0, 4] });
  tf.dispose(Object.values(r.grads));
  const off = clipGradients(grads(), 0, 'norm');
  assert.deepEqual(vals(off.grads), { a: [3, 0], b: [0, 4] });
  tf.dispose(Object.values(off.grads));
});

test('per-parameter clipping clips each tensor to its own norm', () => {
  const r = clipGradients(grads(), 3.5, 'per-parameter');
  const v = vals(r.grads);
  assert.ok(Math.abs(v.a![0]! - 3) < 1e-6, 'a (norm 3) is untouched');
  assert.ok(Math.abs(v.b![1]! - 3.5) < 1e-5, 'b (norm 4) is scaled to 3.5');
  tf.dispose(Object.values(r.grads));
});

test('value clipping clamps elements', () => {
  const r = clipGradients(grads(), 2, 'value');
  assert.deepEqual(vals(r.grads), { a: [2, 0], b: [0, 2] });
  tf.dispose(Object.values(r.grads));
});
