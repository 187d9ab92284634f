// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/patch_recovery.py:PatchRecovery3D
import { tf } from '@weatherlearn/engine';
import { Module, type Init } from '@weatherlearn/engine/nn';
import { Crop3D } from './crop.js';
import { permute } from './ops/ops.js';
import { ConvParams } from './patch-embed-2d.js';

/**
 * `PatchRecovery3D`: ConvTranspose3d with kernel = stride = patch, then a centre crop to the
 * (Pl, Lat, Lon) image — as one matMul and a reshape. PyTorch keys and layouts `conv.weight`
 * `(Cin, Cout, pp, ph, pw)` and `conv.bias`.
 */
export class PatchRecovery3D extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(readonly imgSize: [number, number, number], readonly patchSize: [number, number, number], readonly inChans: number, readonly outChans: number, init: Init) {
    super();
    const bound = 1 / Math.sqrt(outChans * patchSize[0] * patchSize[1] * patchSize[2]);
    const conv = this.child('conv', new ConvParams([inChans, outChans, ...patchSize], outChans, bound, init));
    this.weight = conv.weight;
    this.bias = conv.bias;
  }

  /** @param x channels-last `(B, Pl_t, Lat_t, Lon_t, Cin)` → `(B, Cout, Pl, Lat, Lon)` */
  forward(x: tf.Tensor5D): tf.Tensor5D {
    const [B, Lt, Ht, Wt, Cin] = x.shape;
    if (Cin !== this.inChans) throw new Error(`PatchRecovery3D: ${Cin} input channels, expected ${this.inChans}`);
    const [pp, ph, pw] = this.patchSize;
    const n = B * Lt * Ht * Wt;
    const w = tf.reshape(this.weight, [Cin, this.outChans * pp * ph * pw]) as tf.Tensor2D;
    const y = tf.reshape(tf.matMul(tf.reshape(x, [n, Cin]) as tf.Tensor2D, w), [n, this.outChans, pp * ph * pw]);
    const out = permute(tf.add(y, tf.reshape(this.bias, [this.outChans, 1])), [B, Lt, Ht, Wt, this.outChans, pp, ph, pw],
      [0, 4, 1, 5, 2, 6, 3, 7], [B, this.outChans, Lt * pp, Ht * ph, Wt * pw]) as tf.Tensor5D;
    return Crop3D(out, this.imgSize, 'ncdhw');
  }
}
