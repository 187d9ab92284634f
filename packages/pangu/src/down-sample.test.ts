import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Init } from '@weatherlearn/engine/nn';
import { Rng } from '@weatherlearn/engine/rng';
import { DownSample } from './down-sample.js';
import { UpSample } from './up-sample.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

const init = () => new Init({ rng: new Rng(1) });

test('DownSample (1, 8·181·360, 1) → (1, 8·91·180, 2) as in the upstream tests', () => {
  const ds = new DownSample(1, [8, 181, 360], [8, 91, 180], init());
  tf.tidy(() => assert.deepEqual(ds.forward(tf.randomNormal([1, 8 * 181 * 360, 1]) as tf.Tensor3D).shape, [1, 8 * 91 * 180, 2]));
});

test('UpSample (1, 8·91·180, 2) → (1, 8·181·360, 1) and batch > 1', () => {
  const us = new UpSample(2, 1, [8, 91, 180], [8, 181, 360], init());
  tf.tidy(() => assert.deepEqual(us.forward(tf.randomNormal([1, 8 * 91 * 180, 2]) as tf.Tensor3D).shape, [1, 8 * 181 * 360, 1]));
  const us2 = new UpSample(8, 4, [2, 4, 3], [2, 7, 5], init());
  tf.tidy(() => assert.deepEqual(us2.forward(tf.randomNormal([3, 24, 8]) as tf.Tensor3D).shape, [3, 70, 4]));
});

test('DownSample merges the 2×2 neighbours in (lat, lon) row-major order (0,0), (0,1), (1,0), (1,1)', () => {
  const ds = new DownSample(1, [1, 2, 2], [1, 1, 1], init());
  // identity-like check: with LayerNorm γ=1, β=0 and a one-hot Linear column, the output picks one merged channel.
  tf.tidy(() => {
    ds.linear.weight.assign(tf.tensor2d([[1, 0, 0, 0], [0, 0, 1, 0]])); // torch [out, in]
    const x = tf.tensor3d([[[1], [2], [3], [4]]]); // grid (lat, lon): [[1, 2], [3, 4]]
    const y = ds.forward(x).dataSync();
    // merged order: x[0,0]=1, x[0,1]=2, x[1,0]=3, x[1,1]=4 → normalised; channel 0 picks merged[0]=1, channel 1 merged[2]=3.
    const m = 2.5, s = Math.sqrt(1.25 + 1e-5);
    assert.ok(Math.abs(y[0]! - (1 - m) / s) < 1e-5 && Math.abs(y[1]! - (3 - m) / s) < 1e-5, `got ${y}`);
  });
});
