/**
 * CF / NUG decoding of packed netCDF variables, in the order netCDF4-python applies it:
 * `_Unsigned` reinterpretation, masking of `_FillValue` / `missing_value` / values outside
 * `valid_range` (or `valid_min`/`valid_max`), then `scale_factor` and `add_offset`.
 */
import type { DType, Tensor, TypedArray } from '../tensor.js';
import type { MaskedTensor, NcAttribute } from './types.js';

const UNSIGNED_OF: Partial<Record<DType, DType>> = { int8: 'uint8', int16: 'uint16', int32: 'uint32', int64: 'uint64' };
const SIGNED_OF: Partial<Record<DType, DType>> = { uint8: 'int8', uint16: 'int16', uint32: 'int32', uint64: 'int64' };
const VIEW: Partial<Record<DType, new (b: ArrayBufferLike, o: number, n: number) => TypedArray>> = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array,
  uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
};

/** netCDF default fill value of float/double (what unwritten data holds). */
export const NC_DEFAULT_FILL_FLOAT = 9.969209968386869e36;

/** netCDF default fill values per storage dtype (`NC_FILL_*`). */
export const NC_DEFAULT_FILL: Partial<Record<DType, number | bigint>> = {
  int8: -127, uint8: 255, int16: -32767, uint16: 65535, int32: -2147483647, uint32: 4294967295,
  int64: -9223372036854775806n, uint64: 18446744073709551614n,
  float32: Math.fround(NC_DEFAULT_FILL_FLOAT), float64: NC_DEFAULT_FILL_FLOAT,
};

function numbers(a: NcAttribute | undefined): number[] | undefined {
  if (!a || typeof a.value === 'string') return undefined;
  const vals = a.value as (number | bigint | string)[];
  return vals.some((x) => typeof x === 'string') ? undefined : vals.map((x) => Number(x));
}

/** Reinterprets a value written for the signed type as its unsigned counterpart (and back). */
function castInt(v: number, to: DType): number {
  switch (to) {
    case 'uint8': return v & 0xff;
    case 'uint16': return v & 0xffff;
    case 'uint32': return v >>> 0;
    case 'int8': return (v << 24) >> 24;
    case 'int16': return (v << 16) >> 16;
    case 'int32': return v | 0;
    default: return v;
  }
}

/**
 * Applies CF decoding to freshly read raw values (the raw buffer may be reused for the output).
 * Float outputs carry NaN at invalid positions; with `withMask` a `mask` (1 = invalid) is returned
 * too and unscaled integers keep their integer dtype.
 */
