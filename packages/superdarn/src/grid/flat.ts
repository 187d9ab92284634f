// Port of st7ma784/WeatherLearn/PTL/DataModule.py:SuperDARNDataset.process_conv_to_flat
import type { GridConfig } from './config.js';
import type { VectorSet } from './vectors.js';

/**
 * The original 'flat' form: a (C, flatSize) float32 array where column `vector.index` holds the
 * channel values of the vector in that RST grid cell (last vector wins when a cell repeats, as
 * the original's scatter did). Returns the data and how many vectors were dropped (no index, or
 * index ≥ flatSize).
 */
export function flattenVectors(v: VectorSet, c: GridConfig): { data: Float32Array; dropped: number } {
  const C = v.values.length;
  const L = c.flatSize;
  const data = new Float32Array(C * L);
  let dropped = 0;
  for (let k = 0; k < v.index.length; k++) {
    const id = v.index[k];
    if (id < 0 || id >= L) { dropped++; continue; }
    for (let ch = 0; ch < C; ch++) {
      const x = v.values[ch][k];
      data[ch * L + id] = Number.isFinite(x) ? x : 0;
    }
  }
  return { data, dropped };
}
