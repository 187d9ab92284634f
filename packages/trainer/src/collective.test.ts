import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEngine } from '@weatherlearn/engine';
import { Trainer } from './trainer.js';
import { indexBatchLoader } from './loaders.js';
import { rescaleBatchIndex, shardLoader, type Collective } from './collective.js';
import { findLastCheckpoint, readCheckpointMeta } from './checkpoint.js';
import { localCollectives } from './testing/local-collective.js';
import { ToyModule, toyLoader } from './testing/toy.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

test('shardLoader: ranks get disjoint batches of the shuffled epoch order, equal counts for training', async () => {
  const base = indexBatchLoader(23, (idx) => idx, { batchSize: 2, shuffle: true, seed: 5 });
  for (const epoch of [0, 3]) {
    const shards = [0, 1, 2].map((r) => shardLoader(base, r, 3));
    assert.deepEqual(shards.map((s) => s.length), [4, 4, 4]);
    const seen = shards.flatMap((s) => Array.from({ length: s.length }, (_, i) => s.batch(i, epoch) as number[])).flat();
    assert.equal(new Set(seen).size, seen.length, 'no sample twice');
    assert.equal(seen.length, 23, 'the union is the epoch');
    const whole = Array.from({ length: 12 }, (_, i) => base.batch(i, epoch) as number[]);
    assert.deepEqual(shards[1]!.batch(2, epoch), whole[2 * 3 + 1]);
  }
  const val = [0, 1, 2].map((r) => shardLoader(base, r, 3, false).length);
  assert.deepEqual(val, [4, 4, 4]);
  assert.deepEqual([0, 1, 2, 3].map((r) => shardLoader(base, r, 4, false).length), [3, 3, 3, 3]);
  assert.deepEqual([0, 1, 2, 3, 4].map((r) => shardLoader(base, r, 5, false).length), [3, 3, 2, 2, 2]);
  assert.throws(() => shardLoader(base, 3, 3), /rank must be in \[0, 3\)/);
  assert.throws(() => shardLoader(indexBatchLoader(3, (i) => i), 0, 4), /3 batch\(es\), fewer than the 4 ranks/);
  assert.throws(() => shardLoader(base, 0, 3).batch(4, 0), /shard batch index 4 out of range \[0, 4\)/);
});

test('rescaleBatchIndex keeps the global sample position when the world size changes', () => {
  assert.equal(rescaleBatchIndex(3, 2, 1, 8), 6);
  assert.equal(rescaleBatchIndex(6, 1, 2, 4), 3);
  assert.equal(rescaleBatchIndex(5, 1, 2, 4), 3);
  assert.equal(rescaleBatchIndex(4, 4, 4, 4), 4);
  assert.equal(rescaleBatchIndex(7, 1, 2, 3), 3);
});

const snapshotsClose = (a: Record<string, Float32Array>, b: Record<string, Float32Array>, tol: number) => {
  for (const k of Object.keys(a)) a[k]!.forEach((v, i) => assert.ok(Math.abs(v - b[k]![i]!) <= tol, `${k}[${i}] ${v} vs ${b[k]![i]}`));
};