export function decodeCF(raw: Tensor, attrs: Record<string, NcAttribute>, withMask: boolean): Tensor | MaskedTensor {
  let t = raw;
  const unsigned = attrs['_Unsigned'];
  const flag = typeof unsigned?.value === 'string' ? unsigned.value.trim().toLowerCase() : undefined;
  const target = flag === 'true' ? UNSIGNED_OF[t.dtype] : flag === 'false' ? SIGNED_OF[t.dtype] : undefined;
  if (target) {
    const V = VIEW[target]!;
    t = { dtype: target, shape: t.shape, data: new V(t.data.buffer, t.data.byteOffset, t.data.length) as never };
  }
  const isFloat = t.dtype === 'float32' || t.dtype === 'float64';
  const big = t.dtype === 'int64' || t.dtype === 'uint64';
  const fix = (xs: number[] | undefined): number[] | undefined =>
    xs?.map((x) => (isFloat ? (t.dtype === 'float32' ? Math.fround(x) : x) : castInt(x, t.dtype)));
  const fillAttr = attrs['_FillValue'] !== undefined ? fix(numbers(attrs['_FillValue'])) : undefined;
  const missing = fix(numbers(attrs['missing_value'])) ?? [];
  const range = fix(numbers(attrs['valid_range']));
  const lo = range?.length === 2 ? range[0]! : fix(numbers(attrs['valid_min']))?.[0] ?? -Infinity;
  const hi = range?.length === 2 ? range[1]! : fix(numbers(attrs['valid_max']))?.[0] ?? Infinity;
  const explicit = fillAttr !== undefined || missing.length > 0 || lo !== -Infinity || hi !== Infinity;

  const sAttr = attrs['scale_factor'];
  const oAttr = attrs['add_offset'];
  const scaled = sAttr !== undefined || oAttr !== undefined;
  const scale = numbers(sAttr)?.[0] ?? 1;
  const offset = numbers(oAttr)?.[0] ?? 0;
  const wide = t.dtype === 'float64' || sAttr?.type === 'double' || oAttr?.type === 'double' ||
    (!scaled && ['int32', 'uint32', 'int64', 'uint64'].includes(t.dtype));
  // Integers stay integers when nothing needs NaN: no scaling and (mask mode, or no validity attributes).
  const keepInts = !isFloat && !scaled && (withMask || !explicit);
  // Like netCDF4-python, without a _FillValue the type's default fill counts as missing — except
  // for bytes, and for integers outside mask mode (so that the dtype never depends on the data).
  const defaultFill = fillAttr === undefined && t.dtype !== 'int8' && (isFloat || withMask) ? NC_DEFAULT_FILL[t.dtype] : undefined;
  const fills: (number | bigint)[] = [...(fillAttr ?? []), ...(defaultFill !== undefined ? [defaultFill] : []), ...missing];
  if (big) {
    // 64-bit values compare exactly as bigints (netCDF's int64 fill is not a safe integer).
    const exact = (name: string): bigint[] => {
      const a = attrs[name];
      return a && typeof a.value !== 'string' ? (a.value as (number | bigint | string)[]).filter((x) => typeof x !== 'string')
        .map((x) => (t.dtype === 'uint64' ? BigInt.asUintN : BigInt.asIntN)(64, BigInt(x as number | bigint))) : [];
    };
    fills.length = 0;
    fills.push(...exact('_FillValue'), ...(fillAttr === undefined && defaultFill !== undefined ? [defaultFill] : []), ...exact('missing_value'));
  }
  const n = t.data.length;
  const hasRule = fills.length > 0 || lo !== -Infinity || hi !== Infinity || isFloat;
  if (keepInts && !withMask) return t;
  // Work on one Float64Array (native conversion) so the loops below stay monomorphic and fast.
  const vals = big ? Float64Array.from(t.data as BigInt64Array, Number) : new Float64Array(t.data as Float32Array);
  const mask = new Uint8Array(n);
  if (big && hasRule) bigMask(t.data as BigInt64Array, fills as bigint[], lo, hi, mask);
  const nums = big || !hasRule ? [] : (fills as number[]);
  const [vlo, vhi] = big || !hasRule ? [-Infinity, Infinity] : [lo, hi];
  const maskOut = (): Tensor<'bool'> => ({ dtype: 'bool', shape: [...t.shape], data: mask });
  if (keepInts) {
    decodeInto(vals, vals, mask, nums, vlo, vhi, 1, 0);
    return { ...t, mask: maskOut() };
  }
  let out: Float32Array | Float64Array;
  if (wide) out = decodeInto(vals, vals, mask, nums, vlo, vhi, scale, offset);
  else out = decodeInto32(vals, new Float32Array(n), mask, nums, vlo, vhi, scaled ? scale : 1, scaled ? offset : 0);
  const res: Tensor = { dtype: wide ? 'float64' : 'float32', shape: [...t.shape], data: out };
  return withMask ? { ...res, mask: maskOut() } : res;
}

/**
 * One pass: marks invalid values (NaN, fills, outside [lo, hi], or already masked) in `mask` and
 * writes NaN there, `v * scale + offset` elsewhere.
 */
function decodeInto(vals: Float64Array, out: Float64Array, mask: Uint8Array, fills: number[], lo: number, hi: number, scale: number, offset: number): Float64Array {
  const nf = fills.length;
  const f0 = nf > 0 ? fills[0]! : NaN;
  const f1 = nf > 1 ? fills[1]! : NaN;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    if (mask[i] || v !== v || v < lo || v > hi || v === f0 || v === f1 || (nf > 2 && fills.includes(v))) { mask[i] = 1; out[i] = NaN; }
    else out[i] = scale === 1 && offset === 0 ? v : v * scale + offset;
  }
  return out;
}

/** {@link decodeInto} with float32 output, rounding product and sum to float32 like numpy does. */
function decodeInto32(vals: Float64Array, out: Float32Array, mask: Uint8Array, fills: number[], lo: number, hi: number, scale: number, offset: number): Float32Array {
  const nf = fills.length;
  const f0 = nf > 0 ? fills[0]! : NaN;
  const f1 = nf > 1 ? fills[1]! : NaN;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    if (mask[i] || v !== v || v < lo || v > hi || v === f0 || v === f1 || (nf > 2 && fills.includes(v))) { mask[i] = 1; out[i] = NaN; }
    else out[i] = Math.fround(v * scale) + offset;
  }
  return out;
}

/** {@link numMask} for 64-bit integers, compared exactly. */
function bigMask(src: BigInt64Array, fills: bigint[], lo: number, hi: number, mask: Uint8Array): void {
  const blo = lo === -Infinity ? undefined : BigInt(lo);
  const bhi = hi === Infinity ? undefined : BigInt(hi);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if ((blo !== undefined && v < blo) || (bhi !== undefined && v > bhi) || fills.includes(v)) mask[i] = 1;
  }
}
