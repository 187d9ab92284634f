import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { DINOLoss, type CenterCollective } from './dino-loss.js';

await initEngine({ backend: 'wasm' });

/** Two in-process endpoints whose allReduceMean meets like two real ranks. */
function twoRanks(): CenterCollective[] {
  let waiting: { bufs: Float32Array[]; resolve: () => void } | null = null;
  const endpoint = (): CenterCollective => ({
    worldSize: 2,
    allReduceMean: (bufs) => new Promise<void>((resolve) => {
      if (!waiting) { waiting = { bufs, resolve }; return; }
      const other = waiting;
      waiting = null;
      assert.deepEqual(bufs.map((b) => b.length), other.bufs.map((b) => b.length), 'ranks passed different buffers');
      bufs.forEach((b, j) => b.forEach((v, i) => { const m = (v + other.bufs[j]![i]!) / 2; b[i] = m; other.bufs[j]![i] = m; }));
      other.resolve();
      resolve();
    }),
  });
  return [endpoint(), endpoint()];
}

/** Seeded values in [-3, 3). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return (s / 2 ** 32) * 6 - 3; });
}

/** Crop-major rows of rank r's half of a batch: rows [crop·2B + r·B, crop·2B + (r+1)·B). */
function half(all: Float32Array, crops: number, B: number, K: number, r: number): tf.Tensor2D {
  const out = new Float32Array(crops * B * K);
  for (let c = 0; c < crops; c++) out.set(all.subarray((c * 2 * B + r * B) * K, (c * 2 * B + (r + 1) * B) * K), c * B * K);
  return tf.tensor2d(out, [crops * B, K]);
}

test('2 ranks all-reducing the centre statistic = one process with the concatenated batch (3 iterations, 2 forwards in one)', async () => {
  const K = 12, B = 3, nc = 4;
  const cfg = { outDim: K, ncrops: nc, warmupTeacherTempEpochs: 0, nepochs: 1, teacherTemp: 0.5, centerMomentum: 0.9 };
  const single = new DINOLoss(cfg);
  const ranks = [new DINOLoss(cfg), new DINOLoss(cfg)];
  const collectives = twoRanks();
  ranks.forEach((l, r) => l.setCollective(collectives[r]));
  for (const [it, forwards] of [[0, 1], [1, 2], [2, 1]] as const) {
    for (let f = 0; f < forwards; f++) {
      const seed = 100 * it + f;
      const teacher = values(2 * 2 * B * K, seed), student = values(nc * 2 * B * K, seed + 7);
      const ls = single.forward(tf.tensor2d(student, [nc * 2 * B, K]), tf.tensor2d(teacher, [4 * B, K]), 0).dataSync()[0]!;
      const lr = ranks.map((l, r) => l.forward(half(student, nc, B, K, r), half(teacher, 2, B, K, r), 0).dataSync()[0]!);
      // The loss is a batch mean, so the global batch's loss is the mean of the ranks' losses. A later
      // forward in the same iteration (accumulation) sees the centre before this iteration's updates
      // on the ranks, but the already-updated one in the single process; only the first is comparable.
      if (f === 0) assert.ok(Math.abs(ls - (lr[0]! + lr[1]!) / 2) < 1e-5, `iteration ${it}: loss ${ls} vs ranks ${lr}`);
      assert.deepEqual(ranks.map((l) => l.pendingCenterUpdates), [f + 1, f + 1], 'updates wait for syncCenter');
    }
    const before = ranks[0]!.center.dataSync().slice();
    await Promise.all(ranks.map((l) => l.syncCenter()));
    assert.equal(ranks[0]!.pendingCenterUpdates, 0);
    const want = single.center.dataSync();
    assert.ok(want.some((v, i) => Math.abs(v - before[i]!) > 1e-3), 'the centre moved this iteration');
    for (const l of ranks) {
      const got = l.center.dataSync();
      for (let i = 0; i < K; i++) assert.ok(Math.abs(got[i]! - want[i]!) < 1e-6, `iteration ${it}, centre[${i}]: ${got[i]} vs ${want[i]}`);
    }
  }
  // Without the all-reduce a rank's centre would follow only its half (the bug this guards against).
  const local = new DINOLoss(cfg);
  local.forward(half(values(nc * 2 * B * K, 7), nc, B, K, 0), half(values(4 * B * K, 0), 2, B, K, 0), 0);
  const reduced = new DINOLoss(cfg);
  reduced.forward(tf.tensor2d(values(nc * 2 * B * K, 7), [nc * 2 * B, K]), tf.tensor2d(values(4 * B * K, 0), [4 * B, K]), 0);
  assert.ok(Math.max(...local.center.dataSync().map((v, i) => Math.abs(v - reduced.center.dataSync()[i]!))) > 1e-3);
  for (const l of [single, ...ranks, local, reduced]) l.dispose();
});

test('setCollective: world size 1 updates at once; switching with pending updates is refused', async () => {
  const l = new DINOLoss({ outDim: 4, ncrops: 2, warmupTeacherTempEpochs: 0, nepochs: 1 });
  l.setCollective({ worldSize: 1, allReduceMean: async () => { throw new Error('must not be called'); } });
  l.forward(tf.ones([2, 4]) as tf.Tensor2D, tf.ones([2, 4]) as tf.Tensor2D, 0);
  assert.equal(l.pendingCenterUpdates, 0);
  assert.ok(Math.abs(l.center.dataSync()[0]! - 0.1) < 1e-6);
  l.setCollective(twoRanks()[0]);
  l.forward(tf.ones([2, 4]) as tf.Tensor2D, tf.ones([2, 4]) as tf.Tensor2D, 0);
  assert.equal(l.pendingCenterUpdates, 1);
  assert.throws(() => l.setCollective(undefined), /1 centre update\(s\) pending; call syncCenter\(\)/);
  assert.throws(() => l.updateCenter(tf.ones([2, 5]) as tf.Tensor2D), /teacher output has 5 columns, expected outDim=4/);
  l.dispose();
});
