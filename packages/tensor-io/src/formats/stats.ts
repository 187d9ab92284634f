import { bfloat16ToFloat, halfToFloat, type Tensor } from '../tensor.js';

/** Summary of a tensor's values, as printed by `weatherlearn inspect`. */
export interface TensorStats {
  dtype: string;
  shape: number[];
  /** Number of elements. */
  count: number;
  /** Number of finite (valid) elements the min/max/mean are over. */
  valid: number;
  /** Minimum of the finite values (null when there are none). */
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** Min, max and mean over the finite values of any tensor (bool as 0/1, 64-bit ints via Number). */
export function tensorStats(t: Tensor): TensorStats {
  const d = t.data;
  const n = d.length;
  const conv: ((x: number) => number) | undefined =
    t.dtype === 'float16' ? halfToFloat : t.dtype === 'bfloat16' ? bfloat16ToFloat : undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const raw = d[i]!;
    const x = typeof raw === 'bigint' ? Number(raw) : conv ? conv(raw) : raw;
    if (!Number.isFinite(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    valid++;
  }
  return {
    dtype: t.dtype, shape: [...t.shape], count: n, valid,
    min: valid ? min : null, max: valid ? max : null, mean: valid ? sum / valid : null,
  };
}
