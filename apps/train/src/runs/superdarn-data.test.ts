import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensorsWithMetadata, readStateDict, toFloat32 } from '@weatherlearn/tensor-io';
import { DatasetFromPresaved } from '@weatherlearn/superdarn';
import { writeSyntheticGridFile } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCommand } from '../testing/run-command.js';
import { registerSuperdarn } from '../commands/superdarn.js';
import { registerTrain } from '../commands/train.js';
import { DEFAULT_APP_CONFIG } from '../config/schema.js';
import { frobeniusInPlace, openSuperdarnData } from './superdarn-data.js';

const TRAIN = ['--set', 'engine.backend=cpu', '--set', 'loggers.names=jsonl', '--set', 'data.batchSize=4', '--set', 'pangu.embedDim=4'];

/** A gridded SuperDARN dataset folder (16×16, 10-minute windows, 20-minute split blocks) from 4 h of testkit GRID records. */
async function gridDataset(tmp: string): Promise<string> {
  const file = await writeSyntheticGridFile(join(tmp, 'raw'), { seed: 5, hours: 4 });
  const ds = join(tmp, 'ds');
  const r = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', file, '--out', ds, '--grid-size', '16', '--split', '0.6,0.2,0.2', '--split-block-minutes', '20']);
  assert.equal(r.code, 0, r.err.join('\n'));
  return ds;
}

