import { tf } from '@weatherlearn/engine';
import type { BuildContext } from './module.js';
import { linear } from './nn/linear.js';
import { Crop3D } from './crop.js';
import { permute } from './nn/ops.js';


/**
 * `PatchRecovery3D`: ConvTranspose3d with kernel = stride = patch, then a centre crop to the
 * (Pl, Lat, Lon) image — as one matMul and a reshape. PyTorch keys `conv.weight`
 * `(Cin, Cout, pp, ph, pw)` and `conv.bias`.
 */
export class PatchRecovery3D {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(ctx: BuildContext, key: string, readonly imgSize: [number, number, number], readonly patchSize: [number, number, number], readonly inChans: number, readonly outChans: number) {
    const K = patchSize[0] * patchSize[1] * patchSize[2];
    const bound = 1 / Math.sqrt(outChans * K);
    this.weight = ctx.param(`${key}.conv.weight`, [inChans, outChans * K], { kind: 'uniform', bound }, 'conv-transpose', [inChans, outChans, ...patchSize]);
    this.bias = ctx.param(`${key}.conv.bias`, [outChans], { kind: 'uniform', bound });
  }

  /** @param x channels-last `(B, Pl_t, Lat_t, Lon_t, Cin)` → `(B, Cout, Pl, Lat, Lon)` */
  apply(x: tf.Tensor5D): tf.Tensor5D {
    const [B, Lt, Ht, Wt, Cin] = x.shape;
    if (Cin !== this.inChans) throw new Error(`PatchRecovery3D: ${Cin} input channels, expected ${this.inChans}`);
    const [pp, ph, pw] = this.patchSize;
    const n = B * Lt * Ht * Wt;
    const y = tf.reshape(linear(tf.reshape(x, [n, Cin]), this.weight as tf.Tensor2D, null), [n, this.outChans, pp * ph * pw]);
    const out = permute(tf.add(y, tf.reshape(this.bias, [this.outChans, 1])), [B, Lt, Ht, Wt, this.outChans, pp, ph, pw],
      [0, 4, 1, 5, 2, 6, 3, 7], [B, this.outChans, Lt * pp, Ht * ph, Wt * pw]) as tf.Tensor5D;
    return Crop3D(out, this.imgSize, 'ncdhw');
  }
}
