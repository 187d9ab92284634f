// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/shift_window_mask.py:window_partition, window_reverse
import { tf } from '@weatherlearn/engine';
import type { Res3 } from './geometry.js';
import { permute } from './ops/ops.js';


function check(shape: number[], window: Res3): void {
  for (let i = 0; i < 3; i++) {
    if (shape[i + 1]! % window[i]! !== 0) {
      throw new Error(`window partition: axis ${['Pl', 'Lat', 'Lon'][i]} of size ${shape[i + 1]} is not a multiple of the window ${window[i]} (pad first)`);
    }
  }
}

/**
 * `window_partition`: `(B, Pl, Lat, Lon, C)` → `(B·nLon, nPl·nLat, Wpl, Wlat, Wlon, C)`.
 * Longitude windows go to the batch axis, so a window's type (its pl/lat position) is axis 1 —
 * the earth-specific bias depends on it, windows along a latitude band share it.
 */
export function WindowPartition(x: tf.Tensor5D, window: Res3): tf.Tensor {
  const [B, Pl, Lat, Lon, C] = x.shape;
  check(x.shape, window);
  const [wp, wl, wo] = window;
  return permute(x, [B, Pl / wp, wp, Lat / wl, wl, Lon / wo, wo, C], [0, 5, 1, 3, 2, 4, 6, 7],
    [B * (Lon / wo), (Pl / wp) * (Lat / wl), wp, wl, wo, C]);
}

/** `window_reverse`: the inverse of {@link WindowPartition}, back to `(B, Pl, Lat, Lon, C)`. */
export function WindowReverse(windows: tf.Tensor, window: Res3, Pl: number, Lat: number, Lon: number): tf.Tensor5D {
  const [wp, wl, wo] = window;
  const nLon = Lon / wo;
  const C = windows.shape[windows.rank - 1]!;
  const B = windows.shape[0]! / nLon;
  if (!Number.isInteger(B)) throw new Error(`window reverse: ${windows.shape[0]} windows is not a multiple of ${nLon} longitude windows`);
  return permute(windows, [B, nLon, Pl / wp, Lat / wl, wp, wl, wo, C], [0, 2, 4, 3, 5, 1, 6, 7], [B, Pl, Lat, Lon, C]) as tf.Tensor5D;
}

/** Lower-case aliases with the original function names. */
export { WindowPartition as windowPartition, WindowReverse as windowReverse };
