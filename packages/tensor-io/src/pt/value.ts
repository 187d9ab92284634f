import type { Tensor } from '../tensor.js';

/**
 * A value stored in a .pt file: tensors, lists/tuples (as arrays), dicts (string keys), Python
 * scalars (`int` → number, or bigint beyond 2^53; `float` → number), strings, booleans and None.
 */
export type PtValue = Tensor | PtValue[] | { [k: string]: PtValue } | number | string | boolean | null | bigint;

/** Is `v` a {@link Tensor} (as opposed to a plain dict in a {@link PtValue})? */
export function isTensor(v: unknown): v is Tensor {
  if (!v || typeof v !== 'object') return false;
  const t = v as Partial<Tensor>;
  return typeof t.dtype === 'string' && Array.isArray(t.shape) && ArrayBuffer.isView(t.data);
}
