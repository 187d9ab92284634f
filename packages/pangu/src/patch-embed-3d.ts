// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/patch_embed.py:PatchEmbed3D
import { tf } from '@weatherlearn/engine';
import { Module, linear, type Init } from '@weatherlearn/engine/nn';
import { padFor } from './geometry.js';
import { permute } from './ops/ops.js';
import { ConvParams } from './patch-embed-2d.js';

/**
 * `PatchEmbed3D`: zero-pad (Pl, Lat, Lon) to multiples of the patch, then a Conv3d with
 * kernel = stride = patch, as reshape + matMul. The latitude padding uses the latitude patch size
 * (the original computes the remainder with the level patch size, `H % 2`, so e.g. H = 26 gets no
 * padding and a token grid that no longer matches the surface's). PyTorch keys and layouts
 * `proj.weight` `(E, C, pp, ph, pw)` and `proj.bias`.
 */
export class PatchEmbed3D extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  /** (left, right, top, bottom, front, back). */
  readonly padding: [number, number, number, number, number, number];

  constructor(readonly imgSize: [number, number, number], readonly patchSize: [number, number, number], readonly inChans: number, readonly embedDim: number, init: Init) {
    super();
    const [f, k] = padFor(imgSize[0], patchSize[0]);
    const [t, b] = padFor(imgSize[1], patchSize[1]);
    const [l, r] = padFor(imgSize[2], patchSize[2]);
    this.padding = [l, r, t, b, f, k];
    const bound = 1 / Math.sqrt(inChans * patchSize[0] * patchSize[1] * patchSize[2]);
    const proj = this.child('proj', new ConvParams([embedDim, inChans, ...patchSize], embedDim, bound, init));
    this.weight = proj.weight;
    this.bias = proj.bias;
  }

  /** @param x `(B, C, Pl, Lat, Lon)` → channels-last tokens `(B, Pl_t, Lat_t, Lon_t, E)` */
  forward(x: tf.Tensor5D): tf.Tensor5D {
    const [B, C, L, H, W] = x.shape;
    const [iL, iH, iW] = this.imgSize;
    if (C !== this.inChans || L !== iL || H !== iH || W !== iW) {
      throw new Error(`PatchEmbed3D: input (${B}, ${C}, ${L}, ${H}, ${W}) does not match the model (B, ${this.inChans}, ${iL}, ${iH}, ${iW})`);
    }
    const [l, r, t, b, f, k] = this.padding;
    const [pp, ph, pw] = this.patchSize;
    const Lt = (L + f + k) / pp, Ht = (H + t + b) / ph, Wt = (W + l + r) / pw;
    const xp = tf.pad(x, [[0, 0], [0, 0], [f, k], [t, b], [l, r]]);
    const K = C * pp * ph * pw;
    const cols = permute(xp, [B, C, Lt, pp, Ht, ph, Wt, pw], [0, 2, 4, 6, 1, 3, 5, 7], [B * Lt * Ht * Wt, K]);
    const w = tf.reshape(this.weight, [this.embedDim, K]) as tf.Tensor2D;
    return tf.reshape(linear(cols, w, this.bias), [B, Lt, Ht, Wt, this.embedDim]) as tf.Tensor5D;
  }
}
