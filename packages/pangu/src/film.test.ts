import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { fitSteps } from '@weatherlearn/trainer';
import { Pangu } from './pangu.js';
import { panguPreset, type PanguConfig } from './config.js';
import { smoothL1 } from './loss.js';
import { forecastDiagnostics } from './diagnostics.js';
import { PanguTrainingModule, type PanguBatch } from './training-module.js';

// Issue 23: FiLM solar-wind conditioning, residual target, Smooth-L1 with channel weights and the occupancy mask.
before(async () => { await initEngine({ backend: 'wasm' }); });

const tiny = (o: Partial<PanguConfig> = {}) => panguPreset('superdarn', {
  embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2], seed: 5,
  gridSize: [16, 16], surfaceChans: 2, noiseFactor: 0, dropPathRate: 0, ...o,
});
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

test('an untrained FiLM is the identity: same output as the model without FiLM, whatever the scalars', () => {
  const plain = new Pangu(tiny()), film = new Pangu(tiny({ filmDim: 3 }));
  const x = tf.randomNormal([2, 2, 16, 16], 0, 1, 'float32', 7) as tf.Tensor4D;
  const cond = tf.tensor2d([[1, -2, 3], [0.5, 9, -4]]);
  assert.equal(film.films.length, 4);
  assert.ok(film.namedParameters().some((p) => p.name === 'film3.weight'), 'FiLM parameters are named (state dict)');
  const a = plain.apply({ surface: x }).surface, b = film.apply({ surface: x, cond }).surface;
  assert.equal(maxAbsDiff(a, b), 0);
  assert.throws(() => film.apply({ surface: x }), /no cond scalars/);
  // Hand-computed: γ = 0.5, β = 1 on every feature → x·1.5 + 1.
  const f = film.films[0]!;
  f.bias.assign(tf.concat([tf.fill([8], 0.5), tf.fill([8], 1)]));
  const tokens = tf.tensor3d([[[1, 2, 3, 4, 5, 6, 7, 8]]]);
  assert.deepEqual(Array.from(f.forward(tokens, tf.tensor2d([[0, 0, 0]])).dataSync()), [2.5, 4, 5.5, 7, 8.5, 10, 11.5, 13]);
  plain.dispose(); film.dispose();
});

test('residual target: the zero-initialised head forecasts persistence, and a trained head adds its output to x_last', () => {
  const abs = new Pangu(tiny()), res = new Pangu(tiny({ residual: true }));
  const x = tf.randomNormal([2, 2, 16, 16], 0, 1, 'float32', 8) as tf.Tensor4D;
  assert.equal(maxAbsDiff(res.apply({ surface: x }).surface, x), 0, 'untrained residual model = persistence');
  // Give the residual model the absolute model's head: then res(x) = abs(x) + x exactly (same seed, same trunk).
  const head = new Map(abs.namedParameters().map((p) => [p.name, p.variable]));
  for (const p of res.namedParameters()) if (p.name.startsWith('patchrecovery2d')) p.variable.assign(head.get(p.name)!);
  const want = tf.add(abs.apply({ surface: x }).surface, x);
  assert.ok(maxAbsDiff(res.apply({ surface: x }).surface, want) < 1e-5);
  abs.dispose(); res.dispose();
});

test('smooth-l1 with channel weights and the occupancy mask matches a hand-computed value', () => {
  // 1 sample, 2 channels (0: value, 1: occupancy), 1×2 pixels; β = 0.5.
  const pred = tf.tensor4d([0.2, 3, 0, 1], [1, 2, 1, 2]), target = tf.tensor4d([0, 1, 1, 0], [1, 2, 1, 2]);
  // channel 0: d = 0.2 → ½·0.04/0.5 = 0.04 (mask 1); d = 2 → 2 − 0.25 = 1.75 (mask 0)
  // channel 1 (the mask, weight 1 each): d = 1 → 0.75; d = 1 → 0.75; channel weights [2, 1]
  const l = smoothL1({ smoothL1Beta: 0.5, channelWeights: [2, 1], lossMaskChannel: 1 }, pred, target).dataSync()[0]!;
  const want = (2 * 0.04 + 0 + 0.75 + 0.75) / (2 + 0 + 1 + 1);
  assert.ok(Math.abs(l - want) < 1e-6, `${l} vs ${want}`);
  const plain = smoothL1({}, pred, target).dataSync()[0]!;
  // lossMaskChannels [] = every channel but the mask (the default): the same value
  assert.ok(Math.abs(smoothL1({ smoothL1Beta: 0.5, channelWeights: [2, 1], lossMaskChannel: 1, lossMaskChannels: [] }, pred, target).dataSync()[0]! - want) < 1e-6);
  assert.ok(Math.abs(plain - (0.02 + 1.5 + 0.5 + 0.5) / 4) < 1e-6, `β 1 unweighted: ${plain}`);
});

