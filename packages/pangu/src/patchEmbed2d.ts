import { tf } from '@weatherlearn/engine';
import type { BuildContext } from './module.js';
import { padFor } from './geometry.js';
import { linear } from './nn/linear.js';
import { permute } from './nn/ops.js';


/**
 * `PatchEmbed2D`: zero-pad the (Lat, Lon) grid to a multiple of the patch (smaller half first),
 * then a Conv2d with kernel = stride = patch. Written as reshape + matMul (no conv kernel, so
 * gradients work on every backend). PyTorch keys `proj.weight` `(E, C, ph, pw)` and `proj.bias`.
 */
export class PatchEmbed2D {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  /** (left, right, top, bottom). */
  readonly padding: [number, number, number, number];

  constructor(ctx: BuildContext, key: string, readonly imgSize: [number, number], readonly patchSize: [number, number], readonly inChans: number, readonly embedDim: number) {
    const [t, b] = padFor(imgSize[0], patchSize[0]);
    const [l, r] = padFor(imgSize[1], patchSize[1]);
    this.padding = [l, r, t, b];
    const K = inChans * patchSize[0] * patchSize[1];
    const bound = 1 / Math.sqrt(K);
    this.weight = ctx.param(`${key}.proj.weight`, [K, embedDim], { kind: 'uniform', bound }, 'patch-embed', [embedDim, inChans, ...patchSize]);
    this.bias = ctx.param(`${key}.proj.bias`, [embedDim], { kind: 'uniform', bound });
  }

  /** @param x `(B, C, Lat, Lon)` → channels-last tokens `(B, Lat_t, Lon_t, E)` */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    const [B, C, H, W] = x.shape;
    if (C !== this.inChans || H !== this.imgSize[0] || W !== this.imgSize[1]) {
      throw new Error(`PatchEmbed2D: input (${B}, ${C}, ${H}, ${W}) does not match the model (B, ${this.inChans}, ${this.imgSize[0]}, ${this.imgSize[1]})`);
    }
    const [l, r, t, b] = this.padding;
    const [ph, pw] = this.patchSize;
    const Ht = (H + t + b) / ph, Wt = (W + l + r) / pw;
    const xp = tf.pad(x, [[0, 0], [0, 0], [t, b], [l, r]]);
    const cols = permute(xp, [B, C, Ht, ph, Wt, pw], [0, 2, 4, 1, 3, 5], [B * Ht * Wt, C * ph * pw]);
    return tf.reshape(linear(cols, this.weight as tf.Tensor2D, this.bias), [B, Ht, Wt, this.embedDim]) as tf.Tensor4D;
  }
}
