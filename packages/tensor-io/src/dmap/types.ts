import { TensorIOError } from '../formats/errors.js';
/**
 * DMAP (RST "DataMap") record model. Type codes are those of RST `dmap.h`; values are
 * little-endian on disk. Arrays keep a row-major `dims` (the on-disk order reversed, as pyDARNio
 * and numpy present them) and their data in C order.
 */

/** DMAP type codes by name. */
export const DMAP_TYPES = {
  char: 1, short: 2, int: 3, float: 4, double: 8, string: 9, long: 10, uchar: 16, ushort: 17, uint: 18, ulong: 19,
} as const;

/** Name of a DMAP type (`'short'`, `'float'`, …). */
export type DmapTypeName = keyof typeof DMAP_TYPES;

/** Type name by code (undefined for unknown codes). */
export const DMAP_TYPE_NAME: Readonly<Record<number, DmapTypeName>> = Object.fromEntries(
  Object.entries(DMAP_TYPES).map(([k, v]) => [v, k as DmapTypeName]),
);

/** Bytes per value of each type (0 for `string`: NUL-terminated). */
export const DMAP_TYPE_SIZE: Readonly<Record<DmapTypeName, number>> = {
  char: 1, short: 2, int: 4, float: 4, double: 8, string: 0, long: 8, uchar: 1, ushort: 2, uint: 4, ulong: 8,
};

/** JS value of a scalar: number for ≤ 32-bit and float types, bigint for long/ulong, string for string. */
export type DmapScalarValue = number | bigint | string;

/** Typed-array storage per numeric DMAP type; string arrays are `string[]`. */
export interface DmapArrayStorage {
  char: Int8Array; short: Int16Array; int: Int32Array; float: Float32Array; double: Float64Array;
  long: BigInt64Array; uchar: Uint8Array; ushort: Uint16Array; uint: Uint32Array; ulong: BigUint64Array;
  string: string[];
}

/** Any array payload. */
export type DmapArrayData = DmapArrayStorage[DmapTypeName];

/** Typed-array constructor per numeric type. */
export const DMAP_ARRAY_CTOR = {
  char: Int8Array, short: Int16Array, int: Int32Array, float: Float32Array, double: Float64Array,
  long: BigInt64Array, uchar: Uint8Array, ushort: Uint16Array, uint: Uint32Array, ulong: BigUint64Array,
} as const;

/** One scalar field. */
export interface DmapScalar {
  type: DmapTypeName;
  value: DmapScalarValue;
}

/** One array field: `dims` row-major (slowest first), `data.length === product(dims)`. */
export interface DmapArray<T extends DmapTypeName = DmapTypeName> {
  type: T;
  dims: number[];
  data: DmapArrayStorage[T];
}

/**
 * Field layout shared by all records with the same scalar/array names and types (a file's
 * records usually share a handful), so per-record parsing needs no name decoding or lookups.
 */
export interface DmapSchema {
  scalarNames: string[];
  scalarTypes: DmapTypeName[];
  arrayNames: string[];
  arrayTypes: DmapTypeName[];
  scalarIndex: Map<string, number>;
  arrayIndex: Map<string, number>;
}

/** Where a parsed record's values live: decoded scalars plus array positions in `buf`. */
export interface DmapLazyFields {
  schema: DmapSchema;
  values: DmapScalarValue[];
  buf: Uint8Array;
  /** Per array: byte position of its dims (int32, on-disk order), ndim, byte position of its data, element count. */
  layout: Int32Array;
  /** Materialises array `i` (dims reversed to row-major; data a view when aligned). */
  load(lazy: DmapLazyFields, i: number): DmapArray;
}

/**
 * A DMAP record: named scalars and arrays, plus accessors. Records from the reader also carry
 * their `index` (position in the file, skipped records included) and byte `offset` (in the
 * decompressed stream). Parsed records decode arrays on first access (views into the input
 * when aligned); `scalars`/`arrays` are built on first access and may then be modified.
 */
export class DmapRecord {
  private s: Record<string, DmapScalar> | undefined;
  private a: Record<string, DmapArray> | undefined;
  private lazy: DmapLazyFields | undefined;
  private loaded: (DmapArray | undefined)[] | undefined;
  /** Position of the record in its file (set by the reader). */
  index?: number;
  /** Byte offset of the record in the (decompressed) stream (set by the reader). */
  offset?: number;

