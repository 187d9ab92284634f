import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine } from '@weatherlearn/engine';
import { readStateDict, toFloat32 } from '@weatherlearn/tensor-io';
import { Pangu } from './pangu.js';
import { panguPreset } from './config.js';
import { loadTorchStateDict, saveTorchStateDict } from './state-dict.js';
import { panguConfigFromReference } from './reference-config.js';
import { needsRef, refConfig, refDir } from '../test/helpers.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

const small = panguPreset('pangu-weather', {
  embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2], gridSize: [9, 16], upperLevels: 3, seed: 1,
});

test('save → load round trip reproduces the model exactly, with the original buffers included', async () => {
  const a = new Pangu(small);
  const bytes = await saveTorchStateDict(a);
  const dict = readStateDict(bytes, 'roundtrip.pt');
  assert.deepEqual(dict['layer1.blocks.0.attn.qkv.weight']!.shape, [24, 8]); // PyTorch [out, in]
  assert.equal(dict['layer1.blocks.1.attn.earth_position_index']!.dtype, 'int64');
  assert.deepEqual(dict['layer1.blocks.1.attn_mask']!.shape.length, 4);
  const b = new Pangu({ ...small, seed: 2 });
  const rep = await loadTorchStateDict(b, bytes);
  assert.equal(rep.loaded.length, a.entries.length);
  assert.ok(rep.buffers.length > 0);
  a.entries.forEach((e, i) => assert.deepEqual(e.variable!.dataSync(), b.entries[i]!.variable!.dataSync(), e.key));
  a.dispose(); b.dispose();
});

test('load errors name the key and the shapes', async () => {
  const a = new Pangu(small);
  const dict = readStateDict(await saveTorchStateDict(a));
  const bad = { ...dict, 'downsample.linear.weight': { dtype: 'float32' as const, shape: [3, 3], data: new Float32Array(9) } };
  await assert.rejects(loadTorchStateDict(a, bad), /"downsample.linear.weight" has shape \[3, 3\], the model expects \[16, 32\]/);
  const { ['upsample.norm.bias']: _, ...missing } = dict;
  await assert.rejects(loadTorchStateDict(a, missing), /missing key "upsample.norm.bias"/);
  await assert.rejects(loadTorchStateDict(a, { ...dict, 'extra.weight': dict['upsample.norm.bias']! }), /unexpected key "extra.weight"/);
  a.dispose();
});

test('the reference weights.pt loads and saves back bit-identically in PyTorch layout', { skip: needsRef }, async () => {
  const file = path.join(refDir, 'weights.pt');
  const m = new Pangu(panguConfigFromReference(refConfig()));
  await loadTorchStateDict(m, file);
  const ref = readStateDict(readFileSync(file));
  const back = readStateDict(await saveTorchStateDict(m, undefined, { buffers: false }));
  assert.deepEqual(Object.keys(back).sort(), Object.keys(ref).sort());
  for (const k of Object.keys(ref)) assert.deepEqual(toFloat32(back[k]!), toFloat32(ref[k]!), k);
  // Linear layout: our variable is torch's [out, in], element for element.
  const qkv = toFloat32(ref['layer1.blocks.0.attn.qkv.weight']!);
  const ours = m.layer1.blocks[0]!.attn.qkv.weight;
  assert.deepEqual(ours.shape, [48, 16]);
  assert.deepEqual(ours.dataSync(), qkv);
  m.dispose();
});
