import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { Rng } from '../random/rng.js';
import { Init, Linear, linear } from './index.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

test('Linear: torch layout [out, in], y = x Wᵀ + b on the last axis of any rank', () => {
  const l = new Linear(3, 2, { init: new Init({ rng: new Rng(0) }) });
  assert.deepEqual(l.weight.shape, [2, 3]);
  l.weight.assign(tf.tensor2d([[1, 2, 3], [0, -1, 1]]));
  l.bias!.assign(tf.tensor1d([0.5, -0.5]));
  tf.tidy(() => {
    const y = l.forward(tf.tensor3d([[[1, 1, 1]], [[2, 0, 1]]]));
    assert.deepEqual(y.shape, [2, 1, 2]);
    assert.deepEqual(Array.from(y.dataSync()), [6.5, -0.5, 5.5, 0.5]);
  });
  assert.throws(() => linear(tf.zeros([2, 4]), l.weight as tf.Tensor2D, null), /4 features.*expects 3/);
  l.dispose();
});

test('Linear without bias has only `weight`; the schemes differ in their statistics', () => {
  const a = new Linear(100, 50, { init: new Init({ rng: new Rng(1) }), bias: false });
  assert.deepEqual(a.namedParameters().map((p) => p.name), ['weight']);
  const b = new Linear(100, 50, { init: new Init({ rng: new Rng(1), scheme: 'trunc-normal' }) });
  const maxAbs = (v: tf.Variable) => tf.tidy(() => tf.max(tf.abs(v)).dataSync()[0]!);
  assert.ok(maxAbs(a.weight) > 0.09 && maxAbs(a.weight) <= 0.1, 'torch-default spans ±1/√100');
  assert.ok(maxAbs(b.weight) < 0.1 && maxAbs(b.bias!) === 0, 'trunc-normal: std 0.02, zero bias');
  a.dispose(); b.dispose();
});
