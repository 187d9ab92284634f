/** Test helpers for the committed golden files made by make_golden.py. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floatToBfloat16, floatToHalf, toBytes, zeros, type DType, type Tensor } from '../../src/tensor.js';

/** Folder holding the golden files. */
export const GOLDEN_DIR = dirname(fileURLToPath(import.meta.url));

/** Expected dtype, shape and little-endian C-order bytes (hex) of a golden tensor. */
export interface GoldenTensor { dtype: string; shape: number[]; hex: string }

/** `expected.json`: per file, either one tensor (npy) or a dict of tensors. */
export const EXPECTED = JSON.parse(readFileSync(join(GOLDEN_DIR, 'expected.json'), 'utf8')).files as Record<string, GoldenTensor | Record<string, GoldenTensor>>;

/** Bytes of a golden file. */
export function golden(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(GOLDEN_DIR, name)));
}

/** A tensor's bytes as hex, to compare with {@link GoldenTensor.hex}. */
export function hexOf(t: Tensor): string {
  return Buffer.from(toBytes(t)).toString('hex');
}

/** Shared deterministic values (same formula as `pattern` in make_golden.py). */
export function pattern(dtype: string, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    if (dtype === 'bool') return i % 3 === 0 ? 1 : 0;
    if (dtype.startsWith('float') || dtype === 'bfloat16') return (i - 5) * 0.375;
    const base = (i * 7 + 3) % 23;
    return dtype.startsWith('int') ? base - 11 : base;
  });
}

/** A tensor of `shape` holding {@link pattern} values in `dtype` (same as make_golden.py). */
export function patternTensor(dtype: DType, shape: number[]): Tensor {
  const vals = pattern(dtype, shape.reduce((a, b) => a * b, 1));
  const t = zeros(dtype, shape);
  const d = t.data;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    if (d instanceof BigInt64Array || d instanceof BigUint64Array) d[i] = BigInt(v);
    else if (dtype === 'float16') d[i] = floatToHalf(v);
    else if (dtype === 'bfloat16') d[i] = floatToBfloat16(v);
    else d[i] = v;
  }
  return t;
}
