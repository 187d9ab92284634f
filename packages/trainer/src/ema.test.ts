import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { initEngine } from '@weatherlearn/engine';
import { withTempDir } from '@weatherlearn/test-parts';
import { Trainer } from './trainer.js';
import { findLastCheckpoint, loadCheckpoint } from './checkpoint.js';
import { resolveTrainerConfig } from './config.js';
import { ToyModule, toyLoader } from './testing/toy.js';

// Issue 23: `trainer.ema` — an EMA of the weights for validation, checkpoints' `ema` entry and final.pt.
before(async () => { await initEngine({ backend: 'cpu' }); });

const snap = (m: ToyModule) => m.params.map((p) => Float64Array.from(p.variable.dataSync()));

test('EMA semantics against a hand-computed case: e0 = θ0, e_k = d·e_(k−1) + (1 − d)·θ_k; validation and the final model use it', async () => {
  const d = 0.5, m = new ToyModule({ dropout: 0, schedule: false });
  const thetas = [snap(m)];
  const val: number[] = [];
  const t = new Trainer({ maxEpochs: 1, maxSteps: 3, seed: 1, ema: d, valCheckInterval: 3 }, {
    listener: (e) => { if (e.type === 'step') thetas.push(snap(m)); if (e.type === 'validation') val.push(e.metrics.val_loss!); },
  });
  await t.fit(m, toyLoader(12, 4), toyLoader(4, 4, 2, false));
  assert.equal(thetas.length, 4);
  let e = thetas[0]!.map((a) => Float64Array.from(a));
  for (const th of thetas.slice(1)) e = e.map((a, i) => a.map((v, j) => d * v + (1 - d) * th[i]![j]!));
  const final = snap(m);
  final.forEach((a, i) => a.forEach((v, j) => assert.ok(Math.abs(v - e[i]![j]!) < 1e-6, `param ${i}[${j}]: ${v} vs EMA ${e[i]![j]}`)));
  // Not the raw trained weights:
  assert.ok(final[0]!.some((v, j) => Math.abs(v - thetas[3]![0]![j]!) > 1e-6));
  // The validation at step 3 ran with the EMA weights: the same loss the model (now EMA) gives.
  const b = (await toyLoader(4, 4, 2, false).batch(0, 0));
  assert.ok(Math.abs(val[0]! - (m.validationStep(b).loss)) < 1e-6, `${val[0]} vs ${m.validationStep(b).loss}`);
});

test('EMA is checkpointed (ema.safetensors) and a resumed run ends with the same EMA weights bit for bit', async () => {
  await withTempDir(async (tmp) => {
    const cfg = (dir: string, maxSteps: number) => ({ maxEpochs: 1, maxSteps, seed: 2, ema: 0.9, checkpoint: { dir, everyNSteps: 2 } });
    const straight = new ToyModule();
    await new Trainer(cfg(join(tmp, 'a'), 6)).fit(straight, toyLoader(32, 4));
    const first = new ToyModule();
    await new Trainer(cfg(join(tmp, 'b'), 4)).fit(first, toyLoader(32, 4));
    const ck = loadCheckpoint(findLastCheckpoint(join(tmp, 'b'))!);
    assert.deepEqual(Object.keys(ck.ema ?? {}).sort(), first.params.map((p) => p.name).sort());
    const second = new ToyModule();
    await new Trainer(cfg(join(tmp, 'b'), 6)).fit(second, toyLoader(32, 4), undefined, { resume: true });
    const [a, b] = [snap(straight), snap(second)];
    a.forEach((x, i) => assert.deepEqual(Array.from(x), Array.from(b[i]!), `param ${i}`));
  }, 'wl-ema-');
  assert.throws(() => resolveTrainerConfig({ ema: 1 }), /trainer.ema/);
});

test('every step logs its wall time and, when the module reports batch_size, samples/s', async () => {
  const steps: Record<string, number>[] = [];
  const t = new Trainer({ maxEpochs: 1, maxSteps: 2, seed: 1, accumulateGradBatches: 2 }, { listener: (e) => { if (e.type === 'step') steps.push(e.metrics as Record<string, number>); } });
  await t.fit(new ToyModule(), toyLoader(16, 4));
  assert.equal(steps.length, 2);
  for (const m of steps) {
    assert.ok(m.step_time! > 0 && m.step_time! < 60, `step_time ${m.step_time}`);
    assert.ok(Math.abs(m.samples_per_s! - (4 * 2) / m.step_time!) < 1e-6 * m.samples_per_s!, `samples_per_s ${m.samples_per_s} for 2 micro-batches of 4`);
  }
});

test('afterValidation runs after each validation with the EMA weights in the model, and is awaited', async () => {
  const m = new ToyModule({ dropout: 0, schedule: false });
  const seen: { step: number; loss: number; modelLoss: number }[] = [];
  const val = toyLoader(4, 4, 2, false);
  const t = new Trainer({ maxEpochs: 1, maxSteps: 4, seed: 1, ema: 0.5, valCheckInterval: 2 }, {
    afterValidation: async (step, metrics) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push({ step, loss: metrics.val_loss!, modelLoss: m.validationStep(await val.batch(0, 0)).loss });
    },
  });
  await t.fit(m, toyLoader(16, 4), val);
  assert.deepEqual(seen.map((x) => x.step), [2, 4]);
  for (const x of seen) assert.ok(Math.abs(x.loss - x.modelLoss) < 1e-6, 'the hook sees the weights validation used');
});
