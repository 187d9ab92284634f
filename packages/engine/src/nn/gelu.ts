import { tf } from '../tf.js';
import { Module } from './module.js';
import { gelu } from '../fused/ops.js';

export { gelu, geluComposite } from '../fused/ops.js';

/** `nn.GELU()` as a module (no parameters). */
export class GELU extends Module {
  /** Applies {@link gelu}. */
  forward(x: tf.Tensor): tf.Tensor {
    return gelu(x);
  }
}
