import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { toFloat32 } from '@weatherlearn/tensor-io';
import { VisionTransformer4K, vit2k_xs, vit4k_xs } from './vision-transformer-4k.js';
import { interpolatePosEncoding } from './interpolate.js';
import { HIPT_REF, skipUnless, npy, stateDict, maxAbsDiff, forwardTol } from '../testing/reference.js';

await initEngine({ backend: 'wasm' });

test('vit2k_xs / vit4k_xs: 384 → 192, 6 blocks, 6 heads, 28×28 / 14×14 position grids', () => {
  const a = vit2k_xs();
  const b = vit4k_xs();
  assert.deepEqual(a.pos_embed.shape, [1, 785, 192]);
  assert.deepEqual(b.pos_embed.shape, [1, 197, 192]);
  assert.equal(a.blocks.length, 6);
  assert.deepEqual(a.phi.fc.weight.shape, [192, 384]);
  const y = a.forward(tf.zeros([3, 384, 4, 4]) as tf.Tensor4D);
  assert.deepEqual(y.shape, [3, 192]);
  assert.throws(() => a.forward(tf.zeros([1, 192, 4, 4]) as tf.Tensor4D), /384/);
  a.dispose();
  b.dispose();
});

test('HIPT ViT-4K reference: phi, pos-embed, tokens and CLS output match', { skip: skipUnless(HIPT_REF) }, () => {
  const m = new VisionTransformer4K({ inputEmbedDim: 384, outputEmbedDim: 96, depth: 2, numHeads: 3, posGrid: 14 }).eval();
  m.loadStateDict(stateDict(HIPT_REF, 'weights.pt'));
  const input = npy(HIPT_REF, 'input.npy');
  const x = tf.tensor4d(toFloat32(input), input.shape as [number, number, number, number]);
  const check = (name: string, got: tf.Tensor) => {
    const ref = npy(HIPT_REF, name);
    assert.deepEqual(got.shape, ref.shape, name);
    const d = maxAbsDiff(got.dataSync(), toFloat32(ref));
    assert.ok(d <= forwardTol(ref), `${name}: max abs diff ${d}`);
  };
  check('intermediate_phi.npy', m.phi.forward(tf.transpose(tf.reshape(x, [1, 384, 64]), [0, 2, 1])));
  check('intermediate_pos_embed.npy', interpolatePosEncoding(m.pos_embed, 8, 8));
  check('intermediate_tokens.npy', m.prepareTokens(x));
  check('output.npy', m.forward(x));
  m.dispose();
});
