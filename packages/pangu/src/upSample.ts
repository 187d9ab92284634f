import { tf } from '@weatherlearn/engine';
import type { BuildContext } from './module.js';
import type { Res3 } from './geometry.js';
import { Linear } from './nn/linear.js';
import { LayerNorm } from './nn/layerNorm.js';
import { Crop3D } from './crop.js';
import { permute } from './nn/ops.js';


/**
 * `UpSample`: doubles latitude and longitude — Linear(C_in→4·C_out) split into 2×2 sub-tokens,
 * centre-crop to the output grid, LayerNorm, Linear(C_out→C_out).
 */
export class UpSample {
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm: LayerNorm;

  constructor(ctx: BuildContext, key: string, readonly inDim: number, readonly outDim: number, readonly inputResolution: Res3, readonly outputResolution: Res3, eps = 1e-5) {
    if (inputResolution[0] !== outputResolution[0]) throw new Error("UpSample: the dimension of pressure level shouldn't change");
    if (outputResolution[1] > 2 * inputResolution[1] || outputResolution[2] > 2 * inputResolution[2]) {
      throw new Error(`UpSample: output grid ${outputResolution} exceeds twice the input ${inputResolution}`);
    }
    this.linear1 = new Linear(ctx, `${key}.linear1`, inDim, outDim * 4, false);
    this.linear2 = new Linear(ctx, `${key}.linear2`, outDim, outDim, false);
    this.norm = new LayerNorm(ctx, `${key}.norm`, outDim, eps);
  }

  /** @param x `(B, Pl·Lat·Lon, C_in)` → `(B, Pl·outLat·outLon, C_out)` */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const B = x.shape[0];
    const [Pl, Lat, Lon] = this.inputResolution;
    const [, oLat, oLon] = this.outputResolution;
    const D = this.outDim;
    let h = permute(this.linear1.apply(x), [B, Pl, Lat, Lon, 2, 2, D], [0, 1, 2, 4, 3, 5, 6], [B, Pl, Lat * 2, Lon * 2, D]) as tf.Tensor5D;
    h = Crop3D(h, [Pl, oLat, oLon]);
    return this.linear2.apply(this.norm.apply(tf.reshape(h, [B, Pl * oLat * oLon, D]))) as tf.Tensor3D;
  }
}
