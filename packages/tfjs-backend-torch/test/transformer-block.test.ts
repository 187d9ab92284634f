import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { TORCH_SKIP, useTorch } from '../src/testing.js';
import { getFallbackCalls, resetFallbackCalls } from '../src/fallback.js';
import type { TorchBackend } from '../src/backend.js';
import { makeTrainer } from './transformer-block.js';

const DIMS = { B: 2, T: 8, C: 24, H: 3, M: 48 };

async function train(backend: 'cpu' | 'torch', steps: number) {
  if (backend === 'torch') await useTorch();
  else await initEngine({ backend });
  const t = makeTrainer(DIMS, 1e-2);
  const losses = Array.from({ length: steps }, () => t.step());
  const params = Object.fromEntries(Object.entries(t.p).map(([k, v]) => [k, Array.from(v.dataSync())]));
  t.dispose();
  return { losses, params };
}

test('transformer block: forward + backward + Adam steps on torch equal the cpu backend', { skip: TORCH_SKIP }, async () => {
  const want = await train('cpu', 3);
  resetFallbackCalls();
  const got = await train('torch', 3);
  assert.deepEqual([...getFallbackCalls().keys()], [], 'every kernel of the training step ran natively');
  got.losses.forEach((l, i) => assert.ok(Math.abs(l - want.losses[i]!) <= 1e-5 + 1e-4 * Math.abs(want.losses[i]!), `loss ${i}: torch ${l} vs cpu ${want.losses[i]}`));
  assert.ok(got.losses[2]! < got.losses[0]!, 'the loss decreases');
  for (const [name, w] of Object.entries(want.params)) {
    const g = got.params[name]!;
    let worst = 0;
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(g[i]! - w[i]!));
    assert.ok(worst < 2e-5, `${name}: max |torch − cpu| = ${worst}`);
  }
});

test('transformer block: no tensors leak across training steps (tfjs and libtorch counts)', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const be = tf.backend() as unknown as TorchBackend;
  const t = makeTrainer(DIMS);
  t.step();
  const before = { tensors: tf.memory().numTensors, ids: be.numDataIds(), live: be.numLiveNative() };
  for (let i = 0; i < 3; i++) t.step();
  assert.deepEqual({ tensors: tf.memory().numTensors, ids: be.numDataIds(), live: be.numLiveNative() }, before);
  t.dispose();
  assert.ok(be.numLiveNative() <= be.numDataIds(), 'libtorch holds no tensor without a tfjs data id');
});
