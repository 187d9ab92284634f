import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { panguPreset } from './config.js';
import { lossMaskWeights, smoothL1 } from './loss.js';

// pangu.lossMaskChannels / pangu.lossMaskMode: which channels the occupancy mask weights, soft or hard.
before(async () => { await initEngine({ backend: 'wasm' }); });

// 1 sample, channels [obs, model drift, occupancy], 1×2 pixels; the target's occupancy is [0.5, 0].
// β 1: obs d [0.5, 2] → ℓ [0.125, 1.5]; drift d [1, 0.2] → ℓ [0.5, 0.02]; occupancy exact → ℓ [0, 0].
const target = () => tf.tensor4d([0, 0, 0, 0, 0.5, 0], [1, 3, 1, 2]);
const pred = () => tf.tensor4d([0.5, 2, 1, 0.2, 0.5, 0], [1, 3, 1, 2]);
const loss = (o: object) => smoothL1({ lossMaskChannel: 2, ...o }, pred(), target()).dataSync()[0]!;
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-6, `${what}: ${got} vs ${want}`);

test('soft mask (ours): the occupancy weights obs and drift by default, only obs with lossMaskChannels [0]', () => {
  // weights obs [0.5, 0], drift [0.5, 0], occupancy [1, 1]: (0.0625 + 0.25) / 3
  close(loss({}), 0.3125 / 3, 'soft, every channel but the mask');
  close(loss({ lossMaskMode: 'soft', lossMaskChannels: [] }), 0.3125 / 3, 'soft, [] = the default');
  // weights obs [0.5, 0], drift [1, 1], occupancy [1, 1]: (0.0625 + 0.5 + 0.02) / 4.5
  close(loss({ lossMaskChannels: [0] }), 0.5825 / 4.5, 'soft, obs only');
});

test('hard mask (the original): occupancy > 0 is 1, else 0; with lossMaskChannels [0] the drift counts everywhere', () => {
  // weights obs [1, 0], drift [1, 0], occupancy [1, 1]: (0.125 + 0.5) / 4
  close(loss({ lossMaskMode: 'hard' }), 0.625 / 4, 'hard, every channel but the mask');
  // weights obs [1, 0], drift [1, 1], occupancy [1, 1]: (0.125 + 0.5 + 0.02) / 5
  close(loss({ lossMaskMode: 'hard', lossMaskChannels: [0] }), 0.645 / 5, 'hard, obs only');
  // the weights themselves, and a negative occupancy counts as unobserved
  const t = tf.tensor4d([7, 7, 7, 7, 0.25, -1], [1, 3, 1, 2]);
  assert.deepEqual(Array.from(lossMaskWeights(t, { lossMaskChannel: 2, lossMaskChannels: [0, 1], lossMaskMode: 'hard' }).dataSync()), [1, 0, 1, 0, 1, 1]);
  assert.deepEqual(Array.from(lossMaskWeights(t, { lossMaskChannel: 2, lossMaskChannels: [0] }).dataSync()), [0.25, 0, 1, 1, 1, 1]);
  assert.deepEqual(Array.from(lossMaskWeights(t, { lossMaskChannel: -1, lossMaskMode: 'hard' }).dataSync()), [1]);
});

test('the config refuses a mask channel list or mode it cannot use, naming the key', () => {
  const cfg = (o: object) => panguPreset('superdarn', { gridSize: [4, 4], surfaceChans: 3, lossMaskChannel: 2, ...o });
  assert.throws(() => cfg({ lossMaskChannels: [0, 3] }), /lossMaskChannels must hold surface channel indices < 3/);
  assert.throws(() => cfg({ lossMaskMode: 'binary' }), /lossMaskMode must be one of "soft", "hard", got "binary"/);
  assert.equal(cfg({ lossMaskChannels: [0, 1], lossMaskMode: 'hard' }).lossMaskMode, 'hard');
});
