import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { LayerNorm, GELU, gelu } from './index.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

test('LayerNorm: biased variance over the last axis, γ/β applied, eps default 1e-5', () => {
  const ln = new LayerNorm(4);
  assert.equal(ln.eps, 1e-5);
  ln.weight.assign(tf.tensor1d([1, 2, 1, 1]));
  ln.bias.assign(tf.tensor1d([0, 0, 0, 1]));
  tf.tidy(() => {
    const y = ln.forward(tf.tensor2d([[1, 2, 3, 4]])).dataSync();
    const s = Math.sqrt(1.25 + 1e-5);
    const want = [-1.5 / s, 2 * (-0.5 / s), 0.5 / s, 1.5 / s + 1];
    want.forEach((w, i) => assert.ok(Math.abs(y[i]! - w) < 1e-6, `${i}: ${y[i]} vs ${w}`));
  });
  ln.dispose();
});

test('GELU is the exact erf form (torch approximate="none")', () => {
  // torch.nn.functional.gelu(torch.tensor([1., -0.5, 3.])) = [0.8413447, -0.1542687, 2.9959502]
  tf.tidy(() => {
    const y = new GELU().forward(tf.tensor1d([1, -0.5, 3])).dataSync();
    [0.8413447, -0.1542687, 2.9959502].forEach((w, i) => assert.ok(Math.abs(y[i]! - w) < 2e-6, `${y[i]} vs ${w}`));
    // the tanh approximation differs by ~1e-4 at x = 1 (0.8411920)
    assert.ok(Math.abs(gelu(tf.scalar(1)).dataSync()[0]! - 0.841192) > 1e-4);
  });
});
