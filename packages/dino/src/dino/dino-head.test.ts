import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { toFloat32 } from '@weatherlearn/tensor-io';
import { DINOHead } from './dino-head.js';
import { DINO_REF, skipUnless, npy, stateDict, maxAbsDiff, forwardTol } from '../testing/reference.js';
import { dinoReferenceWrapper, dinoReferenceCrops } from '../testing/dino-reference-model.js';

await initEngine({ backend: 'wasm' });

test('DINOHead keys, frozen weight_g with norm_last_layer, unit-norm rows', () => {
  const h = new DINOHead({ inDim: 8, outDim: 16, hiddenDim: 12, bottleneckDim: 4 });
  assert.deepEqual(h.namedParameters().map((p) => p.name), [
    'mlp.0.weight', 'mlp.0.bias', 'mlp.2.weight', 'mlp.2.bias', 'mlp.4.weight', 'mlp.4.bias', 'last_layer.weight_g', 'last_layer.weight_v',
  ]);
  assert.equal(h.last_layer.weight_g.trainable, false);
  const free = new DINOHead({ inDim: 8, outDim: 16, hiddenDim: 12, bottleneckDim: 4, normLastLayer: false });
  assert.equal(free.last_layer.weight_g.trainable, true);
  assert.ok(!h.trainableParameters().some((p) => p.name === 'last_layer.weight_g'), 'normLastLayer: g is not optimised');
  assert.ok(free.trainableParameters().some((p) => p.name === 'last_layer.weight_g'), 'normLastLayer false: g is optimised');
  assert.ok(Array.from(free.last_layer.weight_g.dataSync()).every((g) => g === 1), 'g starts at 1 either way');
  // the gradient reaches g only when it is trainable
  const x = tf.randomNormal([3, 8], 0, 1, 'float32', 2) as tf.Tensor2D;
  const gradG = (head: DINOHead) => {
    const vars = head.trainableParameters().map((p) => p.variable);
    return tf.variableGrads(() => tf.sum(tf.square(head.forward(x))) as tf.Scalar, vars).grads[head.last_layer.weight_g.name];
  };
  assert.equal(gradG(h), undefined);
  assert.ok(gradG(free) !== undefined);
  // With g = 1 each prototype row has unit norm, so |output| ≤ 1 (cosine similarities).
  const y = h.forward(tf.randomNormal([5, 8], 0, 3, 'float32', 1) as tf.Tensor2D);
  assert.ok(Math.max(...Array.from(y.dataSync(), Math.abs)) <= 1 + 1e-5);
  assert.throws(() => new DINOHead({ useBn: true }), /use_bn/);
});

test('student and teacher head outputs match the DINO reference', { skip: skipUnless(DINO_REF) }, () => {
  const sd = stateDict(DINO_REF, 'weights.pt');
  const crops = dinoReferenceCrops(npy(DINO_REF, 'input_global.npy'), npy(DINO_REF, 'input_local.npy'));
  const student = dinoReferenceWrapper(false);
  const teacher = dinoReferenceWrapper(true);
  student.loadStateDict(sd);
  teacher.loadStateDict(sd);
  const cmp = (name: string, got: tf.Tensor) => {
    const ref = npy(DINO_REF, name);
    assert.deepEqual(got.shape, ref.shape, name);
    const d = maxAbsDiff(got.dataSync(), toFloat32(ref));
    assert.ok(d <= forwardTol(ref), `${name}: max abs diff ${d}`);
  };
  cmp('intermediate_head_bottleneck_student.npy', student.head.bottleneck(student.backboneOutputs(crops)));
  cmp('output_head_student.npy', student.forward(crops));
  cmp('output_head_teacher.npy', teacher.forward(crops.slice(0, 2)));
  student.dispose();
  teacher.dispose();
});
