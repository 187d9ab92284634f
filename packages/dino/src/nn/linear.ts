import { tf } from '@weatherlearn/engine';
import { Module } from './module.js';
import { truncNormal, filled } from './init.js';
import { Rng } from './rng.js';

/**
 * `nn.Linear`: `y = x Wᵀ + b` with the PyTorch weight layout `[out, in]` (keys `weight`, `bias`).
 * Initialised like DINO's `_init_weights` (trunc-normal std 0.02, zero bias).
 */
export class Linear extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;

  constructor(readonly inFeatures: number, readonly outFeatures: number, bias = true, rng = new Rng(0)) {
    super();
    this.weight = this.param('weight', truncNormal([outFeatures, inFeatures], 0.02, rng));
    this.bias = bias ? this.param('bias', filled([outFeatures], 0)) : undefined;
  }

  /** Applies the layer to the last dimension of `x` (any rank ≥ 1). */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      const x2 = tf.reshape(x, [-1, this.inFeatures]) as tf.Tensor2D;
      let y: tf.Tensor = tf.matMul(x2, this.weight as tf.Tensor2D, false, true);
      if (this.bias) y = tf.add(y, this.bias);
      return tf.reshape(y, [...lead, this.outFeatures]);
    });
  }
}
