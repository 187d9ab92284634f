import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { forecastDiagnostics } from './diagnostics.js';
import { Pangu } from './pangu.js';
import { panguPreset } from './config.js';
import { PanguTrainingModule } from './training-module.js';

// Validation skill weighted by the loss mask (pangu.skillMask: 'loss'): cells outside the mask do not count.
before(async () => { await initEngine({ backend: 'wasm' }); });

// 1 sample, channels [vn, occ], 1×3 pixels; the target's occupancy is [1, 0.5, 0].
const frame = (vn: number[], occ: number[]) => tf.tensor4d([...vn, ...occ], [1, 2, 1, 3]);
const target = () => frame([2, 2, 2], [1, 0.5, 0]);

test('masked skill against a hand-computed case; the cell outside the mask does not change it', async () => {
  // weights: vn [1, 0.5, 0] (the occupancy), occ [1, 1, 1] (the mask channel itself); Σw = 4.5
  // model:       vn errors² [0, 1, 49] → 0·1 + 1·0.5 + 49·0 = 0.5; occ exact                → 0.5
  // persistence: vn errors² [4, 0, 49] → 4;                        occ errors² [0, 0, 1] → 1  → 5
  // climatology: vn errors² [1, 1, 1]  → 1.5;                      occ errors² [1, 0.25, 0] → 2.75
  const pred = frame([2, 1, 9], [1, 0.5, 0]), last = frame([0, 2, -5], [1, 0.5, 1]), clim = tf.tensor3d([1, 1, 1, 0, 0, 0], [2, 1, 3]);
  const d = await forecastDiagnostics(pred, target(), last, clim, ['vn', 'occ'], { lossMaskChannel: 1 });
  assert.ok(Math.abs(d.skill_persistence! - (1 - 0.5 / 5)) < 1e-6, `skill_persistence ${d.skill_persistence}`);
  assert.ok(Math.abs(d.skill_climatology! - (1 - 0.5 / 2.75)) < 1e-6, `skill_climatology ${d.skill_climatology}`);
  // anything in the unobserved cell's vn (prediction, persistence, climatology) leaves the skill alone
  const d2 = await forecastDiagnostics(frame([2, 1, -300], [1, 0.5, 0]), target(), frame([0, 2, 40], [1, 0.5, 1]), tf.tensor3d([1, 1, 7, 0, 0, 0], [2, 1, 3]), ['vn', 'occ'], { lossMaskChannel: 1 });
  assert.ok(Math.abs(d2.skill_persistence! - d.skill_persistence!) < 1e-6 && Math.abs(d2.skill_climatology! - d.skill_climatology!) < 1e-6);
  // unmasked (the original's score): every cell counts, the wild vn of cell 3 dominates
  const u = await forecastDiagnostics(pred, target(), last, clim, ['vn', 'occ']);
  assert.ok(Math.abs(u.skill_persistence! - (1 - 50 / 54)) < 1e-6, `unmasked skill_persistence ${u.skill_persistence}`);
  // the per-channel statistics cover every cell either way
  assert.equal(d.pred_mean_vn, u.pred_mean_vn);
  // the weighted sums the trainer pools: 0.5 (model), 5 (persistence), 2.75 (climatology)
  assert.ok(Math.abs(d.sse_model! - 0.5) < 1e-6 && Math.abs(d.sse_persistence! - 5) < 1e-6 && Math.abs(d.sse_climatology! - 2.75) < 1e-6);
  // hard mask (the original's): occupancy > 0 → vn weights [1, 1, 0]: model 0 + 1 = 1, persistence 4 + 0 + occ 1 = 5
  const h = await forecastDiagnostics(pred, target(), last, clim, ['vn', 'occ'], { lossMaskChannel: 1, lossMaskMode: 'hard' });
  assert.ok(Math.abs(h.sse_model! - 1) < 1e-6 && Math.abs(h.sse_persistence! - 5) < 1e-6, `hard ${h.sse_model} ${h.sse_persistence}`);
});

test('PanguTrainingModule: skillMask "loss" uses the smooth-l1 loss mask, "none" and other losses score every cell', () => {
  const cfg = (o: object) => panguPreset('superdarn', { gridSize: [4, 4], surfaceChans: 2, embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 2, 2], shiftSize: [1, 1, 1], seed: 1, ...o });
  const mk = (o: object, skillMask?: 'loss' | 'none') => {
    const model = new Pangu(cfg(o), true);
    return new PanguTrainingModule(model, skillMask ? { skillMask } : {}).skillMaskOf();
  };
  assert.equal(mk({ loss: 'smooth-l1', lossMaskChannel: 1 }).lossMaskChannel, 1);
  assert.deepEqual(mk({ loss: 'smooth-l1', lossMaskChannel: 1, lossMaskChannels: [0], lossMaskMode: 'hard' }), { lossMaskChannel: 1, lossMaskChannels: [0], lossMaskMode: 'hard' });
  assert.equal(mk({ loss: 'smooth-l1', lossMaskChannel: 1 }, 'none').lossMaskChannel, -1);
  assert.equal(mk({ loss: 'smooth-l1', lossMaskChannel: -1 }).lossMaskChannel, -1);
  assert.equal(mk({ loss: 'mse-mean', lossMaskChannel: 1 }).lossMaskChannel, -1);
});
