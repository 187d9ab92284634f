import type { Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import type { ZipReadOptions } from '../zip/read.js';
import type { ByteSource } from '../formats/source.js';
import { readPt } from './read.js';
import { isTensor, type PtValue } from './value.js';

const WRAPPERS = ['state_dict', 'model'];

/**
 * Reads a .pt file that holds a state dict: a top-level dict whose values are all tensors (keys
 * are NOT flattened further). A checkpoint `{ 'state_dict': {...}, ... }` or `{ 'model': {...}, ... }`
 * whose top level is not all tensors is unwrapped once. Anything else is a {@link TensorIOError}
 * naming the first offending key.
 */
export function readStateDict(bytes: Uint8Array | ByteSource, name = '<pt>', options: Partial<ZipReadOptions> = {}): Record<string, Tensor> {
  const v = readPt(bytes, name, options);
  return asStateDict(v, name);
}

/** Checks that a {@link PtValue} is a dict of tensors (unwrapping `state_dict`/`model` once). */
export function asStateDict(v: PtValue, name = '<pt>'): Record<string, Tensor> {
  if (!isDict(v)) throw new TensorIOError(`top-level object is ${describe(v)}, not a dict of tensors`, { file: name });
  let d = v;
  if (!Object.values(d).every(isTensor)) {
    const w = WRAPPERS.find((k) => isDict(d[k]) && Object.values(d[k] as object).every(isTensor));
    if (w) d = d[w] as { [k: string]: PtValue };
  }
  for (const [k, x] of Object.entries(d)) {
    if (!isTensor(x)) throw new TensorIOError(`value is ${describe(x)}, not a tensor (expected a dict of tensors)`, { file: name, field: k });
  }
  return d as Record<string, Tensor>;
}

function isDict(v: unknown): v is { [k: string]: PtValue } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !isTensor(v);
}

function describe(v: unknown): string {
  if (v === null) return 'None';
  if (Array.isArray(v)) return 'a list/tuple';
  if (isTensor(v)) return 'a tensor';
  return typeof v === 'object' ? 'a dict' : `a ${typeof v}`;
}
