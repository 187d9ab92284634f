/**
 * Conversion between `@weatherlearn/tensor-io` tensors and tfjs tensors.
 *
 * tfjs holds float32, int32 and bool only, so `toTf` maps:
 * - float32 → float32, int32 → int32, bool → bool: the typed array is handed over without a copy
 *   (the cpu backend keeps it; wasm/tensorflow copy it into their own memory once);
 * - float64, float16, bfloat16 → float32 (rounded to nearest / decoded exactly);
 * - int8, uint8, int16, uint16 → int32 (exact); uint32, int64, uint64 → int32 when every value fits
 *   in int32, otherwise a RangeError naming the first offending index.
 * `fromTf` returns the tfjs dtype (float32/int32/bool) or, with `dtype`, converts to that dtype
 * (`'auto'` = the engine precision for float tensors).
 */
import {
  type DType, type Tensor, floatToBfloat16, floatToHalf, tensor, toFloat32,
} from '@weatherlearn/tensor-io';
import { tf } from './tf.js';
import { getEngineSettings } from './settings.js';

const I32_MIN = -2147483648, I32_MAX = 2147483647;

function toInt32(t: Tensor): Int32Array {
  if (t.dtype === 'int32') return t.data as Int32Array;
  const out = new Int32Array(t.data.length);
  const d = t.data as ArrayLike<number | bigint>;
  for (let i = 0; i < out.length; i++) {
    const v = d[i]!;
    if (typeof v === 'bigint' ? (v < BigInt(I32_MIN) || v > BigInt(I32_MAX)) : (v < I32_MIN || v > I32_MAX)) {
      throw new RangeError(`toTf: ${t.dtype} value ${v} at index ${i} does not fit in int32 (tfjs has no ${t.dtype})`);
    }
    out[i] = Number(v);
  }
  return out;
}

/** Converts a tensor-io Tensor to a tfjs tensor (see the module comment for the dtype rules). */
export function toTf(t: Tensor): tf.Tensor {
  switch (t.dtype) {
    case 'float32': case 'float64': case 'float16': case 'bfloat16':
      return tf.tensor(toFloat32(t), t.shape, 'float32');
    case 'bool':
      return tf.tensor(t.data as Uint8Array, t.shape, 'bool');
    case 'int8': case 'uint8': case 'int16': case 'uint16': case 'int32': case 'uint32': case 'int64': case 'uint64':
      return tf.tensor(toInt32(t), t.shape, 'int32');
    default:
      throw new TypeError(`toTf: unsupported dtype ${(t as Tensor).dtype}`);
  }
}

/** Options of {@link fromTf}. */
export interface FromTfOptions {
  /** Target dtype; default the tfjs dtype. `'auto'`: float tensors in the engine precision. */
  dtype?: DType | 'auto';
}

/** Reads a tfjs tensor into a tensor-io Tensor (float32/int32/bool, or converted to `dtype`). */
export async function fromTf(x: tf.Tensor, options: FromTfOptions = {}): Promise<Tensor> {
  if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
    throw new TypeError(`fromTf: tfjs dtype ${x.dtype} has no tensor-io equivalent`);
  }
  const data = await x.data();
  const shape = [...x.shape];
  const native: Tensor = x.dtype === 'float32' ? tensor('float32', shape, data as Float32Array)
    : x.dtype === 'int32' ? tensor('int32', shape, data as Int32Array) : tensor('bool', shape, data as Uint8Array);
  let target = options.dtype ?? x.dtype;
  if (target === 'auto') target = x.dtype === 'float32' ? getEngineSettings().precision : x.dtype;
  return castTensor(native, target);
}

/** Converts a float32/int32/bool tensor to another dtype (float16/bfloat16 rounded to nearest even). */
export function castTensor(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const src = t.data as Float32Array | Int32Array | Uint8Array;
  const n = src.length;
  switch (dtype) {
    case 'float16': case 'bfloat16': {
      const enc = dtype === 'float16' ? floatToHalf : floatToBfloat16;
      const out = new Uint16Array(n);
      for (let i = 0; i < n; i++) out[i] = enc(src[i]!);
      return tensor(dtype, t.shape, out);
    }
    case 'float32': return tensor('float32', t.shape, Float32Array.from(src));
    case 'float64': return tensor('float64', t.shape, Float64Array.from(src));
    case 'int32': return tensor('int32', t.shape, Int32Array.from(src, (v) => Math.trunc(v)));
    case 'int64': return tensor('int64', t.shape, BigInt64Array.from(src, (v) => BigInt(Math.trunc(v))));
    case 'bool': return tensor('bool', t.shape, Uint8Array.from(src, (v) => (v !== 0 ? 1 : 0)));
    default: throw new TypeError(`castTensor: conversion from ${t.dtype} to ${dtype} is not supported`);
  }
}
