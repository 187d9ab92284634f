import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine, tf } from '@weatherlearn/engine';
import { withTempDir } from '@weatherlearn/test-parts';
import { writePt } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { writeSyntheticFields } from '../testing/synthetic.js';
import { TensorFileDataset, computeChannelStats } from './tensor-dataset.js';
import { DataAugmentationDINO, DataAugmentationDINO2K } from './multi-crop.js';
import { dinoBatches } from './loader.js';
import { gaussianBlur3InPlace, resizedCrop, solarizeInPlace, type FloatImage } from './image-ops.js';

await initEngine({ backend: 'wasm' });

test('multi-crop: 2 global + N local views, normalised with dataset statistics, multi-channel', () => {
  const data = new Float32Array(2 * 40 * 40).map((_, i) => (i < 1600 ? 250 + (i % 40) : 0.3));
  const img: FloatImage = { channels: 2, height: 40, width: 40, data };
  const aug = new DataAugmentationDINO({ globalCropSize: 24, localCropSize: 8, localCropsNumber: 3, mean: [270, 0.3], std: [10, 1], blurP: [0, 0, 0], solarizeP: 0 });
  const views = aug.apply(img, new Rng(1));
  assert.deepEqual(views.map((v) => [v.channels, v.height, v.width]), [[2, 24, 24], [2, 24, 24], [2, 8, 8], [2, 8, 8], [2, 8, 8]]);
  const ch1 = views[0]!.data.subarray(24 * 24);
  assert.ok(ch1.every((x) => Math.abs(x) < 1e-5), 'constant 0.3 channel normalises to 0');
  assert.ok(views[0]!.data.subarray(0, 576).every((x) => x >= -2.1 && x <= 2.0));
  assert.throws(() => new DataAugmentationDINO({ std: [0] }), /std must be > 0/);
});

test('image ops: bicubic resize keeps constants, blur keeps the mean of a constant, solarize mirrors above threshold', () => {
  const img: FloatImage = { channels: 1, height: 6, width: 6, data: new Float32Array(36).fill(280) };
  const r = resizedCrop(img, { top: 1, left: 0, height: 4, width: 6 }, 9, 5);
  assert.ok(r.data.every((x) => Math.abs(x - 280) < 1e-3));
  gaussianBlur3InPlace(img, 1.2);
  assert.ok(img.data.every((x) => Math.abs(x - 280) < 1e-3));
  const s: FloatImage = { channels: 1, height: 1, width: 3, data: Float32Array.from([200, 260, 300]) };
  solarizeInPlace(s, 250, 500);
  assert.deepEqual(Array.from(s.data), [200, 240, 200]);
});

test('2k multi-crop: [64, 384] tokens → [384, 8, 8] grid (token row·8+col), 8×8 global and 4×4 local crops', () => {
  const tokens = new Float32Array(64 * 384).map((_, i) => Math.floor(i / 384) * 1000 + (i % 384));
  const aug = new DataAugmentationDINO2K({ flipP: 0 });
  const grid = aug.toGrid(tokens, 384);
  assert.equal(grid.data[5 * 64 + 2 * 8 + 3], (2 * 8 + 3) * 1000 + 5);
  const views = aug.apply(grid, new Rng(0));
  assert.equal(views.length, 10);
  assert.deepEqual([views[0]!.height, views[2]!.height], [8, 4]);
  assert.deepEqual(Array.from(views[0]!.data), Array.from(grid.data));
  assert.throws(() => aug.toGrid(new Float32Array(10), 384), /64×384/);
});

test('dataset: sorted recursive listing, reshuffled per epoch, drop_last batches, clear errors', async () => {
  await withTempDir(async (dir) => {
    writeSyntheticFields(dir, 10, 20);
    const ds = new TensorFileDataset(dir);
    assert.equal(ds.length, 10);
    assert.deepEqual(ds.files, [...ds.files].sort());
    const o0 = ds.epochOrder(0);
    assert.notDeepEqual(o0, ds.epochOrder(1));
    assert.deepEqual(o0, ds.epochOrder(0));
    assert.deepEqual([...o0].sort((a, b) => a - b), [...Array(10).keys()]);
    const st = computeChannelStats(ds);
    assert.ok(st.std[0]! > 1);
    const aug = new DataAugmentationDINO({ globalCropSize: 16, localCropSize: 8, localCropsNumber: 1, ...st });
    const batches = [...dinoBatches(ds, aug, { batchSize: 4, epoch: 0 })];
    assert.equal(batches.length, 2);
    assert.deepEqual(batches[0]!.crops.map((c) => c.shape), [[4, 1, 16, 16], [4, 1, 16, 16], [4, 1, 8, 8]]);
    batches.forEach((b) => tf.dispose(b.crops));
    writeFileSync(path.join(dir, 'zz_bad.pt'), writePt({ dtype: 'float32', shape: [2, 2, 2, 2], data: new Float32Array(16) }));
    assert.throws(() => ds.get(0) && new TensorFileDataset(dir).get(10), /zz_bad\.pt: expected a 2-D/);
    writeFileSync(path.join(dir, 'zz_bad.pt'), writePt({ dtype: 'float32', shape: [2, 2], data: Float32Array.from([1, NaN, 2, 3]) }));
    assert.throws(() => new TensorFileDataset(dir).get(10), /zz_bad\.pt: non-finite value NaN at flat index 1/);
    writeFileSync(path.join(dir, 'zz_bad.pt'), 'not a zip');
    assert.throws(() => new TensorFileDataset(dir).get(10), /zz_bad\.pt/);
  });
});
