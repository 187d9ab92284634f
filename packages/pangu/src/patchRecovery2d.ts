import { tf } from '@weatherlearn/engine';
import type { BuildContext } from './module.js';
import { linear } from './nn/linear.js';
import { Crop2D } from './crop.js';
import { permute } from './nn/ops.js';


/**
 * `PatchRecovery2D`: ConvTranspose2d with kernel = stride = patch, then a centre crop to the
 * image size — as one matMul and a reshape (tfjs-wasm's transposed convolutions are not used).
 * PyTorch keys `conv.weight` `(Cin, Cout, ph, pw)` and `conv.bias`.
 */
export class PatchRecovery2D {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(ctx: BuildContext, key: string, readonly imgSize: [number, number], readonly patchSize: [number, number], readonly inChans: number, readonly outChans: number) {
    const K = patchSize[0] * patchSize[1];
    const bound = 1 / Math.sqrt(outChans * K);
    this.weight = ctx.param(`${key}.conv.weight`, [inChans, outChans * K], { kind: 'uniform', bound }, 'conv-transpose', [inChans, outChans, ...patchSize]);
    this.bias = ctx.param(`${key}.conv.bias`, [outChans], { kind: 'uniform', bound });
  }

  /** @param x channels-last `(B, Lat_t, Lon_t, Cin)` → `(B, Cout, Lat, Lon)` */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    const [B, Ht, Wt, Cin] = x.shape;
    if (Cin !== this.inChans) throw new Error(`PatchRecovery2D: ${Cin} input channels, expected ${this.inChans}`);
    const [ph, pw] = this.patchSize;
    const y = tf.reshape(linear(tf.reshape(x, [B * Ht * Wt, Cin]), this.weight as tf.Tensor2D, null), [B * Ht * Wt, this.outChans, ph * pw]);
    const out = permute(tf.add(y, tf.reshape(this.bias, [this.outChans, 1])), [B, Ht, Wt, this.outChans, ph, pw],
      [0, 3, 1, 4, 2, 5], [B, this.outChans, Ht * ph, Wt * pw]) as tf.Tensor4D;
    return Crop2D(out, this.imgSize, 'nchw');
  }
}
