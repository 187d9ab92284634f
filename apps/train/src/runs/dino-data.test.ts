import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStateDict, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCommand } from '../testing/run-command.js';
import { registerTrain } from '../commands/train.js';
import { DEFAULT_APP_CONFIG as DEFAULT_TRAIN_CONFIG } from '../config/schema.js';
import type { TrainConfig } from './train-config.js';
import { gridradImages } from './dino-data.js';

const TRAIN = ['--set', 'engine.backend=cpu', '--set', 'loggers.names=jsonl', '--set', 'data.batchSize=4', '--set', 'dino.imageSize=16', '--set', 'dino.embedDim=16'];

/** `n` per-tensor `.pt` slices `[16, 16]` like `gridrad split` writes (kelvin-like values), in two sub-folders. */
function writeSlices(dir: string, n: number, seed = 1): Float32Array[] {
  const rng = new Rng(seed), all: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const data = Float32Array.from({ length: 256 }, (_, k) => 250 + 20 * Math.sin(k / 9 + i) + rng.normal(0, 2));
    const sub = join(dir, i % 2 ? 'b' : 'a');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `patch_1_${i}.pt`), writePt({ dtype: 'float32', shape: [16, 16], data } as Tensor));
    all.push(data);
  }
  return all;
}

const cfgFor = (dir: string): TrainConfig => ({ ...DEFAULT_TRAIN_CONFIG, data: { ...DEFAULT_TRAIN_CONFIG.data, source: 'gridrad', dir } });

test('gridrad images: every .pt under data.dir, one channel, mean/std over the files', async () => {
  await withTempDir(async (tmp) => {
    const slices = writeSlices(tmp, 6);
    const src = gridradImages(cfgFor(tmp));
    assert.equal(src.length, 6);
    assert.equal(src.channels, 1);
    let s = 0, q = 0;
    for (const d of slices) for (const v of d) { s += v; q += v * v; }
    const mean = s / (6 * 256), std = Math.sqrt(q / (6 * 256) - mean * mean);
    assert.ok(Math.abs(src.mean[0]! - mean) < 1e-6 * mean && Math.abs(src.std[0]! - std) < 1e-4 * std, `${src.mean} ${src.std} vs ${mean} ${std}`);
    assert.deepEqual(src.get(0).data, slices[0]); // sorted: a/patch_1_0, a/patch_1_2, …, b/…
    assert.match(src.describe, new RegExp(`6 files of 1×16×16, normalised with mean ${Number(src.mean[0]!.toPrecision(6))} std ${Number(src.std[0]!.toPrecision(6))}$`));
  });
});

test('train dino with data.source gridrad trains on the split slices; bad folders and files are named', { timeout: 180_000 }, async () => {
  await withTempDir(async (tmp) => {
    const data = join(tmp, 'split', 'patches');
    writeSlices(data, 12);
    const run = join(tmp, 'run');
    let r = await runCommand(registerTrain, ['train', 'dino', '--out', run, '--set', 'data.source=gridrad', '--set', `data.dir=${data}`, '--set', 'trainer.maxSteps=2', ...TRAIN]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.err.join('\n'), new RegExp(`data gridrad ${data}: 12 files of 1×16×16, normalised with mean [\\d.]+ std [\\d.]+, 2 local crops of \\d+ px, batches 3`));
    const sd = readStateDict(readFileSync(join(run, 'final.pt')));
    assert.deepEqual(sd['backbone.patch_embed.proj.weight']?.shape, [16, 1, 4, 4]);

    r = await runCommand(registerTrain, ['train', 'dino', '--out', join(tmp, 'x'), '--set', 'data.source=gridrad', ...TRAIN]);
    assert.match(r.err.join('\n'), /data\.source "gridrad" needs data\.dir/);
    mkdirSync(join(tmp, 'none'));
    r = await runCommand(registerTrain, ['train', 'dino', '--out', join(tmp, 'y'), '--set', 'data.source=gridrad', '--set', `data.dir=${join(tmp, 'none')}`, ...TRAIN]);
    assert.match(r.err.join('\n'), /none: no \.pt files \(run `weatherlearn gridrad split/);
    r = await runCommand(registerTrain, ['train', 'dino', '--out', join(tmp, 'z'), '--set', 'data.source=superdarn', ...TRAIN]);
    assert.match(r.err.join('\n'), /"data\.source" must be one of synthetic, gridrad/);
    writeFileSync(join(data, 'a', 'patch_9_0.pt'), writePt({ dtype: 'float32', shape: [16, 16], data: new Float32Array(256).fill(Number.NaN) } as Tensor));
    r = await runCommand(registerTrain, ['train', 'dino', '--out', join(tmp, 'w'), '--set', 'data.source=gridrad', '--set', `data.dir=${data}`, '--set', 'trainer.maxSteps=4', ...TRAIN]);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /patch_9_0\.pt: non-finite value NaN/);
  });
});
