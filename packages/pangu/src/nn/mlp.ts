import { tf } from '@weatherlearn/engine';
import type { BuildContext } from '../module.js';
import { Linear } from './linear.js';
import { dropout } from './dropPath.js';

/** Exact GELU, 0.5·x·(1 + erf(x/√2)) — PyTorch `nn.GELU()` default. */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));
}

/** `Mlp`: Linear(C→hidden) · GELU · Dropout · Linear(hidden→C) · Dropout. Keys `fc1`, `fc2`. */
export class Mlp {
  readonly fc1: Linear;
  readonly fc2: Linear;

  constructor(ctx: BuildContext, key: string, inFeatures: number, hiddenFeatures: number, readonly drop = 0) {
    this.fc1 = new Linear(ctx, `${key}.fc1`, inFeatures, hiddenFeatures);
    this.fc2 = new Linear(ctx, `${key}.fc2`, hiddenFeatures, inFeatures);
  }

  /** Applies the MLP to the last axis; dropout only when `training`. */
  apply(x: tf.Tensor, training = false): tf.Tensor {
    const h = dropout(gelu(this.fc1.apply(x)), this.drop, training);
    return dropout(this.fc2.apply(h), this.drop, training);
  }
}
