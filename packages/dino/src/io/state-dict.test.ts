import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '@weatherlearn/engine';
import { writePt, type Tensor } from '@weatherlearn/tensor-io';
import { VisionTransformer } from '../vit/vision-transformer.js';
import { loadPretrainedWeights, savePretrainedWeights } from './state-dict.js';

await initEngine({ backend: 'wasm' });
const cfg = { imgSize: 32, embedDim: 8, depth: 1, numHeads: 2 };

test('savePretrainedWeights → loadPretrainedWeights round-trips; DINO checkpoints load the teacher backbone', () => {
  const a = new VisionTransformer({ ...cfg, seed: 1 });
  const b = new VisionTransformer({ ...cfg, seed: 2 });
  loadPretrainedWeights(b, savePretrainedWeights(a), { strict: true });
  assert.deepEqual(b.stateDict(), a.stateDict());
  // {teacher: {module.backbone.*, module.head.*}, student: …, epoch} as main_dino saves it.
  const teacher: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(new VisionTransformer({ ...cfg, seed: 3 }).stateDict())) teacher[`module.backbone.${k}`] = v;
  teacher['module.head.last_layer.weight_g'] = { dtype: 'float32', shape: [4, 1], data: new Float32Array(4) };
  loadPretrainedWeights(b, writePt({ teacher, student: {}, epoch: 5 }));
  assert.deepEqual(b.stateDict()['pos_embed']!.data, teacher['module.backbone.pos_embed']!.data);
  assert.throws(() => loadPretrainedWeights(b, writePt({ teacher, epoch: 5 }), { strict: true }), /unexpected keys \[(module\.)?head\.last_layer\.weight_g\]/);
  const bad = { ...teacher, 'module.backbone.norm.weight': { dtype: 'float32', shape: [9], data: new Float32Array(9) } as Tensor };
  assert.throws(() => loadPretrainedWeights(b, writePt(bad), {}, 'ckpt.pth'), /ckpt\.pth: "norm\.weight" has shape \[9\], the model expects \[8\]/);
  const missing = { ...teacher };
  delete missing['module.backbone.cls_token'];
  assert.throws(() => loadPretrainedWeights(b, writePt(missing), {}, 'ckpt.pth'), /ckpt\.pth: missing keys cls_token/);
});
