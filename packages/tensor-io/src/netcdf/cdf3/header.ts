import { TensorIOError } from '../../formats/errors.js';
/**
 * Parser for the header of netCDF-3 files: CDF-1 (classic), CDF-2 (64-bit offset) and CDF-5
 * (64-bit data). All numbers are big-endian; names and values are padded to 4 bytes.
 */
import type { NcAttribute, NcType, NetcdfFormat } from '../types.js';

/** A netCDF-3 variable as described by the header. */
export interface Cdf3Var {
  name: string;
  dimIds: number[];
  attributes: Record<string, NcAttribute>;
  ncType: NcType;
  /** File offset of the data (of the first record for record variables). */
  begin: number;
  /** True when the first dimension is the unlimited one. */
  isRecord: boolean;
}

/** The parsed header. */
export interface Cdf3Header {
  version: 1 | 2 | 5;
  format: NetcdfFormat;
  /** Number of records; -1 for "streaming" (computed from the file size by the reader). */
  numrecs: number;
  dims: { name: string; size: number; unlimited: boolean }[];
  attributes: Record<string, NcAttribute>;
  vars: Cdf3Var[];
  /** Bytes the header occupies. */
  size: number;
}

/** Thrown when the buffer ends before the header does (the caller re-reads with more bytes). */
export class HeaderTruncated extends Error {}

const TYPES: Record<number, [NcType, number]> = {
  1: ['byte', 1], 2: ['char', 1], 3: ['short', 2], 4: ['int', 4], 5: ['float', 4], 6: ['double', 8],
  7: ['ubyte', 1], 8: ['ushort', 2], 9: ['uint', 4], 10: ['int64', 8], 11: ['uint64', 8],
};

/** Size in bytes of one value of a netCDF-3 type. */
export function cdf3TypeSize(t: NcType): number {
  for (const [name, size] of Object.values(TYPES)) if (name === t) return size;
  throw new Error(`not a netCDF-3 type: ${t}`);
}

/** A malformed-header error at byte `offset` (the caller adds the file). */
function headerError(message: string, offset: number): TensorIOError {
  return new TensorIOError(message, { offset }, { message });
}

/**
 * Parses a header from the start of a file. Throws {@link HeaderTruncated} when `buf` is too short
 * (and `buf` is not the whole file) and `Error` with the byte offset for malformed content.
 */