/** Samples whose change is driven by the first scalar: y = x + s·P (P a fixed per-channel shift), s ~ N(0, 1); the second scalar is noise-free 0. */
function solarWindSeries(n: number, seed: number): PanguBatch[] {
  const P = tf.tidy(() => tf.tile(tf.reshape(tf.tensor1d([0.8, -0.5]), [1, 2, 1, 1]), [1, 1, 16, 16]));
  const out: PanguBatch[] = [];
  for (let i = 0; i < n; i++) {
    const s = tf.randomNormal([4, 1], 0, 1, 'float32', seed + i) as tf.Tensor2D;
    const x = tf.randomNormal([4, 2, 16, 16], 0, 1, 'float32', 100 + seed + i) as tf.Tensor4D;
    const y = tf.tidy(() => tf.add(x, tf.mul(P, tf.reshape(s, [4, 1, 1, 1])))) as tf.Tensor4D;
    out.push({ input: { surface: x, cond: tf.concat([s, tf.zeros([4, 1])], 1) as tf.Tensor2D }, target: { surface: y } });
  }
  P.dispose();
  return out;
}

async function skillVsPersistence(film: boolean, lr = 1e-2, steps = 60, loss: PanguConfig['loss'] = 'smooth-l1'): Promise<number> {
  const model = new Pangu(tiny({ residual: true, loss, smoothL1Beta: 0.1, ...(film ? { filmDim: 2 } : {}) }));
  const mod = new PanguTrainingModule(model, { optimizer: 'adamw', lr, weightDecay: 0 });
  const val = solarWindSeries(3, 50_000); // fresh samples every step (no memorising), unseen validation samples
  const m = await fitSteps(mod, (k) => solarWindSeries(1, 1000 + 7 * k)[0]!, steps);
  assert.equal(m.length, steps);
  let se = 0, sp = 0;
  for (const b of val) {
    const p = mod.predict(film ? b.input : { surface: b.input.surface, cond: b.input.cond! });
    se += tf.tidy(() => tf.sum(tf.squaredDifference(p.surface, b.target.surface)).dataSync()[0]!);
    sp += tf.tidy(() => tf.sum(tf.squaredDifference(b.input.surface, b.target.surface)).dataSync()[0]!);
  }
  mod.dispose(); model.dispose();
  return 1 - se / sp;
}

// The same proof on generated MAP files through `superdarn grid --method polar` and `train pangu`:
// apps/train/src/commands/train-convmap-film.test.ts.
test('a tiny run learns a known solar-wind dependence with FiLM (skill vs persistence > 0) and not without (≈ 0)', async () => {
  const withFilm = await skillVsPersistence(true), without = await skillVsPersistence(false);
  assert.ok(withFilm > 0.3, `skill with FiLM ${withFilm}`);
  // Without the scalars the change is unpredictable: no skill over persistence (fitting noise can only lose).
  assert.ok(without < 0.05, `skill without FiLM ${without}`);
  assert.ok(withFilm - without > 0.3);
});

test('validation diagnostics: skill vs persistence and climatology, per-channel mean/std (hand-computed)', async () => {
  // 1 sample, 2 channels, 1×2 pixels.
  const target = tf.tensor4d([1, 3, 0, 2], [1, 2, 1, 2]);
  const pred = tf.tensor4d([1, 2, 0, 2], [1, 2, 1, 2]); // MSE = 1/4
  const last = tf.tensor4d([0, 1, 1, 1], [1, 2, 1, 2]); // MSE = (1 + 4 + 1 + 1)/4 = 7/4
  const clim = tf.tensor3d([2, 2, 1, 1], [2, 1, 2]); // MSE = (1 + 1 + 1 + 1)/4 = 1
  const d = await forecastDiagnostics(pred, target, last, clim, ['vn', 'occ']);
  assert.ok(Math.abs(d.skill_persistence! - (1 - 0.25 / 1.75)) < 1e-6);
  assert.ok(Math.abs(d.skill_climatology! - 0.75) < 1e-6);
  assert.ok(Math.abs(d.pred_mean_vn! - 1.5) < 1e-6 && Math.abs(d.pred_std_vn! - 0.5) < 1e-6);
  assert.ok(Math.abs(d.target_mean_occ! - 1) < 1e-6 && Math.abs(d.target_std_occ! - 1) < 1e-6);
  assert.equal((await forecastDiagnostics(pred, target, last)).skill_climatology, undefined);
});
