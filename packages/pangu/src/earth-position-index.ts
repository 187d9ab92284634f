// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/earth_position_index.py:get_earth_position_index
import type { Res3 } from './geometry.js';

/**
 * `get_earth_position_index`: for every (query, key) pair of a window, the row of the earth bias
 * table. Pressure-level and latitude offsets are absolute in the query (not relative: the bias is
 * earth-specific), longitude offsets are relative (longitude is translation invariant).
 * Returns a flat `(N·N)` Int32Array, N = Wpl·Wlat·Wlon, row-major (query, key).
 */
export function getEarthPositionIndex(window: Res3): Int32Array {
  const [wp, wl, wo] = window;
  const N = wp * wl * wo;
  const out = new Int32Array(N * N);
  const coord = (n: number) => [Math.floor(n / (wl * wo)), Math.floor(n / wo) % wl, n % wo] as const;
  for (let i = 0; i < N; i++) {
    const [zi, hi, wi] = coord(i);
    for (let j = 0; j < N; j++) {
      const [zj, hj, wj] = coord(j);
      // key coordinates enter as −index·window, so (query, key) pairs map one-to-one to rows
      const z = zi + zj * wp;
      const h = hi + hj * wl;
      const w = wi - wj + wo - 1;
      out[i * N + j] = z * (2 * wo - 1) * wl * wl + h * (2 * wo - 1) + w;
    }
  }
  return out;
}