test('train pangu with data.source superdarn: train/val splits of a gridded folder, normalised with the saved stats; samples and final.pt', { timeout: 180_000 }, async () => {
  await withTempDir(async (tmp) => {
    const ds = await gridDataset(tmp);
    const run = join(tmp, 'run');
    const r = await runCommand(registerTrain, ['train', 'pangu', '--out', run, '--set', 'data.source=superdarn', '--set', `data.dir=${ds}`, '--set', 'trainer.maxSteps=3', ...TRAIN]);
    const log = r.err.join('\n');
    assert.equal(r.code, 0, log);
    const sd = await DatasetFromPresaved.open(ds);
    try {
      assert.match(log, new RegExp(`data superdarn ${ds}: ${sd.splits.train.length} train / ${sd.splits.val.length} val samples, channels vel\\.median,vel\\.sd,kvect,stid,channel,coverage`));
      assert.match(log, /grid 16×16×6/);
      assert.match(log, /val_loss\s+\|/, 'validated on the val split');
      assert.match(log, /baselines on the validation split \(the model's loss\): persistence_val_loss [\d.e+-]+, training_mean_val_loss [\d.e+-]+ — val_loss must beat these/);
      assert.match(log, /baseline persistence_val_loss\s+\|/, 'the baselines are in the summary table');
      // sample files: truth = the first val samples, back in physical units (de-normalised), with the observed mask
      const files = readdirSync(join(run, 'samples')).sort();
      assert.deepEqual(files, ['sample-000.safetensors', 'sample-001.safetensors', 'sample-002.safetensors', 'sample-003.safetensors'].slice(0, Math.min(4, sd.splits.val.length)));
      const { tensors, metadata } = readSafetensorsWithMetadata(readFileSync(join(run, 'samples', 'sample-000.safetensors')));
      assert.equal(metadata.channels, 'vel.median,vel.sd,kvect,stid,channel,coverage');
      const expected = await sd.get(sd.splits.val[0]!);
      assert.deepEqual(tensors.truth!.shape, [6, 16, 16]);
      const raw = await sd.frame(sd.index.samples[sd.splits.val[0]!]!.y);
      const rawX = await sd.frame(sd.index.samples[sd.splits.val[0]!]!.x);
      const near = (a: Float32Array, b: Float32Array) => a.every((v, i) => Math.abs(v - b[i]!) <= 1e-3 * Math.max(1, Math.abs(b[i]!)));
      assert.ok(near(toFloat32(tensors.truth!), raw), 'truth in physical units');
      assert.ok(near(toFloat32(tensors.input!), rawX), 'input in physical units');
      assert.deepEqual(tensors.mask!.shape, [16, 16]);
      assert.ok(toFloat32(tensors.prediction!).every(Number.isFinite));
      assert.notDeepEqual(Array.from(raw), Array.from(expected.y), 'the loader normalises');
    } finally {
      await sd.close();
    }
    const w = readStateDict(readFileSync(join(run, 'final.pt')));
    assert.deepEqual(w['patchembed2d.proj.weight']?.shape.slice(0, 2), [4, 6]);
  });
});

test('train pangu with data.source superdarn: missing dir, folder without index.json, flat frames fail with clear messages', { timeout: 120_000 }, async () => {
  await withTempDir(async (tmp) => {
    let r = await runCommand(registerTrain, ['train', 'pangu', '--out', join(tmp, 'a'), '--set', 'data.source=superdarn', ...TRAIN]);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /data\.source "superdarn" needs data\.dir: a dataset folder written by `weatherlearn superdarn grid`/);
    mkdirSync(join(tmp, 'empty'));
    r = await runCommand(registerTrain, ['train', 'pangu', '--out', join(tmp, 'b'), '--set', 'data.source=superdarn', '--set', `data.dir=${join(tmp, 'empty')}`, ...TRAIN]);
    assert.match(r.err.join('\n'), /data\.dir .*empty: no index\.json/);
    r = await runCommand(registerTrain, ['train', 'pangu', '--out', join(tmp, 'c'), '--set', 'data.source=gridrad', ...TRAIN]);
    assert.match(r.err.join('\n'), /config key "data\.source" must be one of synthetic, superdarn; got "gridrad"/);
    const file = await writeSyntheticGridFile(join(tmp, 'raw'), { seed: 5, hours: 2 });
    const flat = join(tmp, 'flat');
    assert.equal((await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', file, '--out', flat, '--method', 'flat', '--split-block-minutes', '20'])).code, 0);
    r = await runCommand(registerTrain, ['train', 'pangu', '--out', join(tmp, 'd'), '--set', 'data.source=superdarn', '--set', `data.dir=${flat}`, ...TRAIN]);
    assert.match(r.err.join('\n'), /frames have shape \[6, 90360\]; Pangu needs gridded \[C, H, W\] frames/);
  });
});

test('data.normalisation frobenius (the seed): every raw frame divided by its own norm', { timeout: 120_000 }, async () => {
  assert.deepEqual(Array.from(frobeniusInPlace(Float32Array.of(3, 4))), [Math.fround(0.6), Math.fround(0.8)]);
  assert.deepEqual(Array.from(frobeniusInPlace(new Float32Array(3))), [0, 0, 0], 'an empty frame stays zero');
  await withTempDir(async (tmp) => {
    const ds = await gridDataset(tmp);
    const cfg = { ...DEFAULT_APP_CONFIG, data: { ...DEFAULT_APP_CONFIG.data, source: 'superdarn' as const, dir: ds, batchSize: 2, shuffle: false, normalisation: 'frobenius' as const } };
    const data = await openSuperdarnData(cfg);
    try {
      const b = await data.train.batch(0, 0);
      const x = b.input.surface.arraySync() as number[][][][];
      for (const frame of x) {
        const norm = Math.sqrt(frame.flat(2).reduce((s, v) => s + v * v, 0));
        assert.ok(norm === 0 || Math.abs(norm - 1) < 1e-5, `frame norm ${norm}`);
      }
      const raw = await data.dataset.frame(data.dataset.index.samples[data.dataset.splits.train[0]!]!.x);
      const rawNorm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0));
      assert.ok(Math.abs(x[0]![0]![0]![0]! - raw[0]! / rawNorm) < 1e-6, 'raw values, not the dataset statistics');
      b.input.surface.dispose(); b.target.surface.dispose();
    } finally {
      await data.dataset.close();
    }
  });
});

test('train pangu warns when the validation split is empty (and computes no baselines)', { timeout: 120_000 }, async () => {
  await withTempDir(async (tmp) => {
    const file = await writeSyntheticGridFile(join(tmp, 'raw'), { seed: 5, hours: 2 });
    const ds = join(tmp, 'ds');
    assert.equal((await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', file, '--out', ds, '--grid-size', '16', '--split', '1,0,0', '--split-block-minutes', '20'])).code, 0);
    const r = await runCommand(registerTrain, ['train', 'pangu', '--out', join(tmp, 'run'), '--set', 'data.source=superdarn', '--set', `data.dir=${ds}`, '--set', 'trainer.maxSteps=1', ...TRAIN]);
    const log = r.err.join('\n');
    assert.equal(r.code, 0, log);
    assert.match(log, /warning: data\.dir .*: the validation split is empty — nothing measures generalisation/);
    assert.doesNotMatch(log, /baselines on the validation split/);
  });
});
