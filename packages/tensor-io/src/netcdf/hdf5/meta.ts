/** Mapping of HDF5 types and attributes (as h5wasm reports them) to netCDF ones. */
import type { NcAttribute, NcType } from '../types.js';

/** The subset of h5wasm's type metadata we look at. */
export interface H5TypeMeta {
  type: number;
  size: number;
  signed: boolean;
  vlen: boolean;
}

/** Attributes netCDF-4 uses for its own bookkeeping; netCDF4-python hides them too. */
export const HIDDEN_ATTRIBUTES = new Set([
  'CLASS', 'NAME', 'REFERENCE_LIST', 'DIMENSION_LIST', '_Netcdf4Dimid', '_Netcdf4Coordinates',
  '_NCProperties', '_nc3_strict', '_SuperblockVersion', '_IsNetcdf4', '_Format',
]);

/** Prefix of the `NAME` of dimension scales that are not variables. */
export const DIM_ONLY_NAME = 'This is a netCDF dimension but not a netCDF variable.';

/** netCDF type of an HDF5 type: integers, IEEE floats and strings map, anything else is `unsupported`. */
export function ncTypeOf(m: H5TypeMeta): NcType {
  if (m.type === 0) {
    const t = ({ 1: ['byte', 'ubyte'], 2: ['short', 'ushort'], 4: ['int', 'uint'], 8: ['int64', 'uint64'] } as Record<number, NcType[]>)[m.size];
    return t ? t[m.signed ? 0 : 1]! : 'unsupported';
  }
  if (m.type === 1) return m.size === 4 ? 'float' : m.size === 8 ? 'double' : 'unsupported';
  if (m.type === 3) return m.vlen ? 'string' : 'char';
  return 'unsupported';
}

/** Converts an h5wasm attribute value to an {@link NcAttribute} (undefined for unsupported types). */
export function toNcAttribute(meta: H5TypeMeta, value: unknown): NcAttribute | undefined {
  const type = ncTypeOf(meta);
  if (type === 'unsupported' || value === null || value === undefined) return undefined;
  if (type === 'char' || type === 'string') {
    const arr = Array.isArray(value) ? (value as unknown[]).map(String) : [String(value)];
    if (type === 'char') return { type, value: arr.join('') };
    return { type, value: arr.length === 1 ? arr[0]! : arr };
  }
  if (type === 'int64' || type === 'uint64') {
    const arr = ArrayBuffer.isView(value) ? Array.from(value as BigInt64Array) : [value as bigint];
    return { type, value: arr.map((x) => BigInt(x)) };
  }
  const arr = ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : [Number(value)];
  return { type, value: arr };
}
