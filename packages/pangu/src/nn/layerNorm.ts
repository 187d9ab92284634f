import { tf } from '@weatherlearn/engine';
import type { BuildContext } from '../module.js';

/** Layer normalisation of the last axis: (x − mean)/√(var + eps)·γ + β (biased variance, as PyTorch). */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  return tf.tidy(() => {
    const mean = tf.mean(x, -1, true);
    const xc = tf.sub(x, mean);
    const variance = tf.mean(tf.square(xc), -1, true);
    return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, eps))), gamma), beta);
  });
}

/** `nn.LayerNorm(dim, eps)` with PyTorch keys `weight`/`bias` (initialised 1/0). */
export class LayerNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(ctx: BuildContext, key: string, readonly dim: number, readonly eps = 1e-5) {
    this.weight = ctx.param(`${key}.weight`, [dim], { kind: 'ones' });
    this.bias = ctx.param(`${key}.bias`, [dim], { kind: 'zeros' });
  }

  /** Normalises the last axis of `x`. */
  apply(x: tf.Tensor): tf.Tensor {
    return layerNorm(x, this.weight, this.bias, this.eps);
  }
}
