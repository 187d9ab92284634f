// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:EarthAttention3D
import { tf } from '@weatherlearn/engine';
import { Module, Linear, attention, dropout, type Init, type ForwardOptions } from '@weatherlearn/engine/nn';
import type { Res3 } from './geometry.js';
import { gatherRows } from './ops/gather-rows.js';
import { getEarthPositionIndex } from './earth-position-index.js';
import { permute } from './ops/ops.js';


/** Options of {@link EarthAttention3D}. */
export interface EarthAttention3DOptions {
  dim: number;
  /** Padded (Pl, Lat, Lon) token grid the windows tile. */
  inputResolution: Res3;
  windowSize: Res3;
  numHeads: number;
  qkvBias: boolean;
  /** null: head_dim^-0.5. */
  qkScale: number | null;
  attnDrop: number;
  projDrop: number;
}

/**
 * `EarthAttention3D`: multi-head self-attention inside 3-D windows plus the earth-specific
 * position bias. The bias table `(Wpl²·Wlat²·(2·Wlon−1), types, heads)` is one parameter shared by
 * all windows along a longitude band (`types` = windows along pl × lat); it is gathered by the
 * earth position index on every forward, so gradients reach the shared rows. The table is
 * `trunc_normal_(std=.02)` as in the original, whatever the Linear init scheme.
 */
export class EarthAttention3D extends Module {
  readonly earthPositionBiasTable: tf.Variable;
  readonly qkv: Linear;
  readonly proj: Linear;
  readonly typeOfWindows: number;
  readonly scale: number;
  private readonly index: tf.Tensor1D;
  private readonly index2d: tf.Tensor2D;

  constructor(readonly o: EarthAttention3DOptions, init: Init) {
    super();
    const [wp, wl, wo] = o.windowSize;
    const [P, Y] = o.inputResolution;
    this.typeOfWindows = (P / wp) * (Y / wl);
    this.scale = o.qkScale ?? (o.dim / o.numHeads) ** -0.5;
    const rows = wp * wp * wl * wl * (2 * wo - 1);
    this.earthPositionBiasTable = this.param('earth_position_bias_table', [rows, this.typeOfWindows, o.numHeads], init, { kind: 'trunc-normal', std: 0.02 });
    this.qkv = this.child('qkv', new Linear(o.dim, 3 * o.dim, { init, bias: o.qkvBias }));
    this.proj = this.child('proj', new Linear(o.dim, o.dim, { init }));
    const idx = getEarthPositionIndex(o.windowSize);
    this.index = init.meta ? (null as unknown as tf.Tensor1D) : tf.tensor1d(idx, 'int32');
    this.index2d = init.meta ? (null as unknown as tf.Tensor2D) : tf.tensor2d(idx, [idx.length, 1], 'int32');
  }

  /** The bias `(heads, types, N, N)` gathered from the table. */
  earthPositionBias(): tf.Tensor4D {
    const N = this.o.windowSize[0] * this.o.windowSize[1] * this.o.windowSize[2];
    const T = this.typeOfWindows;
    const H = this.o.numHeads;
    const table = tf.reshape(this.earthPositionBiasTable, [-1, T * H]) as tf.Tensor2D;
    return permute(gatherRows(table, this.index, this.index2d), [N, N, T, H], [3, 2, 0, 1]) as tf.Tensor4D;
  }

  /**
   * @param x windows `(B·nLon, types, N, C)`
   * @param mask `(nLon, types, N, N)` additive mask of a shifted block, or null
   */
  forward(x: tf.Tensor4D, mask: tf.Tensor4D | null, options: ForwardOptions = {}): tf.Tensor4D {
    // tidy frees the scores and biased scores early; the tape keeps only what the gradients need
    return tf.tidy(() => this.attend(x, mask, options));
  }

  private attend(x: tf.Tensor4D, mask: tf.Tensor4D | null, options: ForwardOptions): tf.Tensor4D {
    const [M, T, N, C] = x.shape;
    const H = this.o.numHeads;
    const d = C / H;
    if (T !== this.typeOfWindows) throw new Error(`EarthAttention3D: got ${T} window types, built for ${this.typeOfWindows}`);
    const qkv = permute(this.qkv.forward(x), [M, T, N, 3, H, d], [3, 0, 4, 1, 2, 5]);
    // q, k, v: (M, H, T, N, d); with a shift mask (B, nLon, H, T, N, d) so that the mask
    // (nLon, 1, T, N, N) broadcasts like the bias (H, T, N, N) — the engine's one attention core
    const nLon = mask ? mask.shape[0] : 1;
    const lead = mask ? [M / nLon, nLon, H, T] : [M, H, T];
    const [q, k, v] = tf.unstack(qkv, 0).map((t) => tf.reshape(t, [...lead, N, d])) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const a = attention(q, k, v, {
      scale: this.scale, scaleQ: true, bias: this.earthPositionBias(),
      mask: mask ? tf.reshape(mask, [nLon, 1, T, N, N]) : null,
      dropout: (p) => dropout(p, this.o.attnDrop, options, `${this.label()} attn_drop`),
    });
    const attnOut = tf.reshape(a.out, [M, H, T, N, d]);
    const out = permute(attnOut, [M, H, T, N, d], [0, 2, 3, 1, 4], [M, T, N, C]);
    return dropout(this.proj.forward(out), this.o.projDrop, options, `${this.label()} proj_drop`) as tf.Tensor4D;
  }

  /** Frees the variables and the constant index tensors. */
  override dispose(): void {
    super.dispose();
    this.index?.dispose();
    this.index2d?.dispose();
  }
}
