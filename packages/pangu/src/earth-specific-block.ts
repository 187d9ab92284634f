// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:EarthSpecificBlock
import { tf } from '@weatherlearn/engine';
import { Module, LayerNorm, DropPath, dropPathMask, stochasticRng, type Init, type ForwardOptions } from '@weatherlearn/engine/nn';
import { getPad3d, padded, type Pad3, type Res3 } from './geometry.js';
import { Mlp } from './mlp.js';
import { EarthAttention3D } from './earth-attention-3d.js';
import { WindowPartition, WindowReverse } from './window.js';
import { getShiftWindowMask } from './shift-window-mask.js';
import { roll, zeroPad3d } from './pad.js';
import { Crop3D } from './crop.js';

/** Options of {@link EarthSpecificBlock}. */
export interface EarthSpecificBlockOptions {
  dim: number;
  /** Unpadded (Pl, Lat, Lon) token grid. */
  inputResolution: Res3;
  numHeads: number;
  windowSize: Res3;
  /** (0,0,0) for a plain block; all three non-zero for a shifted block. */
  shiftSize: Res3;
  mlpRatio: number;
  qkvBias: boolean;
  qkScale: number | null;
  drop: number;
  attnDrop: number;
  dropPath: number;
  layerNormEps: number;
}

/**
 * `EarthSpecificBlock`: a pre-norm Swin block on the 3-D token grid.
 * `x + DropPath(Crop(Reverse(Attn(Partition(Roll(Pad(LN1(x))))))))`, then `x + DropPath(MLP(LN2(x)))`.
 * DropPath is sampled per call from the forward options' `rng` (identity in evaluation). Shifted
 * blocks really roll by −shift before the attention and by +shift after it, and apply the −100
 * mask so that tokens from different regions of the rolled grid do not attend each other.
 */
export class EarthSpecificBlock extends Module {
  readonly norm1: LayerNorm;
  readonly attn: EarthAttention3D;
  readonly norm2: LayerNorm;
  readonly mlp: Mlp;
  /** The stochastic-depth rate of both residual branches (`drop_path.p`). */
  readonly drop_path: DropPath;
  readonly pad: Pad3;
  readonly padResolution: Res3;
  /** True for shifted blocks (all shifts non-zero, as the original decides). */
  readonly roll: boolean;
  /** `(nLon, types, N, N)` mask of a shifted block. */
  readonly attnMask: tf.Tensor4D | null = null;

  constructor(readonly o: EarthSpecificBlockOptions, init: Init) {
    super();
    this.norm1 = this.child('norm1', new LayerNorm(o.dim, { eps: o.layerNormEps, init }));
    this.pad = getPad3d(o.inputResolution, o.windowSize);
    this.padResolution = padded(o.inputResolution, this.pad);
    this.attn = this.child('attn', new EarthAttention3D({
      dim: o.dim, inputResolution: this.padResolution, windowSize: o.windowSize, numHeads: o.numHeads,
      qkvBias: o.qkvBias, qkScale: o.qkScale, attnDrop: o.attnDrop, projDrop: o.drop,
    }, init));
    this.drop_path = this.child('drop_path', new DropPath(o.dropPath));
    this.norm2 = this.child('norm2', new LayerNorm(o.dim, { eps: o.layerNormEps, init }));
    this.mlp = this.child('mlp', new Mlp(o.dim, Math.floor(o.dim * o.mlpRatio), init, o.drop));
    this.roll = o.shiftSize.every((s) => s !== 0);
    if (this.roll && !init.meta) {
      const [P, Y, X] = this.padResolution;
      const [wp, wl, wo] = o.windowSize;
      const N = wp * wl * wo;
      const mask = getShiftWindowMask(this.padResolution, o.windowSize, o.shiftSize);
      this.attnMask = tf.tensor4d(mask, [X / wo, (P / wp) * (Y / wl), N, N]);
    }
  }

