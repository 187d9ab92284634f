import { tf } from '@weatherlearn/engine';
import { Module } from '../nn/module.js';
import { LayerNorm } from '../nn/layer-norm.js';
import { Attention } from './attention.js';
import { Mlp } from './mlp.js';
import { Rng } from '../nn/rng.js';

/** Options of {@link Block}. */
export interface BlockOptions {
  dim: number;
  numHeads: number;
  mlpRatio: number;
  qkvBias: boolean;
  qkScale?: number;
  dropPath: number;
  eps: number;
}

/**
 * Per-sample stochastic depth (`drop_path`): in training, each sample's residual branch is kept
 * with probability `1 − p` (mask `floor(keep + U[0,1))`) and rescaled by `1/keep`.
 */
export function dropPath(x: tf.Tensor, p: number, training: boolean, rng: Rng): tf.Tensor {
  if (p === 0 || !training) return x;
  const keep = 1 - p;
  const B = x.shape[0]!;
  const mask = new Float32Array(B);
  for (let i = 0; i < B; i++) mask[i] = Math.floor(keep + rng.next()) / keep;
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, [B, ...x.shape.slice(1).map(() => 1)])));
}

/** Pre-norm transformer `Block`: `x + DropPath(Attn(LN(x)))`, then `x + DropPath(Mlp(LN(x)))`. */
export class Block extends Module {
  readonly norm1: LayerNorm;
  readonly attn: Attention;
  readonly norm2: LayerNorm;
  readonly mlp: Mlp;
  readonly dropPathRate: number;
  private readonly rng: Rng;

  constructor(o: BlockOptions, rng = new Rng(0)) {
    super();
    this.rng = rng;
    this.dropPathRate = o.dropPath;
    this.norm1 = this.child('norm1', new LayerNorm(o.dim, o.eps));
    this.attn = this.child('attn', new Attention(o.dim, o.numHeads, o.qkvBias, o.qkScale, rng));
    this.norm2 = this.child('norm2', new LayerNorm(o.dim, o.eps));
    this.mlp = this.child('mlp', new Mlp(o.dim, Math.floor(o.dim * o.mlpRatio), o.dim, rng));
  }

  /** `[B, N, C]` → `[B, N, C]`. */
  forward(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const a = this.attn.forward(this.norm1.forward(x) as tf.Tensor3D);
      const y = tf.add(x, dropPath(a, this.dropPathRate, this.training, this.rng));
      const m = this.mlp.forward(this.norm2.forward(y));
      return tf.add(y, dropPath(m, this.dropPathRate, this.training, this.rng)) as tf.Tensor3D;
    });
  }
}
