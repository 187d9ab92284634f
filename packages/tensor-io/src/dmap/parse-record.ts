import {
  DMAP_ARRAY_CTOR, DMAP_TYPE_NAME, DMAP_TYPE_SIZE, DmapRecord,
  type DmapArray, type DmapArrayData, type DmapLazyFields, type DmapSchema, type DmapScalarValue, type DmapTypeName,
} from './types.js';

/** RST DATACODE, the first int32 of every record. */
export const DMAP_RECORD_CODE = 0x00010001;
/** Bytes of the record header: code, size, number of scalars, number of arrays. */
export const DMAP_HEADER_BYTES = 16;

/** A format fault inside one record: `at` is the byte position in the buffer being parsed. */
export class DmapFault extends Error {
  constructor(readonly at: number, readonly reason: string, readonly field?: string) {
    super(reason);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Checks a record header at `p` (needs 16 bytes) and returns the record size, or an explanation
 * of why these bytes cannot start a record.
 */
export function checkHeader(dv: DataView, p: number, maxRecordBytes: number): number | string {
  const code = dv.getInt32(p, true);
  const size = dv.getInt32(p + 4, true);
  const ns = dv.getInt32(p + 8, true);
  const na = dv.getInt32(p + 12, true);
  if (code !== DMAP_RECORD_CODE) {
    const head = dv.getUint32(p, false);
    if (head >>> 8 === 0x425a68) return 'bytes "BZh" found where a record should start: a bzip2 stream inside the DMAP data';
    if (head === 0x31415926) return 'bytes look like a bzip2 block (file compressed but not detected?)';
    return `bad record code 0x${(code >>> 0).toString(16).padStart(8, '0')} (expected 0x00010001)`;
  }
  if (size < DMAP_HEADER_BYTES) return `record size ${size} is smaller than the 16-byte header`;
  if (size > maxRecordBytes) return `record size ${size} exceeds maxRecordBytes ${maxRecordBytes}`;
  if (ns < 0 || na < 0 || ns + na > size) return `implausible field counts (${ns} scalars, ${na} arrays) for a ${size}-byte record`;
  return size;
}

const nameCache = new Map<number, string>();

/** Reads a NUL-terminated latin1 string at `p` before `end`; returns it and the position after the NUL. */
function readCString(buf: Uint8Array, p: number, end: number, what: string): string {
  let h = 0;
  let q = p;
  while (q < end) {
    const b = buf[q];
    if (b === 0) break;
    h = (Math.imul(h, 31) + b) | 0;
    q++;
  }
  if (q >= end) throw new DmapFault(p, `unterminated ${what} (no NUL before the record end)`);
  const len = q - p;
  if (len <= 64) {
    const key = (h ^ (len << 24)) | 0;
    const hit = nameCache.get(key);
    if (hit !== undefined && hit.length === len) {
      let same = true;
      for (let i = 0; i < len; i++) if (hit.charCodeAt(i) !== buf[p + i]) { same = false; break; }
      if (same) return hit;
    }
    let s = '';
    for (let i = p; i < q; i++) s += String.fromCharCode(buf[i]);
    if (nameCache.size > 8192) nameCache.clear();
    nameCache.set(key, s);
    return s;
  }
  return Buffer.from(buf.buffer, buf.byteOffset + p, len).toString('latin1');
}

function readScalar(dv: DataView, p: number, type: DmapTypeName): DmapScalarValue {
  switch (type) {
    case 'char': return dv.getInt8(p);
    case 'short': return dv.getInt16(p, true);
    case 'int': return dv.getInt32(p, true);
    case 'float': return dv.getFloat32(p, true);
    case 'double': return dv.getFloat64(p, true);
    case 'long': return dv.getBigInt64(p, true);
    case 'uchar': return dv.getUint8(p);
    case 'ushort': return dv.getUint16(p, true);
    case 'uint': return dv.getUint32(p, true);
    case 'ulong': return dv.getBigUint64(p, true);
    default: throw new Error(`unreachable scalar type ${type}`);
  }
}

/**
 * Unaligned arrays are copied into shared 1 MiB slabs (bump allocation, 8-byte aligned) instead of
 * one small ArrayBuffer each: per-array buffers made the garbage collector dominate parsing.
 */
const SLAB_BYTES = 1 << 20;
let slab = new Uint8Array(0);
let slabPos = 0;

function copyAligned(buf: Uint8Array, abs: number, bytes: number): { buffer: ArrayBuffer; offset: number } {
  if (slabPos + bytes > slab.length) {
    slab = new Uint8Array(Math.max(SLAB_BYTES, bytes));
    slabPos = 0;
  }
  const offset = slabPos;
  slab.set(new Uint8Array(buf.buffer, abs, bytes), offset);
  slabPos = (offset + bytes + 7) & ~7;
  return { buffer: slab.buffer, offset };
}

function readArrayData(buf: Uint8Array, p: number, n: number, type: Exclude<DmapTypeName, 'string'>): DmapArrayData {
  const Ctor = DMAP_ARRAY_CTOR[type];
  const size = DMAP_TYPE_SIZE[type];
  const abs = buf.byteOffset + p;
  if (LITTLE_ENDIAN) {
    if (abs % size === 0) return new Ctor(buf.buffer as ArrayBuffer, abs, n);
    const c = copyAligned(buf, abs, n * size);
    return new Ctor(c.buffer, c.offset, n);
  }
  const dv = new DataView(buf.buffer, abs, n * size);
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) (out as unknown as unknown[])[i] = readScalar(dv, i * size, type);
  return out;
}

const TYPE_BY_CODE: (DmapTypeName | undefined)[] = Array.from({ length: 256 }, (_, c) => DMAP_TYPE_NAME[c]);
const SIZE_BY_CODE: number[] = Array.from({ length: 256 }, (_, c) => (DMAP_TYPE_NAME[c] ? DMAP_TYPE_SIZE[DMAP_TYPE_NAME[c]] : 0));

/** Field layout caches: the schema last seen for each (scalar count, array count). */
const schemaCache = new Map<number, { schema: DmapSchema; sBytes: Uint8Array[]; aBytes: Uint8Array[] }>();

function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** Name at `p` if its bytes (and NUL) equal `want`, else undefined. */
function sameName(buf: Uint8Array, p: number, end: number, want: Uint8Array | undefined): boolean {
  if (want === undefined) return false;
  const n = want.length;
  if (p + n >= end || buf[p + n] !== 0) return false;
  for (let i = 0; i < n; i++) if (buf[p + i] !== want[i]) return false;
  return true;
}

function loadArray(lazy: DmapLazyFields, i: number): DmapArray {
  const { buf, layout, schema } = lazy;
  const type = schema.arrayTypes[i];
  const dimsAt = layout[4 * i];
  const ndim = layout[4 * i + 1];
  const dataAt = layout[4 * i + 2];
  const n = layout[4 * i + 3];
  const dv = new DataView(buf.buffer, buf.byteOffset + dimsAt, 4 * ndim);
  const dims = new Array<number>(ndim);
  for (let d = 0; d < ndim; d++) dims[ndim - 1 - d] = dv.getInt32(4 * d, true);
  if (type === 'string') {
    const data: string[] = new Array(n);
    for (let k = 0, p = dataAt; k < n; k++) {
      let q = p;
      while (buf[q] !== 0) q++;
      data[k] = Buffer.from(buf.buffer, buf.byteOffset + p, q - p).toString('latin1');
      p = q + 1;
    }
    return { type, dims, data };
  }
  return { type, dims, data: readArrayData(buf, dataAt, n, type) } as DmapArray;
}

/**
 * Parses and validates the record at `start` whose size was checked by {@link checkHeader} and
 * which lies entirely in `buf`. Scalars are decoded now; arrays are located and bounds-checked
 * now and decoded on first access. Throws {@link DmapFault} at the first inconsistency.
 */
export function parseRecord(buf: Uint8Array, dv: DataView, start: number): DmapRecord {
  const size = dv.getInt32(start + 4, true);
  const ns = dv.getInt32(start + 8, true);
  const na = dv.getInt32(start + 12, true);
  const end = start + size;
  const key = ns * 65536 + na;
  const cached = schemaCache.get(key);
  let match = cached !== undefined;
  const sNames = match ? cached!.schema.scalarNames : new Array<string>(ns);
  const sTypes = match ? cached!.schema.scalarTypes : new Array<DmapTypeName>(ns);
  let newSNames: string[] | undefined;
  let newSTypes: DmapTypeName[] | undefined;
  const values = new Array<DmapScalarValue>(ns);
  let p = start + DMAP_HEADER_BYTES;
  for (let i = 0; i < ns; i++) {
    let name: string;
    if (match && sameName(buf, p, end, cached!.sBytes[i])) name = sNames[i];
    else name = readCString(buf, p, end, `name of scalar ${i}`);
    p += name.length + 1;
    if (p >= end) throw new DmapFault(p, 'record ends before the scalar type byte', name);
    const code = buf[p];
    const type = TYPE_BY_CODE[code];
    if (type === undefined) throw new DmapFault(p, `unknown scalar type code ${code}`, name);
    if (match && (name !== sNames[i] || type !== sTypes[i])) {
      match = false;
      newSNames = sNames.slice(0, i);
      newSTypes = sTypes.slice(0, i);
    }
    if (!match) {
      (newSNames ??= sNames)[i] = name;
      (newSTypes ??= sTypes)[i] = type;
    }
    p++;
    if (type === 'string') {
      let q = p;
      while (q < end && buf[q] !== 0) q++;
      if (q >= end) throw new DmapFault(p, 'unterminated string value', name);
      values[i] = q - p <= 24 ? readCString(buf, p, end, 'string value') : Buffer.from(buf.buffer, buf.byteOffset + p, q - p).toString('latin1');
      p = q + 1;
    } else {
      const sz = SIZE_BY_CODE[code];
      if (p + sz > end) throw new DmapFault(p, `record ends inside the ${type} value`, name);
      values[i] = sz === 2 && code === 2 ? dv.getInt16(p, true) : readScalar(dv, p, type);
      p += sz;
    }
  }
  const aNames = match ? cached!.schema.arrayNames : new Array<string>(na);
  const aTypes = match ? cached!.schema.arrayTypes : new Array<DmapTypeName>(na);
  let newANames: string[] | undefined = match ? undefined : aNames;
  let newATypes: DmapTypeName[] | undefined = match ? undefined : aTypes;
  const layout = new Int32Array(4 * na);
  for (let i = 0; i < na; i++) {
    let name: string;
    if (match && sameName(buf, p, end, cached!.aBytes[i])) name = aNames[i];
    else name = readCString(buf, p, end, `name of array ${i}`);
    p += name.length + 1;
    if (p + 5 > end) throw new DmapFault(p, 'record ends inside the array header', name);
    const code = buf[p];
    const type = TYPE_BY_CODE[code];
    if (type === undefined) throw new DmapFault(p, `unknown array type code ${code}`, name);
    if (match && (name !== aNames[i] || type !== aTypes[i])) {
      match = false;
      newSNames = sNames;
      newSTypes = sTypes;
      newANames = aNames.slice(0, i);
      newATypes = aTypes.slice(0, i);
    }
    if (!match) { newANames![i] = name; newATypes![i] = type; }
    const ndim = dv.getInt32(p + 1, true);
    p += 5;
    if (ndim < 1 || ndim > 16 || p + 4 * ndim > end) throw new DmapFault(p - 4, `invalid number of dimensions ${ndim}`, name);
    let n = 1;
    for (let d = 0; d < ndim; d++) {
      const v = dv.getInt32(p + 4 * d, true);
      if (v < 0 || v > size) throw new DmapFault(p + 4 * d, `invalid dimension ${v}`, name);
      n *= v;
    }
    layout[4 * i] = p;
    layout[4 * i + 1] = ndim;
    p += 4 * ndim;
    layout[4 * i + 2] = p;
    layout[4 * i + 3] = n;
    if (type === 'string') {
      for (let k = 0; k < n; k++) {
        while (p < end && buf[p] !== 0) p++;
        if (p >= end) throw new DmapFault(p, `unterminated string ${k} of a string array`, name);
        p++;
      }
      continue;
    }
    const bytes = n * SIZE_BY_CODE[code];
    if (p + bytes > end) throw new DmapFault(p, `array data (${bytes} bytes for ${n} values) runs past the record end`, name);
    p += bytes;
  }
  if (p !== end) throw new DmapFault(p, `record declares ${size} bytes but its fields end after ${p - start}`);
  let schema: DmapSchema;
  if (match && cached !== undefined) schema = cached.schema;
  else {
    const sn = newSNames ?? sNames;
    const st = newSTypes ?? sTypes;
    const an = newANames ?? aNames;
    const at = newATypes ?? aTypes;
    schema = {
      scalarNames: sn, scalarTypes: st, arrayNames: an, arrayTypes: at,
      scalarIndex: new Map(sn.map((n, i) => [n, i])), arrayIndex: new Map(an.map((n, i) => [n, i])),
    };
    if (schemaCache.size > 64) schemaCache.clear();
    schemaCache.set(key, { schema, sBytes: sn.map(latin1Bytes), aBytes: an.map(latin1Bytes) });
  }
  return DmapRecord.fromLazy({ schema, values, buf, layout, load: loadArray });
}
