import { tf } from '@weatherlearn/engine';

/** Exact GELU, `x·Φ(x) = 0.5·x·(1 + erf(x/√2))`, as `nn.GELU()` computes it. */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));
}
