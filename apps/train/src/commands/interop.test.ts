// What users load in PyTorch, proven with Debian's torch: the `final.pt` of a real (tiny)
// `weatherlearn train pangu` run and the embeddings file of `weatherlearn embed` load with
// torch.load(weights_only=True) and hold exactly the values our readers see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPt, readStateDict, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import { withTempDir } from '@weatherlearn/test-parts';
import { describeTensor, pyRead, requirePython, type PyArray } from '@weatherlearn/test-parts/interop';
import { VisionTransformer } from '@weatherlearn/dino';
import { runCli } from '../program.js';

const skip = requirePython('torch');

async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function assertLoadsInTorch(file: string, ours: Record<string, Tensor>): void {
  const r = pyRead<{ value: Record<string, PyArray> }>('pt', file);
  assert.deepEqual(Object.keys(r.value), Object.keys(ours), 'same keys, same order');
  for (const [k, t] of Object.entries(ours)) assert.deepEqual(r.value[k], describeTensor(t), k);
}

test('final.pt of a real `weatherlearn train pangu` run loads in torch.load(weights_only=True) with our values', { skip, timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const cfg = join(tmp, 'tiny.json');
    writeFileSync(cfg, JSON.stringify({ seed: 3, engine: { backend: 'cpu' }, data: { samples: 8, valSamples: 4, batchSize: 4 }, trainer: { maxSteps: 2 }, loggers: { names: ['jsonl'] } }));
    const r = await cli(['train', 'pangu', '--config', cfg, '--out', join(tmp, 'run')]);
    assert.equal(r.code, 0, r.err);
    const file = join(tmp, 'run', 'final.pt');
    const ours = readStateDict(readFileSync(file), file);
    assert.ok(Object.keys(ours).length > 10 && 'patchembed2d.proj.weight' in ours, Object.keys(ours).slice(0, 5).join(', '));
    assertLoadsInTorch(file, ours);
  });
});

test('the embeddings file of `weatherlearn embed vit256` loads in torch.load(weights_only=True) with our values', { skip, timeout: 300_000 }, async () => {
  await withTempDir(async (dir) => {
    for (let i = 0; i < 2; i++) {
      writeFileAtomicSync(join(dir, 'Crops', `crop_${i}.pt`), writePt({ dtype: 'float32', shape: [64, 64], data: new Float32Array(4096).map((_, k) => Math.cos(k * (i + 1) * 0.02)) }));
    }
    const vit = new VisionTransformer({ imgSize: 64, patchSize: 16, embedDim: 16, depth: 1, numHeads: 2, seed: 5 });
    writeFileAtomicSync(join(dir, 'vit.pt'), writePt(vit.stateDict()));
    const out = join(dir, 'out', 'features.pt');
    const r = await cli(['--set', 'engine.backend=cpu', 'embed', 'vit256', '--data', join(dir, 'Crops'), '--weights', join(dir, 'vit.pt'), '--out', out, '--patch-size', '16', '--heads', '2', '--no-per-crop']);
    assert.equal(r.code, 0, r.err);
    const ours = readPt(readFileSync(out), out) as Record<string, Tensor>;
    assert.deepEqual(Object.keys(ours), ['crop_0.pt', 'crop_1.pt']);
    assertLoadsInTorch(out, ours);
  });
});
