import { tf } from '../tf.js';
import { Module } from './module.js';
import type { Init } from './init.js';
import { linear } from '../fused/ops.js';

export { linear } from '../fused/ops.js';

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
