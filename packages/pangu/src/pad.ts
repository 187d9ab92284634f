import { tf } from '@weatherlearn/engine';
import type { Pad3 } from './geometry.js';
import { concatAxis, sliceAxis } from './ops/ops.js';

/**
 * `nn.ZeroPad3d` on a channels-last `(B, Pl, Lat, Lon, C)` tensor with a padding in the
 * original's order (left, right, top, bottom, front, back).
 */
export function zeroPad3d(x: tf.Tensor5D, pad: Pad3): tf.Tensor5D {
  if (pad.every((p) => p === 0)) return x;
  const [l, r, t, b, f, k] = pad;
  return tf.pad(x, [[0, 0], [f, k], [t, b], [l, r], [0, 0]]);
}

/**
 * `torch.roll` of a tensor along several axes (elements shifted by `shifts[i]`, wrapping around),
 * written with slice + concat so that it has gradients on every backend.
 */
export function roll<T extends tf.Tensor>(x: T, shifts: number[], axes: number[]): T {
  let y: tf.Tensor = x;
  axes.forEach((axis, i) => {
    const n = y.shape[axis]!;
    const s = ((shifts[i]! % n) + n) % n;
    if (s === 0) return;
    y = concatAxis([sliceAxis(y, axis, n - s, s), sliceAxis(y, axis, 0, n - s)], axis);
  });
  return y as T;
}
