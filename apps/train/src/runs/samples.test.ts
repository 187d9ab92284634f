import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initEngine, tf } from '@weatherlearn/engine';
import { Pangu } from '@weatherlearn/pangu';
import { readSafetensorsWithMetadata, toFloat32 } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { indexBatchLoader } from '@weatherlearn/trainer';
import { panguConfigFrom } from './pangu.js';
import { DEFAULT_APP_CONFIG as DEFAULT_TRAIN_CONFIG } from '../config/schema.js';
import { writePanguSamples } from './samples.js';

test('samples with dataset statistics: physical units, observed-cell mask from count, channel names and units', async () => {
  await initEngine({ backend: 'cpu' });
  const C = 3, G = 16, N = G * G;
  const stats = { channels: ['vel.median', 'pwr.median', 'count'], mean: [20, 5, 0.6], std: [300, 7, 0.9], count: 1, min: [0, 0, 0], max: [0, 0, 0] };
  const raw = new Float32Array(C * N);
  for (let i = 0; i < N; i++) if (i % 3 === 0) { raw[i] = 400 - i; raw[N + i] = 12; raw[2 * N + i] = 2; }
  const norm = raw.map((v, j) => (v - stats.mean[Math.floor(j / N)]!) / stats.std[Math.floor(j / N)]!);
  const loader = indexBatchLoader(1, () => ({ input: { surface: tf.tensor4d(norm, [1, C, G, G]) }, target: { surface: tf.tensor4d(norm, [1, C, G, G]) } }), { batchSize: 1, shuffle: false, seed: 0, dropLast: false });
  const model = new Pangu(panguConfigFrom(DEFAULT_TRAIN_CONFIG, [C, G, G]));
  try {
    await withTempDir(async (dir) => {
      const [path] = await writePanguSamples(model, loader, dir, 1, stats.channels, stats);
      const { tensors, metadata } = readSafetensorsWithMetadata(readFileSync(path!));
      assert.equal(metadata.channels, 'vel.median,pwr.median,count');
      assert.equal(metadata.units, 'm/s,dB,');
      const truth = toFloat32(tensors.truth!);
      for (let j = 0; j < C * N; j++) assert.ok(Math.abs(truth[j]! - raw[j]!) < 1e-3, `truth[${j}] ${truth[j]} ≠ raw ${raw[j]}`);
      assert.deepEqual([...(tensors.mask!.data as Uint8Array)], Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : 0)));
      const plain = await writePanguSamples(model, loader, join(dir, 'n'), 1, stats.channels);
      const t2 = readSafetensorsWithMetadata(readFileSync(plain[0]!));
      assert.equal(t2.metadata.values, 'normalised');
      assert.equal(t2.tensors.mask, undefined);
    });
  } finally { model.dispose(); }
});
