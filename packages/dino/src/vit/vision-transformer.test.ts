import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { toFloat32 } from '@weatherlearn/tensor-io';
import { VisionTransformer, vit_tiny } from './vision-transformer.js';
import { interpolatePosEncoding } from './interpolate.js';
import { DINO_REF, skipUnless, npy, stateDict, index0, maxAbsDiff, forwardTol } from '../testing/reference.js';

await initEngine({ backend: 'wasm' });

const tiny = { imgSize: 64, patchSize: 16, inChans: 1, embedDim: 48, depth: 2, numHeads: 3 };

test('parameter names and shapes follow the PyTorch state dict', () => {
  const vit = new VisionTransformer(tiny);
  const names = vit.namedParameters().map((p) => `${p.name}:${p.variable.shape.join('x')}`);
  assert.equal(names[0], 'cls_token:1x1x48');
  assert.equal(names[1], 'pos_embed:1x17x48');
  assert.equal(names[2], 'patch_embed.proj.weight:48x1x16x16');
  assert.ok(names.includes('blocks.1.attn.qkv.weight:144x48'));
  assert.equal(names.at(-1), 'norm.bias:48');
  vit.dispose();
});

test('vit_tiny has 192/12/3 and maps a 48×32 input to a [B, 192] CLS (non-square grid)', () => {
  const vit = vit_tiny({ imgSize: 32 });
  assert.equal(vit.blocks.length, 12);
  assert.equal(vit.blocks[0]!.attn.numHeads, 3);
  const y = vit.forward(tf.zeros([2, 1, 48, 32]) as tf.Tensor4D);
  assert.deepEqual(y.shape, [2, 192]);
  y.dispose();
  vit.dispose();
});

test('patch embedding equals a stride-16 convolution', () => {
  const vit = new VisionTransformer({ ...tiny, inChans: 2 });
  const x = tf.randomNormal([1, 2, 32, 48], 0, 1, 'float32', 3) as tf.Tensor4D;
  const ours = vit.patch_embed.forward(x);
  const ref = tf.tidy(() => {
    const w = tf.transpose(vit.patch_embed.proj.weight, [2, 3, 1, 0]) as tf.Tensor4D; // HWIO
    const y = tf.conv2d(tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D, w, 16, 'valid');
    return tf.reshape(tf.add(y, vit.patch_embed.proj.bias), [1, 6, 48]);
  });
  assert.ok(maxAbsDiff(ours.dataSync(), ref.dataSync()) < 1e-4);
  tf.dispose([x, ours, ref]);
  vit.dispose();
});

test('matches the DINO reference: tokens, interpolated pos-embed and CLS outputs', { skip: skipUnless(DINO_REF) }, () => {
  const sd = stateDict(DINO_REF, 'weights.pt');
  const bb: Record<string, (typeof sd)[string]> = {};
  for (const [k, v] of Object.entries(sd)) if (k.startsWith('backbone.')) bb[k.slice(9)] = v;
  const vit = new VisionTransformer(tiny).eval();
  vit.loadStateDict(bb);
  const g = npy(DINO_REF, 'input_global.npy');
  const l = npy(DINO_REF, 'input_local.npy');
  const check = (name: string, got: tf.Tensor) => {
    const ref = npy(DINO_REF, name);
    assert.deepEqual(got.shape, ref.shape, name);
    const d = maxAbsDiff(got.dataSync(), toFloat32(ref));
    assert.ok(d <= forwardTol(ref), `${name}: max abs diff ${d}`);
    got.dispose();
  };
  const t4 = (t: ReturnType<typeof index0>) => tf.tensor4d(t.data as Float32Array, t.shape as [number, number, number, number]);
  check('intermediate_tokens_global0.npy', vit.prepareTokens(t4(index0(g, 0))));
  check('intermediate_tokens_local0.npy', vit.prepareTokens(t4(index0(l, 0))));
  check('intermediate_pos_embed_local.npy', interpolatePosEncoding(vit.pos_embed, 2, 2));
  check('output_cls_global.npy', tf.stack([0, 1].map((i) => vit.forward(t4(index0(g, i))))));
  check('output_cls_local.npy', tf.stack([0, 1].map((i) => vit.forward(t4(index0(l, i))))));
  vit.dispose();
});