  /**
   * @param x tokens `(B, Pl·Lat·Lon, C)`
   * @param options `training` (default false) with the `rng` DropPath/Dropout draw from, and
   *   `checkpoint`: in training, keep only the block input for the backward pass and recompute the
   *   block there (activation checkpointing: far less memory, one extra forward per block).
   */
  forward(x: tf.Tensor3D, options: ForwardOptions & { checkpoint?: boolean } = {}): tf.Tensor3D {
    const training = options.training ?? false;
    const fwd: ForwardOptions = { training, rng: options.rng };
    const rate = this.drop_path.p;
    const rng = stochasticRng(training, rate, options.rng, this.label());
    const B = x.shape[0];
    // both branch masks are drawn up front, so a checkpointed recomputation reuses them
    const keep = rng ? [0, 1].map(() => tf.tensor(dropPathMask(B, rate, rng), [B, 1, 1], 'float32')) : null;
    // Dropout masks would differ in the recomputation, so blocks with dropout are not checkpointed.
    if (!training || !options.checkpoint || this.o.drop > 0 || this.o.attnDrop > 0) {
      const y = tf.tidy(() => this.compute(x, fwd, keep));
      keep?.forEach((k) => k.dispose());
      return y;
    }
    const vars = this.namedParameters().map((p) => p.variable);
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args[args.length - 1] as tf.GradSaveFunc;
      const xin = args[0] as tf.Tensor3D;
      save(keep ? [xin, ...keep] : [xin]); // the DropPath masks are reused by the recomputation
      return {
        value: tf.tidy(() => this.compute(xin, fwd, keep)),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const k = keep ? saved.slice(1) : null;
          // A nested tape: tfjs' engine resets `activeTape` when a gradient computation ends, which
          // the enclosing backward pass still needs afterwards, so it is restored.
          const state = (tf.engine() as unknown as { state: { activeTape: unknown } }).state;
          const tape = state.activeTape;
          try {
            return tf.grads((xx: tf.Tensor) => this.compute(xx as tf.Tensor3D, fwd, k))([saved[0]!, ...vars], dy);
          } finally {
            state.activeTape = tape;
          }
        },
      };
    }) as (...t: tf.Tensor[]) => tf.Tensor3D;
    const y = op(x, ...vars);
    keep?.forEach((k) => k.dispose());
    return y;
  }

  private compute(x: tf.Tensor3D, options: ForwardOptions, keep: tf.Tensor[] | null): tf.Tensor3D {
    const [Pl, Lat, Lon] = this.o.inputResolution;
    const [B, L, C] = x.shape;
    if (L !== Pl * Lat * Lon) throw new Error(`EarthSpecificBlock: ${L} tokens, expected ${Pl}·${Lat}·${Lon} = ${Pl * Lat * Lon}`);
    const [wp, wl, wo] = this.o.windowSize;
    const [P, Y, X] = this.padResolution;
    const s = this.o.shiftSize;
    let h = zeroPad3d(tf.reshape(this.norm1.forward(x), [B, Pl, Lat, Lon, C]) as tf.Tensor5D, this.pad);
    if (this.roll) h = roll(h, [-s[0], -s[1], -s[2]], [1, 2, 3]);
    const windows = WindowPartition(h, this.o.windowSize);
    const attn = this.attn.forward(tf.reshape(windows, [windows.shape[0]!, windows.shape[1]!, wp * wl * wo, C]) as tf.Tensor4D, this.attnMask, options);
    h = WindowReverse(tf.reshape(attn, [attn.shape[0], attn.shape[1], wp, wl, wo, C]), this.o.windowSize, P, Y, X);
    if (this.roll) h = roll(h, [s[0], s[1], s[2]], [1, 2, 3]);
    h = Crop3D(h, this.o.inputResolution);
    const branch = (t: tf.Tensor, i: number) => (keep ? tf.mul(t, keep[i]!) : t);
    let y = tf.add(x, branch(tf.reshape(h, [B, L, C]), 0));
    y = tf.add(y, branch(this.mlp.forward(this.norm2.forward(y), options), 1));
    return y as tf.Tensor3D;
  }

  /** Frees the variables and the constant mask and index tensors. */
  override dispose(): void {
    super.dispose();
    this.attnMask?.dispose();
  }
}
