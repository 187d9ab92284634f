import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from '@weatherlearn/engine';
import { Trainer } from './trainer.js';
import type { TrainerEvent } from './events.js';
import { ToyModule, toyLoader } from './testing/toy.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

test('fits the toy problem: loss falls, hooks run in order, lr follows the schedule', async () => {
  const m = new ToyModule({ dropout: 0, lr: 0.05 });
  const events: TrainerEvent[] = [];
  const trainer = new Trainer({ maxEpochs: 4, seed: 1 }, { listener: (e) => events.push(e) });
  const val = toyLoader(16, 8, 9, false);
  const r = await trainer.fit(m, toyLoader(64, 8), val);
  assert.equal(r.status, 'completed');
  assert.equal(r.step, 32);
  assert.equal(r.epoch, 4);
  assert.deepEqual(m.epochsStarted, [0, 1, 2, 3]);
  assert.deepEqual(m.afterSteps, Array.from({ length: 32 }, (_, i) => i + 1));
  const vals = events.filter((e) => e.type === 'validation').map((e) => (e as { metrics: Record<string, number> }).metrics.val_loss!);
  assert.equal(vals.length, 4, 'validation at each epoch end');
  assert.ok(vals[3]! < vals[0]! * 0.8, `val_loss should fall: ${vals.join(', ')}`);
  const steps = events.filter((e) => e.type === 'step') as Extract<TrainerEvent, { type: 'step' }>[];
  assert.equal(steps[0]!.metrics.lr, 0, 'warm-up starts at 0');
  assert.ok(Math.abs(steps[3]!.metrics.lr! - 0.05) < 1e-12, 'peak lr after warm-up');
  assert.equal(steps[0]!.metrics.batch_size, 8);
  m.dispose();
});

test('no tensor leaks across steps (tf.memory().numTensors stays constant)', async () => {
  const m = new ToyModule();
  const counts: number[] = [];
  const trainer = new Trainer({ maxEpochs: 2, accumulateGradBatches: 2, gradientClipVal: 0.5, valCheckInterval: 3 }, {
    listener: (e) => { if (e.type === 'step') counts.push(tf.memory().numTensors); },
  });
  await trainer.fit(m, toyLoader(40, 4), toyLoader(8, 4, 2, false));
  // after the first step the optimizer has created its moments; from then on nothing may grow
  assert.ok(counts.length >= 8);
  assert.deepEqual(new Set(counts.slice(1)).size, 1, `numTensors per step: ${counts.join(',')}`);
  m.dispose();
});

test('gradient accumulation of 2×4 equals one batch of 8 (no dropout, no shuffle)', async () => {
  const run = async (bs: number, acc: number) => {
    const m = new ToyModule({ dropout: 0, schedule: false });
    await new Trainer({ maxEpochs: 1, maxSteps: 3, accumulateGradBatches: acc }).fit(m, toyLoader(48, bs, 1, false));
    const s = m.snapshot(); m.dispose(); return s;
  };
  const a = await run(4, 2), b = await run(8, 1);
  for (const k of Object.keys(a)) a[k]!.forEach((v, i) => assert.ok(Math.abs(v - b[k]![i]!) < 1e-5, `${k}[${i}] ${v} vs ${b[k]![i]}`));
});

test('maxSteps, gradient clipping metric and per-epoch batches with an incomplete last window', async () => {
  const m = new ToyModule();
  const steps: Extract<TrainerEvent, { type: 'step' }>[] = [];
  const r = await new Trainer({ maxEpochs: 10, maxSteps: 5, accumulateGradBatches: 3, gradientClipVal: 1e-3 }, {
    listener: (e) => { if (e.type === 'step') steps.push(e); },
  }).fit(m, toyLoader(28, 4));
  // 7 batches per epoch, windows of 3 → steps cover batches [0,3) [3,6) [6,7) then next epoch
  assert.deepEqual(steps.map((s) => [s.epoch, s.batchIndex]), [[0, 3], [0, 6], [0, 7], [1, 3], [1, 6]]);
  assert.equal(r.step, 5);
  assert.ok(steps.every((s) => s.metrics.grad_norm! > 1e-3), 'grad_norm is measured before clipping');
  m.dispose();
});

test('early stopping halts when val_loss stops improving', async () => {
  const m = new ToyModule({ lr: 0, schedule: false });
  const r = await new Trainer({ maxEpochs: 20, earlyStopping: { monitor: 'val_loss', mode: 'min', patience: 2, minDelta: 0 } })
    .fit(m, toyLoader(16, 8), toyLoader(8, 8, 2, false));
  assert.equal(r.status, 'early-stopped');
  assert.equal(r.epoch, 3, 'first check sets best, two more without improvement stop');
  m.dispose();
});

test('fastDevRun runs N batches once, without logging or checkpoints', async () => {
  const m = new ToyModule();
  const logged: number[] = [];
  const logger = { runId: 'x', logMetrics: (_m: Record<string, number>, step: number) => { logged.push(step); } };
  const r = await new Trainer({ maxEpochs: 50, fastDevRun: 2, checkpoint: { dir: '/nonexistent/should-not-be-created' } }, { logger })
    .fit(m, toyLoader(64, 4), toyLoader(64, 4));
  assert.equal(r.status, 'fast-dev-run');
  assert.equal(r.step, 2);
  assert.equal(r.checkpoint, null);
  assert.deepEqual(logged, []);
  m.dispose();
});

test('bad configuration and bad modules fail with clear messages', async () => {
  assert.throws(() => new Trainer({ maxEpochs: 0 }), /trainer\.maxEpochs must be an integer ≥ 1/);
  assert.throws(() => new Trainer({ gradientClipAlgorithm: 'l3' as never }), /gradientClipAlgorithm/);
  const m = new ToyModule();
  const bad = Object.assign(Object.create(m), { trainingStep: () => ({ loss: tf.ones([2]) }) }) as ToyModule;
  await assert.rejects(new Trainer().fit(bad, toyLoader(8, 4)), /scalar loss tensor.*shape \[2\]/);
  const noVal = Object.assign(Object.create(m), { validationStep: undefined }) as ToyModule;
  await assert.rejects(new Trainer().fit(noVal, toyLoader(8, 4), toyLoader(8, 4)), /no validationStep/);
  await assert.rejects(new Trainer().fit(m, toyLoader(0, 4)), /no batches/);
  m.dispose();
});
