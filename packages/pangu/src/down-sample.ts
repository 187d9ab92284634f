// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:DownSample
import { tf } from '@weatherlearn/engine';
import { Module, Linear, LayerNorm, type Init } from '@weatherlearn/engine/nn';
import type { Res3 } from './geometry.js';
import { zeroPad3d } from './pad.js';
import { permute } from './ops/ops.js';


/**
 * `DownSample`: merges 2×2 token patches — zero-pad to twice the output grid, concatenate the 4
 * neighbours (4C), LayerNorm, Linear(4C→2C). The output grid is half the input (rounded up) as
 * upstream, or any size from that up to the input (the SuperDARN seed's `grid // 6`).
 */
export class DownSample extends Module {
  readonly linear: Linear;
  readonly norm: LayerNorm;
  private readonly pad: [number, number, number, number, number, number];

  constructor(readonly inDim: number, readonly inputResolution: Res3, readonly outputResolution: Res3, init: Init, eps = 1e-5) {
    super();
    if (inputResolution[0] !== outputResolution[0]) throw new Error("DownSample: the dimension of pressure level shouldn't change");
    const [t, b] = splitPad(outputResolution[1] * 2 - inputResolution[1], 'latitude');
    const [l, r] = splitPad(outputResolution[2] * 2 - inputResolution[2], 'longitude');
    this.pad = [l, r, t, b, 0, 0];
    this.linear = this.child('linear', new Linear(4 * inDim, 2 * inDim, { init, bias: false }));
    this.norm = this.child('norm', new LayerNorm(4 * inDim, { eps, init }));
  }

  /** @param x `(B, Pl·Lat·Lon, C)` → `(B, Pl·⌈Lat/2⌉·⌈Lon/2⌉, 2C)` */
  forward(x: tf.Tensor3D): tf.Tensor3D {
    const [B, , C] = x.shape;
    const [Pl, Lat, Lon] = this.inputResolution;
    const [, oLat, oLon] = this.outputResolution;
    const h = permute(zeroPad3d(tf.reshape(x, [B, Pl, Lat, Lon, C]) as tf.Tensor5D, this.pad),
      [B, Pl, oLat, 2, oLon, 2, C], [0, 1, 2, 4, 3, 5, 6], [B, Pl * oLat * oLon, 4 * C]);
    return this.linear.forward(this.norm.forward(h)) as tf.Tensor3D;
  }
}

function splitPad(total: number, what: string): [number, number] {
  if (total < 0) throw new Error(`DownSample: output ${what} must be at least half the input`);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The down-sampled grid of a token grid: lat/lon halved, rounded up. */
export function downSampledResolution(res: Res3): Res3 {
  return [res[0], Math.ceil(res[1] / 2), Math.ceil(res[2] / 2)];
}