test('2 data-parallel ranks equal one process with the same global batch (accumulation 2); only rank 0 checkpoints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-dp-'));
  try {
    const cfg = { maxEpochs: 2, seed: 3, deterministic: false, gradientClipVal: 0.5, valCheckInterval: 3 };
    const single = new ToyModule({ dropout: 0 });
    const r1 = await new Trainer({ ...cfg, accumulateGradBatches: 2, checkpoint: { dir: join(dir, 'single'), everyNSteps: 2 } })
      .fit(single, toyLoader(64, 4), toyLoader(16, 4, 2, false));
    // Rank 1 starts from other weights: the broadcast from rank 0 must make them identical.
    const { ranks, ops } = localCollectives(2);
    const mods = [new ToyModule({ dropout: 0 }), new ToyModule({ dropout: 0, seed: 99 })];
    const logged: number[][] = [[], []];
    const rs = await Promise.all(ranks.map((c, r) => new Trainer({ ...cfg, checkpoint: { dir: join(dir, `rank${r}`), everyNSteps: 2 } }, {
      collective: c, logger: { runId: `r${r}`, logMetrics: (_m, step) => logged[r]!.push(step) },
    }).fit(mods[r]!, toyLoader(64, 4), toyLoader(16, 4, 2, false))));
    assert.equal(rs[0]!.step, r1.step);
    assert.equal(rs[1]!.step, r1.step);
    const want = single.snapshot();
    snapshotsClose(want, mods[0]!.snapshot(), 1e-6);
    snapshotsClose(want, mods[1]!.snapshot(), 1e-6);
    assert.ok(Math.abs(rs[0]!.metrics.val_loss! - r1.metrics.val_loss!) < 1e-5, `val_loss ${rs[0]!.metrics.val_loss} vs ${r1.metrics.val_loss}`);
    assert.ok(logged[0]!.length > 0 && logged[1]!.length === 0, 'only rank 0 logs');
    assert.ok(findLastCheckpoint(join(dir, 'rank0')));
    assert.equal(findLastCheckpoint(join(dir, 'rank1')), null, 'rank 1 writes no checkpoint');
    assert.equal(readCheckpointMeta(findLastCheckpoint(join(dir, 'rank0'))!).worldSize, 2);
    assert.equal(ops.broadcast, 1);
    assert.equal(ops.barrier, 1);
    [single, ...mods].forEach((m) => m.dispose());
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('resume a 2-rank checkpoint in one process (and a 1-process one on 2 ranks) continues the same run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-dp-'));
  try {
    const cfg = { maxEpochs: 3, seed: 4, deterministic: false };
    const ref = new ToyModule({ dropout: 0 });
    await new Trainer({ ...cfg, accumulateGradBatches: 2 }).fit(ref, toyLoader(48, 4));
    // 2 ranks for 5 steps (mid-epoch: 6 batches per rank), then one process with accumulation 2.
    const { ranks } = localCollectives(2);
    const mods = [new ToyModule({ dropout: 0 }), new ToyModule({ dropout: 0 })];
    await Promise.all(ranks.map((c, r) => new Trainer({ ...cfg, maxSteps: 5, checkpoint: { dir: join(dir, r ? 'x' : 'ckpt') } }, { collective: c })
      .fit(mods[r]!, toyLoader(48, 4))));
    const meta = readCheckpointMeta(findLastCheckpoint(join(dir, 'ckpt'))!);
    assert.deepEqual([meta.step, meta.epoch, meta.batchIndex, meta.worldSize], [5, 0, 5, 2]);
    const one = new ToyModule({ dropout: 0, seed: 50 });
    const r = await new Trainer({ ...cfg, accumulateGradBatches: 2, checkpoint: { dir: join(dir, 'ckpt') } }).fit(one, toyLoader(48, 4), undefined, { resume: true });
    assert.equal(r.step, 18);
    snapshotsClose(ref.snapshot(), one.snapshot(), 1e-5);
    assert.equal(readdirSync(join(dir, 'ckpt')).includes('last'), true);
    // The other way: one process for 4 steps (batch 8 of 12), then 2 ranks resume at their batch 4.
    const solo = new ToyModule({ dropout: 0 });
    await new Trainer({ ...cfg, maxSteps: 4, accumulateGradBatches: 2, checkpoint: { dir: join(dir, 'solo') } }).fit(solo, toyLoader(48, 4));
    const { ranks: two } = localCollectives(2);
    const pair = [new ToyModule({ dropout: 0, seed: 7 }), new ToyModule({ dropout: 0, seed: 8 })];
    const rs = await Promise.all(two.map((c, k) => new Trainer({ ...cfg, checkpoint: { dir: join(dir, 'solo') } }, { collective: c })
      .fit(pair[k]!, toyLoader(48, 4), undefined, { resume: true })));
    assert.deepEqual(rs.map((x) => x.step), [18, 18]);
    snapshotsClose(ref.snapshot(), pair[1]!.snapshot(), 1e-5);
    [ref, one, solo, ...pair, ...mods].forEach((m) => m.dispose());
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a stop requested on one rank stops every rank at the same step', async () => {
  const { ranks } = localCollectives(2);
  const mods = [new ToyModule({ dropout: 0 }), new ToyModule({ dropout: 0 })];
  const trainers = ranks.map((c) => new Trainer({ maxEpochs: 3, deterministic: false }, {
    collective: c, listener: (e) => { if (e.type === 'step' && e.step === 4 && c.rank === 1) trainers[1]!.requestStop(); },
  }));
  const rs = await Promise.all(trainers.map((t, r) => t.fit(mods[r]!, toyLoader(48, 4))));
  assert.deepEqual(rs.map((x) => [x.status, x.step]), [['interrupted', 5], ['interrupted', 5]]);
  mods.forEach((m) => m.dispose());
});

test('setCollective: a module receives the collective once per data-parallel fit (never in one process) and may use it after each step', async () => {
  class Counting extends ToyModule {
    got: Collective[] = [];
    seen: number[] = [];
    setCollective(c: Collective): void { this.got.push(c); }
    override async onAfterOptimizerStep(step: number): Promise<void> {
      const c = this.got[0];
      if (!c) return;
      const b = new Float32Array([c.rank + step]);
      await c.allReduceMean([b]);
      this.seen.push(b[0]!);
    }
  }
  const solo = new Counting({ dropout: 0 });
  await new Trainer({ maxEpochs: 1, deterministic: false }).fit(solo, toyLoader(16, 4));
  assert.equal(solo.got.length, 0);
  const { ranks } = localCollectives(2);
  const mods = [new Counting({ dropout: 0 }), new Counting({ dropout: 0 })];
  await Promise.all(ranks.map((c, r) => new Trainer({ maxEpochs: 1, deterministic: false }, { collective: c }).fit(mods[r]!, toyLoader(32, 4))));
  mods.forEach((m, r) => assert.deepEqual(m.got, [ranks[r]]));
  assert.deepEqual(mods[0]!.seen, [1.5, 2.5, 3.5, 4.5]);
  assert.deepEqual(mods[1]!.seen, mods[0]!.seen);
  [solo, ...mods].forEach((m) => m.dispose());
});
