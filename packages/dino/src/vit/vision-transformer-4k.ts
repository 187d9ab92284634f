// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer2k.py:VisionTransformer2K, vit2k_xs
import { tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { Module, ModuleList, LayerNorm, Linear, Init, gelu, type ForwardOptions } from '@weatherlearn/engine/nn';
import { Block } from './block.js';
import { interpolatePosEncoding } from './interpolate.js';

/** Constructor options of {@link VisionTransformer4K} (HIPT `VisionTransformer4K` / GRIDRAD `VisionTransformer2K`). */
export interface VisionTransformer4KConfig {
  /** Size of each input token (the lower level's CLS, 384 for ViT-S/16). */
  inputEmbedDim: number;
  /** Model width and output size. */
  outputEmbedDim: number;
  depth: number;
  numHeads: number;
  mlpRatio: number;
  qkvBias: boolean;
  qkScale?: number;
  dropPathRate: number;
  eps: number;
  /** Side of the learned position grid: 14 for HIPT `vit4k_xs` (224//16), 28 for GRIDRAD `vit2k_xs` (224//8). */
  posGrid: number;
  seed: number;
}

/** `vit4k_xs` sizes (384 → 192, depth 6, 6 heads, 14×14 position grid). */
export const DEFAULT_VIT4K_CONFIG: VisionTransformer4KConfig = {
  inputEmbedDim: 384, outputEmbedDim: 192, depth: 6, numHeads: 6, mlpRatio: 4, qkvBias: true,
  dropPathRate: 0, eps: 1e-6, posGrid: 14, seed: 0,
};

/** `phi = Sequential(Linear(in, out), GELU, Dropout(0))`: keys `phi.0.*`. */
export class Phi extends Module {
  readonly fc: Linear;
  constructor(inDim: number, outDim: number, init: Init) {
    super();
    this.fc = this.child('0', new Linear(inDim, outDim, { init }));
  }
  /** Linear then exact GELU. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => gelu(this.fc.forward(x)));
  }
}

/**
 * The upper HIPT level: a ViT over a grid of lower-level CLS tokens. Input `[B, inputEmbedDim, gh, gw]`
 * (channels first, tokens taken row-major), output the final-LayerNorm CLS `[B, outputEmbedDim]`.
 */
export class VisionTransformer4K extends Module {
  readonly config: VisionTransformer4KConfig;
  readonly cls_token: tf.Variable;
  readonly pos_embed: tf.Variable;
  readonly phi: Phi;
  readonly blocks: Block[];
  readonly norm: LayerNorm;
  readonly numFeatures: number;

  constructor(config: Partial<VisionTransformer4KConfig> = {}) {
    super();
    const c = (this.config = { ...DEFAULT_VIT4K_CONFIG, ...config });
    const init = new Init({ rng: new Rng(c.seed), scheme: 'trunc-normal' });
    const d = (this.numFeatures = c.outputEmbedDim);
    this.cls_token = this.param('cls_token', [1, 1, d], init, { kind: 'trunc-normal', std: 0.02 });
    this.pos_embed = this.param('pos_embed', [1, c.posGrid * c.posGrid + 1, d], init, { kind: 'trunc-normal', std: 0.02 });
    this.phi = this.child('phi', new Phi(c.inputEmbedDim, d, init));
    const list = this.child('blocks', new ModuleList<Block>());
    this.blocks = [];
    for (let i = 0; i < c.depth; i++) {
      const dp = c.depth > 1 ? (c.dropPathRate * i) / (c.depth - 1) : 0;
      this.blocks.push(list.push(new Block({ dim: d, numHeads: c.numHeads, mlpRatio: c.mlpRatio, qkvBias: c.qkvBias, qkScale: c.qkScale, dropPath: dp, eps: c.eps }, init)));
    }
    this.norm = this.child('norm', new LayerNorm(d, { eps: c.eps, init }));
  }

  /** `prepare_tokens`: `[B, Din, gh, gw]` → `[B, 1 + gh·gw, D]`. */
  prepareTokens(x: tf.Tensor4D): tf.Tensor3D {
    const [B, C, gh, gw] = x.shape;
    if (C !== this.config.inputEmbedDim) throw new Error(`VisionTransformer4K: input has ${C} channels, expected ${this.config.inputEmbedDim}`);
    return tf.tidy(() => {
      const tokens = tf.transpose(tf.reshape(x, [B, C, gh * gw]), [0, 2, 1]);
      const phi = this.phi.forward(tokens);
      const withCls = tf.concat([tf.tile(this.cls_token, [B, 1, 1]), phi], 1);
      return tf.add(withCls, interpolatePosEncoding(this.pos_embed, gh, gw)) as tf.Tensor3D;
    });
  }

  /** The CLS embedding `[B, D]`. */
  forward(x: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor2D {
    return tf.tidy(() => {
      let h = this.prepareTokens(x);
      for (const b of this.blocks) h = b.forward(h, options);
      const f = this.norm.forward(h);
      return tf.reshape(tf.slice(f, [0, 0, 0], [f.shape[0]!, 1, f.shape[2]!]), [f.shape[0]!, f.shape[2]!]) as tf.Tensor2D;
    });
  }
}

/** GRIDRAD's `vit2k_xs`: 384 → 192, depth 6, 6 heads, 28×28 position grid (an 8×8 grid of 256-px CLS tokens). */
export function vit2k_xs(config: Partial<VisionTransformer4KConfig> = {}): VisionTransformer4K {
  return new VisionTransformer4K({ ...config, inputEmbedDim: 384, outputEmbedDim: 192, depth: 6, numHeads: 6, posGrid: 28 });
}

/** HIPT's `vit4k_xs`: 384 → 192, depth 6, 6 heads, 14×14 position grid. */
export function vit4k_xs(config: Partial<VisionTransformer4KConfig> = {}): VisionTransformer4K {
  return new VisionTransformer4K({ ...config, inputEmbedDim: 384, outputEmbedDim: 192, depth: 6, numHeads: 6, posGrid: 14 });
}
