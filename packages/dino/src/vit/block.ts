// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer.py:Block
import { tf } from '@weatherlearn/engine';
import { Module, LayerNorm, DropPath, type Init, type ForwardOptions } from '@weatherlearn/engine/nn';
import { Attention } from './attention.js';
import { Mlp } from './mlp.js';

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
 * Pre-norm transformer `Block`: `x + DropPath(Attn(LN(x)))`, then `x + DropPath(Mlp(LN(x)))`.
 * DropPath is active in train mode (module flag or `options.training`) and draws from `options.rng`.
 */
export class Block extends Module {
  readonly norm1: LayerNorm;
  readonly attn: Attention;
  readonly drop_path: DropPath;
  readonly norm2: LayerNorm;
  readonly mlp: Mlp;

  constructor(o: BlockOptions, init: Init) {
    super();
    this.norm1 = this.child('norm1', new LayerNorm(o.dim, { eps: o.eps, init }));
    this.attn = this.child('attn', new Attention(o.dim, o.numHeads, o.qkvBias, o.qkScale, init));
    this.drop_path = this.child('drop_path', new DropPath(o.dropPath));
    this.norm2 = this.child('norm2', new LayerNorm(o.dim, { eps: o.eps, init }));
    this.mlp = this.child('mlp', new Mlp(o.dim, Math.floor(o.dim * o.mlpRatio), o.dim, init));
  }

  /** Stochastic-depth rate of this block. */
  get dropPathRate(): number {
    return this.drop_path.p;
  }

  /** `[B, N, C]` → `[B, N, C]`. */
  forward(x: tf.Tensor3D, options: ForwardOptions = {}): tf.Tensor3D {
    return tf.tidy(() => {
      const a = this.attn.forward(this.norm1.forward(x) as tf.Tensor3D);
      const y = tf.add(x, this.drop_path.forward(a, options));
      const m = this.mlp.forward(this.norm2.forward(y));
      return tf.add(y, this.drop_path.forward(m, options)) as tf.Tensor3D;
    });
  }
}
