import { tf } from '@weatherlearn/engine';
import { Rng } from './rng.js';

/** `trunc_normal_(std)` with absolute bounds [-2, 2], as DINO's `_init_weights` calls it. */
export function truncNormal(shape: number[], std: number, rng: Rng): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.truncNormal(std);
  return tf.tensor(data, shape, 'float32');
}

/** A float32 tensor filled with `value`. */
export function filled(shape: number[], value: number): tf.Tensor {
  return tf.fill(shape, value, 'float32');
}
