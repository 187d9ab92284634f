// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer.py:VisionTransformer, vit_tiny, vit_small, vit_base
import { tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { Module, ModuleList, LayerNorm, Linear, Init, type ForwardOptions } from '@weatherlearn/engine/nn';
import { PatchEmbed } from './patch-embed.js';
import { Block } from './block.js';
import { interpolatePosEncoding } from './interpolate.js';

/** Constructor options of {@link VisionTransformer} (DINO's `VisionTransformer.__init__`). */
export interface VisionTransformerConfig {
  /** Training image size; fixes the learned position grid (224 → 14×14). */
  imgSize: number;
  patchSize: number;
  /** Input channels (1 in GRIDRAD, 3 in DINO/HIPT). */
  inChans: number;
  /** 0 = no classification head (DINO). */
  numClasses: number;
  embedDim: number;
  depth: number;
  numHeads: number;
  mlpRatio: number;
  qkvBias: boolean;
  qkScale?: number;
  /** Stochastic depth, linearly increasing over blocks; 0.1 for the DINO student, 0 for the teacher. */
  dropPathRate: number;
  /** LayerNorm epsilon. */
  eps: number;
  /** Seed of the parameter initialisation (drop-path draws from the forward options' `rng`). */
  seed: number;
}

/** Defaults of DINO's `vit_*` presets (patch 16, 224 px, qkv bias, LN eps 1e-6), `vit_small` sizes, 1 channel. */
export const DEFAULT_VIT_CONFIG: VisionTransformerConfig = {
  imgSize: 224, patchSize: 16, inChans: 1, numClasses: 0, embedDim: 384, depth: 12, numHeads: 6,
  mlpRatio: 4, qkvBias: true, dropPathRate: 0, eps: 1e-6, seed: 0,
};

/**
 * DINO's `VisionTransformer`: patch embedding, CLS token, learned position embedding (bicubically
 * interpolated to other image sizes), pre-norm blocks, final LayerNorm; returns the CLS token.
 * Parameter names equal the PyTorch state-dict keys (`cls_token`, `pos_embed`, `patch_embed.proj.*`,
 * `blocks.i.*`, `norm.*`).
 */
export class VisionTransformer extends Module {
  readonly config: VisionTransformerConfig;
  readonly cls_token: tf.Variable;
  readonly pos_embed: tf.Variable;
  readonly patch_embed: PatchEmbed;
  readonly blocks: Block[];
  readonly norm: LayerNorm;
  readonly head: Linear | undefined;
  /** Output feature size (`embed_dim`). */
  readonly numFeatures: number;

  constructor(config: Partial<VisionTransformerConfig> = {}) {
    super();
    const c = (this.config = { ...DEFAULT_VIT_CONFIG, ...config });
    // DINO's `_init_weights`: Linear trunc_normal(0.02)/zero bias, LayerNorm 1/0; tokens trunc_normal(0.02)
    const init = new Init({ rng: new Rng(c.seed), scheme: 'trunc-normal' });
    const grid = Math.floor(c.imgSize / c.patchSize);
    this.numFeatures = c.embedDim;
    this.cls_token = this.param('cls_token', [1, 1, c.embedDim], init, { kind: 'trunc-normal', std: 0.02 });
    this.pos_embed = this.param('pos_embed', [1, grid * grid + 1, c.embedDim], init, { kind: 'trunc-normal', std: 0.02 });
    this.patch_embed = this.child('patch_embed', new PatchEmbed(c.patchSize, c.inChans, c.embedDim, init));
    const blocks = this.child('blocks', new ModuleList<Block>());
    this.blocks = [];
    for (let i = 0; i < c.depth; i++) {
      const dp = c.depth > 1 ? (c.dropPathRate * i) / (c.depth - 1) : 0;
      this.blocks.push(blocks.push(new Block({ dim: c.embedDim, numHeads: c.numHeads, mlpRatio: c.mlpRatio, qkvBias: c.qkvBias, qkScale: c.qkScale, dropPath: dp, eps: c.eps }, init)));
    }
    this.norm = this.child('norm', new LayerNorm(c.embedDim, { eps: c.eps, init }));
    this.head = c.numClasses > 0 ? this.child('head', new Linear(c.embedDim, c.numClasses, { init })) : undefined;
  }

  /** `prepare_tokens`: `[B, C, H, W]` → `[B, 1 + (H/p)(W/p), D]` (CLS + patches + position embedding). */
  prepareTokens(x: tf.Tensor4D): tf.Tensor3D {
    return tf.tidy(() => {
      const [B, , H, W] = x.shape;
      const p = this.config.patchSize;
      const tokens = this.patch_embed.forward(x);
      const cls = tf.tile(this.cls_token, [B, 1, 1]);
      const withCls = tf.concat([cls, tokens], 1);
      const pos = interpolatePosEncoding(this.pos_embed, Math.floor(H / p), Math.floor(W / p));
      return tf.add(withCls, pos) as tf.Tensor3D;
    });
  }

  /** All tokens after the final LayerNorm: `[B, 1 + N, D]`. */
  forwardFeatures(x: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor3D {
    return tf.tidy(() => {
      let h = this.prepareTokens(x);
      for (const b of this.blocks) h = b.forward(h, options);
      return this.norm.forward(h) as tf.Tensor3D;
    });
  }

  /** The CLS embedding `[B, D]` (or class logits when `numClasses > 0`). */
  forward(x: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor2D {
    return tf.tidy(() => {
      const f = this.forwardFeatures(x, options);
      const cls = tf.reshape(tf.slice(f, [0, 0, 0], [f.shape[0], 1, f.shape[2]]), [f.shape[0], f.shape[2]]) as tf.Tensor2D;
      return this.head ? (this.head.forward(cls) as tf.Tensor2D) : cls;
    });
  }
}

/** `vit_tiny`: embed 192, depth 12, heads 3 (patch 16, MLP ratio 4, qkv bias, LN eps 1e-6). */
export function vit_tiny(config: Partial<VisionTransformerConfig> = {}): VisionTransformer {
  return new VisionTransformer({ ...config, embedDim: 192, depth: 12, numHeads: 3 });
}

/** `vit_small`: embed 384, depth 12, heads 6. */
export function vit_small(config: Partial<VisionTransformerConfig> = {}): VisionTransformer {
  return new VisionTransformer({ ...config, embedDim: 384, depth: 12, numHeads: 6 });
}

/** `vit_base`: embed 768, depth 12, heads 12. */
export function vit_base(config: Partial<VisionTransformerConfig> = {}): VisionTransformer {
  return new VisionTransformer({ ...config, embedDim: 768, depth: 12, numHeads: 12 });
}
