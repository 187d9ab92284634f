import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runValidation } from './validate.js';
import { runValidationDistributed } from './distributed-validate.js';
import { localCollectives } from './testing/local-collective.js';
import type { DataLoader, Metrics, TrainingModule } from './types.js';

// Three validation batches of unequal weight: the squared-error sums each returns and its loss.
//   batch 0: SSE model 1, persistence 10 → skill 0.9
//   batch 1: SSE model 3, persistence 4  → skill 0.25
//   batch 2: SSE model 2, persistence 2  → skill 0     (a small last batch)
// averaged per batch: (0.9 + 0.25 + 0) / 3 = 0.3833…; pooled as the original: 1 − 6 / 16 = 0.625
const BATCHES: Metrics[] = [
  { loss: 1, sse_model: 1, sse_persistence: 10, sse_zero: 0 },
  { loss: 2, sse_model: 3, sse_persistence: 4, sse_zero: 0 },
  { loss: 6, sse_model: 2, sse_persistence: 2, sse_zero: 0 },
];
const loader: DataLoader<number> = { length: BATCHES.length, batch: (i) => i };
const module = {
  parameters: () => [],
  trainingStep: () => { throw new Error('not used'); },
  configureOptimizers: () => { throw new Error('not used'); },
  validationStep: (i: number) => BATCHES[i]!,
  pooledSkills: { skill_persistence: { model: 'sse_model', baseline: 'sse_persistence' }, skill_zero: { model: 'sse_model', baseline: 'sse_zero' } },
} as unknown as TrainingModule<number>;

test('pooled skills: 1 − Σ SSE_model / Σ SSE_baseline over unequal batches (not the per-batch mean); other metrics averaged', async () => {
  const m = await runValidation(module, loader, 0);
  assert.ok(Math.abs(m.val_skill_persistence! - 0.625) < 1e-12, `pooled ${m.val_skill_persistence}`);
  assert.equal(m.val_loss, 3);
  assert.equal(m.val_skill_zero, undefined, 'a zero baseline gives no skill');
  assert.deepEqual(Object.keys(m).sort(), ['val_loss', 'val_skill_persistence'], 'the sums behind a pooled skill are not logged');
  // limit 2: batches 0 and 1 only → 1 − 4 / 14
  assert.ok(Math.abs((await runValidation(module, loader, 2)).val_skill_persistence! - (1 - 4 / 14)) < 1e-12);
  // without pooledSkills the module's keys are averaged as before
  const plain = await runValidation({ ...module, pooledSkills: undefined } as TrainingModule<number>, loader, 0);
  assert.equal(plain.val_sse_model, 2);
});

test('distributed validation pools the squared errors of every rank (2 ranks, shards of 2 and 1 batches)', async () => {
  const { ranks } = localCollectives(2);
  const out = await Promise.all(ranks.map((c) => runValidationDistributed(module, loader, 0, c)));
  for (const m of out) {
    assert.ok(Math.abs(m.val_skill_persistence! - 0.625) < 1e-6, `rank skill ${m.val_skill_persistence}`);
    assert.ok(Math.abs(m.val_loss! - 3) < 1e-6, `rank loss ${m.val_loss}`);
  }
  // fewer batches than ranks: both validate the one batch, its totals count once
  const one: DataLoader<number> = { length: 1, batch: () => 1 };
  const { ranks: r2 } = localCollectives(2);
  const single = await Promise.all(r2.map((c) => runValidationDistributed(module, one, 0, c)));
  for (const m of single) assert.ok(Math.abs(m.val_skill_persistence! - 0.25) < 1e-6 && Math.abs(m.val_loss! - 2) < 1e-6);
});
