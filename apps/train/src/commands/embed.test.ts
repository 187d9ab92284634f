import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPt, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import { VisionTransformer, VisionTransformer4K } from '@weatherlearn/dino';
import { initEngine } from '@weatherlearn/engine';
import { registerEmbed } from './embed.js';
import { runCommand } from '../testing/run-command.js';

await initEngine({ backend: 'wasm' });

const run = (args: string[]) => runCommand(registerEmbed, args);

const prefixed = (sd: Record<string, Tensor>, p: string) => Object.fromEntries(Object.entries(sd).map(([k, v]) => [p + k, v]));

test('embed vit256 then vit2k: every crop, dict + per-crop files, DINO checkpoint teacher weights', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wl-embed-'));
  try {
    for (let i = 0; i < 3; i++) {
      writeFileAtomicSync(path.join(dir, 'Crops', `crop_${i}.pt`), writePt({ dtype: 'float32', shape: [64, 64], data: new Float32Array(4096).map((_, k) => Math.sin(k * (i + 1) * 0.01)) }));
    }
    const vit = new VisionTransformer({ imgSize: 64, patchSize: 16, embedDim: 16, depth: 1, numHeads: 2, seed: 4 });
    const head = { 'head.last_layer.weight_g': { dtype: 'float32', shape: [4, 1], data: new Float32Array(4) } as Tensor };
    writeFileAtomicSync(path.join(dir, 'ckpt.pth'), writePt({ teacher: { ...prefixed(vit.stateDict(), 'module.backbone.'), ...head }, epoch: 3 }));
    const r = await run(['embed', 'vit256', '--data', path.join(dir, 'Crops'), '--weights', path.join(dir, 'ckpt.pth'), '--out', path.join(dir, 'out', 'features.pt'), '--patch-size', '32', '--heads', '2', '--backend', 'wasm']);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out[0]!, /embedded 3 crops .*\[4, 16\]/);
    const d = readPt(readFileSync(path.join(dir, 'out', 'features.pt'))) as Record<string, Tensor>;
    assert.deepEqual(Object.keys(d), ['crop_0.pt', 'crop_1.pt', 'crop_2.pt']);
    assert.ok(existsSync(path.join(dir, 'out', 'input_2k', 'crop_2.pt')));

    const v2k = new VisionTransformer4K({ inputEmbedDim: 16, outputEmbedDim: 8, depth: 1, numHeads: 1, posGrid: 4 });
    writeFileAtomicSync(path.join(dir, 'ckpt2k.pth'), writePt({ teacher: prefixed(v2k.stateDict(), 'backbone.') }));
    const r2 = await run(['embed', 'vit2k', '--data', path.join(dir, 'out', 'input_2k'), '--weights', path.join(dir, 'ckpt2k.pth'), '--out', path.join(dir, 'out', 'f2k.pt'), '--grid', '2', '--batch-size', '2', '--json', '--backend', 'wasm']);
    assert.equal(r2.code, 0, r2.err.join('\n'));
    const s = JSON.parse(r2.out.join('\n'));
    assert.equal(s.crops, 3);
    assert.deepEqual(s.shape, [8]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('embed: helpful errors for bad flags and inputs', async () => {
  assert.equal((await run(['embed', 'vit256', '--data', '.'])).code, 1);
  const r = await run(['embed', 'vit256', '--data', '/nonexistent', '--weights', 'x.pth', '--out', 'o.pt']);
  assert.match(r.err.join('\n'), /--data \/nonexistent: not a folder/);
  const r2 = await run(['embed', 'vit2k', '--data', '.', '--weights', '/nonexistent.pth', '--out', 'o.pt', '--grid', '0']);
  assert.match(r2.err.join('\n'), /--grid must be an integer >= 1, got '0'/);
  const r3 = await run(['embed', 'vit256', '--data', '.', '--weights', '/nonexistent.pth', '--out', 'o.pt', '--backend', 'wasm']);
  assert.match(r3.err.join('\n'), /--weights \/nonexistent\.pth: no such file/);
  const help = await run(['embed', 'vit256', '--help']);
  assert.match(help.out.join(''), /input_2k/);
});
