/**
 * Types shared by the netCDF-3 (classic / 64-bit offset / 64-bit data) and netCDF-4 (HDF5)
 * readers and the netCDF-4 writer.
 */
import type { DType, Tensor } from '../tensor.js';
import { describeLocation, TensorIOError } from '../formats/errors.js';

/** On-disk flavour of a netCDF file. */
export type NetcdfFormat = 'netcdf3-classic' | 'netcdf3-64bit-offset' | 'netcdf3-64bit-data' | 'netcdf4';

/** netCDF external types (CDL names). `unsupported` marks HDF5 types we cannot map (compound, enum, vlen…). */
export type NcType =
  | 'byte' | 'ubyte' | 'char' | 'short' | 'ushort' | 'int' | 'uint' | 'int64' | 'uint64'
  | 'float' | 'double' | 'string' | 'unsupported';

/** Tensor dtype that stores each numeric netCDF type. */
export const NC_TYPE_DTYPE: Record<Exclude<NcType, 'char' | 'string' | 'unsupported'>, DType> = {
  byte: 'int8', ubyte: 'uint8', short: 'int16', ushort: 'uint16', int: 'int32', uint: 'uint32',
  int64: 'int64', uint64: 'uint64', float: 'float32', double: 'float64',
};

/**
 * An attribute as read: its netCDF type and its value. Text (`char`, or `string` with one element)
 * is a JS string, several `string`s a string[], numbers a number[] (bigint[] for 64-bit integers).
 */
export interface NcAttribute {
  type: NcType;
  value: string | string[] | number[] | bigint[];
}

/** A dimension. `size` is the current length (number of records for the unlimited one). */
export interface NetcdfDimension {
  name: string;
  size: number;
  unlimited: boolean;
}

/** A variable's metadata. `dtype` is the tensor dtype of its raw values (`char`/`string` for text). */
export interface NetcdfVariable {
  name: string;
  ncType: NcType;
  dtype: DType | 'char' | 'string' | 'unsupported';
  dims: string[];
  shape: number[];
  attributes: Record<string, NcAttribute>;
}

/** Options of {@link NetcdfFile.readVariable}. */
export interface ReadVariableOptions {
  /** First index per dimension (default 0s). */
  start?: number[];
  /** Number of elements per dimension (default: to the end). */
  count?: number[];
  /** Step per dimension (default 1s). */
  stride?: number[];
  /**
   * CF decoding (default true): `_Unsigned` reinterpretation, `_FillValue`/`missing_value`/
   * `valid_range`/`valid_min`/`valid_max` → NaN (or a mask), then `scale_factor`/`add_offset`.
   */
  decode?: boolean;
  /**
   * Return a mask (1 = invalid) beside the data instead of writing NaN. Without scaling,
   * integer variables then keep their (unsigned-corrected) integer dtype.
   */
  mask?: boolean;
}

/** A tensor with its validity mask (1 where the value is fill, missing or out of the valid range). */
export type MaskedTensor = Tensor & { mask: Tensor<'bool'> };

/** An open netCDF file (either format). Call {@link NetcdfFile.close} when done. */
export interface NetcdfFile {
  readonly path: string;
  readonly format: NetcdfFormat;
  readonly dimensions: NetcdfDimension[];
  /** Global attributes. */
  readonly attributes: Record<string, NcAttribute>;
  readonly variables: NetcdfVariable[];
  /** Looks a variable up by name (undefined when absent). */
  variable(name: string): NetcdfVariable | undefined;
  /** Reads a hyperslab of a variable (the whole variable by default); see {@link ReadVariableOptions}. */
  readVariable(name: string, options: ReadVariableOptions & { mask: true }): Promise<MaskedTensor>;
  readVariable(name: string, options?: ReadVariableOptions): Promise<Tensor>;
  close(): Promise<void>;
}

/**
 * Error raised for unreadable files and bad requests. A {@link TensorIOError} whose message starts
 * with `file (variable NAME): ` so it names the file and, when one is involved, the variable.
 */
export class NetcdfError extends TensorIOError {
  /** The variable involved, if any. */
  readonly variable: string | undefined;

  constructor(file: string, message: string, variable?: string, offset?: number) {
    const field = variable !== undefined ? { field: `variable ${variable}` } : {};
    // The message names file and variable; the offset (when known) is already in its wording.
    super(message, { file, ...(offset !== undefined ? { offset } : {}), ...field }, { message: `${describeLocation({ file, ...field })}${message}` });
    this.variable = variable;
    this.name = 'NetcdfError';
  }
}
