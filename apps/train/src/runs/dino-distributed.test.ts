import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { VisionTransformer, type DINOBatch } from '@weatherlearn/dino';
import { Trainer, localCollectives, type DataLoader } from '@weatherlearn/trainer';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from './train-config.js';
import { DinoRunModule, dinoItersPerEpoch, makeDinoTrainingModule } from './dino.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

const G = 8, L = 4, B = 2, N = 2;
const cfg: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  data: { ...DEFAULT_TRAIN_CONFIG.data, batchSize: B },
  dino: { ...DEFAULT_TRAIN_CONFIG.dino, embedDim: 16, depth: 1, numHeads: 2, patchSize: 4, imageSize: G, outDim: 16, headHiddenDim: 16, headBottleneckDim: 8, localCrops: 2, warmupEpochs: 1, teacherTemp: 0.07, warmupTeacherTemp: 0.04 },
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

function makeModule(batches: number, worldSize: number): DinoRunModule {
  const d = cfg.dino;
  const tm = makeDinoTrainingModule(cfg, (dpr) => Object.assign(new VisionTransformer({ imgSize: G, patchSize: d.patchSize, inChans: 1, embedDim: d.embedDim, depth: d.depth, numHeads: d.numHeads, dropPathRate: dpr, seed: cfg.seed }), { numFeatures: d.embedDim }), dinoItersPerEpoch(cfg, batches, worldSize));
  return new DinoRunModule(tm);
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
  assert.equal(mods[0]!.tm.config.itersPerEpoch, single.tm.config.itersPerEpoch, 'schedules sized by the per-rank data');
  const rs = await Promise.all(ranks.map((c, r) => new Trainer({ maxEpochs: 2, seed: cfg.seed, deterministic: false, gradientClipVal: 0.25 }, { collective: c }).fit(mods[r]!, loader(2 * N, B))));
  assert.deepEqual(rs.map((x) => x.step), [2 * N, 2 * N]);
  assert.equal(single.tm.iteration, 2 * N);
  // allReduceMean per step: the step's scalars + gradients (2) and the centre (1).
  assert.equal(ops.allReduceMean, 3 * 2 * N);

  const want = single.tm.dinoLoss.center.dataSync();
  assert.ok(want.some((v) => Math.abs(v) > 1e-3), 'the centre moved');
  for (const [r, m] of mods.entries()) {
    const centre = maxDiff(m.tm.dinoLoss.center.dataSync(), want);
    assert.ok(centre < 1e-6, `rank ${r}: centre max |Δ| ${centre}`);
    for (const which of ['student', 'teacher'] as const) {
      const a = single.tm[which].stateDict(), b = m.tm[which].stateDict();
      for (const k of Object.keys(a)) {
        const d = maxDiff(a[k]!.data as Float32Array, b[k]!.data as Float32Array);
        assert.ok(d < 1e-6, `rank ${r} ${which} ${k}: max |Δ| ${d}`);
      }
    }
  }
  [single, ...mods].forEach((m) => m.dispose());
});

test('DINO: onAfterOptimizerStep without syncCenter is refused on a rank; per-rank schedule length', async () => {
  assert.equal(dinoItersPerEpoch(cfg, 10, 1), 10);
  assert.equal(dinoItersPerEpoch(cfg, 10, 3), 3);
  assert.equal(dinoItersPerEpoch({ ...cfg, trainer: { ...cfg.trainer, accumulateGradBatches: 2 } }, 10, 2), 3);
  const m = makeModule(2, 1);
  const { ranks } = localCollectives(2);
  m.setCollective(ranks[0]!);
  tf.dispose(m.trainingStep(loader(1, B).batch(0, 0) as DINOBatch).loss);
  assert.throws(() => m.tm.onAfterOptimizerStep(), /1 centre update\(s\) not all-reduced; await syncCenter\(\)/);
  m.dispose();
});
