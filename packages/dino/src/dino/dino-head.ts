// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer.py:DINOHead
import { tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { Module, Linear, Init, gelu } from '@weatherlearn/engine/nn';

/** Constructor options of {@link DINOHead}. */
export interface DINOHeadConfig {
  inDim: number;
  /** Prototypes (65536 in DINO). */
  outDim: number;
  /** Batch-norm in the MLP is not supported (DINO's default `use_bn_in_head=False`). */
  useBn: boolean;
  /** `True` freezes `last_layer.weight_g` at 1 (DINO default); GRIDRAD trains it (`False`). */
  normLastLayer: boolean;
  nlayers: number;
  hiddenDim: number;
  bottleneckDim: number;
  seed: number;
}

/** DINO's head defaults: hidden 2048, bottleneck 256, 3 layers, 65536 prototypes, norm_last_layer. */
export const DEFAULT_DINO_HEAD_CONFIG: DINOHeadConfig = {
  inDim: 384, outDim: 65536, useBn: false, normLastLayer: true, nlayers: 3, hiddenDim: 2048, bottleneckDim: 256, seed: 0,
};

/** The MLP of the head (`mlp.0`, `mlp.2`, `mlp.4` …, GELU between), or a single `mlp` Linear when nlayers = 1. */
export class HeadMlp extends Module {
  readonly layers: Linear[] = [];
  constructor(c: DINOHeadConfig, init: Init) {
    super();
    const n = Math.max(c.nlayers, 1);
    for (let i = 0; i < n; i++) {
      const inD = i === 0 ? c.inDim : c.hiddenDim;
      const outD = i === n - 1 ? c.bottleneckDim : c.hiddenDim;
      this.layers.push(this.child(String(2 * i), new Linear(inD, outD, { init })));
    }
  }
  /** Linear, GELU, …, Linear. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      let h = x;
      this.layers.forEach((l, i) => {
        h = l.forward(h);
        if (i < this.layers.length - 1) h = gelu(h);
      });
      return h;
    });
  }
}

/**
 * `weight_norm(Linear(bottleneck, out_dim, bias=False))`: `weight = g · v/‖v‖` per output row.
 * `v` is torch's default Linear init (the head creates this layer after `_init_weights` ran) and
 * `g` is filled with 1, frozen unless `trainG`.
 */
export class WeightNormLinear extends Module {
  readonly weight_g: tf.Variable;
  readonly weight_v: tf.Variable;
  constructor(inDim: number, outDim: number, trainG: boolean, init: Init) {
    super();
    this.weight_g = this.param('weight_g', [outDim, 1], init, { kind: 'ones' }, trainG);
    this.weight_v = this.param('weight_v', [outDim, inDim], init, { kind: 'uniform', bound: 1 / Math.sqrt(inDim) });
  }
  /** The effective weight `[out, in]`. */
  weight(): tf.Tensor2D {
    return tf.tidy(() => tf.mul(this.weight_g, tf.div(this.weight_v, tf.sqrt(tf.sum(tf.square(this.weight_v), 1, true)))) as tf.Tensor2D);
  }
  /** `x Wᵀ`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.matMul(x, this.weight(), false, true));
  }
}

/**
 * `DINOHead`: MLP → L2 normalisation (eps 1e-12) → weight-normalised prototype layer.
 * Keys `mlp.{0,2,4}.*`, `last_layer.weight_g`, `last_layer.weight_v`.
 */
export class DINOHead extends Module {
  readonly config: DINOHeadConfig;
  readonly mlp: HeadMlp;
  readonly last_layer: WeightNormLinear;

  constructor(config: Partial<DINOHeadConfig> = {}) {
    super();
    const c = (this.config = { ...DEFAULT_DINO_HEAD_CONFIG, ...config });
    if (c.useBn) throw new Error('DINOHead: use_bn=True is not supported (DINO and GRIDRAD use False)');
    const init = new Init({ rng: new Rng(c.seed).fork('dino-head'), scheme: 'trunc-normal' });
    this.mlp = this.child('mlp', new HeadMlp(c, init));
    this.last_layer = this.child('last_layer', new WeightNormLinear(c.bottleneckDim, c.outDim, !c.normLastLayer, init));
  }

  /** The bottleneck features before L2 normalisation: `[B, bottleneck]`. */
  bottleneck(x: tf.Tensor2D): tf.Tensor2D {
    return this.mlp.forward(x) as tf.Tensor2D;
  }

  /** `[B, inDim]` → `[B, outDim]`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = this.bottleneck(x);
      const n = tf.maximum(tf.sqrt(tf.sum(tf.square(h), -1, true)), 1e-12);
      return this.last_layer.forward(tf.div(h, n) as tf.Tensor2D);
    });
  }
}
