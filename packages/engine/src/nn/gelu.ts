import { tf } from '../tf.js';
import { Module } from './module.js';

/** Exact GELU, `x·Φ(x) = 0.5·x·(1 + erf(x/√2))` — PyTorch `nn.GELU()` (approximate='none'). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));
}

/** `nn.GELU()` as a module (no parameters). */
export class GELU extends Module {
  /** Applies {@link gelu}. */
  forward(x: tf.Tensor): tf.Tensor {
    return gelu(x);
  }
}
