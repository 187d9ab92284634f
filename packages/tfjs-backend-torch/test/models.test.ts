// Our real models on torch vs the tfjs cpu backend: a small Pangu (3-D Earth-specific blocks with shifted
// windows, the −100 mask, the earth-position bias gather and its ScatterNd gradient, activation
// checkpointing) and a small DINO ViT, forward and backward, with no kernel on the cpu fallback.
import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { Pangu, panguPreset } from '@weatherlearn/pangu';
import { VisionTransformer } from '@weatherlearn/dino';
import { TORCH_SKIP, compareWithCpu } from '../src/testing.js';

/** Errors up to 1e-3 of each output's max |value| (float32 sums in another order), nothing relative. */
const TOL = { rtol: 0, atol: 1e-3, scaled: true };

/** The loss and its gradient for every variable (in `vars()` order), computed inside one tidy. */
function lossAndGrads(loss: () => tf.Scalar, vars: tf.Variable[]): tf.Tensor[] {
  const { value, grads } = tf.variableGrads(loss, vars);
  return [value, ...vars.map((v) => grads[v.name]!)];
}

test('Pangu (pangu-weather preset, shifted windows): forward output and every parameter gradient match cpu', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => {
    const model = new Pangu(panguPreset('pangu-weather', {
      embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2],
      gridSize: [9, 16], upperLevels: 3, dropPathRate: 0, seed: 3,
    }));
    const input = {
      surface: tf.randomNormal([1, 4, 9, 16], 0, 1, 'float32', 4) as tf.Tensor4D,
      surfaceMask: tf.randomNormal([3, 9, 16], 0, 1, 'float32', 5) as tf.Tensor3D,
      upper: tf.randomNormal([1, 5, 3, 9, 16], 0, 1, 'float32', 6) as tf.Tensor5D,
    };
    const out = model.apply(input);
    const res = lossAndGrads(() => {
      const o = model.apply(input, { training: true, checkpoint: true });
      return tf.add(tf.mean(tf.square(o.surface)), tf.mean(tf.abs(o.upper!))) as tf.Scalar;
    }, model.parameters());
    model.dispose();
    return [out.surface, out.upper!, ...res];
  }, TOL);
});

test('DINO ViT (2 blocks, 3 heads): CLS output and every parameter gradient match cpu', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => {
    const vit = new VisionTransformer({ imgSize: 32, patchSize: 8, inChans: 2, embedDim: 48, depth: 2, numHeads: 3, seed: 1 });
    const x = tf.randomNormal([2, 2, 40, 32], 0, 1, 'float32', 7) as tf.Tensor4D; // 5×4 patches: position interpolation
    const cls = vit.forward(x);
    const vars = vit.trainableParameters().map((p) => p.variable);
    const res = lossAndGrads(() => tf.sum(tf.mul(tf.tanh(vit.forward(x)), tf.tensor1d(Array.from({ length: 48 }, (_, i) => i / 24 - 1)))) as tf.Scalar, vars);
    vit.dispose();
    return [cls, ...res];
  }, TOL);
});
