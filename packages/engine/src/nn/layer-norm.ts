import { tf } from '../tf.js';
import { Module } from './module.js';
import { Init } from './init.js';
import { Rng } from '../random/rng.js';
import { layerNorm } from '../fused/ops.js';

export { layerNorm, layerNormComposite } from '../fused/ops.js';

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Default 1e-5 (PyTorch); DINO's ViT uses 1e-6. */
  eps?: number;
  /** Only its `meta` flag matters (γ = 1, β = 0 are not random). */
  init?: Init;
}

/** `nn.LayerNorm(dim, eps)` over the last axis, keys `weight` (γ = 1) and `bias` (β = 0). */
export class LayerNorm extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  readonly eps: number;

  constructor(readonly dim: number, options: LayerNormOptions = {}) {
    super();
    this.eps = options.eps ?? 1e-5;
    const init = options.init ?? new Init({ rng: new Rng(0) });
    this.weight = this.param('weight', [dim], init, { kind: 'ones' });
    this.bias = this.param('bias', [dim], init, { kind: 'zeros' });
  }

  /** Normalises the last axis of `x`. */
  forward(x: tf.Tensor): tf.Tensor {
    return layerNorm(x, this.weight, this.bias, this.eps);
  }
}