export function parseCdf3Header(buf: Uint8Array, isWholeFile: boolean): Cdf3Header {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  const need = (n: number): void => {
    if (pos + n > buf.byteLength) {
      if (isWholeFile) throw headerError(`header truncated at offset ${pos}: needs ${n} more bytes, file has ${buf.byteLength}`, pos);
      throw new HeaderTruncated();
    }
  };
  const magic = String.fromCharCode(buf[0] ?? 0, buf[1] ?? 0, buf[2] ?? 0);
  const v = buf[3];
  if (buf.byteLength < 4 || magic !== 'CDF' || (v !== 1 && v !== 2 && v !== 5)) {
    throw headerError('not a netCDF-3 file (magic is not CDF\\x01, CDF\\x02 or CDF\\x05)', 0);
  }
  const version = v as 1 | 2 | 5;
  pos = 4;
  const u32 = (): number => { need(4); const x = dv.getUint32(pos); pos += 4; return x; };
  const u64 = (): number => {
    need(8); const hi = dv.getUint32(pos); const lo = dv.getUint32(pos + 4); pos += 8;
    if (hi > 0x1fffff) throw headerError(`64-bit value at offset ${pos - 8} too large`, pos - 8);
    return hi * 2 ** 32 + lo;
  };
  const count = version === 5 ? u64 : u32;
  const name = (): string => {
    const at = pos;
    const n = count();
    if (n > buf.byteLength && isWholeFile) throw headerError(`name length ${n} at offset ${at} exceeds the file`, at);
    need(n + ((4 - (n % 4)) % 4));
    const s = new TextDecoder().decode(buf.subarray(pos, pos + n));
    pos += n + ((4 - (n % 4)) % 4);
    return s;
  };
  const listHeader = (tag: number, what: string): number => {
    const at = pos;
    const t = u32();
    const n = count();
    if (t === 0 && n === 0) return 0;
    if (t !== tag) throw headerError(`expected ${what} list tag ${tag} at offset ${at}, found ${t}`, at);
    return n;
  };
  const attrs = (): Record<string, NcAttribute> => {
    const out: Record<string, NcAttribute> = {};
    const n = listHeader(12, 'attribute');
    for (let i = 0; i < n; i++) {
      const at = pos;
      const key = name();
      const code = u32();
      const tp = TYPES[code];
      if (!tp) throw headerError(`attribute '${key}' at offset ${at}: unknown type code ${code}`, at);
      const nel = count();
      const bytes = nel * tp[1];
      if (isWholeFile && bytes > buf.byteLength) throw headerError(`attribute '${key}' at offset ${at}: ${nel} values exceed the file`, at);
      need(bytes + ((4 - (bytes % 4)) % 4));
      out[key] = readValues(dv, pos, tp[0], nel);
      pos += bytes + ((4 - (bytes % 4)) % 4);
    }
    return out;
  };

  need(version === 5 ? 8 : 4);
  const streaming = version === 5 ? dv.getUint32(pos) === 0xffffffff && dv.getUint32(pos + 4) === 0xffffffff
    : dv.getUint32(pos) === 0xffffffff;
  const rawRecs = streaming ? (pos += version === 5 ? 8 : 4, -1) : count();
  const numrecs = rawRecs;
  const dims: Cdf3Header['dims'] = [];
  const ndims = listHeader(10, 'dimension');
  for (let i = 0; i < ndims; i++) {
    const dname = name();
    const size = count();
    dims.push({ name: dname, size: size === 0 ? Math.max(numrecs, 0) : size, unlimited: size === 0 });
  }
  const attributes = attrs();
  const vars: Cdf3Var[] = [];
  const nvars = listHeader(11, 'variable');
  for (let i = 0; i < nvars; i++) {
    const at = pos;
    const vname = name();
    const nd = count();
    if (nd > 1024) throw headerError(`variable '${vname}' at offset ${at}: ${nd} dimensions`, at);
    const dimIds: number[] = [];
    for (let d = 0; d < nd; d++) {
      const id = count();
      if (id >= dims.length) throw headerError(`variable '${vname}' at offset ${at}: dimension id ${id} out of range`, at);
      dimIds.push(id);
    }
    const vattrs = attrs();
    const code = u32();
    const tp = TYPES[code];
    if (!tp || (version !== 5 && code > 6)) throw headerError(`variable '${vname}' at offset ${at}: unknown type code ${code}`, at);
    count(); // vsize: recomputed by the reader (it overflows for variables > 4 GiB)
    const begin = version === 1 ? u32() : u64();
    vars.push({ name: vname, dimIds, attributes: vattrs, ncType: tp[0], begin, isRecord: nd > 0 && dims[dimIds[0]!]!.unlimited });
  }
  const format: NetcdfFormat = version === 1 ? 'netcdf3-classic' : version === 2 ? 'netcdf3-64bit-offset' : 'netcdf3-64bit-data';
  return { version, format, numrecs, dims, attributes, vars, size: pos };
}

function readValues(dv: DataView, pos: number, type: NcType, n: number): NcAttribute {
  if (type === 'char') {
    const bytes = new Uint8Array(dv.buffer, dv.byteOffset + pos, n);
    let end = n;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return { type, value: new TextDecoder().decode(bytes.subarray(0, end)) };
  }
  if (type === 'int64' || type === 'uint64') {
    const out: bigint[] = [];
    for (let i = 0; i < n; i++) out.push(type === 'int64' ? dv.getBigInt64(pos + 8 * i) : dv.getBigUint64(pos + 8 * i));
    return { type, value: out };
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    switch (type) {
      case 'byte': out.push(dv.getInt8(pos + i)); break;
      case 'ubyte': out.push(dv.getUint8(pos + i)); break;
      case 'short': out.push(dv.getInt16(pos + 2 * i)); break;
      case 'ushort': out.push(dv.getUint16(pos + 2 * i)); break;
      case 'int': out.push(dv.getInt32(pos + 4 * i)); break;
      case 'uint': out.push(dv.getUint32(pos + 4 * i)); break;
      case 'float': out.push(dv.getFloat32(pos + 4 * i)); break;
      default: out.push(dv.getFloat64(pos + 8 * i));
    }
  }
  return { type, value: out };
}
