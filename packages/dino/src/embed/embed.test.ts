import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { initEngine, tf } from '@weatherlearn/engine';
import { withTempDir } from '@weatherlearn/test-parts';
import { readPt, isTensor, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import { VisionTransformer } from '../vit/vision-transformer.js';
import { VisionTransformer4K } from '../vit/vision-transformer-4k.js';
import { embedVit256, embedVit2k } from './embed.js';
import { embedDirectory } from './embed-directory.js';

await initEngine({ backend: 'wasm' });
const vit = () => new VisionTransformer({ imgSize: 32, embedDim: 16, depth: 1, numHeads: 2, seed: 3 }).eval();

test('embedVit256: row-major patch grid, each row the CLS of that patch', () => {
  const m = vit();
  const crop = new Float32Array(2 * 96 * 64).map((_, i) => Math.sin(i * 0.37) * 50 + 250);
  const t: Tensor = { dtype: 'float32', shape: [96, 64], data: crop.subarray(0, 96 * 64) };
  const e = embedVit256(m, t, { patchSize: 32, batchSize: 4 });
  assert.deepEqual(e.shape, [6, 16]); // 3 rows × 2 cols
  // Token 3 = row 1, col 1.
  const patch = new Float32Array(32 * 32);
  for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) patch[y * 32 + x] = t.data[(32 + y) * 64 + 32 + x] as number;
  const ref = m.forward(tf.tensor4d(patch, [1, 1, 32, 32])).dataSync();
  for (let k = 0; k < 16; k++) assert.ok(Math.abs(e.data[3 * 16 + k]! - ref[k]!) < 1e-5);
  m.dispose();
});

test('embedVit2k: [64, Din] grids batched as [B, Din, 8, 8]', () => {
  const m = new VisionTransformer4K({ inputEmbedDim: 16, outputEmbedDim: 8, depth: 1, numHeads: 2, posGrid: 14 }).eval();
  const g = (s: number): Tensor => ({ dtype: 'float32', shape: [64, 16], data: new Float32Array(64 * 16).map((_, i) => Math.cos(i * s)) });
  const both = embedVit2k(m, [g(0.1), g(0.2)]);
  const one = embedVit2k(m, [g(0.2)]);
  assert.deepEqual(both.shape, [2, 8]);
  for (let k = 0; k < 8; k++) assert.ok(Math.abs(both.data[8 + k]! - one.data[k]!) < 1e-5);
  assert.throws(() => embedVit2k(m, [{ dtype: 'float32', shape: [16, 16], data: new Float32Array(256) }]), /expected \[64, 16\]/);
  m.dispose();
});

test('embedDirectory: every crop once (no dropped last batch), dict + per-crop files readable as .pt', async () => {
  await withTempDir(async (dir) => {
    const crops = path.join(dir, 'Crops');
    for (let i = 0; i < 3; i++) {
      writeFileAtomicSync(path.join(crops, i === 2 ? 'sub/c2.pt' : `c${i}.pt`), writePt({ dtype: 'float32', shape: [64, 64], data: new Float32Array(4096).fill(i) }));
    }
    const m = vit();
    const r = await embedDirectory({ kind: 'vit256', model: m }, { dataDir: crops, outFile: path.join(dir, 'out.pt'), perCropDir: path.join(dir, 'in2k'), vit256: { patchSize: 32 } });
    assert.equal(r.count, 3);
    assert.deepEqual(r.shape, [4, 16]);
    const d = readPt(readFileSync(path.join(dir, 'out.pt'))) as Record<string, Tensor>;
    assert.deepEqual(Object.keys(d), ['c0.pt', 'c1.pt', path.join('sub', 'c2.pt')]);
    assert.ok(existsSync(path.join(dir, 'in2k', 'sub', 'c2.pt')));
    const m2 = new VisionTransformer4K({ inputEmbedDim: 16, outputEmbedDim: 8, depth: 1, numHeads: 2, posGrid: 14 }).eval();
    const r2 = await embedDirectory({ kind: 'vit2k', model: m2 }, { dataDir: path.join(dir, 'in2k'), outFile: path.join(dir, 'out2k.pt'), batchSize: 2, gridSize: 2 });
    assert.equal(r2.count, 3, '3 crops with batch 2: the last, smaller batch is kept');
    const d2 = readPt(readFileSync(path.join(dir, 'out2k.pt'))) as Record<string, Tensor>;
    assert.ok(Object.values(d2).every((t) => isTensor(t) && t.shape[0] === 8));
    m.dispose();
    m2.dispose();
  });
});
