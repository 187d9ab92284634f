import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { cosineScheduler } from './cosine-scheduler.js';
import { getParamsGroups, cancelGradientsLastLayer, emaUpdate } from './train-utils.js';
import { DINOHead } from './dino-head.js';

await initEngine({ backend: 'wasm' });

test('cosine_scheduler: linspace warm-up then half cosine', () => {
  const s = cosineScheduler(3.90625e-6, 1e-6, 4, 3, 1);
  assert.equal(s.length, 12);
  assert.equal(s[0], 0);
  assert.ok(Math.abs(s[1]! - 1.953125e-6) < 1e-18);
  assert.equal(s[3], 3.90625e-6);
  assert.ok(Math.abs(s[6]! - 3.1796875e-6) < 1e-15); // i = 3 of 9: 1e-6 + 0.5·Δ·(1 + cos(π/3))
  const m = cosineScheduler(0.996, 1, 4, 3);
  assert.equal(m[0], 0.996);
  assert.ok(Math.abs(m[11]! - 0.9999318516525781) < 1e-15);
});

test('get_params_groups: biases and 1-D tensors are not regularised; frozen params excluded', () => {
  const h = new DINOHead({ inDim: 4, outDim: 8, hiddenDim: 6, bottleneckDim: 3 });
  const [reg, noReg] = getParamsGroups(h, 1e-3, 0.04);
  assert.deepEqual(reg.params.map((p) => p.name), ['mlp.0.weight', 'mlp.2.weight', 'mlp.4.weight', 'last_layer.weight_v']);
  assert.deepEqual(noReg.params.map((p) => p.name), ['mlp.0.bias', 'mlp.2.bias', 'mlp.4.bias']);
  assert.equal(noReg.weightDecay, 0);
  h.dispose();
});

test('cancel_gradients_last_layer: the last layer has no gradient only before freeze_last_layer', () => {
  const grads = { a: tf.tensor1d([3, 4]), 'head.last_layer.weight_v': tf.tensor1d([1]) };
  assert.equal(cancelGradientsLastLayer(1, grads, 1)['head.last_layer.weight_v'], grads['head.last_layer.weight_v']);
  const frozen = cancelGradientsLastLayer(0, grads, 1);
  assert.equal(frozen['head.last_layer.weight_v'], undefined);
  assert.equal(frozen.a, grads.a);
});

test('teacher EMA: m·teacher + (1 − m)·student over every parameter', () => {
  const s = new DINOHead({ inDim: 2, outDim: 3, hiddenDim: 2, bottleneckDim: 2, seed: 1 });
  const t = new DINOHead({ inDim: 2, outDim: 3, hiddenDim: 2, bottleneckDim: 2, seed: 2 });
  const before = t.stateDict();
  const st = s.stateDict();
  emaUpdate(t, s, 0.9);
  const after = t.stateDict();
  for (const k of Object.keys(before)) {
    const b = before[k]!.data as Float32Array;
    for (let i = 0; i < b.length; i++) {
      const want = 0.9 * b[i]! + 0.1 * (st[k]!.data as Float32Array)[i]!;
      assert.ok(Math.abs((after[k]!.data as Float32Array)[i]! - want) < 1e-6, k);
    }
  }
});
