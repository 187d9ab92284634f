/** Input types of {@link writeNetcdf4} and their validation. */
import type { DType, Tensor } from '../tensor.js';
import { numel } from '../tensor.js';
import { NetcdfError, type NcAttribute, type NcType } from './types.js';

/**
 * An attribute to write: a string (netCDF `char`), a number or number[] (`double`, or the
 * variable's own type for `_FillValue`, `missing_value`, `valid_range`, `valid_min`, `valid_max`),
 * or an explicit `{ type, value }`.
 */
export type NcAttributeInput = string | number | number[] | bigint[] | NcAttribute;

/** A dimension: its size, or `{ size, unlimited }`. */
export type NcDimensionInput = number | { size: number; unlimited?: boolean };

/** A variable to write. `data.shape` must equal the sizes of `dims`. */
export interface NetcdfWriteVariable {
  dims: string[];
  data: Tensor;
  attributes?: Record<string, NcAttributeInput>;
  /** Deflate level 0–9 (overrides the file default). */
  compression?: number;
  /** HDF5 chunk shape (default: whole rows, at most ~1 MiB per chunk). */
  chunks?: number[];
}

/** Everything {@link writeNetcdf4} writes. Insertion order of the records is kept in the file. */
export interface NetcdfWriteSpec {
  dimensions: Record<string, NcDimensionInput>;
  variables: Record<string, NetcdfWriteVariable>;
  attributes?: Record<string, NcAttributeInput>;
}

/** Options of {@link writeNetcdf4}. */
export interface WriteNetcdf4Options {
  /** Default deflate level 0–9 for variables with at least `minCompressElements` values. */
  compression: number;
  /** Smaller variables are stored contiguous and uncompressed. */
  minCompressElements: number;
}

/** Defaults: deflate level 4 for variables of 4096 values or more. */
export const DEFAULT_WRITE_NETCDF4_OPTIONS: WriteNetcdf4Options = { compression: 4, minCompressElements: 4096 };

/** netCDF type that stores each tensor dtype (bool as ubyte; float16/bfloat16 are widened to float). */
export const DTYPE_NC_TYPE: Record<DType, NcType> = {
  bool: 'ubyte', uint8: 'ubyte', int8: 'byte', uint16: 'ushort', int16: 'short', uint32: 'uint', int32: 'int',
  uint64: 'uint64', int64: 'int64', float16: 'float', bfloat16: 'float', float32: 'float', float64: 'double',
};

const TYPED_ATTRS = new Set(['_FillValue', 'missing_value', 'valid_range', 'valid_min', 'valid_max']);
const NAME_RE = /^[^/\0]+$/;

/** Normalises an attribute input to an explicit {@link NcAttribute}; `varType` types the CF validity attributes. */
export function normaliseAttribute(name: string, input: NcAttributeInput, varType?: NcType): NcAttribute {
  if (typeof input === 'string') return { type: 'char', value: input };
  if (typeof input === 'number') return normaliseAttribute(name, [input], varType);
  if (Array.isArray(input)) {
    if (input.length > 0 && typeof input[0] === 'bigint') return { type: 'int64', value: input as bigint[] };
    const type = varType && TYPED_ATTRS.has(name) ? varType : 'double';
    return { type, value: input as number[] };
  }
  return input;
}

/** Resolved dimension sizes, checked against every variable; throws naming file and variable. */
export function checkSpec(path: string, spec: NetcdfWriteSpec): Map<string, { size: number; unlimited: boolean }> {
  const dims = new Map<string, { size: number; unlimited: boolean }>();
  for (const [name, d] of Object.entries(spec.dimensions)) {
    const size = typeof d === 'number' ? d : d.size;
    const unlimited = typeof d === 'number' ? false : d.unlimited === true;
    if (!NAME_RE.test(name)) throw new NetcdfError(path, `invalid dimension name '${name}'`);
    if (!Number.isInteger(size) || size < 0) throw new NetcdfError(path, `dimension '${name}' has invalid size ${size}`);
    dims.set(name, { size, unlimited });
  }
  for (const [name, v] of Object.entries(spec.variables)) {
    if (!NAME_RE.test(name) || name.startsWith('_nc4_')) throw new NetcdfError(path, 'invalid variable name', name);
    if (!v || !Array.isArray(v.dims) || !v.data) throw new NetcdfError(path, 'needs dims and data', name);
    const shape = v.dims.map((d) => {
      const dim = dims.get(d);
      if (!dim) throw new NetcdfError(path, `unknown dimension '${d}'`, name);
      return dim.size;
    });
    if (v.data.shape.length !== shape.length || v.data.shape.some((s, i) => s !== shape[i])) {
      throw new NetcdfError(path, `data shape [${v.data.shape.join(', ')}] does not match dims (${v.dims.join(', ')}) = [${shape.join(', ')}]`, name);
    }
    if (v.data.data.length !== numel(shape)) throw new NetcdfError(path, 'data length does not match its shape', name);
    if (v.compression !== undefined && !(Number.isInteger(v.compression) && v.compression >= 0 && v.compression <= 9)) {
      throw new NetcdfError(path, `compression ${v.compression} must be an integer 0-9`, name);
    }
    if (v.chunks && (v.chunks.length !== shape.length || v.chunks.some((c) => !Number.isInteger(c) || c < 1))) {
      throw new NetcdfError(path, `chunks [${v.chunks.join(', ')}] must have one positive integer per dimension`, name);
    }
  }
  return dims;
}

/** Default chunk shape: the full shape, halving the outer dimensions until a chunk is ≤ 1 MiB. */
export function defaultChunks(shape: number[], elemSize: number): number[] {
  const c = shape.map((s) => Math.max(1, s));
  let i = 0;
  while (c.reduce((a, b) => a * b, elemSize) > 1 << 20 && i < c.length) {
    if (c[i]! > 1) c[i] = Math.ceil(c[i]! / 2);
    else i++;
  }
  return c;
}
