// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/patch_recovery.py:PatchRecovery2D
import { tf } from '@weatherlearn/engine';
import { Module, type Init } from '@weatherlearn/engine/nn';
import { Crop2D } from './crop.js';
import { permute } from './ops/ops.js';
import { ConvParams } from './patch-embed-2d.js';

/**
 * `PatchRecovery2D`: ConvTranspose2d with kernel = stride = patch, then a centre crop to the
 * image size — as one matMul and a reshape (tfjs-wasm's transposed convolutions are not used).
 * PyTorch keys and layouts `conv.weight` `(Cin, Cout, ph, pw)` and `conv.bias`, initialised as
 * torch's ConvTranspose2d (U(±1/√(Cout·ph·pw))).
 */
export class PatchRecovery2D extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(readonly imgSize: [number, number], readonly patchSize: [number, number], readonly inChans: number, readonly outChans: number, init: Init) {
    super();
    const bound = 1 / Math.sqrt(outChans * patchSize[0] * patchSize[1]);
    const conv = this.child('conv', new ConvParams([inChans, outChans, ...patchSize], outChans, bound, init));
    this.weight = conv.weight;
    this.bias = conv.bias;
  }

  /** @param x channels-last `(B, Lat_t, Lon_t, Cin)` → `(B, Cout, Lat, Lon)` */
  forward(x: tf.Tensor4D): tf.Tensor4D {
    const [B, Ht, Wt, Cin] = x.shape;
    if (Cin !== this.inChans) throw new Error(`PatchRecovery2D: ${Cin} input channels, expected ${this.inChans}`);
    const [ph, pw] = this.patchSize;
    const w = tf.reshape(this.weight, [Cin, this.outChans * ph * pw]) as tf.Tensor2D;
    const y = tf.reshape(tf.matMul(tf.reshape(x, [B * Ht * Wt, Cin]) as tf.Tensor2D, w), [B * Ht * Wt, this.outChans, ph * pw]);
    const out = permute(tf.add(y, tf.reshape(this.bias, [this.outChans, 1])), [B, Ht, Wt, this.outChans, ph, pw],
      [0, 3, 1, 4, 2, 5], [B, this.outChans, Ht * ph, Wt * pw]) as tf.Tensor4D;
    return Crop2D(out, this.imgSize, 'nchw');
  }
}
