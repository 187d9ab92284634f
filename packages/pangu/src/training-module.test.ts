import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Pangu } from './pangu.js';
import { panguPreset } from './config.js';
import { fitSteps } from '@weatherlearn/trainer';
import { PanguTrainingModule, type PanguBatch } from './training-module.js';
import { Rng } from '@weatherlearn/engine/rng';

/** `n` optimizer steps on `batch` through the trainer (`weatherlearn train`'s loop); returns the last training loss. */
async function fitOn(mod: PanguTrainingModule, batch: PanguBatch, n: number): Promise<number> {
  // The trainer disposes each batch it used: hand it clones.
  const clone = (): PanguBatch => ({
    input: { surface: tf.clone(batch.input.surface), surfaceMask: batch.input.surfaceMask ? tf.clone(batch.input.surfaceMask) : null, upper: batch.input.upper ? tf.clone(batch.input.upper) : null },
    target: { surface: tf.clone(batch.target.surface), upper: batch.target.upper ? tf.clone(batch.target.upper) : null },
  });
  return (await fitSteps(mod, clone, n)).at(-1)!.loss!;
}

before(async () => { await initEngine({ backend: 'wasm' }); });

const tiny = {
  embedDim: 8, numHeads: [2, 2, 2, 2] as [number, number, number, number], depths: [2, 2, 2, 2] as [number, number, number, number],
  windowSize: [2, 4, 4] as [number, number, number], shiftSize: [1, 2, 2] as [number, number, number], seed: 3,
};

function snapshot(m: Pangu): Float32Array[] {
  return m.parameters().map((v) => v.dataSync().slice() as Float32Array);
}

test('superdarn (surface-only, timeStep 2, latent noise): training steps change every parameter and reduce the loss', async () => {
  const model = new Pangu(panguPreset('superdarn', { ...tiny, gridSize: [16, 16], timeStep: 2 }));
  const mod = new PanguTrainingModule(model, { lr: 1e-2, weightDecay: 0 });
  const x = tf.randomNormal([2, 5, 16, 16], 0, 1, 'float32', 1) as tf.Tensor4D;
  const batch: PanguBatch = { input: { surface: x }, target: { surface: tf.tidy(() => tf.mul(tf.reverse(x, 3), 0.5)) as tf.Tensor4D } };
  const before0 = snapshot(model);
  const l0 = (await mod.validationStep(batch)).loss;
  await fitOn(mod, batch, 8);
  const l1 = (await mod.validationStep(batch)).loss;
  assert.ok(l1 < 0.8 * l0, `eval loss ${l0} → ${l1}`);
  const after0 = snapshot(model);
  model.entries.forEach((e, i) => {
    const changed = before0[i]!.some((v, j) => v !== after0[i]![j]);
    assert.ok(changed, `${e.key} did not change`);
  });
  mod.dispose();
  model.dispose();
});

test('pangu-weather (3-D, l1-weighted loss): one step reduces the loss; rollout reports per-step RMSE', async () => {
  const model = new Pangu(panguPreset('pangu-weather', { ...tiny, gridSize: [9, 16], upperLevels: 3, dropPathRate: 0 }));
  const mod = new PanguTrainingModule(model, { lr: 1e-2, weightDecay: 0 });
  const input = {
    surface: tf.randomNormal([1, 4, 9, 16], 0, 1, 'float32', 4) as tf.Tensor4D,
    surfaceMask: tf.randomNormal([3, 9, 16], 0, 1, 'float32', 5) as tf.Tensor3D,
    upper: tf.randomNormal([1, 5, 3, 9, 16], 0, 1, 'float32', 6) as tf.Tensor5D,
  };
  const batch: PanguBatch = { input, target: { surface: input.surface, upper: input.upper } };
  const l0 = (await mod.validationStep(batch)).loss;
  const lt = await fitOn(mod, batch, 1);
  assert.ok(Math.abs(lt - l0) < 1e-4, 'without noise/drop the training loss equals the eval loss');
  const l1 = (await mod.validationStep(batch)).loss;
  assert.ok(l1 < l0, `loss ${l0} → ${l1}`);
  const r = await mod.rollout({ input, targets: [batch.target, batch.target, batch.target] });
  assert.deepEqual(r.map((s) => s.step), [1, 2, 3]);
  assert.equal(r[0]!.surfacePerChannel.length, 4);
  assert.equal(r[0]!.upperPerChannel!.length, 5);
  assert.ok(r.every((s) => Number.isFinite(s.surface) && s.upper! > 0));
  mod.dispose();
  model.dispose();
});

test('eval is deterministic (DropPath off), training with DropPath is stochastic', () => {
  const model = new Pangu(panguPreset('superdarn', { ...tiny, gridSize: [16, 16], dropPathRate: 0.5, noiseFactor: 0 }));
  tf.tidy(() => {
    const x = tf.randomNormal([2, 5, 16, 16]) as tf.Tensor4D;
    const a = model.apply({ surface: x }).surface, b = model.apply({ surface: x }).surface;
    assert.equal(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0], 0);
    const rng = new Rng(1);
    const c = model.apply({ surface: x }, { training: true, rng }).surface, d = model.apply({ surface: x }, { training: true, rng }).surface;
    assert.ok(tf.max(tf.abs(tf.sub(c, d))).dataSync()[0]! > 0);
  });
  model.dispose();
});

test('activation checkpointing gives the same gradients as the plain backward pass', () => {
  const model = new Pangu(panguPreset('superdarn', { ...tiny, gridSize: [16, 16], dropPathRate: 0, noiseFactor: 0 }));
  const vars = model.parameters();
  const x = tf.randomNormal([2, 5, 16, 16], 0, 1, 'float32', 9) as tf.Tensor4D;
  const run = (checkpoint: boolean) => {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(model.apply({ surface: x }, { training: true, checkpoint }).surface)) as tf.Scalar, vars);
    const out = vars.map((v) => grads[v.name]!.dataSync().slice());
    tf.dispose(Object.values(grads));
    value.dispose();
    return out;
  };
  const a = run(false), b = run(true);
  a.forEach((ga, i) => ga.forEach((v, j) => assert.ok(Math.abs(v - b[i]![j]!) <= 1e-6 + 1e-4 * Math.abs(v), `${model.entries[i]!.key}[${j}]: ${v} vs ${b[i]![j]}`)));
  assert.ok(a.some((g) => g.some((v) => v !== 0)));
  model.dispose();
});
