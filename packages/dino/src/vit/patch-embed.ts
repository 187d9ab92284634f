// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer.py:PatchEmbed
import { tf } from '@weatherlearn/engine';
import { Module, type Init } from '@weatherlearn/engine/nn';

/**
 * `PatchEmbed`: the ViT's `Conv2d(in_chans, embed_dim, kernel=stride=patch)` written as
 * reshape + matMul (no conv kernels, so it trains on every backend). Keys `proj.weight`
 * `[D, C, p, p]` and `proj.bias` `[D]`, as in PyTorch. Input NCHW; rows/columns that do not fill a
 * whole patch are dropped, as the strided convolution does.
 */
export class PatchEmbed extends Module {
  readonly proj: ConvProj;

  constructor(readonly patchSize: number, readonly inChans: number, readonly embedDim: number, init: Init) {
    super();
    this.proj = this.child('proj', new ConvProj(patchSize, inChans, embedDim, init));
  }

  /** `[B, C, H, W]` → `[B, (H/p)·(W/p), D]`, patches in row-major order. */
  forward(x: tf.Tensor4D): tf.Tensor3D {
    const [B, C, H, W] = x.shape;
    const p = this.patchSize;
    if (C !== this.inChans) throw new Error(`PatchEmbed: input has ${C} channels, the model expects ${this.inChans}`);
    const gh = Math.floor(H / p);
    const gw = Math.floor(W / p);
    if (gh === 0 || gw === 0) throw new Error(`PatchEmbed: image ${H}×${W} is smaller than one ${p}×${p} patch`);
    return tf.tidy(() => {
      let img: tf.Tensor = x;
      if (gh * p !== H || gw * p !== W) img = tf.slice(x, [0, 0, 0, 0], [B, C, gh * p, gw * p]);
      // [B, C, gh, p, gw, p] → [B, gh, gw, C, p, p] in two steps of rank ≤ 5.
      const a = tf.transpose(tf.reshape(img, [B * C, gh, p, gw, p]), [0, 1, 3, 2, 4]); // [B·C, gh, gw, p, p]
      const b = tf.transpose(tf.reshape(a, [B, C, gh * gw, p * p]), [0, 2, 1, 3]); // [B, gh·gw, C, p·p]
      const cols = tf.reshape(b, [B * gh * gw, C * p * p]) as tf.Tensor2D;
      const w = tf.reshape(this.proj.weight, [this.embedDim, C * p * p]) as tf.Tensor2D;
      const y = tf.add(tf.matMul(cols, w, false, true), this.proj.bias);
      return tf.reshape(y, [B, gh * gw, this.embedDim]) as tf.Tensor3D;
    });
  }
}

/**
 * Holder of the convolution's `weight`/`bias` so the keys read `patch_embed.proj.*`. DINO's
 * `_init_weights` leaves the Conv2d alone, so both are torch's default U(±1/√(C·p·p)).
 */
export class ConvProj extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(p: number, c: number, d: number, init: Init) {
    super();
    const bound = 1 / Math.sqrt(c * p * p);
    this.weight = this.param('weight', [d, c, p, p], init, { kind: 'uniform', bound });
    this.bias = this.param('bias', [d], init, { kind: 'uniform', bound });
  }
}
