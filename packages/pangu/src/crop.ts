// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/crop.py:crop2d, crop3d
import { tf } from '@weatherlearn/engine';
import { sliceAxis } from './ops/ops.js';

/** Centre crop amounts: the smaller half of the excess before, the rest after (as the original). */
function cut(size: number, target: number, what: string): [number, number] {
  if (target > size) throw new Error(`crop: ${what} ${size} is smaller than the target ${target}`);
  const before = Math.floor((size - target) / 2);
  return [before, target];
}

/**
 * `crop2d`: centre-crops the spatial axes of `x` to `resolution` (lat, lon).
 * `layout` says where they are: NCHW `(B, C, Lat, Lon)` or channels-last `(B, Lat, Lon, C)`.
 */
export function Crop2D(x: tf.Tensor4D, resolution: [number, number], layout: 'nchw' | 'nhwc' = 'nchw'): tf.Tensor4D {
  const ax = layout === 'nchw' ? 2 : 1;
  const [t, h] = cut(x.shape[ax]!, resolution[0], 'latitude');
  const [l, w] = cut(x.shape[ax + 1]!, resolution[1], 'longitude');
  if (h === x.shape[ax] && w === x.shape[ax + 1]) return x;
  const begin = [0, 0, 0, 0];
  const size = [...x.shape] as number[];
  begin[ax] = t; size[ax] = h; begin[ax + 1] = l; size[ax + 1] = w;
  return tf.slice(x, begin, size);
}

/**
 * `crop3d`: centre-crops the (Pl, Lat, Lon) axes of `x` to `resolution`. Channels-last
 * `(B, Pl, Lat, Lon, C)` or NCDHW `(B, C, Pl, Lat, Lon)`. Unlike the SuperDARN port it keeps the
 * data planes (front = ⌊pad/2⌋, matching the padding) and handles zero padding on any axis.
 */
export function Crop3D(x: tf.Tensor5D, resolution: [number, number, number], layout: 'ndhwc' | 'ncdhw' = 'ndhwc'): tf.Tensor5D {
  const ax = layout === 'ndhwc' ? 1 : 2;
  let y = x;
  for (let i = 0; i < 3; i++) {
    const [b, s] = cut(x.shape[ax + i]!, resolution[i]!, ['level', 'latitude', 'longitude'][i]!);
    y = sliceAxis(y, ax + i, b, s);
  }
  return y;
}

/** Lower-case aliases with the original function names. */
export { Crop2D as crop2d, Crop3D as crop3d };
