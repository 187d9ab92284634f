// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/patch_embed.py:PatchEmbed2D
import { tf } from '@weatherlearn/engine';
import { Module, linear, type Init } from '@weatherlearn/engine/nn';
import { padFor } from './geometry.js';
import { permute } from './ops/ops.js';

/**
 * `PatchEmbed2D`: zero-pad the (Lat, Lon) grid to a multiple of the patch (smaller half first),
 * then a Conv2d with kernel = stride = patch. Written as reshape + matMul (no conv kernel, so
 * gradients work on every backend). PyTorch keys and layouts `proj.weight` `(E, C, ph, pw)` and
 * `proj.bias`, initialised as torch's Conv2d (U(±1/√(C·ph·pw)) for both).
 */
export class PatchEmbed2D extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  /** (left, right, top, bottom). */
  readonly padding: [number, number, number, number];

  constructor(readonly imgSize: [number, number], readonly patchSize: [number, number], readonly inChans: number, readonly embedDim: number, init: Init) {
    super();
    const [t, b] = padFor(imgSize[0], patchSize[0]);
    const [l, r] = padFor(imgSize[1], patchSize[1]);
    this.padding = [l, r, t, b];
    const bound = 1 / Math.sqrt(inChans * patchSize[0] * patchSize[1]);
    const proj = this.child('proj', new ConvParams([embedDim, inChans, ...patchSize], embedDim, bound, init));
    this.weight = proj.weight;
    this.bias = proj.bias;
  }

  /** @param x `(B, C, Lat, Lon)` → channels-last tokens `(B, Lat_t, Lon_t, E)` */
  forward(x: tf.Tensor4D): tf.Tensor4D {
    const [B, C, H, W] = x.shape;
    if (C !== this.inChans || H !== this.imgSize[0] || W !== this.imgSize[1]) {
      throw new Error(`PatchEmbed2D: input (${B}, ${C}, ${H}, ${W}) does not match the model (B, ${this.inChans}, ${this.imgSize[0]}, ${this.imgSize[1]})`);
    }
    const [l, r, t, b] = this.padding;
    const [ph, pw] = this.patchSize;
    const Ht = (H + t + b) / ph, Wt = (W + l + r) / pw;
    const xp = tf.pad(x, [[0, 0], [0, 0], [t, b], [l, r]]);
    const cols = permute(xp, [B, C, Ht, ph, Wt, pw], [0, 2, 4, 1, 3, 5], [B * Ht * Wt, C * ph * pw]);
    const w = tf.reshape(this.weight, [this.embedDim, C * ph * pw]) as tf.Tensor2D;
    return tf.reshape(linear(cols, w, this.bias), [B, Ht, Wt, this.embedDim]) as tf.Tensor4D;
  }
}

/**
 * The `weight`/`bias` of a convolution (`proj` of the patch embeddings, `conv` of the patch
 * recoveries) in PyTorch layout, both U(±bound) as torch's `_ConvNd.reset_parameters`.
 */
export class ConvParams extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(weightShape: number[], biasSize: number, bound: number, init: Init) {
    super();
    this.weight = this.param('weight', weightShape, init, { kind: 'uniform', bound });
    this.bias = this.param('bias', [biasSize], init, { kind: 'uniform', bound });
  }
}