  constructor(scalars: Record<string, DmapScalar> = {}, arrays: Record<string, DmapArray> = {}) {
    this.s = scalars;
    this.a = arrays;
  }

  /** Wraps parser output (used by the reader). */
  static fromLazy(lazy: DmapLazyFields): DmapRecord {
    const r = new DmapRecord();
    r.s = undefined;
    r.a = undefined;
    r.lazy = lazy;
    return r;
  }

  /** Scalars by name, in file order. */
  get scalars(): Record<string, DmapScalar> {
    if (this.s === undefined) {
      const { schema, values } = this.lazy!;
      const out: Record<string, DmapScalar> = {};
      for (let i = 0; i < values.length; i++) out[schema.scalarNames[i]] = { type: schema.scalarTypes[i], value: values[i] };
      this.s = out;
    }
    return this.s;
  }
  set scalars(v: Record<string, DmapScalar>) {
    this.s = v;
  }

  /** Arrays by name, in file order. */
  get arrays(): Record<string, DmapArray> {
    if (this.a === undefined) {
      const names = this.lazy!.schema.arrayNames;
      const out: Record<string, DmapArray> = {};
      for (let i = 0; i < names.length; i++) out[names[i]] = this.loadArray(i);
      this.a = out;
    }
    return this.a;
  }
  set arrays(v: Record<string, DmapArray>) {
    this.a = v;
  }

  private loadArray(i: number): DmapArray {
    const loaded = (this.loaded ??= []);
    return (loaded[i] ??= this.lazy!.load(this.lazy!, i));
  }

  private findScalar(name: string): DmapScalarValue | undefined {
    if (this.s !== undefined) return this.s[name]?.value;
    const i = this.lazy!.schema.scalarIndex.get(name);
    return i === undefined ? undefined : this.lazy!.values[i];
  }

  private findArray(name: string): DmapArray | undefined {
    if (this.a !== undefined) return this.a[name];
    const i = this.lazy!.schema.arrayIndex.get(name);
    return i === undefined ? undefined : this.loadArray(i);
  }

  /** True when a scalar or array of that name exists. */
  has(name: string): boolean {
    const l = this.lazy;
    const inS = this.s !== undefined ? name in this.s : l!.schema.scalarIndex.has(name);
    return inS || (this.a !== undefined ? name in this.a : l!.schema.arrayIndex.has(name));
  }

  /** A scalar's value, or undefined. */
  scalar(name: string): DmapScalarValue | undefined {
    return this.findScalar(name);
  }

  /** A numeric scalar as a JS number (bigint converted), or undefined when absent or a string. */
  num(name: string): number | undefined {
    const v = this.findScalar(name);
    return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
  }

  /** A string scalar, or undefined. */
  str(name: string): string | undefined {
    const v = this.findScalar(name);
    return typeof v === 'string' ? v : undefined;
  }

  /** An array field (type, row-major dims, data), or undefined. */
  arrayField(name: string): DmapArray | undefined {
    return this.findArray(name);
  }

  /** An array's data (C order), or undefined. */
  array(name: string): DmapArrayData | undefined {
    return this.findArray(name)?.data;
  }

  /** Scalar value or array data by name. */
  get(name: string): DmapScalarValue | DmapArrayData | undefined {
    return this.findScalar(name) ?? this.findArray(name)?.data;
  }

  /** Names of all scalars, then all arrays, in file order. */
  names(): { scalars: string[]; arrays: string[] } {
    if (this.s === undefined && this.a === undefined) {
      const sc = this.lazy!.schema;
      return { scalars: sc.scalarNames.slice(), arrays: sc.arrayNames.slice() };
    }
    return { scalars: Object.keys(this.scalars), arrays: Object.keys(this.arrays) };
  }
}

/** Error for malformed DMAP data: names the file, record index, byte offset and field when known. */
export class DmapError extends TensorIOError {
  declare readonly file: string;
  declare readonly offset: number;
  readonly recordIndex: number;
  readonly reason: string;
  constructor(file: string, recordIndex: number, offset: number, reason: string, field?: string) {
    super(reason, { file, offset, ...(field !== undefined ? { field } : {}) }, {
      message: `${file}: record ${recordIndex} at byte offset ${offset}${field ? `, field "${field}"` : ''}: ${reason}`,
    });
    this.recordIndex = recordIndex;
    this.reason = reason;
    this.name = 'DmapError';
  }
}
