/**
 * Gradient of `BatchMatMul` that supports broadcasting. tfjs-core 4.22's gradient returns a gradient
 * with the *output's* batch shape, so `matMul(x[B, N, C], W[C, D])` (a linear layer) or any
 * broadcast batch fails with "The gradient of input 'b' has shape …". This version computes the same
 * products and sums them over the broadcast axes.
 */
import { tf } from '../tf.js';

function reduceTo(g: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, g.shape);
  const summed = axes.length > 0 ? tf.sum(g, axes) : g;
  return tf.reshape(summed, shape);
}

/** Replacement for tfjs-core's BatchMatMul gradient (same products, then reduced to each input's shape). */
export const batchMatMulGradConfig: tf.GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    const g = dy as tf.Tensor;
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    let da: () => tf.Tensor, db: () => tf.Tensor;
    const unbatchedB = b.shape.slice(0, -2).every((d) => d === 1) && a.rank > 2 && !transposeA;
    if (unbatchedB) {
      // Linear layer: the weight gradient is one 2-D product over all rows instead of a batched
      // product summed afterwards (same result, one big matMul).
      const k = a.shape[a.rank - 1]!, n = g.shape[g.rank - 1]!;
      const a2 = () => tf.reshape(a, [-1, k]), g2 = () => tf.reshape(g, [-1, n]);
      da = transposeB ? () => tf.matMul(g, b) : () => tf.matMul(g, b, false, true);
      db = transposeB ? () => tf.matMul(g2(), a2(), true, false) : () => tf.matMul(a2(), g2(), true, false);
    } else if (!transposeA && !transposeB) {
      da = () => tf.matMul(g, b, false, true); db = () => tf.matMul(a, g, true, false);
    } else if (!transposeA && transposeB) {
      da = () => tf.matMul(g, b, false, false); db = () => tf.matMul(g, a, true, false);
    } else if (transposeA && !transposeB) {
      da = () => tf.matMul(b, g, false, true); db = () => tf.matMul(a, g, false, false);
    } else {
      da = () => tf.matMul(b, g, true, true); db = () => tf.matMul(g, a, true, true);
    }
    return { a: () => reduceTo(da(), a.shape), b: () => reduceTo(db(), b.shape) };
  },
};
