import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { VisionTransformer, type DINOBatch } from '@weatherlearn/dino';
import { Trainer, localCollectives, type DataLoader } from '@weatherlearn/trainer';
import type { DINOTrainingModule } from '@weatherlearn/dino';
import { DEFAULT_APP_CONFIG as DEFAULT_TRAIN_CONFIG } from '../config/schema.js';
import type { TrainConfig } from './train-config.js';
import { dinoItersPerEpoch, dinoLrBatch, makeDinoTrainingModule } from './dino.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

const G = 8, L = 4, B = 2, N = 2;
const cfg: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  data: { ...DEFAULT_TRAIN_CONFIG.data, batchSize: B },
  dino: { ...DEFAULT_TRAIN_CONFIG.dino, embedDim: 16, depth: 1, numHeads: 2, patchSize: 4, imageSize: G, outDim: 16, headHiddenDim: 16, headBottleneckDim: 8, localCropsNumber: 2, warmupEpochs: 1, teacherTemp: 0.07, warmupTeacherTemp: 0.04 },
  // The peak lr is the configured one on both sides (the single process sees batches of 2B, the ranks B each).
  optim: { ...DEFAULT_TRAIN_CONFIG.optim, lrScaling: 'none' },
  trainer: { ...DEFAULT_TRAIN_CONFIG.trainer, maxEpochs: 2, deterministic: false },
};

/** Seeded crop values of sample `k` in `epoch`: 2 global `G²` and 2 local `L²` single-channel crops. */
function sample(epoch: number, k: number): Float32Array[] {
  let s = (epoch * 7919 + k * 104729 + 17) >>> 0;
  const next = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return (s / 2 ** 32) * 2 - 1; };
  return [G, G, L, L].map((n) => Float32Array.from({ length: n * n }, next));
}

/** Batches of `size` consecutive samples: batch i holds samples [i·size, (i+1)·size) of the epoch. */
function loader(length: number, size: number): DataLoader<DINOBatch> {
  return {
    length,
    batch(i, epoch) {
      const items = Array.from({ length: size }, (_, j) => sample(epoch, i * size + j));
      return { crops: [G, G, L, L].map((n, c) => tf.tensor4d(Float32Array.from(items.flatMap((it) => [...it[c]!])), [size, 1, n, n])) };
    },
  };
}

function makeModule(batches: number, worldSize: number): DINOTrainingModule {
  const d = cfg.dino;
  return makeDinoTrainingModule(cfg, (dpr) => Object.assign(new VisionTransformer({ imgSize: G, patchSize: d.patchSize, inChans: 1, embedDim: d.embedDim, depth: d.depth, numHeads: d.numHeads, dropPathRate: dpr, seed: cfg.seed }), { numFeatures: d.embedDim }), dinoItersPerEpoch(cfg, batches, worldSize), worldSize);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

test('DINO data-parallel: 2 ranks (centre all-reduced, per-rank schedules) = one process with the concatenated batch', { timeout: 120_000 }, async () => {
  // One process: N batches of 2B per epoch. Two ranks: 2N batches of B; the trainer gives rank r batches r, r+2, …
  const single = makeModule(N, 1);
  await new Trainer({ maxEpochs: 2, seed: cfg.seed, deterministic: false, gradientClipVal: 0.25 }).fit(single, loader(N, 2 * B));
  const { ranks, ops } = localCollectives(2);
  const mods = [makeModule(2 * N, 2), makeModule(2 * N, 2)];
  assert.equal(mods[0]!.config.itersPerEpoch, single.config.itersPerEpoch, 'schedules sized by the per-rank data');
  const rs = await Promise.all(ranks.map((c, r) => new Trainer({ maxEpochs: 2, seed: cfg.seed, deterministic: false, gradientClipVal: 0.25 }, { collective: c }).fit(mods[r]!, loader(2 * N, B))));
  assert.deepEqual(rs.map((x) => x.step), [2 * N, 2 * N]);
  assert.equal(single.iteration, 2 * N);
  // allReduceMean per step: the step's scalars + gradients (2) and the centre (1).
  assert.equal(ops.allReduceMean, 3 * 2 * N);

  const want = single.dinoLoss.center.dataSync();
  assert.ok(want.some((v) => Math.abs(v) > 1e-3), 'the centre moved');
  for (const [r, m] of mods.entries()) {
    const centre = maxDiff(m.dinoLoss.center.dataSync(), want);
    assert.ok(centre < 1e-6, `rank ${r}: centre max |Δ| ${centre}`);
    for (const which of ['student', 'teacher'] as const) {
      const a = single[which].stateDict(), b = m[which].stateDict();
      for (const k of Object.keys(a)) {
        const d = maxDiff(a[k]!.data as Float32Array, b[k]!.data as Float32Array);
        assert.ok(d < 1e-6, `rank ${r} ${which} ${k}: max |Δ| ${d}`);
      }
    }
  }
  [single, ...mods].forEach((m) => m.dispose());
});

test('DINO: per-rank schedule length and the batch of the lr rule (batch per rank × world × accumulation)', () => {
  assert.equal(dinoItersPerEpoch(cfg, 10, 1), 10);
  assert.equal(dinoItersPerEpoch(cfg, 10, 3), 3);
  assert.equal(dinoItersPerEpoch({ ...cfg, trainer: { ...cfg.trainer, accumulateGradBatches: 2 } }, 10, 2), 3);
  const linear = { ...cfg, optim: { ...cfg.optim, lrScaling: 'linear-256' as const } };
  assert.equal(dinoLrBatch(linear, 4), 4 * B);
  assert.equal(dinoLrBatch({ ...linear, trainer: { ...cfg.trainer, accumulateGradBatches: 2 } }, 2), 4 * B);
  assert.equal(dinoLrBatch({ ...cfg, optim: { ...cfg.optim, lrScaling: 'auto' } }, 1), B, 'auto = DINO\'s rule for dino');
  assert.equal(dinoLrBatch(cfg, 8), 256, 'none: the configured lr is the peak');
});
