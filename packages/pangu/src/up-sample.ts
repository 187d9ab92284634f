// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:UpSample
import { tf } from '@weatherlearn/engine';
import { Module, Linear, LayerNorm, type Init } from '@weatherlearn/engine/nn';
import type { Res3 } from './geometry.js';
import { Crop3D } from './crop.js';
import { permute } from './ops/ops.js';


/**
 * `UpSample`: doubles latitude and longitude — Linear(C_in→4·C_out) split into 2×2 sub-tokens,
 * centre-crop to the output grid, LayerNorm, Linear(C_out→C_out).
 */
export class UpSample extends Module {
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm: LayerNorm;

  constructor(readonly inDim: number, readonly outDim: number, readonly inputResolution: Res3, readonly outputResolution: Res3, init: Init, eps = 1e-5) {
    super();
    if (inputResolution[0] !== outputResolution[0]) throw new Error("UpSample: the dimension of pressure level shouldn't change");
    if (outputResolution[1] > 2 * inputResolution[1] || outputResolution[2] > 2 * inputResolution[2]) {
      throw new Error(`UpSample: output grid ${outputResolution} exceeds twice the input ${inputResolution}`);
    }
    this.linear1 = this.child('linear1', new Linear(inDim, outDim * 4, { init, bias: false }));
    this.linear2 = this.child('linear2', new Linear(outDim, outDim, { init, bias: false }));
    this.norm = this.child('norm', new LayerNorm(outDim, { eps, init }));
  }

  /** @param x `(B, Pl·Lat·Lon, C_in)` → `(B, Pl·outLat·outLon, C_out)` */
  forward(x: tf.Tensor3D): tf.Tensor3D {
    const B = x.shape[0];
    const [Pl, Lat, Lon] = this.inputResolution;
    const [, oLat, oLon] = this.outputResolution;
    const D = this.outDim;
    let h = permute(this.linear1.forward(x), [B, Pl, Lat, Lon, 2, 2, D], [0, 1, 2, 4, 3, 5, 6], [B, Pl, Lat * 2, Lon * 2, D]) as tf.Tensor5D;
    h = Crop3D(h, [Pl, oLat, oLon]);
    return this.linear2.forward(this.norm.forward(tf.reshape(h, [B, Pl * oLat * oLon, D]))) as tf.Tensor3D;
  }
}
