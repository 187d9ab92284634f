import { tf } from '@weatherlearn/engine';

/** Element-wise dropout with rescaling by 1/(1−rate); identity unless `training` and rate > 0. */
export function dropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  if (!training || rate <= 0) return x;
  return tf.tidy(() => tf.mul(x, tf.div(tf.step(tf.sub(tf.randomUniform(x.shape), rate)), 1 - rate)));
}

/**
 * `DropPath` (stochastic depth): in training, zeroes the whole residual branch of each sample with
 * probability `rate` and rescales the kept ones by 1/(1−rate). In evaluation it is the identity —
 * the decision is taken per call, not at construction (the SuperDARN port kept it active in eval).
 */
export function DropPath(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  if (!training || rate <= 0) return x;
  return tf.tidy(() => {
    const shape = [x.shape[0], ...x.shape.slice(1).map(() => 1)];
    const keep = tf.step(tf.sub(tf.randomUniform(shape), rate));
    return tf.mul(x, tf.div(keep, 1 - rate));
  });
}
