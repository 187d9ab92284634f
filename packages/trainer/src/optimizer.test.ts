import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tf, initEngine, Adam, AdamW, paramGroupsByDecay } from '@weatherlearn/engine';
import { withTempDir } from '@weatherlearn/test-parts';
import { Trainer } from './trainer.js';
import { findLastCheckpoint, readCheckpointMeta } from './checkpoint.js';
import type { TrainerEvent } from './events.js';
import type { OptimizerConfig } from './types.js';
import { ToyModule, toyLoader, type ToyBatch } from './testing/toy.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

const stepsOf = (events: TrainerEvent[]) => events.filter((e): e is Extract<TrainerEvent, { type: 'step' }> => e.type === 'step');

test('the trainer step is the optimizer step: schedules set on every group at the 0-based step, grads by name, bit for bit', async () => {
  const opts = { dropout: 0, lr: 0.05, weightDecay: 0.1, freezeSteps: 2 };
  const m = new ToyModule(opts);
  const events: TrainerEvent[] = [];
  await new Trainer({ maxEpochs: 1, maxSteps: 4, seed: 1 }, { listener: (e) => events.push(e) }).fit(m, toyLoader(32, 8, 1, false));
  // The same by hand: gradients of each batch, the groups' schedules at step s, frozen last layer skipped.
  const ref = new ToyModule(opts);
  const { optimizer } = ref.configureOptimizers();
  const loader = toyLoader(32, 8, 1, false);
  const expectLr: number[] = [], expectWd: number[] = [];
  for (let s = 0; s < 4; s++) {
    for (const g of optimizer.paramGroups) {
      if (g.lrSchedule) g.lr = g.lrSchedule(s);
      if (g.weightDecaySchedule) g.weightDecay = g.weightDecaySchedule(s);
    }
    expectLr.push(optimizer.paramGroups[0]!.lr);
    expectWd.push(optimizer.paramGroups[0]!.weightDecay);
    const batch = (await loader.batch(s, 0)) as ToyBatch;
    const vars = ref.params.map((p) => p.variable);
    const { value, grads } = tf.variableGrads(() => (ref.trainingStep(batch, {} as never).loss), vars);
    const byName = Object.fromEntries(ref.params.map((p) => [p.name, grads[p.variable.name]!]));
    optimizer.step(ref.onBeforeOptimizerStep(byName, s));
    tf.dispose([value, batch.x, batch.y, ...Object.values(grads)]);
  }
  const a = m.snapshot(), b = ref.snapshot();
  for (const k of ['fc1.weight', 'fc1.bias', 'fc2.weight']) assert.deepEqual(a[k], b[k], `${k} differs from the hand-run optimizer`);
  const steps = stepsOf(events);
  assert.deepEqual(steps.map((e) => e.metrics.lr), expectLr, 'metric lr = group 0 lr');
  assert.deepEqual(steps.map((e) => e.metrics.wd), expectWd, 'metric wd = group 0 weight decay');
  assert.notEqual(expectWd[0], expectWd[3], 'the weight-decay schedule moves');
  assert.equal(m.optimizer!.paramGroups[1]!.weightDecay, 0, 'the no_decay group keeps weight decay 0');
  m.dispose(); ref.dispose();
});

test('a parameter without a gradient is not touched (no decay, no step) and starts its own step count when unfrozen', async () => {
  const m = new ToyModule({ dropout: 0, weightDecay: 0.5, freezeSteps: 3 });
  const before = m.snapshot()['fc2.weight']!;
  const seen: Float32Array[] = [];
  await new Trainer({ maxEpochs: 1, maxSteps: 5 }, { listener: (e) => { if (e.type === 'step') seen.push(m.snapshot()['fc2.weight']!); } }).fit(m, toyLoader(40, 8));
  for (let s = 0; s < 3; s++) assert.deepEqual(seen[s], before, `fc2.weight changed during frozen step ${s + 1}`);
  assert.notDeepEqual(seen[3], before);
  assert.equal(m.optimizer!.stepOf('fc2.weight'), 2);
  assert.equal(m.optimizer!.stepOf('fc1.weight'), 5);
  m.dispose();
});

test('resuming with another optimizer kind, a tfjs optimizer or foreign parameters fails clearly', async () => {
  await withTempDir(async (tmp) => {
    const m = new ToyModule();
    await new Trainer({ maxEpochs: 1, maxSteps: 2, checkpoint: { dir: tmp } }).fit(m, toyLoader(16, 4));
    const meta = readCheckpointMeta(findLastCheckpoint(tmp)!);
    assert.equal(meta.optimizer.kind, 'AdamW');
    assert.deepEqual(meta.optimizer.steps, { 'fc1.weight': 2, 'fc2.weight': 2, 'fc1.bias': 2 });
    assert.deepEqual(meta.optimizer.groups.map((g) => [g.name, g.params]), [['decay', ['fc1.weight', 'fc2.weight']], ['no_decay', ['fc1.bias']]]);
    class AdamToy extends ToyModule {
      override configureOptimizers(): OptimizerConfig { return { optimizer: new Adam(paramGroupsByDecay(this.params)) }; }
    }
    const other = new AdamToy();
    await assert.rejects(new Trainer({ maxEpochs: 1, checkpoint: { dir: tmp } }).fit(other, toyLoader(16, 4), undefined, { resume: true }),
      /checkpoint .*step-2 optimizer state: Adam\.loadStateDict: the state was saved by AdamW, not Adam/);
    const tfjs = Object.assign(Object.create(other), { configureOptimizers: () => ({ optimizer: tf.train.adam(0.1) }) }) as ToyModule;
    await assert.rejects(new Trainer().fit(tfjs, toyLoader(8, 4)), /engine Optimizer \(Adam or AdamW from @weatherlearn\/engine\)/);
    const stray = { name: 'stray', variable: tf.variable(tf.zeros([1])) };
    const foreign = Object.assign(Object.create(other), { configureOptimizers: () => ({ optimizer: new AdamW([...other.params, stray]) }) }) as ToyModule;
    await assert.rejects(new Trainer().fit(foreign, toyLoader(8, 4)), /optimizer group 0 holds "stray", which is not among the module's parameters\(\)/);
    // A checkpoint of the old format (tfjs optimizer weights) is refused with the reason.
    const file = join(findLastCheckpoint(tmp)!, 'trainer.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version": 2', '"version": 1'));
    assert.throws(() => readCheckpointMeta(findLastCheckpoint(tmp)!), /checkpoint version 1 holds tfjs optimizer state/);
    stray.variable.dispose(); m.dispose(); other.dispose();
  });
});

test('a schedule that returns a bad value fails naming the group', async () => {
  class BadToy extends ToyModule {
    override configureOptimizers(): OptimizerConfig {
      const groups = paramGroupsByDecay(this.params, { lr: 0.1 });
      groups[1]!.weightDecaySchedule = (s) => (s === 1 ? -1 : 0);
      return { optimizer: new AdamW(groups) };
    }
  }
  const m = new BadToy();
  await assert.rejects(new Trainer({ maxEpochs: 1 }).fit(m, toyLoader(16, 4)), /optimizer group 1 \("no_decay"\): weightDecaySchedule\(1\) returned -1/);
  m.dispose();
});
