import { tf } from '../tf.js';
import { Module } from './module.js';
import type { Init } from './init.js';

/**
 * `y = x Wᵀ + b` on the last axis of any-rank `x`, with a PyTorch-layout weight `[out, in]`
 * (also used by convolutions written as matMuls: patch embeddings pass their kernel viewed as 2-D).
 */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias: tf.Tensor | null): tf.Tensor {
  return tf.tidy(() => {
    const [outF, inF] = weight.shape;
    if (x.shape[x.rank - 1] !== inF) throw new Error(`linear: input has ${x.shape[x.rank - 1]} features, the weight [${outF}, ${inF}] expects ${inF}`);
    const lead = x.shape.slice(0, -1);
    let y: tf.Tensor = tf.matMul(tf.reshape(x, [-1, inF]) as tf.Tensor2D, weight, false, true);
    if (bias) y = tf.add(y, bias);
    return tf.reshape(y, [...lead, outF]);
  });
}

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Where the weights come from (generator, scheme, meta). */
  init: Init;
  /** Learnable bias (default true). */
  bias?: boolean;
}

/**
 * `nn.Linear(inFeatures, outFeatures, bias)`: keys `weight` `[out, in]` (PyTorch layout) and
 * `bias` `[out]`, initialised by the {@link Init} scheme (`torch-default` or `trunc-normal`).
 */
export class Linear extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions) {
    super();
    const init = options.init;
    this.weight = this.param('weight', [outFeatures, inFeatures], init, init.linearWeight(inFeatures));
    this.bias = options.bias ?? true ? this.param('bias', [outFeatures], init, init.linearBias(inFeatures)) : null;
  }

  /** Applies the layer to the last axis of `x`. */
  forward(x: tf.Tensor): tf.Tensor {
    return linear(x, this.weight as tf.Tensor2D, this.bias);
  }
}
