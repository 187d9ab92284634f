/**
 * The one tensor type every WeatherLearn.ts package exchanges: a dtype, a shape and a typed array
 * holding the values in C (row-major) order. It does not depend on TensorFlow.js so that format
 * tools stay light; `@weatherlearn/engine` converts to and from tfjs tensors.
 */

/** Element types we read and write (the union of numpy, PyTorch and safetensors dtypes we support). */
export type DType =
  | 'bool' | 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'uint64' | 'int64'
  | 'float16' | 'bfloat16' | 'float32' | 'float64';

/** Typed-array storage per dtype. float16/bfloat16 keep their raw 16-bit patterns in a Uint16Array. */
export interface DTypeStorage {
  bool: Uint8Array; uint8: Uint8Array; int8: Int8Array; uint16: Uint16Array; int16: Int16Array;
  uint32: Uint32Array; int32: Int32Array; uint64: BigUint64Array; int64: BigInt64Array;
  float16: Uint16Array; bfloat16: Uint16Array; float32: Float32Array; float64: Float64Array;
}

/** Any typed array a Tensor may hold. */
export type TypedArray = DTypeStorage[DType];

/** A dense tensor in C order. `data.length` always equals the product of `shape`. */
export interface Tensor<D extends DType = DType> {
  dtype: D;
  shape: number[];
  data: DTypeStorage[D];
}

/** Bytes per element of each dtype. */
export const DTYPE_SIZE: Record<DType, number> = {
  bool: 1, uint8: 1, int8: 1, uint16: 2, int16: 2, float16: 2, bfloat16: 2,
  uint32: 4, int32: 4, float32: 4, uint64: 8, int64: 8, float64: 8,
};

const CTORS = {
  bool: Uint8Array, uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array,
  uint32: Uint32Array, int32: Int32Array, uint64: BigUint64Array, int64: BigInt64Array,
  float16: Uint16Array, bfloat16: Uint16Array, float32: Float32Array, float64: Float64Array,
} as const;

/** Number of elements of a shape (1 for a scalar `[]`). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`invalid dimension ${d} in shape [${shape.join(', ')}]`);
    n *= d;
  }
  return n;
}

/** Allocates a zero-filled tensor. */
export function zeros<D extends DType>(dtype: D, shape: number[]): Tensor<D> {
  const Ctor = CTORS[dtype] as unknown as new (n: number) => DTypeStorage[D];
  return { dtype, shape: [...shape], data: new Ctor(numel(shape)) };
}

/** Wraps existing data, checking that its length and type match the shape and dtype. */
export function tensor<D extends DType>(dtype: D, shape: number[], data: DTypeStorage[D]): Tensor<D> {
  const n = numel(shape);
  if (data.length !== n) throw new RangeError(`tensor data has ${data.length} elements, shape [${shape.join(', ')}] needs ${n}`);
  if (!(data instanceof CTORS[dtype])) throw new TypeError(`dtype ${dtype} needs a ${CTORS[dtype].name}, got ${data.constructor.name}`);
  return { dtype, shape: [...shape], data };
}

/**
 * Views `bytes` (little-endian, C order) as a tensor, copying only when the byte offset is not
 * aligned for the element type.
 */
export function fromBytes<D extends DType>(dtype: D, shape: number[], bytes: Uint8Array): Tensor<D> {
  const size = DTYPE_SIZE[dtype];
  const n = numel(shape);
  if (bytes.byteLength !== n * size) {
    throw new RangeError(`expected ${n * size} bytes for ${dtype}[${shape.join(', ')}], got ${bytes.byteLength}`);
  }
  const Ctor = CTORS[dtype] as unknown as {
    new (buf: ArrayBufferLike, off: number, len: number): DTypeStorage[D];
    new (n: number): DTypeStorage[D];
  };
  let src = bytes;
  if (bytes.byteOffset % size !== 0) src = bytes.slice();
  return { dtype, shape: [...shape], data: new Ctor(src.buffer, src.byteOffset, n) };
}

/** The tensor's values as little-endian bytes (a view when possible, never a copy of more than the tensor). */
export function toBytes(t: Tensor): Uint8Array {
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

/** Converts an IEEE half-precision bit pattern to a number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Converts a number to an IEEE half-precision bit pattern (round to nearest even). */
export function floatToHalf(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = sign | (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return h;
}

/** Converts a bfloat16 bit pattern to a number. */
export function bfloat16ToFloat(h: number): number {
  u32[0] = h << 16;
  return f32[0]!;
}

/** Converts a number to a bfloat16 bit pattern (round to nearest even). */
export function floatToBfloat16(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff)) return (b >>> 16) | 0x40;
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}

/** Any tensor as float32 (float16/bfloat16 decoded, integers and bigints converted, bool as 0/1). */
export function toFloat32(t: Tensor): Float32Array {
  if (t.dtype === 'float32') return t.data as Float32Array;
  const out = new Float32Array(t.data.length);
  if (t.dtype === 'float16') { const d = t.data as Uint16Array; for (let i = 0; i < d.length; i++) out[i] = halfToFloat(d[i]!); }
  else if (t.dtype === 'bfloat16') { const d = t.data as Uint16Array; for (let i = 0; i < d.length; i++) out[i] = bfloat16ToFloat(d[i]!); }
  else if (t.dtype === 'int64' || t.dtype === 'uint64') { const d = t.data as BigInt64Array; for (let i = 0; i < d.length; i++) out[i] = Number(d[i]!); }
  else { const d = t.data as Float64Array; for (let i = 0; i < d.length; i++) out[i] = d[i]!; }
  return out;
}
