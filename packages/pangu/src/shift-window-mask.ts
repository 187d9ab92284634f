// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/shift_window_mask.py:get_shift_window_mask
import type { Res3 } from './geometry.js';

/** Region label along one axis, following the original's slices (0:−w), (−w:−s), (−s:). */
function region(i: number, size: number, w: number, s: number): number {
  if (i < size - w) return 0;
  if (i < size - s) return 1;
  return 2;
}

/**
 * `get_shift_window_mask`: the attention mask of a shifted block on the padded grid `resolution`,
 * `(nLon, nPl·nLat, N, N)` flattened, 0 where query and key come from the same region of the
 * rolled grid and −100 otherwise. Like the original, the longitude labels are computed on a grid
 * extended by the shift and cut back, so tokens that wrap across the seam are separated too.
 */
export function getShiftWindowMask(resolution: Res3, window: Res3, shift: Res3): Float32Array {
  const [P, Y, X] = resolution;
  const [wp, wl, wo] = window;
  const [sp, sl, so] = shift;
  const nP = P / wp, nY = Y / wl, nX = X / wo;
  const N = wp * wl * wo;
  const T = nP * nY;
  const out = new Float32Array(nX * T * N * N);
  const labels = new Int32Array(N);
  for (let ix = 0; ix < nX; ix++) {
    for (let ip = 0; ip < nP; ip++) {
      for (let iy = 0; iy < nY; iy++) {
        for (let n = 0; n < N; n++) {
          const p = ip * wp + Math.floor(n / (wl * wo));
          const y = iy * wl + (Math.floor(n / wo) % wl);
          const x = ix * wo + (n % wo);
          labels[n] = region(p, P, wp, sp) * 9 + region(y, Y, wl, sl) * 3 + region(x, X + so, wo, so);
        }
        const base = (ix * T + ip * nY + iy) * N * N;
        for (let a = 0; a < N; a++) {
          for (let b = 0; b < N; b++) out[base + a * N + b] = labels[a] === labels[b] ? 0 : -100;
        }
      }
    }
  }
  return out;
}
