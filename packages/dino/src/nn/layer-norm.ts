import { tf } from '@weatherlearn/engine';
import { Module } from './module.js';
import { filled } from './init.js';

/** `nn.LayerNorm(dim, eps)` over the last dimension (keys `weight`, `bias`; biased variance). */
export class LayerNorm extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(readonly dim: number, readonly eps = 1e-6) {
    super();
    this.weight = this.param('weight', filled([dim], 1));
    this.bias = this.param('bias', filled([dim], 0));
  }

  /** Normalises the last dimension of `x`. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const mean = tf.mean(x, -1, true);
      const centred = tf.sub(x, mean);
      const variance = tf.mean(tf.square(centred), -1, true);
      const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, this.eps)));
      return tf.add(tf.mul(normed, this.weight), this.bias);
    });
  }
}
