import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPt, readStateDict, writePt, isTensor, type Tensor } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCommand } from '../testing/run-command.js';
import { registerTrain } from '../commands/train.js';
import { registerEmbed } from '../commands/embed.js';

const SMALL_2K = ['--set', 'engine.backend=cpu', '--set', 'loggers.names=jsonl', '--set', 'data.batchSize=4', '--set', 'dino2k.arch=custom',
  '--set', 'dino.embedDim=16', '--set', 'dino.depth=1', '--set', 'dino.numHeads=2', '--set', 'dino2k.globalCropSize=4', '--set', 'dino2k.localCropSize=2'];

test('train dino2k on synthetic token grids (custom ViT-2k): teacher state dict with phi and the 28×28 position grid', { timeout: 120_000 }, async () => {
  await withTempDir(async (tmp) => {
    const run = join(tmp, 'run');
    const r = await runCommand(registerTrain, ['train', 'dino2k', '--out', run, '--set', 'data.samples=8', '--set', 'dino2k.tokenDim=12', '--set', 'dino2k.grid=4', '--set', 'trainer.maxSteps=2', ...SMALL_2K]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.err.join('\n'), /model dino2k \(ViT-2k 12→16×1, 2 heads\).*tokens 4×4×12.*synthetic tokens, 8 grids of 4×4×12, crops 4\/2, 2 local/);
    const sd = readStateDict(readFileSync(join(run, 'final.pt')));
    assert.deepEqual(sd['backbone.phi.0.weight']?.shape, [16, 12]);
    assert.deepEqual(sd['backbone.pos_embed']?.shape, [1, 28 * 28 + 1, 16]);
  });
});

test('train dino2k: vit2k_xs needs 384-d tokens, crop sizes must fit the grid, token files must be square grids', { timeout: 60_000 }, async () => {
  await withTempDir(async (tmp) => {
    let r = await runCommand(registerTrain, ['train', 'dino2k', '--out', join(tmp, 'a'), '--set', 'dino2k.tokenDim=32', '--set', 'engine.backend=cpu']);
    assert.match(r.err.join('\n'), /dino2k\.arch "vit2k_xs" takes 384-d tokens .* has 32-d tokens; set dino2k\.arch=custom/);
    r = await runCommand(registerTrain, ['train', 'dino2k', '--out', join(tmp, 'b'), ...SMALL_2K, '--set', 'dino2k.grid=4', '--set', 'dino2k.globalCropSize=6']);
    assert.match(r.err.join('\n'), /"dino2k\.globalCropSize" must be an integer in 1\.\.4/);
    const dir = join(tmp, 'tokens');
    mkdirSync(dir);
    writeFileSync(join(dir, 'crop_0.pt'), writePt({ dtype: 'float32', shape: [15, 8], data: new Float32Array(120) } as Tensor));
    r = await runCommand(registerTrain, ['train', 'dino2k', '--out', join(tmp, 'c'), ...SMALL_2K, '--set', 'data.source=embeddings', '--set', `data.dir=${dir}`]);
    assert.match(r.err.join('\n'), /crop_0\.pt: expected \[g·g, D\] tokens of a square grid, got shape \[15, 8\]/);
    r = await runCommand(registerTrain, ['train', 'dino2k', '--out', join(tmp, 'd'), ...SMALL_2K, '--set', 'data.source=gridrad']);
    assert.match(r.err.join('\n'), /"data\.source" must be one of synthetic, embeddings/);
  });
});

test('HIPT chain: train dino → embed vit256 (per-crop [16, 16] tokens) → train dino2k on them → embed vit2k', { timeout: 240_000 }, async () => {
  await withTempDir(async (tmp) => {
    // level 1: a tiny ViT-256 stand-in (16-px images, 4-px patches) trained briefly on synthetic images
    const vit = join(tmp, 'vit256');
    let r = await runCommand(registerTrain, ['train', 'dino', '--out', vit, '--set', 'engine.backend=cpu', '--set', 'loggers.names=jsonl', '--set', 'data.samples=8',
      '--set', 'data.batchSize=4', '--set', 'dino.embedDim=16', '--set', 'dino.imageSize=16', '--set', 'trainer.maxSteps=1', '--set', 'data.channels=1']);
    assert.equal(r.code, 0, r.err.join('\n'));
    // 6 crops of 64×64 → 4×4 grids of 16-px patches
    const crops = join(tmp, 'crops');
    mkdirSync(crops);
    const rng = new Rng(2);
    for (let i = 0; i < 6; i++) writeFileSync(join(crops, `crop_1_${i}.pt`), writePt({ dtype: 'float32', shape: [64, 64], data: Float32Array.from({ length: 4096 }, () => rng.normal(0, 1)) } as Tensor));
    r = await runCommand(registerEmbed, ['embed', 'vit256', '--data', crops, '--weights', join(vit, 'final.pt'), '--out', join(tmp, 'emb', 'features.pt'), '--patch-size', '16', '--heads', '2', '--backend', 'cpu']);
    assert.equal(r.code, 0, r.err.join('\n'));
    const tokenDir = join(tmp, 'emb', 'input_2k');
    assert.equal(readdirSync(tokenDir).length, 6);
    // level 2 on the token files
    const run2k = join(tmp, 'vit2k');
    r = await runCommand(registerTrain, ['train', 'dino2k', '--out', run2k, '--set', 'data.source=embeddings', '--set', `data.dir=${tokenDir}`, '--set', 'trainer.maxSteps=1', ...SMALL_2K]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.err.join('\n'), new RegExp(`embeddings ${tokenDir}: 6 grids of 4×4×16`));
    // the ViT-2k teacher embeds the token grids
    r = await runCommand(registerEmbed, ['embed', 'vit2k', '--data', tokenDir, '--weights', join(run2k, 'final.pt'), '--out', join(tmp, 'emb', 'features_2k.pt'), '--grid', '4', '--heads', '2', '--backend', 'cpu']);
    assert.equal(r.code, 0, r.err.join('\n'));
    const feats = readPt(new Uint8Array(readFileSync(join(tmp, 'emb', 'features_2k.pt')))) as Record<string, unknown>;
    const vals = Object.values(feats);
    assert.equal(vals.length, 6);
    assert.ok(vals.every((v) => isTensor(v) && v.shape.join() === '16'), 'one 16-d embedding per crop');
  });
});
