/**
 * Gradients tfjs-core 4.22 does not define for ops the models use:
 * - `StridedSlice`: the selected elements' gradient is scattered back to their positions. The
 *   positions come from running the same StridedSlice on an iota tensor, so every mask combination
 *   is handled exactly as the forward op handles it.
 * - comparison and logical ops (`Greater`, `Less`, `Equal`, `LogicalAnd`, …): not differentiable;
 *   TensorFlow treats them as zero, tfjs throws "gradient function not found" whenever a mask built
 *   from a trained tensor feeds `where`.
 */
import { tf } from '../tf.js';

/** Gradient of StridedSlice via iota + UnsortedSegmentSum. */
export const stridedSliceGradConfig: tf.GradConfig = {
  kernelName: 'StridedSlice',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    return {
      x: () => {
        const iota = tf.reshape(tf.range(0, x.size, 1, 'int32'), x.shape);
        const picked = tf.engine().runKernel('StridedSlice', { x: iota }, attrs) as tf.Tensor;
        const flat = tf.unsortedSegmentSum(tf.reshape(dy as tf.Tensor, [-1]), tf.reshape(picked, [-1]) as tf.Tensor1D, x.size);
        return tf.reshape(flat, x.shape);
      },
    };
  },
};

/** Zero (float32, as tfjs requires) gradients for the two inputs of a non-differentiable binary op. */
function zeroGrad2(kernelName: string): tf.GradConfig {
  return {
    kernelName, inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return { a: () => tf.zeros(a.shape), b: () => tf.zeros(b.shape) };
    },
  };
}

/** Zero gradients for the non-differentiable comparison and logical ops tfjs-core leaves out. */
export const zeroGradConfigs: tf.GradConfig[] = [
  ...['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr', 'LogicalXor'].map(zeroGrad2),
  {
    kernelName: 'LogicalNot', inputsToSave: ['x'],
    gradFunc: (_dy, saved) => ({ x: () => tf.zeros(saved[0]!.shape) }),
  },
];
