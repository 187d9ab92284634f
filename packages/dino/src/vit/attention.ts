// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer.py:Attention
import { tf } from '@weatherlearn/engine';
import { Module, Linear, attention, type Init } from '@weatherlearn/engine/nn';

/**
 * `Attention`: multi-head self-attention with a fused `qkv` projection (keys `qkv.*`, `proj.*`),
 * scale `head_dim^-0.5` (or `qkScale`). Attention dropout is 0 in DINO/HIPT and not modelled.
 */
export class Attention extends Module {
  readonly qkv: Linear;
  readonly proj: Linear;
  readonly scale: number;

  constructor(readonly dim: number, readonly numHeads: number, qkvBias: boolean, qkScale: number | undefined, init: Init) {
    super();
    if (dim % numHeads !== 0) throw new Error(`Attention: dim ${dim} is not divisible by num_heads ${numHeads}`);
    this.scale = qkScale ?? (dim / numHeads) ** -0.5;
    this.qkv = this.child('qkv', new Linear(dim, dim * 3, { init, bias: qkvBias }));
    this.proj = this.child('proj', new Linear(dim, dim, { init }));
  }

  /** `[B, N, C]` → `[B, N, C]`, with the attention weights `[B, heads, N, N]`. */
  forwardWithAttention(x: tf.Tensor3D): { out: tf.Tensor3D; attn: tf.Tensor4D } {
    return tf.tidy(() => {
      const [B, N, C] = x.shape;
      const h = this.numHeads;
      const hd = C / h;
      const qkv = tf.transpose(tf.reshape(this.qkv.forward(x), [B, N, 3, h, hd]), [2, 0, 3, 1, 4]); // [3,B,h,N,hd]
      const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const { out, probs } = attention(q, k, v, { scale: this.scale }); // softmax((q·kᵀ)·scale)·v
      const ctx = tf.reshape(tf.transpose(out, [0, 2, 1, 3]), [B, N, C]);
      return { out: this.proj.forward(ctx) as tf.Tensor3D, attn: probs as tf.Tensor4D };
    });
  }

  /** `[B, N, C]` → `[B, N, C]`. */
  forward(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => this.forwardWithAttention(x).out);
  }
}
