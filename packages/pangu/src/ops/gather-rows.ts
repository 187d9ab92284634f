import { tf } from '@weatherlearn/engine';

/**
 * `table[index]` along axis 0 for a 2-D table, with a gradient that scatter-adds the upstream
 * gradient back into the table rows (`scatterND` sums duplicates). tfjs' own gather gradient needs
 * `UnsortedSegmentSum`, which the wasm backend lacks.
 * @param index int32 `(K)` row indices; `index2d` the same as `(K, 1)` for the scatter.
 */
export function gatherRows(table: tf.Tensor2D, index: tf.Tensor1D, index2d: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([]);
    return {
      value: tf.gather(t, index, 0),
      gradFunc: (dy: tf.Tensor) => tf.scatterND(index2d, dy, t.shape),
    };
  }) as (t: tf.Tensor2D) => tf.Tensor2D;
  return op(table);
}
