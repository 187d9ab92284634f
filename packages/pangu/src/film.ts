import { tf } from '@weatherlearn/engine';
import { Module, type Init } from '@weatherlearn/engine/nn';

/**
 * Feature-wise linear modulation (FiLM) of tokens by conditioning scalars:
 * `x · (1 + γ) + β` with `[γ, β] = cond Wᵀ + b` (keys `weight` `[2·dim, condDim]`, `bias` `[2·dim]`).
 * Both are zero-initialised, so an untrained FiLM is the identity (the 2026 original's solar-wind
 * conditioning of the convection model).
 */
export class FiLM extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(readonly condDim: number, readonly dim: number, init: Init) {
    super();
    this.weight = this.param('weight', [2 * dim, condDim], init, { kind: 'zeros' });
    this.bias = this.param('bias', [2 * dim], init, { kind: 'zeros' });
  }

  /** Modulates `x` `(B, L, dim)` by `cond` `(B, condDim)`. */
  forward(x: tf.Tensor3D, cond: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      if (cond.shape[1] !== this.condDim || cond.shape[0] !== x.shape[0]) throw new Error(`FiLM: cond has shape [${cond.shape}], expected [${x.shape[0]}, ${this.condDim}]`);
      const gb = tf.add(tf.matMul(cond, this.weight as tf.Tensor2D, false, true), this.bias);
      const gamma = tf.expandDims(tf.slice(gb, [0, 0], [-1, this.dim]), 1);
      const beta = tf.expandDims(tf.slice(gb, [0, this.dim], [-1, this.dim]), 1);
      return tf.add(tf.mul(x, tf.add(gamma, 1)), beta) as tf.Tensor3D;
    });
  }
}
