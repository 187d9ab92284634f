import { tf } from '@weatherlearn/engine';
import type { BuildContext } from './module.js';
import type { Res3 } from './geometry.js';
import { Linear } from './nn/linear.js';
import { LayerNorm } from './nn/layerNorm.js';
import { zeroPad3d } from './pad.js';
import { permute } from './nn/ops.js';


/**
 * `DownSample`: halves latitude and longitude by merging 2×2 token patches —
 * zero-pad to twice the output grid, concatenate the 4 neighbours (4C), LayerNorm, Linear(4C→2C).
 */
export class DownSample {
  readonly linear: Linear;
  readonly norm: LayerNorm;
  private readonly pad: [number, number, number, number, number, number];

  constructor(ctx: BuildContext, key: string, readonly inDim: number, readonly inputResolution: Res3, readonly outputResolution: Res3, eps = 1e-5) {
    if (inputResolution[0] !== outputResolution[0]) throw new Error("DownSample: the dimension of pressure level shouldn't change");
    const [t, b] = splitPad(outputResolution[1] * 2 - inputResolution[1], 'latitude');
    const [l, r] = splitPad(outputResolution[2] * 2 - inputResolution[2], 'longitude');
    this.pad = [l, r, t, b, 0, 0];
    this.linear = new Linear(ctx, `${key}.linear`, 4 * inDim, 2 * inDim, false);
    this.norm = new LayerNorm(ctx, `${key}.norm`, 4 * inDim, eps);
  }

  /** @param x `(B, Pl·Lat·Lon, C)` → `(B, Pl·⌈Lat/2⌉·⌈Lon/2⌉, 2C)` */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const [B, , C] = x.shape;
    const [Pl, Lat, Lon] = this.inputResolution;
    const [, oLat, oLon] = this.outputResolution;
    const h = permute(zeroPad3d(tf.reshape(x, [B, Pl, Lat, Lon, C]) as tf.Tensor5D, this.pad),
      [B, Pl, oLat, 2, oLon, 2, C], [0, 1, 2, 4, 3, 5, 6], [B, Pl * oLat * oLon, 4 * C]);
    return this.linear.apply(this.norm.apply(h)) as tf.Tensor3D;
  }
}

function splitPad(total: number, what: string): [number, number] {
  if (total < 0) throw new Error(`DownSample/UpSample: output ${what} must be at least half the input`);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The down-sampled grid of a token grid: lat/lon halved, rounded up. */
export function downSampledResolution(res: Res3): Res3 {
  return [res[0], Math.ceil(res[1] / 2), Math.ceil(res[2] / 2)];
}

