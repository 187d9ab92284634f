import { tf } from '@weatherlearn/engine';
import type { BuildContext } from '../module.js';

/**
 * `x @ w` for 2-D tensors with an explicit-transpose gradient: dx = dy·transpose(w) and
 * dw = transpose(x)·dy. tfjs' own matMul gradient uses transposed-operand matMuls, which plain
 * tfjs-backend-wasm runs far slower than a transpose followed by a plain matMul; with the engine's
 * BatchMatMul fix both are equivalent (see {@link LINEAR_MODE} and bench/pangu.bench.ts).
 */
export const matMulT = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/**
 * Chooses the matMul gradient of {@link linear}: `custom` ({@link matMulT}) or tfjs' `builtin`.
 * Default `builtin`: with @weatherlearn/engine's BatchMatMul fix (transposed operands materialised)
 * the custom gradient was not faster in bench/pangu.bench.ts, so it stays opt-in.
 */
export const LINEAR_MODE: { grad: 'custom' | 'builtin' } = { grad: 'builtin' };

/** `y = x·W + b` on the last axis of any-rank `x`, with the {@link matMulT} gradient. */
export function linear(x: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor | null): tf.Tensor {
  const inF = w.shape[0];
  const outF = w.shape[1];
  const lead = x.shape.slice(0, -1);
  const x2 = tf.reshape(x, [-1, inF]) as tf.Tensor2D;
  let y: tf.Tensor = LINEAR_MODE.grad === 'custom' ? matMulT(x2, w) : tf.matMul(x2, w);
  if (b) y = tf.add(y, b);
  return tf.reshape(y, [...lead, outF]);
}

/**
 * `nn.Linear(inFeatures, outFeatures, bias)`: weight stored as `[in, out]` (PyTorch `[out, in]`),
 * initialised with truncated normal std 0.02 and zero bias as in Swin/Pangu `_init_weights`.
 */
export class Linear {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(ctx: BuildContext, key: string, readonly inFeatures: number, readonly outFeatures: number, bias = true) {
    this.weight = ctx.param(`${key}.weight`, [inFeatures, outFeatures], { kind: 'truncnormal', std: 0.02 }, 'linear', [outFeatures, inFeatures]);
    this.bias = bias ? ctx.param(`${key}.bias`, [outFeatures], { kind: 'zeros' }) : null;
  }

  /** Applies the layer to the last axis of `x`. */
  apply(x: tf.Tensor): tf.Tensor {
    return linear(x, this.weight as tf.Tensor2D, this.bias);
  }
}
